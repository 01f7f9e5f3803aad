/* tests/unit/test_parser.c — lang/parser: ast_dump of lx_parse's tree equals
 * python3's `ast.dump(ast.parse(src))` for representative snippets, and
 * syntax errors carry python3's message and line.  Every expected value is
 * computed by running python3 at test time, never typed by hand. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang/builders.h"
#include "lang/parser.h"
#include "runtime/object.h"

/* The operator numbers lang/ mirrors must agree with runtime/object.h. */
#define SAME(a, b) _Static_assert((int)(a) == (int)(b), #a " mirrors " #b)
SAME(AUG_ADD, BIN_ADD);
SAME(AUG_SUB, BIN_SUB);
SAME(AUG_MUL, BIN_MUL);
SAME(AUG_TRUEDIV, BIN_TRUEDIV);
SAME(AUG_FLOORDIV, BIN_FLOORDIV);
SAME(AUG_MOD, BIN_MOD);
SAME(AUG_POW, BIN_POW);
SAME(AUG_LSHIFT, BIN_LSHIFT);
SAME(AUG_RSHIFT, BIN_RSHIFT);
SAME(AUG_AND, BIN_AND);
SAME(AUG_OR, BIN_OR);
SAME(AUG_XOR, BIN_XOR);
SAME(AUG_MATMUL, BIN_MATMUL);
SAME(UN_NEG_, UN_NEG);
SAME(UN_POS_, UN_POS);
SAME(UN_INVERT_, UN_INVERT);
SAME(UN_NOT_, UN_NOT);
SAME(CMPK_LT, CMP_LT);
SAME(CMPK_LE, CMP_LE);
SAME(CMPK_EQ, CMP_EQ);
SAME(CMPK_NE, CMP_NE);
SAME(CMPK_GT, CMP_GT);
SAME(CMPK_GE, CMP_GE);
SAME(CMPK_IS, CMPX_IS);
SAME(CMPK_IS_NOT, CMPX_IS_NOT);
SAME(CMPK_IN, CMPX_IN);
SAME(CMPK_NOT_IN, CMPX_NOT_IN);

/* Run python3 on src with a helper script; returns its stdout (malloc'd). */
static char *python(const char *script, const char *src) {
    char path[] = "/tmp/minipy_test_parser_XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    size_t n = strlen(src);
    cr_assert(write(fd, src, n) == (ssize_t)n);
    close(fd);
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "python3 -c \"%s\" %s", script, path);
    FILE *f = popen(cmd, "r");
    cr_assert(f, "popen python3");
    size_t cap = 4096, len = 0;
    char *out = malloc(cap);
    size_t got;
    while ((got = fread(out + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len < 2) out = realloc(out, cap *= 2);
    }
    out[len] = 0;
    pclose(f);
    unlink(path);
    while (len && out[len - 1] == '\n') out[--len] = 0;
    return out;
}

#define PY_DUMP "import ast,sys; print(ast.dump(ast.parse(open(sys.argv[1]).read(), mode=sys.argv[2] if len(sys.argv)>2 else 'exec')))"
#define PY_ERR                                                                      \
    "import sys\n"                                                                  \
    "try:\n"                                                                        \
    "    compile(open(sys.argv[1], 'rb').read(), 'f', 'exec')\n"                   \
    "    print('OK')\n"                                                             \
    "except SyntaxError as e:\n"                                                    \
    "    print(type(e).__name__); print(e.lineno); print(e.msg)"

static void check_dump(const char *src) {
    char *expected = python(PY_DUMP, src);
    Arena a;
    ast_arena_init(&a);
    SyntaxErrorInfo err;
    AstModule *m = lx_parse(&a, src, strlen(src), "<test>", PARSE_FILE, &err);
    cr_assert(m, "parse failed for %s: %s (line %d)", src, err.msg, err.lineno);
    char *got = ast_dump(&a, m);
    cr_expect_str_eq(got, expected, "source:\n%s", src);
    ast_arena_free(&a);
    free(expected);
}

static const char *kind_name(SyntaxErrorKind k) {
    return k == SE_TAB ? "TabError" : k == SE_INDENTATION ? "IndentationError" : "SyntaxError";
}

static void check_error(const char *src) {
    char *expected = python(PY_ERR, src);
    cr_assert(strcmp(expected, "OK") != 0, "python3 accepts %s", src);
    Arena a;
    ast_arena_init(&a);
    SyntaxErrorInfo err;
    AstModule *m = lx_parse(&a, src, strlen(src), "<test>", PARSE_FILE, &err);
    cr_assert(!m, "minipy accepts:\n%s", src);
    char got[512];
    snprintf(got, sizeof got, "%s\n%d\n%s", kind_name(err.kind), err.lineno, err.msg);
    cr_expect_str_eq(got, expected, "source:\n%s", src);
    ast_arena_free(&a);
    free(expected);
}

static const char *const dump_cases[] = {
    "print(1)\n",
    "x = 1\na = b = c\na, *b = c\n[a, b], c = d\n",
    "x += 1; y -= 2; z **= 3; w //= 4; v @= 5; u >>= 1; t <<= 2; s &= 1; r |= 2; q ^= 3; p %= 4\n",
    "x: int = 1\ny: list[int]\n(z): int = 3\na.b: int\n",
    "del a, b[0], c.d\ndel (a, b)\ndel (a), [b]\n",
    "def f():\n    return\n    return 1, 2\n    return *a, b\n",
    "raise\nraise E\nraise E from c\n",
    "global a, b\nnonlocal c\nassert x\nassert x, 'msg'\n",
    "import a.b as c, d\nfrom . import x\nfrom ..a.b import (c as d, e)\nfrom m import *\nfrom .... import y\n",
    "if a:\n    pass\nelif b:\n    x = 1\nelif c:\n    y\nelse:\n    z\n",
    "while x:\n    break\nelse:\n    pass\nfor x, y in z:\n    continue\nelse:\n    pass\n",
    "try:\n    pass\nexcept E as e:\n    pass\nexcept (A, B):\n    pass\nexcept:\n    pass\n"
    "else:\n    pass\nfinally:\n    pass\n",
    "try:\n    pass\nexcept* E as e:\n    pass\nexcept* (A, B):\n    pass\nelse:\n    pass\n"
    "finally:\n    pass\n",
    "with a as b, c as (d, e), f:\n    pass\nwith (a as b, c):\n    pass\nwith (a, b):\n    pass\n"
    "with (a, b) as c:\n    pass\n",
    "@dec\n@dec2(1)\ndef f(a, b=1, /, c=2, *args, d, e=3, **kw) -> int:\n    return a\n",
    "def f(a, b: int = 2, *, c: str, **k): pass\ndef g(*, a): pass\ndef h(a, /): pass\n",
    "class A(B, C, metaclass=M, **kw):\n    x = 1\n    def f(self): pass\nclass B: pass\n@d\nclass D(): pass\n",
    "f = lambda: 0\ng = lambda x, y=1, *a, z, **k: x\nh = lambda *, a: a\ni = lambda a, /, b: a\n",
    "x = a if b else c\ny = a or b or c\nz = a and b and c or d\nw = (a or b) or c\nv = not not a\n",
    "a < b <= c == d != e > f >= g\na in b\na not in b\na is b\na is not b\n(a < b) < c\n",
    "x = a | b ^ c & d << e >> f + g - h * i / j // k % l @ m\ny = -a ** -b\nz = -2**2\nv = a ** b ** c\n",
    "a.b.c\na[1:2, ::3]\na[:]\na[::]\na[1:]\na[::2]\na[1, 2]\na[1,]\na[()]\na[*b]\nf(x)(y)[z].w\n",
    "f()\nf(a, *b, c, d=1, *e, **g)\nf(x for x in y)\nf(**k, a=1)\nf(a,)\n",
    "...\nNone\nTrue\nFalse\n1\n1.5\n0x1F\n0o17\n0b101\n1_000_000\n1e10\n1.\n.5\n1e-3\n00\n1e400\n"
    "123456789012345678901234567890\n0xffffffffffffffffffffffffffff\n",
    "'a'\n\"b\"\n'''c'''\n'a' 'b'\nb'x' b'y'\nr'\\n'\nrb'\\x'\nR'a'\nRb'b' BR'c'\n"
    "'\\n\\t\\\\\\'\\\"\\a\\b\\f\\v\\r\\0\\7\\77\\177\\x41\\u1234\\U0001F600'\n'a\\\nb'\nb'\\x00\\xff'\n'\\q'\n",
    "\"it's\"\n'say \"hi\"'\n'both \\' and \"'\n'\xc3\xa9'\n'\\x80\\xa0\\xad'\n",
    "f'x'\nf'{x}'\nf'{x!r}'\nf'{x!s:>10}'\nf'{x:{y}.{z}}'\nf'{x=}'\nf'{x = }'\nf'{x=!s}'\nf'{x=:>5}'\n",
    "f'{{}}'\nf'a{{b}}c{d}e'\n'a' f'{b}' 'c'\nf''\nF'{x}' rf'\\n{y}'\nf'{a[\"b\"]}'\nf'{x,y}'\nf'{3.14:.2f}'\n",
    "()\n(1,)\n(1, 2)\n[1, 2, *a]\n[]\n{}\n{1, 2}\n{1: 2, **a, 3: 4}\n{*a, b}\n((a))\n",
    "[x for x in y]\n[x for x in y if a if b for z in w if c]\n{x for x in y}\n{k: v for k, v in y}\n"
    "(x for x in y)\n[x for x, in y]\n",
    "def f():\n    yield\n    yield 1\n    yield 1, 2\n    yield from g\n    x = yield\n    y = yield 1\n",
    "match = 1\ncase = 2\nmatch.x = 3\nmatch[1] = 4\nprint(match, case)\ntype = 5\n_ = 6\n",
    "if x: pass\nwhile y: pass\nfor a in b: pass\nclass A: x = 1; y = 2\ndef f(): return 1\n",
    "x = [\n  1,\n  2,\n]\ny = (1 +\n     2)\nz = 1 + \\\n    2\n",
    "if a:\n  if b:\n      pass\n  else:\n      pass\nelif c:\n  pass\n",
    "x = 1 if a else 2 if b else 3\nlambda: (yield)\n",
    "a = b = c = d = 1\nx, = y\n[x] = y\n(x) = y\na.b = c[d] = e\n",
    "\xc3\xa9 = 1\nna\xc3\xafve = 2\n",
    "def g(a=1, /, b=2, *c, d=3, **e): pass\n",
    "# comment\n\n   \n  # indented comment\nx = 1 # trailing\n",
    "x = 1;\n\n\n# end",
    "if True:\n\tx = 1\n\tif x:\n\t\ty = 2\n",
    "class C:\n    '''doc'''\n    def m(self, *a, **k):\n        return super().m(*a, **k)\n",
    "for i in range(3):\n    print(i, end=' ')\nprint()\n",
    "if (n := len(a)) > 1:\n    pass\nwhile x := f():\n    pass\nf(y := 1, z)\n[a := 1, *b]\n{c := 2}\n"
    "x[i := 0]\n[y := g(v) for v in w]\n(t := 1 for u in v)\n",
    "match x:\n    case {}: pass\n    case {1: a, 'k': [b, *c], **r}: pass\n    case C(): pass\n"
    "    case a.b.C(1, (2, 3), k=[], j=None) if g: pass\n    case [*_, *r] | () | [x]: pass\n"
    "    case (1 as y) | None | True | False | -1 | a.b | 'c' 'd' | b'e': pass\n"
    "    case (p, q) | [p, q, *_]: pass\n    case _:\n        pass\n",
    "match a, *b:\n    case 1, 2: pass\n    case *r, 1,: pass\nmatch (x := f()):\n    case y if (z := y): pass\n"
    "match = 1\ncase = match\nmatch(x)\nmatch[1] = 2\n_ = case\nmatch.x: int\n",
    "def f(*args: *Ts, k: int = 1) -> r: pass\nx: int\ny: 'str' = 1\n",
};

Test(parser, dumps_match_cpython) {
    for (size_t i = 0; i < sizeof dump_cases / sizeof *dump_cases; i++) check_dump(dump_cases[i]);
}

Test(parser, eval_and_single_modes) {
    Arena a;
    ast_arena_init(&a);
    SyntaxErrorInfo err;
    AstModule *m = lx_parse(&a, "1 + 2\n", 6, "<e>", PARSE_EVAL, &err);
    cr_assert(m);
    cr_expect_str_eq(ast_dump(&a, m),
                     "Expression(body=BinOp(left=Constant(value=1), op=Add(), right=Constant(value=2)))");
    m = lx_parse(&a, "x = 1; y\n", 9, "<s>", PARSE_SINGLE, &err);
    cr_assert(m);
    char *want = python("import ast,sys; print(ast.dump(ast.parse(open(sys.argv[1]).read(), mode='single')))",
                        "x = 1; y\n");
    cr_expect_str_eq(ast_dump(&a, m), want);
    free(want);
    m = lx_parse(&a, "x = 1\ny = 2\n", 12, "<s>", PARSE_SINGLE, &err);
    cr_expect(!m);
    ast_arena_free(&a);
}

static const char *const error_cases[] = {
    "try:\n    pass\nexcept* E:\n    pass\nexcept F:\n    pass\n",
    "try:\n    pass\nexcept E:\n    pass\nexcept* F:\n    pass\n",
    "try:\n    pass\nexcept*:\n    pass\n",
    "if x\n  pass\n",
    "if x:\npass\n",
    "def f():\n",
    "class A:\n",
    "try:\n  pass\nexcept:\n",
    "for x in y:\nz",
    "while x:\n",
    "if x:\n  pass\nelse:\nz",
    "  x\n",
    "if x:\n    a\n  b\n",
    "'abc\n",
    "'''abc\n\n",
    "(1,\n2\n",
    "x)\n",
    "(1]\n",
    "012\n",
    "1abc\n",
    "0x1g\n",
    "1_\n",
    "b'a' 'b'\n",
    "1 = x\n",
    "f() = 1\n",
    "del f()\n",
    "a, b += 1\n",
    "None = 1\n",
    "[a, 1] = x\n",
    "f(a+1=2)\n",
    "f(a=1, b)\n",
    "f(**k, *a)\n",
    "f(**k, a)\n",
    "f(x for x in y, 1)\n",
    "def f(a=1, b): pass\n",
    "def f(*): pass\n",
    "def f(a, /, b, /): pass\n",
    "def f(*a, /): pass\n",
    "def f(**k, a): pass\n",
    "x = $\n",
    "x = 1 \xe2\x82\xac 2\n",
    "if x:\n\tpass\n        pass\n",
    "(a, b): int\n",
    "f(): int\n",
    "del 1\n",
    "x = 1 2\n",
    "f(a b)\n",
    "x = [1, 2\ny = 3\n",
    "\xff = 1\n",
    "f'{x!z}'\n",
    "f'}'\n",
    "f'{'\n",
    "((((\n",
    "else: pass\n",
    "x = 'a' b'b'\n",
    "print 'hello'\n",
    "if x = 1: pass\n",
    "from a import b,\n",
    "x = \\\n",
    "x := 1\n",
    "(a.b := 1)\n",
    "x.y := 1\n",
    "y = x := 1\n",
    "f(y=x := 1)\n",
    "(x := 1) = 2\n",
    "del (x := 1)\n",
    "[y for x in z if y := x]\n",
    "match x:\n    case {y: 1}: pass\n",
    "match x:\n    case {**_}: pass\n",
    "match x:\n    case {**r, 'a': 1}: pass\n",
    "match x:\n    case a as _: pass\n",
    "match x:\n    case C(a=1, b): pass\n",
    "match x:\n    case f'{x}': pass\n",
    "match x:\n    case 1 + 2: pass\n",
    "match x:\n    case -y: pass\n",
    "match x:\n    case *x: pass\n",
    "match x:\npass\n",
    "match x:\n    case 1:\n    pass\n",
    "match x:\n    pass\n",
};

Test(parser, errors_match_cpython) {
    for (size_t i = 0; i < sizeof error_cases / sizeof *error_cases; i++) check_error(error_cases[i]);
}

/* Deep nesting must give a clean SyntaxError, never a C stack overflow. */
Test(parser, deep_nesting) {
    size_t n = 100000;
    char *src = malloc(4 * n + 8);
    const char *pieces[] = {"(", "-", "not ", "[", "lambda: "};
    for (size_t k = 0; k < sizeof pieces / sizeof *pieces; k++) {
        size_t len = 0, pl = strlen(pieces[k]);
        for (size_t i = 0; i < n && len + pl < 4 * n; i++) memcpy(src + len, pieces[k], pl), len += pl;
        src[len++] = '1';
        Arena a;
        ast_arena_init(&a);
        SyntaxErrorInfo err;
        AstModule *m = lx_parse(&a, src, len, "<deep>", PARSE_FILE, &err);
        cr_expect(!m, "deep %s accepted", pieces[k]);
        cr_expect(err.msg[0], "no message");
        ast_arena_free(&a);
    }
    Arena a;
    ast_arena_init(&a);
    SyntaxErrorInfo err;
    memset(src, '(', 201);
    memset(src + 201, ')', 201);
    cr_expect(!lx_parse(&a, src, 402, "<deep>", PARSE_FILE, &err));
    cr_expect_str_eq(err.msg, "too many nested parentheses");
    cr_expect_eq(err.col, 201);
    ast_arena_free(&a);
    free(src);
}

Test(parser, refused_constructs) {
    struct { const char *src, *msg; } cases[] = {
        {"def f[T](x): pass\n", "type parameter syntax is not supported by minipy"},
        {"class A[T]: pass\n", "type parameter syntax is not supported by minipy"},
        {"type X = int\n", "'type' statement is not supported by minipy"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Arena a;
        ast_arena_init(&a);
        SyntaxErrorInfo err;
        AstModule *m = lx_parse(&a, cases[i].src, strlen(cases[i].src), "<r>", PARSE_FILE, &err);
        cr_expect(!m, "accepted: %s", cases[i].src);
        cr_expect_str_eq(err.msg, cases[i].msg, "source: %s", cases[i].src);
        ast_arena_free(&a);
    }
}

Test(parser, incomplete_input) {
    struct { const char *src; bool incomplete; } cases[] = {
        {"if x:\n", true},
        {"def f(a,\n", true},
        {"s = '''abc\n", true},
        {"x = 1 + \\\n", true},
        {"for x in y:\n", true},
        {"x = )\n", false},
        {"x = 1 +\n", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Arena a;
        ast_arena_init(&a);
        SyntaxErrorInfo err;
        AstModule *m = lx_parse(&a, cases[i].src, strlen(cases[i].src), "<stdin>", PARSE_SINGLE, &err);
        cr_expect(!m);
        cr_expect_eq(err.incomplete, cases[i].incomplete, "source: %s", cases[i].src);
        ast_arena_free(&a);
    }
}

Test(parser, match_and_case_stay_identifiers) {
    const char *src = "match = [1]\nmatch[0] = 2\nmatch: int = 3\ncase = match\n";
    check_dump(src);
}

/* async def / for / with, await, async comprehensions (CPython's Async* nodes). */
static const char *const async_dump_cases[] = {
    "async def f(a, *b) -> int:\n    return await g(a)\n",
    "@d\nasync def f():\n    async for x, y in z:\n        pass\n    else:\n        pass\n",
    "async def f():\n    async with a as b, c:\n        pass\n    async with (a as b, c as d):\n        pass\n",
    "async def f():\n    print(await x ** 2, -await y, await z.a[1](2), await (yield))\n",
    "async def f():\n    return [x async for x in y if await x], {k: v for k in a async for v in k}\n",
    "async def f():\n    return (await x async for x in y), f(x async for x in y)\n",
    "class C:\n    async def m(self):\n        yield await self.n()\n",
    "async def f():\n    x = await y\n    a[await b] = f(await c, k=await d)\n"
    "    return await x if await c else not await y\n",
    "async def f():\n    x ** await y\n    await x and await y\n    {await x: await y}\n    (await x).a\n",
    "if x:\n    async def f(): pass\nelse:\n    @a.b(1)\n    async def f(): pass\n",
};

Test(parser, async_dumps_match_cpython) {
    for (size_t i = 0; i < sizeof async_dump_cases / sizeof *async_dump_cases; i++)
        check_dump(async_dump_cases[i]);
}

static const char *const async_error_cases[] = {
    "async x\n",
    "await = 1\n",
    "async = 1\n",
    "async def f():\n    return await\n",
    "async def f():\nx\n",
    "async def f():\n    async for x in y:\n    pass\n",
    "async def f():\n    async with x:\n    pass\n",
    "async def f():\n    await -x\n",
    "async def f():\n  await x = 1\n",
    "async def f():\n  await x += 1\n",
};

Test(parser, async_errors_match_cpython) {
    for (size_t i = 0; i < sizeof async_error_cases / sizeof *async_error_cases; i++)
        check_error(async_error_cases[i]);
}
