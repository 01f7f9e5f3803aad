/* tests/unit/test_lexer.c — lang/lexer: token kinds (with INDENT/DEDENT/
 * NEWLINE layout), every literal form, and error messages with positions.
 * Expected errors are computed by python3 at test time. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang/lexer.h"
#include "lang/parser.h"

/* The token names of src, space-separated ("NAME = NUMBER NEWLINE"), or
 * "ERROR: msg line col" at the first error. */
static char *tokens(const char *src, ParseMode mode) {
    static char out[8192];
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    Lexer lx;
    lx_init(&lx, src, strlen(src), mode, &err, "<t>");
    size_t n = 0;
    out[0] = 0;
    for (int i = 0; i < 1000; i++) {
        Token t;
        int code = lx_next(&lx, &t);
        if (code < 0) {
            snprintf(out + n, sizeof out - n, "%sERROR: %s %d %d", n ? " " : "", err.msg, err.lineno, err.col);
            break;
        }
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", n ? " " : "", lx_token_name(code));
        if (code == 0) break;
    }
    return out;
}

/* The text of each token of src, separated by '|'. */
static char *texts(const char *src) {
    static char out[8192];
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    Lexer lx;
    lx_init(&lx, src, strlen(src), PARSE_FILE, &err, "<t>");
    size_t n = 0;
    out[0] = 0;
    for (;;) {
        Token t;
        int code = lx_next(&lx, &t);
        if (code <= 0) break;
        if (t.len == 0) continue;
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s", n ? "|" : "", t.len, t.s);
    }
    return out;
}

Test(lexer, simple_statement) {
    cr_expect_str_eq(tokens("x = 1\n", PARSE_FILE), "NAME = NUMBER NEWLINE ENDMARKER");
    cr_expect_str_eq(tokens("x = 1", PARSE_FILE), "NAME = NUMBER NEWLINE ENDMARKER");
    cr_expect_str_eq(tokens("", PARSE_FILE), "ENDMARKER");
    cr_expect_str_eq(tokens("\n\n# only a comment\n   \n", PARSE_FILE), "ENDMARKER");
}

Test(lexer, indent_dedent) {
    cr_expect_str_eq(tokens("if x:\n    y\n    if z:\n        w\nv\n", PARSE_FILE),
                     "if NAME : NEWLINE INDENT NAME NEWLINE if NAME : NEWLINE INDENT NAME NEWLINE "
                     "DEDENT DEDENT NAME NEWLINE ENDMARKER");
    cr_expect_str_eq(tokens("if x:\n  y\n", PARSE_FILE),
                     "if NAME : NEWLINE INDENT NAME NEWLINE DEDENT ENDMARKER");
    /* blank and comment lines do not affect layout */
    cr_expect_str_eq(tokens("if x:\n\n  # c\n  y\n\n# d\nz\n", PARSE_FILE),
                     "if NAME : NEWLINE INDENT NAME NEWLINE DEDENT NAME NEWLINE ENDMARKER");
    /* a tab goes to the next multiple of 8 */
    cr_expect_str_eq(tokens("if x:\n\ty\n\tz\n", PARSE_FILE),
                     "if NAME : NEWLINE INDENT NAME NEWLINE NAME NEWLINE DEDENT ENDMARKER");
}

Test(lexer, brackets_and_continuations) {
    cr_expect_str_eq(tokens("x = (1,\n     2)\n", PARSE_FILE), "NAME = ( NUMBER , NUMBER ) NEWLINE ENDMARKER");
    cr_expect_str_eq(tokens("x = [\n  1\n]\n", PARSE_FILE), "NAME = [ NUMBER ] NEWLINE ENDMARKER");
    cr_expect_str_eq(tokens("x = 1 + \\\n  2\n", PARSE_FILE), "NAME = NUMBER + NUMBER NEWLINE ENDMARKER");
}

Test(lexer, operators_and_keywords) {
    cr_expect_str_eq(tokens("a **= b //= c >>= d <<= e -> ... := != <= >= == @= @\n", PARSE_FILE),
                     "NAME **= NAME //= NAME >>= NAME <<= NAME -> ... := != <= >= == @= @ NEWLINE ENDMARKER");
    cr_expect_str_eq(tokens("not in is lambda yield async await match case\n", PARSE_FILE),
                     "not in is lambda yield async await NAME NAME NEWLINE ENDMARKER");
    cr_expect_str_eq(tokens("\xc3\xa9t\xc3\xa9 = 1\n", PARSE_FILE), "NAME = NUMBER NEWLINE ENDMARKER");
}

Test(lexer, numbers) {
    cr_expect_str_eq(texts("1 0 00 1_000 0x1F 0XaB_cd 0o17 0O1_7 0b1 0B1_0 1. .5 1.5 1e3 1E-3 1_0.0_1e+1_0\n"),
                     "1|0|00|1_000|0x1F|0XaB_cd|0o17|0O1_7|0b1|0B1_0|1.|.5|1.5|1e3|1E-3|1_0.0_1e+1_0");
    cr_expect_str_eq(tokens("1if x else 2\n", PARSE_FILE), "NUMBER if NAME else NUMBER NEWLINE ENDMARKER");
}

Test(lexer, strings) {
    cr_expect_str_eq(texts("'a' \"b\" '''c''' \"\"\"d\"\"\" r'\\'' b'x' rb'y' Rb'z' bR'w' f'{x}' rf'v' Fr'u' u'q'\n"),
                     "'a'|\"b\"|'''c'''|\"\"\"d\"\"\"|r'\\''|b'x'|rb'y'|Rb'z'|bR'w'|f'{x}'|rf'v'|Fr'u'|u'q'");
    cr_expect_str_eq(tokens("'''a\nb\n''' + 'c\\\nd'\n", PARSE_FILE), "STRING + STRING NEWLINE ENDMARKER");
    cr_expect_str_eq(texts("br rb fr\n"), "br|rb|fr");
    cr_expect_str_eq(tokens("'a' 'b'\n", PARSE_FILE), "STRING STRING NEWLINE ENDMARKER");
}

Test(lexer, positions) {
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    const char *src = "if a:\n    bc = 'x'\n";
    Lexer lx;
    lx_init(&lx, src, strlen(src), PARSE_FILE, &err, "<t>");
    Token t;
    int want_line[] = {1, 1, 1, 1, 2, 2, 2, 2, 2};
    int want_col[] = {0, 3, 4, 5, 3, 4, 7, 9, 12};
    for (int i = 0; i < 9; i++) {
        int code = lx_next(&lx, &t);
        cr_assert(code > 0);
        cr_expect_eq(t.lineno, want_line[i], "token %d (%s) line", i, lx_token_name(code));
        cr_expect_eq(t.col, want_col[i], "token %d (%s) col", i, lx_token_name(code));
    }
}

/* python3's SyntaxError for src as "Kind: msg line offset". */
static char *py_error(const char *src) {
    char path[] = "/tmp/minipy_test_lexer_XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert(write(fd, src, strlen(src)) == (ssize_t)strlen(src));
    close(fd);
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "python3 -c \"import sys\ntry:\n compile(open(sys.argv[1],'rb').read(),'f','exec')\n print('OK')\n"
             "except SyntaxError as e:\n print(type(e).__name__+':', e.msg, e.lineno, e.offset)\" %s",
             path);
    FILE *f = popen(cmd, "r");
    static char out[1024];
    size_t n = fread(out, 1, sizeof out - 1, f);
    out[n] = 0;
    while (n && out[n - 1] == '\n') out[--n] = 0;
    pclose(f);
    unlink(path);
    return out;
}

static void check_lex_error(const char *src) {
    char *want = py_error(src);
    Arena a;
    ast_arena_init(&a);
    SyntaxErrorInfo err;
    AstModule *m = lx_parse(&a, src, strlen(src), "f", PARSE_FILE, &err);
    cr_assert(!m, "accepted: %s", src);
    char got[512];
    snprintf(got, sizeof got, "%s: %s %d %d",
             err.kind == SE_TAB ? "TabError" : err.kind == SE_INDENTATION ? "IndentationError" : "SyntaxError",
             err.msg, err.lineno, err.col);
    cr_expect_str_eq(got, want, "source: %s", src);
    ast_arena_free(&a);
}

Test(lexer, errors_match_cpython) {
    const char *cases[] = {
        "'abc\n",
        "x = 'abc\n",
        "'''abc\n\n",
        "x = (1,\n2\n",
        "x)\n",
        "(1]\n",
        "(1,\n2]\n",
        "012\n",
        "1abc\n",
        "1_\n",
        "1e\n",
        "0b2\n",
        "0o8\n",
        "  x\n",
        "if x:\n    a\n  b\n",
        "if x:\n\tpass\n        pass\n",
        "x = 1 \xe2\x82\xac 2\n",
        "\xff = 1\n",
        "x = \\\n",
        "x = 1 \\ 2\n",
        "x = ?\n",
        "x = 1.real\n",
        "1__0\n",
        "0x\n",
        "0b\n",
        "0o\n",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) check_lex_error(cases[i]);
}

Test(lexer, too_many_parentheses) {
    char src[512];
    memset(src, '[', 201);
    src[201] = 0;
    cr_expect(strstr(tokens(src, PARSE_FILE), "ERROR: too many nested parentheses 1 201"));
}

Test(lexer, imaginary_literals) {
    cr_expect_str_eq(tokens("x = 1j + 1.5J + 1_0e-3j + 007j\n", PARSE_FILE),
                     "NAME = NUMBER + NUMBER + NUMBER + NUMBER NEWLINE ENDMARKER");
    cr_expect_str_eq(tokens("x = 1jx\n", PARSE_FILE), "NAME = ERROR: invalid imaginary literal 1 6");
}

Test(lexer, eval_mode_ignores_leading_indent) {
    cr_expect_str_eq(tokens("   1 + 2\n", PARSE_EVAL), "NUMBER + NUMBER NEWLINE ENDMARKER");
}

Test(lexer, no_nul_terminator_needed) {
    /* only len bytes are read: "x = 12" cut after "x = 1" */
    const char *src = "x = 12";
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    Lexer lx;
    lx_init(&lx, src, 5, PARSE_FILE, &err, "<t>");
    Token t;
    lx_next(&lx, &t);
    lx_next(&lx, &t);
    cr_assert(lx_next(&lx, &t) > 0);
    cr_expect_eq(t.len, 1);
    cr_expect_str_eq(lx_token_name(lx_next(&lx, &t)), "NEWLINE");
    cr_expect_eq(lx_next(&lx, &t), 0);
}
