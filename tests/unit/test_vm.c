/* tests/unit/test_vm.c — the eval loop, calls, generators and exceptions,
 * driven through small programs compiled from source. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "compiler/compiler.h"
#include "runtime/state.h"
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

/* Runs src as a module; returns repr(result) (or "<exc>: message"). */
static const char *run(const char *src)
{
    static char out[4096];
    Code *code = cg_compile_source(&vm, src, strlen(src), "<test>", PARSE_FILE, 0);
    Value r = VNULL;
    if (code) {
        Dict *g = rt_dict_alloc(&vm);
        rt_dict_set_cstr(&vm, g, "__name__", rt_str_from_cstr(&vm, "__main__"));
        if (vm_run_code(&vm, code, g, VNULL)) {
            r = rt_dict_get_cstr(&vm, g, "result");
            if (!r) r = rt_None;
        }
    }
    if (!r) {
        Value line = rt_exc_format_line(&vm, vm.exc);
        vm.exc = VNULL;
        snprintf(out, sizeof out, "%s", line ? v_cstr(line) : "?");
        return out;
    }
    Value s = rt_repr(&vm, r);
    snprintf(out, sizeof out, "%s", s ? v_cstr(s) : "?");
    return out;
}

#define CHECK(src, expected) cr_assert_str_eq(run(src), expected)

TestSuite(vm, .init = setup, .fini = teardown);

Test(vm, arithmetic_and_loops)
{
    CHECK("result = 2 + 3 * 4", "14");
    CHECK("result = 7 // -2, 7 % -2, -7 // 2, 2 ** 100 > 0", "(-4, -1, -4, True)");
    CHECK("result = 4611686018427387903 + 1", "4611686018427387904");
    CHECK("t = 0\nfor i in range(10):\n    t += i\nresult = t", "45");
    CHECK("t = 0\ni = 0\nwhile i < 100:\n    i += 1\n    if i % 2: continue\n    t += i\nresult = t",
          "2550");
    CHECK("result = [x * x for x in [1, 2, 3] if x != 2]", "[1, 9]");
    CHECK("result = 1.5 + 2, 3 / 2, 'a' + 'b', 'ab' == 'ab'", "(3.5, 1.5, 'ab', True)");
}

Test(vm, calls_and_binding)
{
    CHECK("def f(a, b=2, *args, c, d=4, **kw):\n    return a, b, args, c, d, kw\n"
          "result = f(1, c=3), f(1, 5, 6, 7, c=8, e=9)",
          "((1, 2, (), 3, 4, {}), (1, 5, (6, 7), 8, 4, {'e': 9}))");
    CHECK("def f(a, b): pass\nf(1, 2, 3)",
          "TypeError: f() takes 2 positional arguments but 3 were given");
    CHECK("def f(x, y): pass\nf()",
          "TypeError: f() missing 2 required positional arguments: 'x' and 'y'");
    CHECK("def f(*, k): pass\nf()", "TypeError: f() missing 1 required keyword-only argument: 'k'");
    CHECK("def f(x): pass\nf(z=1)", "TypeError: f() got an unexpected keyword argument 'z'");
    CHECK("def f(x): pass\nf(1, x=1)", "TypeError: f() got multiple values for argument 'x'");
    CHECK("def f(a, /): pass\nf(a=1)",
          "TypeError: f() got some positional-only arguments passed as keyword arguments: 'a'");
    CHECK("class A:\n    def m(self): pass\nA().m(1)",
          "TypeError: A.m() takes 1 positional argument but 2 were given");
    CHECK("def f(*a, **k): return a, k\nresult = f(*[1, 2], **{'x': 3})", "((1, 2), {'x': 3})");
    CHECK("def f(): pass\nf(*5)", "TypeError: __main__.f() argument after * must be an iterable, not int");
}

Test(vm, closures_and_classes)
{
    CHECK("def mk():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n"
          "    return inc\ni = mk()\ni()\nresult = i()", "2");
    CHECK("class A:\n    x = 1\n    def __init__(self, y): self.y = y\n    def get(self): return self.x + self.y\n"
          "class B(A):\n    def get(self): return super().get() * 10\nresult = B(2).get()", "30");
}

Test(vm, generators)
{
    CHECK("def g(n):\n    for i in range(n):\n        yield i\nresult = list(g(4))", "[0, 1, 2, 3]");
    CHECK("def g():\n    x = yield 1\n    yield x * 2\nit = g()\nnext(it)\nresult = it.send(21)", "42");
    CHECK("def inner():\n    yield 1\n    return 5\ndef outer():\n    r = yield from inner()\n    yield r\n"
          "result = list(outer())", "[1, 5]");
    CHECK("def g():\n    yield 1\n    raise StopIteration\nlist(g())", "RuntimeError: generator raised StopIteration");
    CHECK("def g():\n    try:\n        yield 1\n    except ValueError:\n        yield 'caught'\n"
          "it = g()\nnext(it)\nresult = it.throw(ValueError)", "'caught'");
}

Test(vm, exceptions)
{
    CHECK("try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    result = str(e)", "'division by zero'");
    CHECK("def f():\n    try:\n        raise KeyError('k')\n    finally:\n        pass\n"
          "try:\n    f()\nexcept LookupError:\n    result = 'ok'", "'ok'");
    CHECK("raise", "RuntimeError: No active exception to reraise");
    CHECK("a, b = 1, 2, 3", "ValueError: too many values to unpack (expected 2)");
    CHECK("a, b, c = [1, 2]", "ValueError: not enough values to unpack (expected 3, got 2)");
    CHECK("a, *b, c = (1,)", "ValueError: not enough values to unpack (expected at least 2, got 1)");
    CHECK("a, b = 5", "TypeError: cannot unpack non-iterable int object");
    CHECK("print(undefined_name)", "NameError: name 'undefined_name' is not defined");
    CHECK("def f():\n    x\n    x = 1\nf()",
          "UnboundLocalError: cannot access local variable 'x' where it is not associated with a value");
    CHECK("try:\n    pass\nexcept 5:\n    pass\nresult = 1", "1");
    CHECK("try:\n    1/0\nexcept 5:\n    pass",
          "TypeError: catching classes that do not inherit from BaseException is not allowed");
    CHECK("raise 5", "TypeError: exceptions must derive from BaseException");
}

Test(vm, recursion_limit)
{
    CHECK("def f(n): return f(n + 1)\nf(0)", "RecursionError: maximum recursion depth exceeded");
    CHECK("def f(n): return 0 if n == 0 else 1 + f(n - 1)\nresult = f(900)", "900");
}

/* Runs src in globals g; returns repr(g['result']) or the exception line. */
static const char *run_in(Dict *g, const char *src)
{
    static char out[4096];
    Code *code = cg_compile_source(&vm, src, strlen(src), "<test>", PARSE_FILE, 0);
    Value r = code && vm_run_code(&vm, code, g, VNULL) ? rt_dict_get_cstr(&vm, g, "result") : VNULL;
    if (!r && !vm.exc) r = rt_None;
    if (!r) {
        Value line = rt_exc_format_line(&vm, vm.exc);
        vm.exc = VNULL;
        snprintf(out, sizeof out, "%s", line ? v_cstr(line) : "?");
        return out;
    }
    Value s = rt_repr(&vm, r);
    snprintf(out, sizeof out, "%s", s ? v_cstr(s) : "?");
    return out;
}

/* types.coroutine's effect: a generator whose code has CO_ITERABLE_COROUTINE
 * may be awaited, and may `yield from` a coroutine (Python code cannot set
 * the flag until code.replace() and function.__code__ assignment exist). */
Test(vm, generator_based_coroutines)
{
    Dict *g = rt_dict_alloc(&vm);
    rt_dict_set_cstr(&vm, g, "__name__", rt_str_from_cstr(&vm, "__main__"));
    const char *defs =
        "def sleep0():\n    x = yield 'tick'\n    return x\n"
        "async def main():\n    return await sleep0()\n"
        "async def coro():\n    return 'from coro'\n"
        "def delegate():\n    return (yield from coro())\n"
        "def drive(c):\n    first = c.send(None)\n    try:\n        c.send(7)\n"
        "    except StopIteration as e:\n        return first, e.value\n";
    cr_assert_str_eq(run_in(g, defs), "None");
    cr_assert_str_eq(run_in(g, "result = drive(main())"),
                     "TypeError: object generator can't be used in 'await' expression");
    cr_assert_str_eq(run_in(g, "result = list(delegate())"),
                     "TypeError: cannot 'yield from' a coroutine object in a non-coroutine generator");
    const char *flagged[] = {"sleep0", "delegate"};
    for (int i = 0; i < 2; i++) {
        Value f = rt_dict_get_cstr(&vm, g, flagged[i]);
        cr_assert(f && v_is(f, &rt_function_type));
        ((Function *)v_obj(f))->code->flags |= CO_ITERABLE_COROUTINE;
    }
    cr_assert_str_eq(run_in(g, "result = drive(main())"), "('tick', 7)");
    cr_assert_str_eq(run_in(g, "c = main()\nc.send(None)\nresult = type(c.cr_await).__name__"),
                     "'generator'");
    cr_assert_str_eq(run_in(g, "try:\n    next(delegate())\nexcept StopIteration as e:\n    result = e.value"),
                     "'from coro'");
    cr_assert_str_eq(run_in(g, "async def m2():\n    return await delegate()\n"
                               "try:\n    m2().send(None)\nexcept StopIteration as e:\n    result = e.value"),
                     "'from coro'");
}
