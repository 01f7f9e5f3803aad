/* tests/unit/test_verify.c — vm/verify.c: each rejection reason, with
 * hand-built bad code objects; compiled code always passes. */
#include <criterion/criterion.h>
#include <string.h>

#include "compiler/compiler.h"
#include "runtime/callable.h"
#include "vm/verify.h"
#include "vm/vm.h"

enum {
#define OP(name, operand, pops, pushes, jpops, jpushes) T_##name,
#include "vm/opcodes.def"
#undef OP
    T__COUNT
};

static VM vm;

static void setup(void)
{
    VMConfig cfg = {0};
    char *argv[] = {"test_verify", NULL};
    cr_assert(vm_init(&vm, &cfg, 1, argv), "vm_init");
}

static void teardown(void) { vm_free(&vm); }

TestSuite(verify, .init = setup, .fini = teardown);

/* A module-level code object: consts (None, 'abc', 1), names ('x',), one
 * local 'a' (for the LOCAL cases the flags make it a function). */
static Code *mk(const Insn *insns, uint32_t n, uint32_t stacksize, const ExcEntry *exc, uint32_t nexc)
{
    uint32_t lines[64];
    for (uint32_t i = 0; i < n; i++)
        lines[i] = 1;
    Code *c = rt_code_new(&vm, insns, n, lines, exc, nexc);
    c->consts = rt_tuple_pack(&vm, 3, rt_None, rt_str_from_cstr(&vm, "abc"), v_from_small(1));
    c->names = rt_tuple_pack(&vm, 1, rt_str_intern_cstr(&vm, "x"));
    c->varnames = rt_tuple_pack(&vm, 1, rt_str_intern_cstr(&vm, "a"));
    c->nlocals = 1;
    c->name = c->qualname = rt_str_intern_cstr(&vm, "<module>");
    c->stacksize = stacksize;
    c->flags = CO_MODULE;
    c->firstlineno = 1;
    return c;
}

#define I(op, arg) INSN(T_##op, arg)
#define N(a) (sizeof(a) / sizeof((a)[0]))

static void expect(const Insn *insns, uint32_t n, uint32_t ss, const char *reason)
{
    Code *c = mk(insns, n, ss, NULL, 0);
    const char *why = vm_verify_code(&vm, c);
    if (!reason)
        cr_assert_null(why, "unexpected rejection: %s", why);
    else
        cr_assert_str_eq(why ? why : "(accepted)", reason);
}

Test(verify, minimal_ok)
{
    Insn p[] = {I(LOAD_CONST, 0), I(RETURN_VALUE, 0)};
    expect(p, N(p), 1, NULL);
}

Test(verify, operand_checks)
{
    Insn a[] = {INSN(T__COUNT, 0), I(RETURN_VALUE, 0)};
    expect(a, N(a), 1, "unknown opcode");
    Insn b[] = {I(LOAD_CONST, 3), I(RETURN_VALUE, 0)};
    expect(b, N(b), 1, "constant index out of range");
    Insn c[] = {I(LOAD_NAME, 1), I(RETURN_VALUE, 0)};
    expect(c, N(c), 1, "name index out of range");
    Insn d[] = {I(LOAD_FAST, 1), I(RETURN_VALUE, 0)};
    expect(d, N(d), 1, "local index out of range");
    Insn e[] = {I(LOAD_DEREF, 0), I(RETURN_VALUE, 0)};
    expect(e, N(e), 1, "cell index out of range");
    Insn f[] = {I(JUMP, 9)};
    expect(f, N(f), 1, "jump target out of range");
    Insn g[] = {I(LOAD_CONST, 0), I(RETURN_VALUE, 1)};
    expect(g, N(g), 1, "nonzero operand for an opcode without one");
    Insn h[] = {I(LOAD_CONST, 2), I(LOAD_CONST, 2), I(BINARY_OP, 99), I(RETURN_VALUE, 0)};
    expect(h, N(h), 2, "bad operand");
    Insn k[] = {I(LOAD_CONST, 0), I(YIELD_VALUE, 0), I(RETURN_VALUE, 0)};
    expect(k, N(k), 1, "yield outside a generator");
}

Test(verify, stack_checks)
{
    Insn a[] = {I(POP_TOP, 0), I(LOAD_CONST, 0), I(RETURN_VALUE, 0)};
    expect(a, N(a), 1, "stack underflow");
    Insn b[] = {I(LOAD_CONST, 0), I(LOAD_CONST, 0), I(POP_TOP, 0), I(RETURN_VALUE, 0)};
    expect(b, N(b), 1, "stack depth exceeds stacksize");
    Insn c[] = {I(LOAD_CONST, 0), I(POP_TOP, 0)};
    expect(c, N(c), 1, "execution falls off the end of the code");
    /* if x: push one value else: push two; then join */
    Insn d[] = {I(LOAD_CONST, 0), I(POP_JUMP_IF_FALSE, 3), I(LOAD_CONST, 0), I(LOAD_CONST, 0),
                I(RETURN_VALUE, 0)};
    expect(d, N(d), 2, "inconsistent stack depth at a jump target");
    Insn e[] = {I(PUSH_NULL, 0), I(RETURN_VALUE, 0)};
    expect(e, N(e), 1, "null marker used as a value");
    Insn f[] = {I(LOAD_CONST, 0), I(LOAD_CONST, 0), I(LIST_APPEND, 1), I(RETURN_VALUE, 0)};
    expect(f, N(f), 2, "container operation on a value of the wrong kind");
    Insn g[] = {I(LOAD_CONST, 1), I(MAKE_FUNCTION, 0), I(RETURN_VALUE, 0)};
    expect(g, N(g), 1, "MAKE_FUNCTION of a value that is not a code object");
    Insn h[] = {I(LOAD_CONST, 2), I(BUILD_STRING, 1), I(RETURN_VALUE, 0)};
    expect(h, N(h), 1, "BUILD_STRING of a value that is not a str");
    Insn i[] = {I(LOAD_CONST, 0), I(POP_EXCEPT, 0), I(LOAD_CONST, 0), I(RETURN_VALUE, 0)};
    expect(i, N(i), 1, "POP_EXCEPT without a saved exception");
    /* a loop that grows the stack each time round */
    Insn j[] = {I(LOAD_CONST, 0), I(JUMP, 0)};
    expect(j, N(j), 8, "inconsistent stack depth at a jump target");
}

Test(verify, exception_table)
{
    Insn p[] = {I(LOAD_CONST, 0), I(RETURN_VALUE, 0), I(POP_TOP, 0), I(LOAD_CONST, 0),
                I(RETURN_VALUE, 0)};
    ExcEntry ok = {0, 2, 2, 0};
    cr_assert_null(vm_verify_code(&vm, mk(p, N(p), 1, &ok, 1)));
    ExcEntry range = {0, 9, 2, 0};
    cr_assert_str_eq(vm_verify_code(&vm, mk(p, N(p), 1, &range, 1)), "exception table entry out of range");
    ExcEntry handler = {0, 2, 7, 0};
    cr_assert_str_eq(vm_verify_code(&vm, mk(p, N(p), 1, &handler, 1)), "exception table entry out of range");
    ExcEntry deep = {0, 2, 2, 1};
    cr_assert_str_eq(vm_verify_code(&vm, mk(p, N(p), 2, &deep, 1)),
                     "exception handler depth above the protected stack");
    Insn r[] = {I(LOAD_CONST, 0), I(RETURN_VALUE, 0), I(RERAISE, 0)};
    cr_assert_null(vm_verify_code(&vm, mk(r, N(r), 1, &ok, 1)));
}

Test(verify, shape_checks)
{
    Insn p[] = {I(LOAD_CONST, 0), I(RETURN_VALUE, 0)};
    Code *c = mk(p, N(p), 1, NULL, 0);
    c->nlocals = 2;
    cr_assert_str_eq(vm_verify_code(&vm, c), "variable counts disagree with the name tuples");
    c = mk(p, N(p), 1, NULL, 0);
    c->argcount = 1;
    cr_assert_str_eq(vm_verify_code(&vm, c), "not a module code object");
    c = mk(p, N(p), 1, NULL, 0);
    c->flags = CO_GENERATOR;
    cr_assert_str_eq(vm_verify_code(&vm, c), "not a module code object");
    Code *fn = mk(p, N(p), 1, NULL, 0);
    fn->flags = 0;
    fn->argcount = 2;
    c = mk(p, N(p), 1, NULL, 0);
    c->consts = rt_tuple_pack(&vm, 1, v_from(fn));
    cr_assert_str_eq(vm_verify_code(&vm, c), "parameter counts exceed the locals");
    /* a cell read before the prologue made it */
    Insn cell[] = {I(LOAD_DEREF, 0), I(RETURN_VALUE, 0)};
    fn = mk(cell, N(cell), 1, NULL, 0);
    fn->flags = 0;
    fn->cellvars = rt_tuple_pack(&vm, 1, rt_str_intern_cstr(&vm, "cv"));
    fn->ncells = 1;
    c = mk(p, N(p), 1, NULL, 0);
    c->consts = rt_tuple_pack(&vm, 1, v_from(fn));
    cr_assert_str_eq(vm_verify_code(&vm, c), "cell prologue missing");
    c = mk(p, N(p), 1, NULL, 0);
    c->names = rt_tuple_pack(&vm, 1, v_from_small(3));
    cr_assert_str_eq(vm_verify_code(&vm, c), "a name tuple holds something other than str");
    c = mk(p, N(p), 1, NULL, 0);
    c->consts = rt_tuple_pack(&vm, 1, rt_list_new(&vm, 0));
    cr_assert_str_eq(vm_verify_code(&vm, c), "constant of a type code objects cannot hold");
    c = mk(p, N(p), 1, NULL, 0);
    rt_free(&vm, c->lines, c->ninsns * sizeof(uint32_t));
    c->lines = NULL;
    cr_assert_str_eq(vm_verify_code(&vm, c), "line table missing");
    c = mk(p, N(p), 1, NULL, 0);
    c->flags |= 1u << 20;
    cr_assert_str_eq(vm_verify_code(&vm, c), "unknown code flags");
    c = mk(p, N(p), 1, NULL, 0);
    c->stacksize = 1u << 30;
    cr_assert_str_eq(vm_verify_code(&vm, c), "frame too large");
    c = mk(NULL, 0, 1, NULL, 0);
    cr_assert_str_eq(vm_verify_code(&vm, c), "no instructions");
    /* nested code objects are checked too */
    Insn bad[] = {I(RETURN_VALUE, 0)};
    Code *inner = mk(bad, N(bad), 1, NULL, 0);
    c = mk(p, N(p), 1, NULL, 0);
    c->consts = rt_tuple_pack(&vm, 1, v_from(inner));
    cr_assert_str_eq(vm_verify_code(&vm, c), "stack underflow");
}

static const char *big_src =
    "import os.path as osp\n"
    "from sys import argv, path as p\n"
    "X = {'a': [1, 2, (3, 4)], **{}}\n"
    "def gen(n, *, k=1, **kw):\n"
    "    yield from range(n)\n"
    "    x = yield k\n"
    "def f(a, /, b=2, *args, c, d=4, **kw):\n"
    "    nonlocal_test = 1\n"
    "    def g(y):\n"
    "        nonlocal nonlocal_test\n"
    "        nonlocal_test += y\n"
    "        return a + y\n"
    "    try:\n"
    "        r = [g(i) for i in range(a) if i in {1, 2, 3}]\n"
    "        s = {i: j for i, j in zip(r, r)}\n"
    "        t = {i for i in r}\n"
    "        u = list(i * 2 for i in r)\n"
    "    except (ValueError, TypeError) as e:\n"
    "        raise RuntimeError('x') from e\n"
    "    except Exception:\n"
    "        pass\n"
    "    else:\n"
    "        return r\n"
    "    finally:\n"
    "        print('done')\n"
    "    while a > 0:\n"
    "        a -= 1\n"
    "        if a == 3: break\n"
    "        elif a == 4: continue\n"
    "    else:\n"
    "        pass\n"
    "    for q in r:\n"
    "        with open(q) as fh, open(q) as gh:\n"
    "            fh.write(f'{q!r:>{a}} {b}')\n"
    "    lam = lambda z, *w, **v: (z, w, v)\n"
    "    a, *rest, b = [1, 2, 3, 4]\n"
    "    del rest\n"
    "    assert a, 'msg'\n"
    "    return lam(*args, **kw) if a and not b or c else x[1:2:3]\n"
    "class C(object):\n"
    "    z = 'héllo'\n"
    "    def m(self):\n"
    "        return super().m() + __class__.z\n"
    "    @property\n"
    "    def p(self): return self.z\n"
    "global_var = [C().p for _ in range(3)]\n";

Test(verify, compiled_code_passes)
{
    Code *c = cg_compile_source(&vm, big_src, strlen(big_src), "<test>", PARSE_FILE, 0);
    cr_assert(c, "compile failed");
    const char *why = vm_verify_code(&vm, c);
    cr_assert_null(why, "compiled code rejected: %s", why);
    Code *o = cg_compile_source(&vm, big_src, strlen(big_src), "<test>", PARSE_FILE, 2);
    cr_assert(o);
    why = vm_verify_code(&vm, o);
    cr_assert_null(why, "compiled -OO code rejected: %s", why);
}
