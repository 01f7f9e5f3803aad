/* tests/unit/test_runtime_str.c — str (repr quoting, indexing/slicing of
 * non-ASCII text, interning, methods), printf-style %, str.format and
 * bytes.  Each case is a Python expression over str/int literals: minipy's
 * answer is computed through the runtime API and compared with python3's. */
#include "tests/unit/oracle.h"

/* Run a python3 program; split its stdout into lines. */
static size_t python_lines(const char *prog, char **lines, size_t max)
{
    size_t k = 0;
    for (char *s = python(prog); *s && k < max;) {
        char *nl = strchr(s, '\n');
        if (!nl)
            break;
        *nl = 0;
        lines[k++] = s;
        s = nl + 1;
    }
    return k;
}

/* Equal strings, showing both on failure. */
static void check(const char *got, const char *want, const char *what)
{
    cr_assert(strcmp(got, want) == 0, "%s\n  got:  %s\n  want: %s", what, got, want);
}

static Value S(const char *s) { return rt_str_from_cstr(&vm, s); }

/* A Python-side expression printing repr(result) or "!Type: msg". */
static void add_case(char *prog, size_t cap, const char *expr)
{
    snprintf(prog + strlen(prog), cap - strlen(prog),
             "try: print(repr(%s))\nexcept Exception as e: print('!' + type(e).__name__ + ': ' + str(e))\n", expr);
}

TestSuite(str, .init = setup, .fini = teardown);

Test(str, repr_quoting_and_escapes)
{
    const char *vals[] = {"abc", "it's", "say \"hi\"", "both ' and \"", "tab\there\nnew\\", "\x01\x7f",
                          "caf\xc3\xa9", "\xc2\xa0nbsp", "\xe2\x80\xa8", "\xf0\x9f\x98\x80", "\xe4\xb8\xad\xe6\x96\x87", ""};
    size_t n = sizeof vals / sizeof *vals;
    char prog[8192] = "import sys\n";
    for (size_t i = 0; i < n; i++) {
        /* hand the exact bytes to python via a bytes literal */
        char lit[256] = "";
        for (const unsigned char *p = (const unsigned char *)vals[i]; *p; p++)
            snprintf(lit + strlen(lit), sizeof lit - strlen(lit), "\\x%02x", *p);
        snprintf(prog + strlen(prog), sizeof prog - strlen(prog),
                 "sys.stdout.buffer.write(repr(b'%s'.decode()).encode() + b'\\n')\n", lit);
    }
    char *lines[64];
    cr_assert_eq(python_lines(prog, lines, 64), n);
    for (size_t i = 0; i < n; i++)
        check(text(S(vals[i])), lines[i], vals[i]);
}

Test(str, interning_and_hash)
{
    Value a = rt_str_intern_cstr(&vm, "hello_world");
    Value b = rt_str_intern(&vm, "hello_world", 11);
    cr_assert_eq(a, b);
    Value c = S("hello_world");
    cr_assert_neq(a, c);
    cr_assert(rt_str_equal(a, c));
    cr_assert_eq(rt_str_hash(a), rt_str_hash(c));
    cr_assert_eq(rt_str_intern_value(&vm, c), a);
    for (int i = 0; i < 5000; i++) { /* growth keeps old entries */
        char buf[32];
        snprintf(buf, sizeof buf, "name%d", i);
        rt_str_intern_cstr(&vm, buf);
    }
    cr_assert_eq(rt_str_intern_cstr(&vm, "hello_world"), a);
    cr_assert_neq(rt_str_hash(a), -1);
    cr_assert(rt_str_cmp(S("a"), S("b")) < 0);
    cr_assert(rt_str_cmp(S("\xc3\xa9"), S("z")) > 0); /* code-point order */
}

Test(str, indexing_and_slicing)
{
    Value s = S("h\xc3\xa9llo w\xc3\xb6rld \xf0\x9f\x98\x80!");
    const char *pyexpr[] = {"s[1]", "s[-2]", "s[13]", "s[1:4]", "s[::-1]", "s[::3]", "s[-5:]", "s[100:]", "len(s)",
                            "s[3:1]"};
    char prog[4096] = "s = 'h\\xe9llo w\\xf6rld \\U0001f600!'\n";
    for (size_t i = 0; i < 10; i++)
        add_case(prog, sizeof prog, pyexpr[i]);
    char *lines[32];
    cr_assert_eq(python_lines(prog, lines, 32), 10);
    const char *got[10];
    got[0] = strdup(text(rt_getitem(&vm, s, v_from_small(1))));
    got[1] = strdup(text(rt_getitem(&vm, s, v_from_small(-2))));
    got[2] = strdup(text(rt_getitem(&vm, s, v_from_small(13))));
    got[3] = strdup(text(rt_getitem(&vm, s, rt_slice_new(&vm, v_from_small(1), v_from_small(4), rt_None))));
    got[4] = strdup(text(rt_getitem(&vm, s, rt_slice_new(&vm, rt_None, rt_None, v_from_small(-1)))));
    got[5] = strdup(text(rt_getitem(&vm, s, rt_slice_new(&vm, rt_None, rt_None, v_from_small(3)))));
    got[6] = strdup(text(rt_getitem(&vm, s, rt_slice_new(&vm, v_from_small(-5), rt_None, rt_None))));
    got[7] = strdup(text(rt_getitem(&vm, s, rt_slice_new(&vm, v_from_small(100), rt_None, rt_None))));
    got[8] = strdup(text(rt_int_from_i64(&vm, rt_len(&vm, s))));
    got[9] = strdup(text(rt_getitem(&vm, s, rt_slice_new(&vm, v_from_small(3), v_from_small(1), rt_None))));
    for (size_t i = 0; i < 10; i++)
        check(got[i], lines[i], pyexpr[i]);
    cr_assert_str_eq(text(rt_getitem(&vm, s, v_from_small(99))), "!IndexError: string index out of range");
}

/* Calls method `name` on a str with arguments given as Values. */
static Value call(Value self, const char *name, int argc, Value *argv)
{
    return rt_call_method(&vm, self, name, argc, argv);
}

Test(str, methods)
{
    struct { const char *py; const char *got; } cases[64];
    size_t n = 0;
#define CASE(pyexpr, value) (cases[n].py = (pyexpr), cases[n].got = strdup(text(value)), n++)
    Value ws = S("  a b\t\tc  \n");
    CASE("'  a b\\t\\tc  \\n'.split()", call(ws, "split", 0, NULL));
    CASE("'  a b\\t\\tc  \\n'.split(None, 1)", call(ws, "split", 2, (Value[]){rt_None, v_from_small(1)}));
    CASE("'  a b\\t\\tc  \\n'.rsplit(None, 1)", call(ws, "rsplit", 2, (Value[]){rt_None, v_from_small(1)}));
    CASE("'a,b,,c'.split(',')", call(S("a,b,,c"), "split", 1, (Value[]){S(",")}));
    CASE("'a,b,,c'.rsplit(',', 2)", call(S("a,b,,c"), "rsplit", 2, (Value[]){S(","), v_from_small(2)}));
    CASE("'a,b'.split('')", call(S("a,b"), "split", 1, (Value[]){S("")}));
    CASE("'l1\\nl2\\r\\nl3\\rl4'.splitlines()", call(S("l1\nl2\r\nl3\rl4"), "splitlines", 0, NULL));
    CASE("'l1\\nl2\\r\\n'.splitlines(True)", call(S("l1\nl2\r\n"), "splitlines", 1, (Value[]){rt_True}));
    CASE("'-'.join(['a', 'b', 'c'])", call(S("-"), "join", 1, (Value[]){rt_list_from(&vm, 3, (Value[]){S("a"), S("b"), S("c")})}));
    CASE("''.join(['a', 1])", call(S(""), "join", 1, (Value[]){rt_list_from(&vm, 2, (Value[]){S("a"), v_from_small(1)})}));
    CASE("'xxhixx'.strip('x')", call(S("xxhixx"), "strip", 1, (Value[]){S("x")}));
    CASE("'  hi  '.lstrip()", call(S("  hi  "), "lstrip", 0, NULL));
    CASE("'  hi  '.rstrip()", call(S("  hi  "), "rstrip", 0, NULL));
    CASE("'aaa'.replace('a', 'bb', 2)", call(S("aaa"), "replace", 3, (Value[]){S("a"), S("bb"), v_from_small(2)}));
    CASE("'abc'.replace('', '-')", call(S("abc"), "replace", 2, (Value[]){S(""), S("-")}));
    CASE("'h\\xe9llo'.find('l')", call(S("h\xc3\xa9llo"), "find", 1, (Value[]){S("l")}));
    CASE("'h\\xe9llo'.rfind('l')", call(S("h\xc3\xa9llo"), "rfind", 1, (Value[]){S("l")}));
    CASE("'hello'.find('l', 3)", call(S("hello"), "find", 2, (Value[]){S("l"), v_from_small(3)}));
    CASE("'hello'.find('', 6)", call(S("hello"), "find", 2, (Value[]){S(""), v_from_small(6)}));
    CASE("'hello'.index('z')", call(S("hello"), "index", 1, (Value[]){S("z")}));
    CASE("'hello'.count('l')", call(S("hello"), "count", 1, (Value[]){S("l")}));
    CASE("'hello'.count('')", call(S("hello"), "count", 1, (Value[]){S("")}));
    CASE("'hello'.startswith(('x', 'he'))", call(S("hello"), "startswith", 1, (Value[]){rt_tuple_pack(&vm, 2, S("x"), S("he"))}));
    CASE("'hello'.endswith('lo', 0, 4)", call(S("hello"), "endswith", 3, (Value[]){S("lo"), v_from_small(0), v_from_small(4)}));
    CASE("'hello World'.upper()", call(S("hello World"), "upper", 0, NULL));
    CASE("'hello World'.swapcase()", call(S("hello World"), "swapcase", 0, NULL));
    CASE("'hello wORLD foo_bar'.title()", call(S("hello wORLD foo_bar"), "title", 0, NULL));
    CASE("'hELLO'.capitalize()", call(S("hELLO"), "capitalize", 0, NULL));
    CASE("'\\xc9t\\xe9'.lower()", call(S("\xc3\x89t\xc3\xa9"), "lower", 0, NULL));
    CASE("'stra\\xdfe'.upper()", call(S("stra\xc3\x9f" "e"), "upper", 0, NULL));
    CASE("'ab'.center(7, '*')", call(S("ab"), "center", 2, (Value[]){v_from_small(7), S("*")}));
    CASE("'abc'.center(6)", call(S("abc"), "center", 1, (Value[]){v_from_small(6)}));
    CASE("'ab'.ljust(5, '-')", call(S("ab"), "ljust", 2, (Value[]){v_from_small(5), S("-")}));
    CASE("'ab'.rjust(5)", call(S("ab"), "rjust", 1, (Value[]){v_from_small(5)}));
    CASE("'-42'.zfill(6)", call(S("-42"), "zfill", 1, (Value[]){v_from_small(6)}));
    CASE("'123'.isdigit()", call(S("123"), "isdigit", 0, NULL));
    CASE("'12a'.isalnum()", call(S("12a"), "isalnum", 0, NULL));
    CASE("' \\t'.isspace()", call(S(" \t"), "isspace", 0, NULL));
    CASE("'Hello World'.istitle()", call(S("Hello World"), "istitle", 0, NULL));
    CASE("'ABC1'.isupper()", call(S("ABC1"), "isupper", 0, NULL));
    CASE("'_x1'.isidentifier()", call(S("_x1"), "isidentifier", 0, NULL));
    CASE("'1x'.isidentifier()", call(S("1x"), "isidentifier", 0, NULL));
    CASE("''.isascii()", call(S(""), "isascii", 0, NULL));
    CASE("'a=b=c'.partition('=')", call(S("a=b=c"), "partition", 1, (Value[]){S("=")}));
    CASE("'a=b=c'.rpartition('=')", call(S("a=b=c"), "rpartition", 1, (Value[]){S("=")}));
    CASE("'abc'.partition('x')", call(S("abc"), "partition", 1, (Value[]){S("x")}));
    CASE("'a\\tbc\\td'.expandtabs(4)", call(S("a\tbc\td"), "expandtabs", 1, (Value[]){v_from_small(4)}));
    CASE("'prefix_x'.removeprefix('prefix_')", call(S("prefix_x"), "removeprefix", 1, (Value[]){S("prefix_")}));
    CASE("'x.py'.removesuffix('.py')", call(S("x.py"), "removesuffix", 1, (Value[]){S(".py")}));
    CASE("'h\\xe9'.encode()", call(S("h\xc3\xa9"), "encode", 0, NULL));
    CASE("'abc'.translate({97: 'X', 98: None})",
         ({ Value d = rt_dict_new(&vm); rt_dict_set(&vm, v_dict(d), v_from_small(97), S("X"));
            rt_dict_set(&vm, v_dict(d), v_from_small(98), rt_None); call(S("abc"), "translate", 1, (Value[]){d}); }));
    CASE("'ab' * 3", rt_binary_op(&vm, BIN_MUL, S("ab"), v_from_small(3)));
    CASE("3 * 'ab'", rt_binary_op(&vm, BIN_MUL, v_from_small(3), S("ab")));
    CASE("'ab' * -1", rt_binary_op(&vm, BIN_MUL, S("ab"), v_from_small(-1)));
    CASE("'ab' + 1", rt_binary_op(&vm, BIN_ADD, S("ab"), v_from_small(1)));
    CASE("'ab' * 1.5", rt_binary_op(&vm, BIN_MUL, S("ab"), rt_float_new(&vm, 1.5)));
    CASE("1 in 'abc'", ({ int r = rt_contains(&vm, S("abc"), v_from_small(1)); r < 0 ? VNULL : rt_bool(r); }));
    CASE("'bc' in 'abc'", ({ int r = rt_contains(&vm, S("abc"), S("bc")); r < 0 ? VNULL : rt_bool(r); }));
#undef CASE
    char prog[16384] = "";
    for (size_t i = 0; i < n; i++)
        add_case(prog, sizeof prog, cases[i].py);
    char *lines[128];
    cr_assert_eq(python_lines(prog, lines, 128), n);
    for (size_t i = 0; i < n; i++)
        check(cases[i].got, lines[i], cases[i].py);
}

Test(str, printf_style)
{
    struct { const char *fmt; const char *args_py; Value args; } cases[32];
    size_t n = 0;
#define CASE(f, apy, a) (cases[n].fmt = (f), cases[n].args_py = (apy), cases[n].args = (a), n++)
    Value pi = rt_float_new(&vm, 3.14159);
    CASE("%5.2f|%-6d|%+d|% d|%05d|%x|%#o|%.3d", "(3.14159, 42, 5, 5, -42, 255, 8, 5)",
         rt_tuple_from(&vm, 8, (Value[]){pi, v_from_small(42), v_from_small(5), v_from_small(5), v_from_small(-42),
                                          v_from_small(255), v_from_small(8), v_from_small(5)}));
    CASE("%s and %r", "('x', 'y')", rt_tuple_pack(&vm, 2, S("x"), S("y")));
    CASE("%a", "('\\xe9',)", rt_tuple_pack(&vm, 1, S("\xc3\xa9")));
    CASE("%c%c", "(65, 'b')", rt_tuple_pack(&vm, 2, v_from_small(65), S("b")));
    CASE("%*d|%-*d|%.*f", "(5, 1, 4, 2, 2, 3.14159)",
         rt_tuple_from(&vm, 6, (Value[]){v_from_small(5), v_from_small(1), v_from_small(4), v_from_small(2),
                                          v_from_small(2), pi}));
    CASE("%e %g %G", "(12345.678, 1e-10, 1e20)",
         rt_tuple_pack(&vm, 3, rt_float_new(&vm, 12345.678), rt_float_new(&vm, 1e-10), rt_float_new(&vm, 1e20)));
    CASE("%i %d", "(3.7, True)", rt_tuple_pack(&vm, 2, rt_float_new(&vm, 3.7), rt_True));
    CASE("%x", "3.7", rt_float_new(&vm, 3.7));
    CASE("%f", "'a'", S("a"));
    CASE("%d", "'a'", S("a"));
    CASE("%d %d", "(1,)", rt_tuple_pack(&vm, 1, v_from_small(1)));
    CASE("%d", "(1, 2)", rt_tuple_pack(&vm, 2, v_from_small(1), v_from_small(2)));
    CASE("%", "()", rt_tuple_new(&vm, 0));
    CASE("%z", "1", v_from_small(1));
    CASE("%c", "1114112", v_from_small(1114112));
    CASE("%s", "[1, 2]", rt_list_from(&vm, 2, (Value[]){v_from_small(1), v_from_small(2)}));
    CASE("100%% %s", "'sure'", S("sure"));
    CASE("%(a)s-%(b)05d", "{'a': 1, 'b': 2}",
         ({ Value d = rt_dict_new(&vm); rt_dict_set(&vm, v_dict(d), S("a"), v_from_small(1));
            rt_dict_set(&vm, v_dict(d), S("b"), v_from_small(2)); d; }));
    CASE("%(a)s", "1", v_from_small(1));
    CASE("%10.3s|%-5s|", "('abcdef', 'x')", rt_tuple_pack(&vm, 2, S("abcdef"), S("x")));
#undef CASE
    char prog[8192] = "";
    for (size_t i = 0; i < n; i++) {
        char expr[256];
        snprintf(expr, sizeof expr, "'%s' %% %s", cases[i].fmt, cases[i].args_py);
        add_case(prog, sizeof prog, expr);
    }
    char *lines[64];
    cr_assert_eq(python_lines(prog, lines, 64), n);
    for (size_t i = 0; i < n; i++)
        check(text(rt_binary_op(&vm, BIN_MOD, S(cases[i].fmt), cases[i].args)), lines[i], cases[i].fmt);
}

Test(str, format_method)
{
    struct { const char *py; const char *got; } cases[32];
    size_t n = 0;
#define CASE(pyexpr, value) (cases[n].py = (pyexpr), cases[n].got = strdup(text(value)), n++)
    Value kw_wp = rt_tuple_pack(&vm, 2, S("w"), S("p"));
    /* keyword arguments: values follow the positionals, names in kwnames */
    CASE("'{:{w}.{p}f}'.format(3.14159, w=10, p=2)",
         (rt_str_format_method(&vm, 2, (Value[]){S("{:{w}.{p}f}"), rt_float_new(&vm, 3.14159),
                                                                   v_from_small(10), v_from_small(2)}, kw_wp)));
    CASE("'{} {}'.format(1, 'a')", rt_str_format_method(&vm, 3, (Value[]){S("{} {}"), v_from_small(1), S("a")}, VNULL));
    CASE("'{1}{0}{1}'.format('a', 'b')", rt_str_format_method(&vm, 3, (Value[]){S("{1}{0}{1}"), S("a"), S("b")}, VNULL));
    CASE("'{0}{}'.format(1, 2)", rt_str_format_method(&vm, 3, (Value[]){S("{0}{}"), v_from_small(1), v_from_small(2)}, VNULL));
    CASE("'{}{0}'.format(1, 2)", rt_str_format_method(&vm, 3, (Value[]){S("{}{0}"), v_from_small(1), v_from_small(2)}, VNULL));
    CASE("'{'.format(1)", rt_str_format_method(&vm, 2, (Value[]){S("{"), v_from_small(1)}, VNULL));
    CASE("'}'.format(1)", rt_str_format_method(&vm, 2, (Value[]){S("}"), v_from_small(1)}, VNULL));
    CASE("'{5}'.format(1)", rt_str_format_method(&vm, 2, (Value[]){S("{5}"), v_from_small(1)}, VNULL));
    CASE("'{!x}'.format(1)", rt_str_format_method(&vm, 2, (Value[]){S("{!x}"), v_from_small(1)}, VNULL));
    CASE("'{{{}}}'.format(7)", rt_str_format_method(&vm, 2, (Value[]){S("{{{}}}"), v_from_small(7)}, VNULL));
    CASE("'{!r:>8}|{!s}'.format('x', 'y')", rt_str_format_method(&vm, 3, (Value[]){S("{!r:>8}|{!s}"), S("x"), S("y")}, VNULL));
    CASE("'{0[1]}|{0[0]:>3}'.format(['a', 'b'])",
         rt_str_format_method(&vm, 2, (Value[]){S("{0[1]}|{0[0]:>3}"), rt_list_from(&vm, 2, (Value[]){S("a"), S("b")})}, VNULL));
    CASE("'{a[k]}'.format_map({'a': {'k': 5}})",
         ({ Value in = rt_dict_new(&vm); rt_dict_set(&vm, v_dict(in), S("k"), v_from_small(5));
            Value m = rt_dict_new(&vm); rt_dict_set(&vm, v_dict(m), S("a"), in);
            rt_str_format_map_method(&vm, 2, (Value[]){S("{a[k]}"), m}, VNULL); }));
    CASE("'{x}'.format_map({})", rt_str_format_map_method(&vm, 2, (Value[]){S("{x}"), rt_dict_new(&vm)}, VNULL));
    CASE("format('ab', '^5.1')", rt_format(&vm, S("ab"), S("^5.1")));
    CASE("format('ab', '+')", rt_format(&vm, S("ab"), S("+")));
    CASE("format('ab', '=5')", rt_format(&vm, S("ab"), S("=5")));
    CASE("format('ab', '05')", rt_format(&vm, S("ab"), S("05")));
    CASE("format([1], '')", rt_format(&vm, rt_list_from(&vm, 1, (Value[]){v_from_small(1)}), S("")));
    CASE("format([1], '>5')", rt_format(&vm, rt_list_from(&vm, 1, (Value[]){v_from_small(1)}), S(">5")));
#undef CASE
    char prog[8192] = "";
    for (size_t i = 0; i < n; i++)
        add_case(prog, sizeof prog, cases[i].py);
    char *lines[64];
    cr_assert_eq(python_lines(prog, lines, 64), n);
    for (size_t i = 0; i < n; i++)
        check(cases[i].got, lines[i], cases[i].py);
}

Test(str, bytes)
{
    struct { const char *py; const char *got; } cases[32];
    size_t n = 0;
#define CASE(pyexpr, value) (cases[n].py = (pyexpr), cases[n].got = strdup(text(value)), n++)
    Value b = rt_bytes_new(&vm, (const uint8_t *)"a'b\"\x00\xff\n\\", 8);
    CASE("b'a\\'b\"\\x00\\xff\\n\\\\'", b);
    Value q = rt_bytes_new(&vm, (const uint8_t *)"it's", 4);
    CASE("b\"it's\"", q);
    Value h = rt_bytes_new(&vm, (const uint8_t *)"hello", 5);
    CASE("b'hello'[1]", rt_getitem(&vm, h, v_from_small(1)));
    CASE("b'hello'[1:3]", rt_getitem(&vm, h, rt_slice_new(&vm, v_from_small(1), v_from_small(3), rt_None)));
    CASE("b'hello' + b'!'", rt_binary_op(&vm, BIN_ADD, h, rt_bytes_new(&vm, (const uint8_t *)"!", 1)));
    CASE("b'ab' * 2", rt_binary_op(&vm, BIN_MUL, rt_bytes_new(&vm, (const uint8_t *)"ab", 2), v_from_small(2)));
    CASE("b'hello'.hex()", rt_call_method(&vm, h, "hex", 0, NULL));
    CASE("b'\\xff'.decode()", rt_call_method(&vm, rt_bytes_new(&vm, (const uint8_t *)"\xff", 1), "decode", 0, NULL));
    CASE("b'a\\xc3'.decode()", rt_call_method(&vm, rt_bytes_new(&vm, (const uint8_t *)"a\xc3", 2), "decode", 0, NULL));
    CASE("b'\\xc3\\xa9'.decode()", rt_call_method(&vm, rt_bytes_new(&vm, (const uint8_t *)"\xc3\xa9", 2), "decode", 0, NULL));
    CASE("b'a b  c'.split()", rt_call_method(&vm, rt_bytes_new(&vm, (const uint8_t *)"a b  c", 6), "split", 0, NULL));
    CASE("bytes([104, 105])", rt_call1(&vm, v_from(&rt_bytes_type), rt_list_from(&vm, 2, (Value[]){v_from_small(104), v_from_small(105)})));
    CASE("bytes(3)", rt_call1(&vm, v_from(&rt_bytes_type), v_from_small(3)));
    CASE("bytes([256])", rt_call1(&vm, v_from(&rt_bytes_type), rt_list_from(&vm, 1, (Value[]){v_from_small(256)})));
    CASE("'\\xe9'.encode('ascii')", rt_str_encode(&vm, S("\xc3\xa9"), "ascii", "strict"));
    CASE("str(b'hi', 'utf-8')", rt_call2(&vm, v_from(&rt_str_type), rt_bytes_new(&vm, (const uint8_t *)"hi", 2), S("utf-8")));
#undef CASE
    char prog[8192] = "";
    for (size_t i = 0; i < n; i++)
        add_case(prog, sizeof prog, cases[i].py);
    char *lines[64];
    cr_assert_eq(python_lines(prog, lines, 64), n);
    for (size_t i = 0; i < n; i++)
        check(cases[i].got, lines[i], cases[i].py);
}

Test(str, concat_and_join_sizes)
{
    Value s = S("");
    for (int i = 0; i < 1000; i++)
        s = rt_str_concat(&vm, s, S("ab\xc3\xa9"));
    cr_assert_eq(v_str(s)->len, 4000u);
    cr_assert_eq(v_str(s)->nchars, 3000u);
    cr_assert(!v_str(s)->ascii);
    Value l = rt_list_new(&vm, 0);
    for (int i = 0; i < 100; i++)
        rt_list_append(&vm, l, S("xy"));
    Value j = rt_str_join(&vm, S(", "), l);
    cr_assert_eq(v_str(j)->len, 100u * 2 + 99u * 2);
    cr_assert(v_str(j)->ascii);
}
