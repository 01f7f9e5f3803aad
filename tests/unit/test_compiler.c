/* tests/unit/test_compiler.c — the compiler: disassembly of small functions
 * (minipy's own dis format, reasoned out from vm/opcodes.def), stack depths,
 * exception tables, constant folding and compile-time errors. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "compiler/compiler.h"
#include "runtime/state.h"
#include "vm/dis.h"
#include "vm/vm.h"

static VM vm;

static void setup(void)
{
    VMConfig cfg;
    memset(&cfg, 0, sizeof cfg);
    char *argv[] = {"minipy", NULL};
    cr_assert(vm_init(&vm, &cfg, 1, argv), "vm_init failed");
}

static void teardown(void) { vm_free(&vm); }

TestSuite(compiler, .init = setup, .fini = teardown);

static Code *compile_opt(const char *src, int optimize)
{
    Code *code = cg_compile_source(&vm, src, strlen(src), "t.py", PARSE_FILE, optimize);
    if (!code) {
        Value line = vm.exc ? rt_exc_format_line(&vm, vm.exc) : VNULL;
        cr_log_error("compile failed: %s", line ? v_cstr(line) : "?");
    }
    return code;
}

/* The first code object named `name` among code's constants (recursively). */
static Code *find_code(Code *code, const char *name)
{
    if (strcmp(v_cstr(code->name), name) == 0)
        return code;
    Tuple *t = v_tuple(code->consts);
    for (size_t i = 0; i < t->len; i++) {
        if (!v_is(t->items[i], &rt_code_type))
            continue;
        Code *r = find_code((Code *)v_obj(t->items[i]), name);
        if (r)
            return r;
    }
    return NULL;
}

static Code *compile_fn(const char *src, const char *name, int optimize)
{
    Code *code = compile_opt(src, optimize);
    cr_assert(code != NULL);
    Code *fn = find_code(code, name);
    cr_assert(fn != NULL, "no code object %s", name);
    return fn;
}

/* Disassembly of one code object without its nested ones. */
static const char *dis_only(Code *code)
{
    static char out[16384];
    StrBuf sb;
    sb_init(&sb);
    cr_assert(vm_dis_code(&vm, code, &sb));
    size_t n = sb.len < sizeof out - 1 ? sb.len : sizeof out - 1;
    memcpy(out, sb.data, n);
    out[n] = '\0';
    sb_free(&sb);
    char *nested = strstr(out, "\nDisassembly of");
    if (nested)
        nested[0] = '\0';
    return out;
}

static const char *dis_fn(const char *src, const char *name)
{
    return dis_only(compile_fn(src, name, 0));
}

/* "SyntaxError: msg (line N)" for a source that must not compile. */
static const char *compile_error(const char *src)
{
    static char out[512];
    Code *code = cg_compile_source(&vm, src, strlen(src), "t.py", PARSE_FILE, 0);
    cr_assert(code == NULL, "expected a SyntaxError");
    cr_assert(vm.exc != VNULL);
    Value msg = rt_getattr_cstr(&vm, vm.exc, "msg");
    Value line = rt_getattr_cstr(&vm, vm.exc, "lineno");
    cr_assert(msg != VNULL && line != VNULL);
    snprintf(out, sizeof out, "%s: %s (line %lld)", rt_type_name(vm.exc), v_cstr(msg),
             (long long)v_small(line));
    vm.exc = VNULL;
    return out;
}

Test(compiler, arithmetic_function)
{
    cr_assert_str_eq(dis_fn("def f(a, b):\n    return a + b * 2\n", "f"),
                     "  2          0 LOAD_FAST                0 (a)\n"
                     "             1 LOAD_FAST                1 (b)\n"
                     "             2 LOAD_CONST               0 (2)\n"
                     "             3 BINARY_OP                2 (*)\n"
                     "             4 BINARY_OP                0 (+)\n"
                     "             5 RETURN_VALUE\n");
    Code *f = compile_fn("def f(a, b):\n    return a + b * 2\n", "f", 0);
    cr_assert_eq(f->stacksize, 3);
    cr_assert_eq(f->argcount, 2);
    cr_assert_eq(f->nlocals, 2);
    cr_assert_eq(f->nexc, 0);
}

Test(compiler, closure_cell_parameter)
{
    const char *src = "def clo(x):\n    def g():\n        return x\n    return g\n";
    cr_assert_str_eq(dis_fn(src, "clo"),
                     "  1          0 MAKE_CELL                0 (x)\n"
                     "             1 LOAD_FAST                0 (x)\n"
                     "             2 STORE_DEREF              0 (x)\n"
                     "\n"
                     "  2          3 LOAD_CLOSURE             0 (x)\n"
                     "             4 BUILD_TUPLE              1\n"
                     "             5 LOAD_CONST               0 (<code object g, file \"t.py\", line 2>)\n"
                     "             6 MAKE_FUNCTION            4 (closure)\n"
                     "             7 STORE_FAST               1 (g)\n"
                     "\n"
                     "  4          8 LOAD_FAST                1 (g)\n"
                     "             9 RETURN_VALUE\n");
    cr_assert_str_eq(dis_fn(src, "g"), "  3          0 LOAD_DEREF               0 (x)\n"
                                       "             1 RETURN_VALUE\n");
    Code *g = compile_fn(src, "g", 0);
    cr_assert_eq(g->nfrees, 1);
    cr_assert_str_eq(v_cstr(g->qualname), "clo.<locals>.g");
    cr_assert(g->flags & CO_NESTED);
}

Test(compiler, try_except_finally_table)
{
    const char *src = "def tr():\n"
                      "    try:\n"
                      "        a()\n"
                      "    except ValueError as e:\n"
                      "        b(e)\n"
                      "    except KeyError:\n"
                      "        pass\n"
                      "    finally:\n"
                      "        c()\n";
    Code *tr = compile_fn(src, "tr", 0);
    const char *d = dis_only(tr);
    /* The handler prologue and the `as e` cleanup, CPython 3.11's shape. */
    cr_assert(strstr(d, "  4    >>    5 PUSH_EXC_INFO\n"
                        "             6 LOAD_GLOBAL              1 (ValueError)\n"
                        "             7 CHECK_EXC_MATCH\n"
                        "             8 POP_JUMP_IF_FALSE       24 (to 24)\n"
                        "             9 STORE_FAST               0 (e)\n") != NULL, "%s", d);
    cr_assert(strstr(d, "            15 POP_EXCEPT\n"
                        "            16 LOAD_CONST               0 (None)\n"
                        "            17 STORE_FAST               0 (e)\n"
                        "            18 DELETE_FAST              0 (e)\n"
                        "            19 JUMP                    34 (to 34)\n") != NULL, "%s", d);
    cr_assert(strstr(d, "ExceptionTable:\n"
                        "  0 to 3 -> 5 [0]\n"
                        "  4 to 4 -> 39 [0]\n"
                        "  5 to 9 -> 31 [1]\n"
                        "  10 to 14 -> 20 [1]\n"
                        "  15 to 19 -> 39 [0]\n"
                        "  20 to 27 -> 31 [1]\n"
                        "  28 to 29 -> 39 [0]\n"
                        "  30 to 30 -> 31 [1]\n"
                        "  31 to 33 -> 39 [0]\n"
                        "  39 to 44 -> 45 [1]\n") != NULL, "%s", d);
    /* Handlers: [prev, exc] plus a type being matched. */
    cr_assert_eq(tr->stacksize, 4);
}

Test(compiler, with_statement)
{
    const char *src = "def wi(m):\n    with m as v:\n        v.go()\n";
    cr_assert_str_eq(dis_fn(src, "wi"),
                     "  2          0 LOAD_FAST                0 (m)\n"
                     "             1 BEFORE_WITH\n"
                     "             2 STORE_FAST               1 (v)\n"
                     "\n"
                     "  3          3 LOAD_FAST                1 (v)\n"
                     "             4 LOAD_METHOD              0 (go)\n"
                     "             5 CALL                     0\n"
                     "             6 POP_TOP\n"
                     "\n"
                     "  2          7 PUSH_NULL\n"
                     "             8 LOAD_CONST               0 (None)\n"
                     "             9 LOAD_CONST               0 (None)\n"
                     "            10 LOAD_CONST               0 (None)\n"
                     "            11 CALL                     3\n"
                     "            12 POP_TOP\n"
                     "            13 JUMP                    25 (to 25)\n"
                     "       >>   14 PUSH_EXC_INFO\n"
                     "            15 WITH_EXCEPT_START\n"
                     "            16 POP_JUMP_IF_TRUE        18 (to 18)\n"
                     "            17 RERAISE\n"
                     "       >>   18 POP_TOP\n"
                     "            19 POP_EXCEPT\n"
                     "            20 POP_TOP\n"
                     "            21 JUMP                    25 (to 25)\n"
                     "       >>   22 SWAP                     2\n"
                     "            23 POP_EXCEPT\n"
                     "            24 RERAISE\n"
                     "       >>   25 LOAD_CONST               0 (None)\n"
                     "            26 RETURN_VALUE\n"
                     "ExceptionTable:\n"
                     "  2 to 6 -> 14 [1]\n"
                     "  14 to 17 -> 22 [2]\n");
    /* [exit, None, None, None, null] on the normal exit; [exit, prev, exc, res]. */
    cr_assert_eq(compile_fn(src, "wi", 0)->stacksize, 5);
}

Test(compiler, chained_comparison)
{
    cr_assert_str_eq(dis_fn("def ch(a, b, c):\n    return a < b < c\n", "ch"),
                     "  2          0 LOAD_FAST                0 (a)\n"
                     "             1 LOAD_FAST                1 (b)\n"
                     "             2 SWAP                     2\n"
                     "             3 COPY                     2\n"
                     "             4 COMPARE_OP               0 (<)\n"
                     "             5 JUMP_IF_FALSE_OR_POP     9 (to 9)\n"
                     "             6 LOAD_FAST                2 (c)\n"
                     "             7 COMPARE_OP               0 (<)\n"
                     "             8 JUMP                    11 (to 11)\n"
                     "       >>    9 SWAP                     2\n"
                     "            10 POP_TOP\n"
                     "       >>   11 RETURN_VALUE\n");
}

Test(compiler, constant_folding)
{
    const char *d =
        dis_only(compile_opt("x = (2 ** 10 - 1, (1, 2, (3, -4)), 1 / 0, not 0, 'ab' * 2)\n", 0));
    cr_assert_str_eq(d, "  1          0 LOAD_CONST               0 (1023)\n"
                        "             1 LOAD_CONST               1 ((1, 2, (3, -4)))\n"
                        "             2 LOAD_CONST               2 (1)\n"
                        "             3 LOAD_CONST               3 (0)\n"
                        "             4 BINARY_OP                3 (/)\n"
                        "             5 LOAD_CONST               4 (True)\n"
                        "             6 LOAD_CONST               5 ('abab')\n"
                        "             7 BUILD_TUPLE              5\n"
                        "             8 STORE_NAME               0 (x)\n"
                        "             9 LOAD_CONST               6 (None)\n"
                        "            10 RETURN_VALUE\n");
    /* Huge results are left to run time. */
    d = dis_only(compile_opt("x = 2 ** 100000\n", 0));
    cr_assert(strstr(d, "BINARY_OP                6 (**)") != NULL, "%s", d);
}

Test(compiler, zero_argument_super)
{
    const char *src = "class B(A):\n    def m(self):\n        return super().m()\n";
    cr_assert_str_eq(dis_fn(src, "m"),
                     "  3          0 LOAD_GLOBAL              0 (super)\n"
                     "             1 PUSH_NULL\n"
                     "             2 LOAD_DEREF               0 (__class__)\n"
                     "             3 LOAD_FAST                0 (self)\n"
                     "             4 CALL                     2\n"
                     "             5 LOAD_METHOD              1 (m)\n"
                     "             6 CALL                     0\n"
                     "             7 RETURN_VALUE\n");
    Code *b = compile_fn(src, "B", 0);
    cr_assert(b->flags & CO_CLASS);
    cr_assert_eq(b->ncells, 1);
    const char *d = dis_only(b);
    cr_assert(strstr(d, "LOAD_CLOSURE             0 (__class__)\n"
                        "            11 STORE_NAME               4 (__classcell__)\n") != NULL,
              "%s", d);
    cr_assert_str_eq(v_cstr(compile_fn(src, "m", 0)->qualname), "B.m");
}

Test(compiler, calls)
{
    const char *src = "def calls(f, o, a, k):\n    f(1, k=2)\n    o.m(*a, **k)\n";
    cr_assert_str_eq(dis_fn(src, "calls"),
                     "  2          0 LOAD_FAST                0 (f)\n"
                     "             1 PUSH_NULL\n"
                     "             2 LOAD_CONST               0 (1)\n"
                     "             3 LOAD_CONST               1 (2)\n"
                     "             4 LOAD_CONST               2 (('k',))\n"
                     "             5 CALL_KW                  2\n"
                     "             6 POP_TOP\n"
                     "\n"
                     "  3          7 LOAD_FAST                1 (o)\n"
                     "             8 LOAD_ATTR                0 (m)\n"
                     "             9 LOAD_FAST                2 (a)\n"
                     "            10 BUILD_MAP                0\n"
                     "            11 LOAD_FAST                3 (k)\n"
                     "            12 DICT_MERGE               1\n"
                     "            13 CALL_EX\n"
                     "            14 POP_TOP\n"
                     "            15 LOAD_CONST               3 (None)\n"
                     "            16 RETURN_VALUE\n");
    /* With more than the one starred argument, the tuple is built. */
    cr_assert(strstr(dis_fn("def g(f, a):\n    f(1, *a)\n", "g"),
                     "  2          0 LOAD_FAST                0 (f)\n"
                     "             1 LOAD_CONST               0 (1)\n"
                     "             2 BUILD_LIST               1\n"
                     "             3 LOAD_FAST                1 (a)\n"
                     "             4 LIST_EXTEND              1\n"
                     "             5 LIST_TO_TUPLE\n"
                     "             6 PUSH_NULL\n"
                     "             7 CALL_EX\n") != NULL);
    cr_assert_eq(compile_fn(src, "calls", 0)->stacksize, 5);
}

Test(compiler, generators_and_comprehensions)
{
    Code *gen = compile_fn("def gen(it):\n    yield from it\n", "gen", 0);
    cr_assert(gen->flags & CO_GENERATOR);
    cr_assert_str_eq(dis_only(gen), "  2          0 LOAD_FAST                0 (it)\n"
                                    "             1 GET_YIELD_FROM_ITER\n"
                                    "             2 LOAD_CONST               0 (None)\n"
                                    "       >>    3 SEND                     6 (to 6)\n"
                                    "             4 YIELD_VALUE\n"
                                    "             5 JUMP                     3 (to 3)\n"
                                    "       >>    6 POP_TOP\n"
                                    "             7 LOAD_CONST               0 (None)\n"
                                    "             8 RETURN_VALUE\n");
    Code *lc = compile_fn("def f(xs):\n    return [x for x in xs if x]\n", "<listcomp>", 0);
    cr_assert_str_eq(v_cstr(lc->qualname), "f.<locals>.<listcomp>");
    cr_assert_str_eq(dis_only(lc), "  2          0 BUILD_LIST               0\n"
                                   "             1 LOAD_FAST                0 (.0)\n"
                                   "       >>    2 FOR_ITER                 9 (to 9)\n"
                                   "             3 STORE_FAST               1 (x)\n"
                                   "             4 LOAD_FAST                1 (x)\n"
                                   "             5 POP_JUMP_IF_FALSE        2 (to 2)\n"
                                   "             6 LOAD_FAST                1 (x)\n"
                                   "             7 LIST_APPEND              2\n"
                                   "             8 JUMP                     2 (to 2)\n"
                                   "       >>    9 RETURN_VALUE\n");
    Code *ge = compile_fn("g = (y for y in z)\n", "<genexpr>", 0);
    cr_assert(ge->flags & CO_GENERATOR);
}

Test(compiler, optimize_levels)
{
    const char *src = "def f(x):\n    \"\"\"doc\"\"\"\n    assert x, 'm'\n    return __debug__\n";
    Code *f0 = compile_fn(src, "f", 0);
    cr_assert(f0->flags & CO_HAS_DOCSTRING);
    cr_assert(strstr(dis_only(f0), "LOAD_ASSERTION_ERROR") != NULL);
    Code *f1 = compile_fn(src, "f", 1);
    cr_assert(strstr(dis_only(f1), "LOAD_ASSERTION_ERROR") == NULL);
    cr_assert_str_eq(dis_only(f1), "  4          0 LOAD_CONST               1 (False)\n"
                                   "             1 RETURN_VALUE\n");
    Code *f2 = compile_fn(src, "f", 2);
    cr_assert(!(f2->flags & CO_HAS_DOCSTRING));
}

Test(compiler, scope_errors)
{
    cr_assert_str_eq(compile_error("def f():\n    x = 1\n    global x\n"),
                     "SyntaxError: name 'x' is assigned to before global declaration (line 3)");
    cr_assert_str_eq(compile_error("def f():\n    print(x)\n    global x\n"),
                     "SyntaxError: name 'x' is used prior to global declaration (line 3)");
    cr_assert_str_eq(compile_error("nonlocal x\n"),
                     "SyntaxError: nonlocal declaration not allowed at module level (line 1)");
    cr_assert_str_eq(compile_error("def f():\n    nonlocal x\n"),
                     "SyntaxError: no binding for nonlocal 'x' found (line 2)");
    cr_assert_str_eq(compile_error("def f(a, a): pass\n"),
                     "SyntaxError: duplicate argument 'a' in function definition (line 1)");
    cr_assert_str_eq(compile_error("f(a=1, a=2)\n"),
                     "SyntaxError: keyword argument repeated: a (line 1)");
    cr_assert_str_eq(compile_error("class C:\n    def f():\n        nonlocal x\n"),
                     "SyntaxError: no binding for nonlocal 'x' found (line 3)");
}

Test(compiler, flow_errors)
{
    cr_assert_str_eq(compile_error("x = 1\nreturn x\n"),
                     "SyntaxError: 'return' outside function (line 2)");
    cr_assert_str_eq(compile_error("class C:\n    yield 1\n"),
                     "SyntaxError: 'yield' outside function (line 2)");
    cr_assert_str_eq(compile_error("break\n"), "SyntaxError: 'break' outside loop (line 1)");
    cr_assert_str_eq(compile_error("while 1:\n    def f():\n        continue\n"),
                     "SyntaxError: 'continue' not properly in loop (line 3)");
    cr_assert_str_eq(compile_error("a, *b, *c = d\n"),
                     "SyntaxError: multiple starred expressions in assignment (line 1)");
    cr_assert_str_eq(compile_error("class C(A, x=1, x=2): pass\n"),
                     "SyntaxError: keyword argument repeated: x (line 1)");
}

Test(compiler, break_through_finally_and_with)
{
    /* break inside try/finally inside a for loop runs the finally body, then
     * pops the iterator; the stack stays consistent (the assembler checks). */
    const char *src = "def f(xs, m):\n"
                      "    for x in xs:\n"
                      "        with m:\n"
                      "            try:\n"
                      "                if x: break\n"
                      "                return x\n"
                      "            finally:\n"
                      "                g()\n";
    Code *f = compile_fn(src, "f", 0);
    cr_assert(f->stacksize >= 6);
    cr_assert(f->nexc > 0);
}

Test(compiler, deterministic)
{
    const char *src = "def f(a, *b, c=1, **d):\n    return [a, b, c, d, {1: 2}, (1, 2.5, 'x')]\n"
                      "class K:\n    def m(self): return super().m()\n";
    char first[8192];
    StrBuf sb;
    sb_init(&sb);
    cr_assert(vm_dis_code(&vm, compile_opt(src, 0), &sb));
    snprintf(first, sizeof first, "%.*s", (int)sb.len, sb.data);
    sb_free(&sb);
    sb_init(&sb);
    cr_assert(vm_dis_code(&vm, compile_opt(src, 0), &sb));
    cr_assert_eq(strlen(first), sb.len);
    cr_assert(memcmp(first, sb.data, sb.len) == 0);
    sb_free(&sb);
}
