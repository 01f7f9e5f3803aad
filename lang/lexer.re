/* lang/lexer.re — the tokenizer: a re2c DFA for single tokens inside a
 * hand-written driver that owns layout (INDENT/DEDENT/NEWLINE, brackets,
 * continuation lines), as STYLE.md §3 asks.  The DFA reads through a
 * bounds-checked YYPEEK, so the source needs no NUL terminator and is never
 * copied. */
#include "lang/lexer.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "grammar.h"
#include "runtime/unicode_db.h"

/* re2c generic API over (cur, lim): reading past the end yields 0, the
 * sentinel of the $ rule. */
#define YYPEEK() (cur < lim ? (unsigned char)*cur : 0)
#define YYSKIP() (++cur)
#define YYBACKUP() (mar = cur)
#define YYRESTORE() (cur = mar)
#define YYLESSTHAN(n) (lim - cur < (n))

/* ---- errors ---------------------------------------------------------------- */

void lx_set_error(SyntaxErrorInfo *err, const char *filename, const char *buf,
                  const char *buf_end, SyntaxErrorKind kind, int lineno, int col0,
                  const char *fmt, ...) {
    if (err->msg[0]) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->kind = kind;
    err->filename = filename;
    err->lineno = lineno;
    err->col = col0 + 1;
    err->end_lineno = lineno;
    err->end_col = col0 + 1;
    err->text[0] = 0;
    /* Find the line by counting newlines: only ever done once, on error. */
    const char *s = buf;
    for (int l = 1; l < lineno && s < buf_end; s++) {
        if (*s == '\n') l++;
        else if (*s == '\r' && (s + 1 >= buf_end || s[1] != '\n')) l++;
    }
    const char *e = s;
    while (e < buf_end && *e != '\n' && *e != '\r') e++;
    size_t n = (size_t)(e - s);
    if (n >= sizeof err->text) n = sizeof err->text - 1;
    memcpy(err->text, s, n);
    err->text[n] = 0;
}

#define LXERR(lx, kind, line, col, ...) \
    lx_set_error((lx)->err, (lx)->filename, (lx)->buf, (lx)->buf_end, kind, line, col, __VA_ARGS__)

static int col_of(const Lexer *lx, const char *s) { return (int)(s - lx->line_start); }

/* ---- UTF-8 ----------------------------------------------------------------- */

int lx_check_utf8(const char *src, size_t len, SyntaxErrorInfo *err, const char *filename) {
    const unsigned char *s = (const unsigned char *)src, *end = s + len;
    while (s < end) {
        /* Fast path: 8 ASCII bytes at a time. */
        while (end - s >= 8) {
            uint64_t w;
            memcpy(&w, s, 8);
            if (w & 0x8080808080808080ull) break;
            s += 8;
        }
        if (s >= end) break;
        unsigned c = *s;
        if (c < 0x80) { s++; continue; }
        int need;
        unsigned min;
        const char *why = "invalid start byte";
        if (c >= 0xC2 && c <= 0xDF) need = 1, min = 0x80;
        else if (c >= 0xE0 && c <= 0xEF) need = 2, min = 0x800;
        else if (c >= 0xF0 && c <= 0xF4) need = 3, min = 0x10000;
        else goto bad;
        why = "invalid continuation byte";
        unsigned cp = c & (0x3F >> need);
        for (int i = 1; i <= need; i++) {
            if (s + i >= end) { why = "unexpected end of data"; goto bad; }
            if ((s[i] & 0xC0) != 0x80) goto bad;
            cp = (cp << 6) | (s[i] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) goto bad;
        s += need + 1;
        continue;
    bad:;
        /* CPython decodes line by line: position is the byte's offset in its line. */
        int lineno = 1;
        const unsigned char *ls = (const unsigned char *)src;
        for (const unsigned char *q = ls; q < s; q++)
            if (*q == '\n') lineno++, ls = q + 1;
        int pos = (int)(s - ls);
        lx_set_error(err, filename, src, src + len, SE_SYNTAX, lineno, pos,
                     "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %d: %s",
                     c, pos, why);
        return -1;
    }
    return 0;
}

/* A source *file* that is not UTF-8: CPython's tokenizer reports it without
 * a location (lineno 0 here; the exception's lineno is None), unlike text
 * given as a string (lx_check_utf8's codec error). */
bool lx_check_file_utf8(const char *src, size_t len, const char *filename, SyntaxErrorInfo *err) {
    SyntaxErrorInfo probe;
    memset(&probe, 0, sizeof probe);
    if (lx_check_utf8(src, len, &probe, filename) == 0) return true;
    /* probe holds the bad byte's line and its offset in that line. */
    const char *line = src, *end = src + len;
    for (int l = 1; l < probe.lineno && line < end; line++)
        if (*line == '\n') l++;
    unsigned char bad = line + probe.col - 1 < end ? (unsigned char)line[probe.col - 1] : 0;
    int lineno = probe.lineno;
    memset(err, 0, sizeof *err);
    err->kind = SE_SYNTAX;
    err->filename = filename;
    snprintf(err->msg, sizeof err->msg,
             "Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, but no encoding declared; "
             "see https://peps.python.org/pep-0263/ for details",
             bad, filename, lineno);
    return false;
}

static unsigned decode_cp(const unsigned char *s, int *n) {
    unsigned c = s[0];
    if (c < 0x80) { *n = 1; return c; }
    if (c < 0xE0) { *n = 2; return ((c & 0x1F) << 6) | (s[1] & 0x3F); }
    if (c < 0xF0) { *n = 3; return ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F); }
    *n = 4;
    return ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

/* An identifier's non-ASCII characters must be XID_Start (the first) or XID_Continue (Unicode
 * 14, as CPython's tokenizer checks them). */
static int check_identifier(Lexer *lx, const char *s, const char *e) {
    for (const char *q = s; q < e;) {
        if ((unsigned char)*q < 0x80) { q++; continue; }
        int n;
        unsigned cp = decode_cp((const unsigned char *)q, &n);
        unsigned flags = rt_ucd(cp)->flags;
        if (!(flags & (q == s ? RT_UCD_XID_START : RT_UCD_XID_CONTINUE))) {
            if (flags & RT_UCD_PRINTABLE)
                LXERR(lx, SE_SYNTAX, lx->lineno, col_of(lx, q), "invalid character '%.*s' (U+%04X)",
                      n, q, cp);
            else
                LXERR(lx, SE_SYNTAX, lx->lineno, col_of(lx, q), "invalid non-printable character U+%04X",
                      cp);
            return -1;
        }
        q += n;
    }
    return 0;
}

/* ---- init ------------------------------------------------------------------ */

void lx_init(Lexer *lx, const char *src, size_t len, ParseMode mode, SyntaxErrorInfo *err,
             const char *filename) {
    memset(lx, 0, offsetof(Lexer, brackets));
    lx->cur = src;
    lx->lim = src + len;
    lx->buf = src;
    lx->buf_end = src + len;
    if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) lx->cur += 3;  /* UTF-8 BOM */
    lx->line_start = lx->cur;
    lx->lineno = 1;
    lx->at_bol = mode != PARSE_EVAL;  /* eval() ignores leading indentation */
    lx->err = err;
    lx->filename = filename;
}

void lx_init_fexpr(Lexer *lx, const char *src, size_t len, const char *buf, const char *buf_end,
                   int lineno, const char *line_start, SyntaxErrorInfo *err, const char *filename) {
    memset(lx, 0, offsetof(Lexer, brackets));
    lx->cur = src;
    lx->lim = src + len;
    lx->buf = buf;
    lx->buf_end = buf_end;
    lx->line_start = line_start;
    lx->lineno = lineno;
    lx->fexpr = true;
    /* An f-string expression behaves as if parenthesized (newlines are
     * insignificant); a NUL entry in the bracket stack stands for it. */
    lx->depth = 1;
    lx->brackets[0] = 0;
    lx->err = err;
    lx->filename = filename;
}

/* ---- strings --------------------------------------------------------------- */

/* Scan a string literal whose opening quote is at q (prefix already read).
 * Only finds the end; decoding happens in the AST builder (fstring.c). */
static int scan_string(Lexer *lx, const char *start, const char *q, Token *t) {
    const char *cur = q, *lim = lx->lim;
    char quote = *cur;
    int start_line = lx->lineno, start_col = col_of(lx, start);
    bool triple = lim - cur >= 3 && cur[1] == quote && cur[2] == quote;
    cur += triple ? 3 : 1;
    for (;;) {
        if (cur >= lim) {
            if (triple) {
                /* CPython does not count a final newline as a new line. */
                int line = lx->lineno;
                if (line > start_line && lx->line_start == lim) line--;
                lx->err->incomplete = true;
                LXERR(lx, SE_SYNTAX, start_line, start_col,
                      "unterminated triple-quoted string literal (detected at line %d)", line);
            } else {
                LXERR(lx, SE_SYNTAX, start_line, start_col,
                      "unterminated string literal (detected at line %d)", lx->lineno);
            }
            return -1;
        }
        char c = *cur;
        if (c == quote) {
            if (!triple) { cur++; break; }
            if (lim - cur >= 3 && cur[1] == quote && cur[2] == quote) { cur += 3; break; }
            cur++;
        } else if (c == '\\') {
            cur++;
            if (cur < lim) {
                if (*cur == '\r' && cur + 1 < lim && cur[1] == '\n') cur++;
                if (*cur == '\n' || *cur == '\r') lx->lineno++, lx->line_start = cur + 1;
                cur++;
            }
        } else if (c == '\n' || c == '\r') {
            if (!triple) {
                LXERR(lx, SE_SYNTAX, start_line, start_col,
                      "unterminated string literal (detected at line %d)", lx->lineno);
                return -1;
            }
            if (c == '\r' && cur + 1 < lim && cur[1] == '\n') cur++;
            cur++;
            lx->lineno++;
            lx->line_start = cur;
        } else {
            cur++;
        }
    }
    t->s = start;
    t->len = (int)(cur - start);
    t->lineno = start_line;
    t->col = start_col;
    lx->cur = cur;
    return TK_STRING;
}

/* ---- numbers --------------------------------------------------------------- */

static bool is_ident_char(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c >= 0x80;
}

/* A number must not run into an identifier ("1abc"), except the keywords
 * CPython 3.11 tolerates there ("1if x else y", "[0x1for x in y]"). */
static int check_number_end(Lexer *lx, const char *start, const char *cur, const char *what) {
    if (cur >= lx->lim) return 0;
    unsigned char c = (unsigned char)*cur;
    if (!is_ident_char(c)) return 0;
    if (c == '_') {  /* "1_", "1__0": CPython points at the underscore */
        LXERR(lx, SE_SYNTAX, lx->lineno, col_of(lx, cur), "invalid %s literal", what);
        return -1;
    }
    static const char *const ok[] = {"and", "else", "for", "if", "in", "is", "not", "or"};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        size_t n = strlen(ok[i]);
        if ((size_t)(lx->lim - cur) >= n && memcmp(cur, ok[i], n) == 0 &&
            (cur + n >= lx->lim || !is_ident_char((unsigned char)cur[n])))
            return 0;
    }
    /* CPython points at the number's last character */
    LXERR(lx, SE_SYNTAX, lx->lineno, col_of(lx, cur - 1), "invalid %s literal", what);
    return -1;
}

/* ---- the DFA --------------------------------------------------------------- */

/* One raw token starting at lx->cur, after whitespace; layout and brackets
 * are the driver's job.  Returns a TK_ code, or one of these: */
enum { R_NEWLINE = -2, R_EOF = -3, R_CONT = -4, R_COMMENT = -5, R_ERROR = -1 };

static int scan(Lexer *lx, Token *t) {
    const char *cur, *mar = NULL, *lim = lx->lim, *start;
    (void)mar;
again:
    cur = lx->cur;
    start = cur;
    t->s = start;
    t->lineno = lx->lineno;
    t->col = col_of(lx, start);
    t->flags = 0;
#define TOK(code) do { lx->cur = cur; t->len = (int)(cur - start); return (code); } while (0)
    /*!re2c
    re2c:api = custom;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:eof = 0;
    re2c:yyfill:enable = 0;

    ident = [a-zA-Z_\x80-\xff][a-zA-Z0-9_\x80-\xff]*;
    digitpart = [0-9] ("_"? [0-9])*;
    exponent = [eE] [+-]? digitpart;
    pointfloat = digitpart? "." digitpart | digitpart ".";
    floatnum = pointfloat exponent? | digitpart exponent;
    decint = [1-9] ("_"? [0-9])* | "0" ("_"? "0")*;
    strprefix = [rRuUfFbB] | [fF][rR] | [rR][fF] | [bB][rR] | [rR][bB];

    $ { t->len = 0; return R_EOF; }
    [ \t\f]+ { lx->cur = cur; goto again; }
    "#" [^\r\n\x00]* { lx->cur = cur; goto again; }
    "\r\n" | "\n" | "\r" { t->len = 0; lx->cur = cur; return R_NEWLINE; }
    "\\" ("\r\n" | "\n" | "\r") { lx->cur = cur; return R_CONT; }
    "\\" {
        if (cur >= lim) {
            lx->err->incomplete = true;
            LXERR(lx, SE_SYNTAX, lx->lineno, t->col + 1, "unexpected EOF while parsing");
        } else {
            LXERR(lx, SE_SYNTAX, lx->lineno, t->col + 1, "unexpected character after line continuation character");
        }
        return R_ERROR;
    }

    "False" { TOK(TK_FALSE); }
    "None" { TOK(TK_NONE); }
    "True" { TOK(TK_TRUE); }
    "and" { TOK(TK_AND); }
    "as" { TOK(TK_AS); }
    "assert" { TOK(TK_ASSERT); }
    "async" { TOK(TK_ASYNC); }
    "await" { TOK(TK_AWAIT); }
    "break" { TOK(TK_BREAK); }
    "class" { TOK(TK_CLASS); }
    "continue" { TOK(TK_CONTINUE); }
    "def" { TOK(TK_DEF); }
    "del" { TOK(TK_DEL); }
    "elif" { TOK(TK_ELIF); }
    "else" { TOK(TK_ELSE); }
    "except" { TOK(TK_EXCEPT); }
    "finally" { TOK(TK_FINALLY); }
    "for" { TOK(TK_FOR); }
    "from" { TOK(TK_FROM); }
    "global" { TOK(TK_GLOBAL); }
    "if" { TOK(TK_IF); }
    "import" { TOK(TK_IMPORT); }
    "in" { TOK(TK_IN); }
    "is" { TOK(TK_IS); }
    "lambda" { TOK(TK_LAMBDA); }
    "nonlocal" { TOK(TK_NONLOCAL); }
    "not" { TOK(TK_NOT); }
    "or" { TOK(TK_OR); }
    "pass" { TOK(TK_PASS); }
    "raise" { TOK(TK_RAISE); }
    "return" { TOK(TK_RETURN); }
    "try" { TOK(TK_TRY); }
    "while" { TOK(TK_WHILE); }
    "with" { TOK(TK_WITH); }
    "yield" { TOK(TK_YIELD); }

    strprefix? ['"] { return scan_string(lx, start, cur - 1, t); }

    ident {
        if (check_identifier(lx, start, cur) < 0) return R_ERROR;
        TOK(TK_NAME);
    }

    decint {
        if (cur - start == 1 && *start == '0' && cur < lim) {
            char c = *cur;
            const char *what = (c == 'x' || c == 'X') ? "hexadecimal"
                             : (c == 'o' || c == 'O') ? "octal"
                             : (c == 'b' || c == 'B') ? "binary" : NULL;
            if (what) {
                char d = cur + 1 < lim ? cur[1] : 0;
                if ((c | 0x20) == 'o' && (d == '8' || d == '9'))
                    LXERR(lx, SE_SYNTAX, lx->lineno, t->col + 2, "invalid digit '%c' in octal literal", d);
                else if ((c | 0x20) == 'b' && d >= '2' && d <= '9')
                    LXERR(lx, SE_SYNTAX, lx->lineno, t->col + 2, "invalid digit '%c' in binary literal", d);
                else
                    LXERR(lx, SE_SYNTAX, lx->lineno, t->col + 1, "invalid %s literal", what);
                return R_ERROR;
            }
        }
        if (check_number_end(lx, start, cur, "decimal") < 0) return R_ERROR;
        TOK(TK_NUMBER);
    }
    "0" [xX] ("_"? [0-9a-fA-F])+ {
        if (check_number_end(lx, start, cur, "hexadecimal") < 0) return R_ERROR;
        TOK(TK_NUMBER);
    }
    "0" [oO] ("_"? [0-7])+ {
        if (cur < lim && *cur >= '8' && *cur <= '9') {
            LXERR(lx, SE_SYNTAX, lx->lineno, col_of(lx, cur), "invalid digit '%c' in octal literal", *cur);
            return R_ERROR;
        }
        if (check_number_end(lx, start, cur, "octal") < 0) return R_ERROR;
        TOK(TK_NUMBER);
    }
    "0" [bB] ("_"? [01])+ {
        if (cur < lim && *cur >= '2' && *cur <= '9') {
            LXERR(lx, SE_SYNTAX, lx->lineno, col_of(lx, cur), "invalid digit '%c' in binary literal", *cur);
            return R_ERROR;
        }
        if (check_number_end(lx, start, cur, "binary") < 0) return R_ERROR;
        TOK(TK_NUMBER);
    }
    "0"+ ("_"? [0-9])+ {
        LXERR(lx, SE_SYNTAX, lx->lineno, t->col,
              "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
        return R_ERROR;
    }
    floatnum {
        if (check_number_end(lx, start, cur, "decimal") < 0) return R_ERROR;
        t->flags = LXF_FLOAT;
        TOK(TK_NUMBER);
    }
    (floatnum | digitpart) [jJ] {
        if (check_number_end(lx, start, cur, "imaginary") < 0) return R_ERROR;
        t->flags = LXF_IMAG;
        TOK(TK_NUMBER);
    }

    "(" { TOK(TK_LPAR); }
    ")" { TOK(TK_RPAR); }
    "[" { TOK(TK_LSQB); }
    "]" { TOK(TK_RSQB); }
    "{" { TOK(TK_LBRACE); }
    "}" { TOK(TK_RBRACE); }
    ":" { TOK(TK_COLON); }
    "," { TOK(TK_COMMA); }
    ";" { TOK(TK_SEMI); }
    "+" { TOK(TK_PLUS); }
    "-" { TOK(TK_MINUS); }
    "*" { TOK(TK_STAR); }
    "/" { TOK(TK_SLASH); }
    "|" { TOK(TK_VBAR); }
    "&" { TOK(TK_AMPER); }
    "<" { TOK(TK_LESS); }
    ">" { TOK(TK_GREATER); }
    "=" { TOK(TK_EQUAL); }
    "." { TOK(TK_DOT); }
    "%" { TOK(TK_PERCENT); }
    "==" { TOK(TK_EQEQUAL); }
    "!=" { TOK(TK_NOTEQUAL); }
    "<>" { TOK(TK_NOTEQUAL); }  /* Barry's spelling: refused by the driver, as CPython 3.11 does */
    "<=" { TOK(TK_LESSEQUAL); }
    ">=" { TOK(TK_GREATEREQUAL); }
    "~" { TOK(TK_TILDE); }
    "^" { TOK(TK_CIRCUMFLEX); }
    "<<" { TOK(TK_LEFTSHIFT); }
    ">>" { TOK(TK_RIGHTSHIFT); }
    "**" { TOK(TK_DOUBLESTAR); }
    "+=" { TOK(TK_PLUSEQUAL); }
    "-=" { TOK(TK_MINEQUAL); }
    "*=" { TOK(TK_STAREQUAL); }
    "/=" { TOK(TK_SLASHEQUAL); }
    "%=" { TOK(TK_PERCENTEQUAL); }
    "&=" { TOK(TK_AMPEREQUAL); }
    "|=" { TOK(TK_VBAREQUAL); }
    "^=" { TOK(TK_CIRCUMFLEXEQUAL); }
    "<<=" { TOK(TK_LEFTSHIFTEQUAL); }
    ">>=" { TOK(TK_RIGHTSHIFTEQUAL); }
    "**=" { TOK(TK_DOUBLESTAREQUAL); }
    "//" { TOK(TK_DOUBLESLASH); }
    "//=" { TOK(TK_DOUBLESLASHEQUAL); }
    "@" { TOK(TK_AT); }
    "@=" { TOK(TK_ATEQUAL); }
    "->" { TOK(TK_RARROW); }
    "..." { TOK(TK_ELLIPSIS); }
    ":=" { TOK(TK_COLONEQUAL); }

    "\x00" {
        LXERR(lx, SE_SYNTAX, lx->lineno, t->col, "source code cannot contain null bytes");
        return R_ERROR;
    }
    * {
        LXERR(lx, SE_SYNTAX, lx->lineno, t->col, "invalid syntax");
        return R_ERROR;
    }
    */
#undef TOK
}

/* ---- the driver: layout ---------------------------------------------------- */

static const char *closer_of(char open) { return open == '(' ? ")" : open == '[' ? "]" : "}"; }

/* Brackets: depth limit, matching, CPython's messages. */
static int track_bracket(Lexer *lx, int code, const Token *t) {
    char open;
    switch (code) {
    case TK_LPAR: open = '('; break;
    case TK_LSQB: open = '['; break;
    case TK_LBRACE: open = '{'; break;
    case TK_RPAR: case TK_RSQB: case TK_RBRACE: {
        char close = *t->s;
        if (lx->depth == 0 || (lx->fexpr && lx->depth == 1)) {
            LXERR(lx, SE_SYNTAX, t->lineno, t->col, "unmatched '%c'", close);
            return -1;
        }
        char o = lx->brackets[lx->depth - 1];
        if (*closer_of(o) != close) {
            if (lx->bracket_line[lx->depth - 1] != t->lineno)
                LXERR(lx, SE_SYNTAX, t->lineno, t->col,
                      "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d",
                      close, o, lx->bracket_line[lx->depth - 1]);
            else
                LXERR(lx, SE_SYNTAX, t->lineno, t->col,
                      "closing parenthesis '%c' does not match opening parenthesis '%c'", close, o);
            return -1;
        }
        lx->depth--;
        return 0;
    }
    default: return 0;
    }
    if (lx->depth >= LX_MAXLEVEL) {
        LXERR(lx, SE_SYNTAX, t->lineno, t->col, "too many nested parentheses");
        return -1;
    }
    lx->brackets[lx->depth] = open;
    lx->bracket_line[lx->depth] = t->lineno;
    lx->bracket_col[lx->depth] = t->col;
    lx->depth++;
    return 0;
}

/* At the start of a logical line: skip blank and comment-only lines, then
 * compare the indentation with the stack.  Returns a token code to emit
 * (INDENT/DEDENT), 0 to go on scanning, -1 on error, 1 at end of input. */
static int do_indent(Lexer *lx, Token *t) {
    for (;;) {
        const char *cur = lx->cur, *lim = lx->lim;
        int col = 0, alt = 0;
        for (; cur < lim; cur++) {
            char c = *cur;
            if (c == ' ') col++, alt++;
            else if (c == '\t') col = (col / 8 + 1) * 8, alt++;
            else if (c == '\f') col = alt = 0;
            else break;
        }
        if (cur >= lim) { lx->cur = cur; return 1; }
        char c = *cur;
        if (c == '#' || c == '\n' || c == '\r') {
            while (cur < lim && *cur != '\n' && *cur != '\r') cur++;
            if (cur < lim) {
                if (*cur == '\r' && cur + 1 < lim && cur[1] == '\n') cur++;
                cur++;
                lx->lineno++;
                lx->line_start = cur;
            }
            lx->cur = cur;
            continue;
        }
        lx->cur = cur;
        lx->at_bol = false;
        t->s = cur;
        t->len = 0;
        t->lineno = lx->lineno;
        t->col = col_of(lx, cur);
        t->flags = 0;
        int top = lx->indents[lx->nindent], alttop = lx->altindents[lx->nindent];
        if (col == top) {
            if (alt != alttop) goto tab_error;
            return 0;
        }
        if (col > top) {
            if (lx->nindent >= LX_MAXINDENT) {
                LXERR(lx, SE_INDENTATION, lx->lineno, t->col, "too many levels of indentation");
                return -1;
            }
            if (alt <= alttop) goto tab_error;
            lx->nindent++;
            lx->indents[lx->nindent] = col;
            lx->altindents[lx->nindent] = alt;
            t->col = col > 0 ? col - 1 : 0;  /* CPython points at the last indent column */
            return TK_INDENT;
        }
        int n = 0;
        while (lx->nindent > 0 && col < lx->indents[lx->nindent]) lx->nindent--, n++;
        if (col != lx->indents[lx->nindent]) {
            LXERR(lx, SE_INDENTATION, lx->lineno, t->col + 1,
                  "unindent does not match any outer indentation level");
            return -1;
        }
        if (alt != lx->altindents[lx->nindent]) goto tab_error;
        lx->pending_dedents = n - 1;
        return TK_DEDENT;
    tab_error:
        LXERR(lx, SE_TAB, lx->lineno, 0, "inconsistent use of tabs and spaces in indentation");
        return -1;
    }
}

static int at_eof(Lexer *lx, Token *t) {
    t->s = lx->cur;
    t->len = 0;
    t->lineno = lx->lineno;
    t->col = col_of(lx, lx->cur);
    t->flags = 0;
    if (lx->fexpr) {
        if (lx->depth > 0 && !(lx->depth == 1 && lx->brackets[0] == 0)) goto unclosed;
        lx->done = true;
        return 0;
    }
    if (lx->depth > 0) goto unclosed;
    if (lx->line_has_tokens) {
        lx->line_has_tokens = false;
        return TK_NEWLINE;
    }
    if (lx->nindent > 0) {
        lx->nindent--;
        return TK_DEDENT;
    }
    lx->done = true;
    return 0;
unclosed:
    lx->err->incomplete = true;
    LXERR(lx, SE_SYNTAX, lx->bracket_line[lx->depth - 1], lx->bracket_col[lx->depth - 1],
          "'%c' was never closed", lx->brackets[lx->depth - 1]);
    return -1;
}

int lx_next(Lexer *lx, Token *t) {
    if (lx->done) {
        at_eof(lx, t);
        return 0;
    }
    if (lx->pending_dedents > 0) {
        lx->pending_dedents--;
        t->s = lx->cur, t->len = 0, t->lineno = lx->lineno, t->col = col_of(lx, lx->cur), t->flags = 0;
        return TK_DEDENT;
    }
    for (;;) {
        if (lx->at_bol) {
            int r = do_indent(lx, t);
            if (r < 0) return -1;
            if (r == 1) return at_eof(lx, t);
            if (r > 1) return r;
        }
        int code = scan(lx, t);
        switch (code) {
        case R_ERROR: return -1;
        case R_EOF: return at_eof(lx, t);
        case R_CONT:
            if (lx->cur >= lx->lim) {
                lx->err->incomplete = true;
                LXERR(lx, SE_SYNTAX, lx->lineno, t->col + 1, "unexpected EOF while parsing");
                return -1;
            }
            lx->lineno++;
            lx->line_start = lx->cur;
            continue;
        case R_NEWLINE:
            lx->lineno++;
            lx->line_start = lx->cur;
            if (lx->depth > 0 || !lx->line_has_tokens) continue;
            lx->line_has_tokens = false;
            lx->at_bol = true;
            return TK_NEWLINE;
        default:
            if (track_bracket(lx, code, t) < 0) return -1;
            lx->line_has_tokens = true;
            return code;
        }
    }
}

const char *lx_token_name(int code) {
    static const char *const names[] = {
        "ENDMARKER", "FILE_START", "SINGLE_START", "EVAL_START", "FEXPR_START", "FUNCTYPE_START", "NEWLINE",
        "INDENT", "DEDENT", "NAME", "NUMBER", "STRING", "False", "None", "True", "and", "as",
        "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
        "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
        "(", ")", "[", "]", "{", "}", ":", ",", ";", "+", "-", "*", "/", "|", "&", "<", ">", "=",
        ".", "%", "==", "!=", "<=", ">=", "~", "^", "<<", ">>", "**", "+=", "-=", "*=", "/=",
        "%=", "&=", "|=", "^=", "<<=", ">>=", "**=", "//", "//=", "@", "@=", "->", "...", ":=",
        "match", "case",
    };
    if (code < 0 || (size_t)code >= sizeof names / sizeof *names) return "?";
    return names[code];
}
