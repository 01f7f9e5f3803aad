/* lang/fstring.c — string literals: prefixes, escapes, implicit
 * concatenation, and f-strings (literal parts, replacement fields with
 * conversions, nested format specs, the `{x=}` debugging form).  Expressions
 * inside f-strings are parsed in place by a nested parse (parser.c), as
 * CPython 3.11 does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/builders.h"
#include "runtime/unicode_db.h"

typedef struct Buf {
    Arena *a;
    char *p;
    size_t n, cap;
} Buf;

static void buf_reserve(Buf *b, size_t more) {
    if (b->n + more + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap * 2 : 64;
    while (cap < b->n + more + 1) cap *= 2;
    char *np = ast_alloc(b->a, cap);
    if (b->n) memcpy(np, b->p, b->n);
    b->p = np;
    b->cap = cap;
}

static void buf_put(Buf *b, const char *s, size_t n) {
    buf_reserve(b, n);
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

static void buf_putc(Buf *b, char c) {
    buf_reserve(b, 1);
    b->p[b->n++] = c;
    b->p[b->n] = 0;
}

static void buf_put_utf8(Buf *b, unsigned cp) {
    char s[4];
    size_t n;
    if (cp < 0x80) s[0] = (char)cp, n = 1;
    else if (cp < 0x800) s[0] = (char)(0xC0 | (cp >> 6)), s[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    else if (cp < 0x10000)
        s[0] = (char)(0xE0 | (cp >> 12)), s[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
        s[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    else
        s[0] = (char)(0xF0 | (cp >> 18)), s[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
        s[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), s[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    buf_put(b, s, n);
}

/* A string token split into its parts. */
typedef struct Lit {
    const Token *tok;
    bool raw, bytes, fstr;
    const char *body, *end;   /* between the quotes */
    const char *chunk;        /* start of the part decoded as one (f-strings have several) */
} Lit;

static void split_literal(const Token *t, Lit *l) {
    const char *s = t->s;
    l->tok = t;
    l->raw = l->bytes = l->fstr = false;
    while (*s != '\'' && *s != '"') {
        char c = *s++;
        if (c == 'r' || c == 'R') l->raw = true;
        else if (c == 'b' || c == 'B') l->bytes = true;
        else if (c == 'f' || c == 'F') l->fstr = true;
    }
    int q = (t->s + t->len - s >= 6 && s[1] == s[0] && s[2] == s[0]) ? 3 : 1;
    l->body = s + q;
    l->end = t->s + t->len - q;
    l->chunk = l->body;
}

/* Offset of pos in the buffer that CPython's unicode-escape codec decodes, where each non-ASCII
 * character of the literal has become a 10-byte \UXXXXXXXX escape: error messages count in it. */
static int codec_pos(const Lit *l, const char *pos)
{
    int n = 0;
    for (const char *q = l->chunk; q < pos; q++)
        n += (unsigned char)*q < 0x80 ? 1 : (unsigned char)*q >= 0xC0 ? 10 : 0;
    return n;
}

/* Line and line start of position pos inside token t (strings may span lines). */
static int line_of(const Token *t, const char *pos, const char **line_start, const char *buf) {
    int line = t->lineno;
    const char *ls = t->s - t->col;
    (void)buf;
    for (const char *q = t->s; q < pos; q++) {
        if (*q == '\n' || (*q == '\r' && q[1] != '\n')) line++, ls = q + 1;
    }
    *line_start = ls;
    return line;
}

static void lit_error(ParseCtx *p, const Lit *l, const char *pos, const char *msg) {
    const char *ls;
    int line = line_of(l->tok, pos, &ls, p->buf);
    ast_error(p, SE_SYNTAX, line, (int)(pos - ls), "%s", msg);
}

/* A string literal's undecodable escape: CPython reports it at the token after the literal. */
static void codec_error(ParseCtx *p, const Lit *l, const char *msg)
{
    int line, col, len;
    if (p->fexpr || !ast_lookahead(p, &line, &col, &len)) {
        lit_error(p, l, l->tok->s, msg);
        return;
    }
    bool first = !p->err->msg[0];
    ast_error(p, SE_SYNTAX, line, col, "%s", msg);
    if (first) {
        p->err->end_lineno = line;
        p->err->end_col = col + 1 + len;
    }
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* \N{NAME} at *ps: the character named NAME, or one of its aliases (Unicode 14's names). */
static int decode_named(ParseCtx *p, const Lit *l, Buf *b, const char **ps)
{
    const char *s = *ps + 2, *e = l->end;
    const char *why = "malformed \\N character escape";
    if (s < e && *s == '{') {
        const char *name = ++s;
        while (s < e && *s != '}')
            s++;
        if (s < e && s > name) {
            uint32_t cp;
            s++;
            if (rt_ucd_lookup(name, (size_t)(s - 1 - name), RT_UCD_ALIASES, &cp) == 1) {
                buf_put_utf8(b, cp);
                *ps = s;
                return 0;
            }
            why = "unknown Unicode character name";
        }
    }
    char msg[200];
    snprintf(msg, sizeof msg, "(unicode error) 'unicodeescape' codec can't decode bytes in position %d-%d: %s",
             codec_pos(l, *ps), codec_pos(l, s) - 1, why);
    codec_error(p, l, msg);
    return -1;
}

/* Decode the escape sequence at *ps (pointing at the backslash). */
static int decode_escape(ParseCtx *p, const Lit *l, Buf *b, const char **ps) {
    const char *s = *ps + 1, *e = l->end;
    const char *codec = l->bytes ? "(value error)" : "(unicode error) 'unicodeescape' codec can't decode bytes in position";
    char c = *s++;
    switch (c) {
    case '\n': break;
    case '\r': if (s < e && *s == '\n') s++; break;
    case '\\': buf_putc(b, '\\'); break;
    case '\'': buf_putc(b, '\''); break;
    case '"': buf_putc(b, '"'); break;
    case 'a': buf_putc(b, '\a'); break;
    case 'b': buf_putc(b, '\b'); break;
    case 'f': buf_putc(b, '\f'); break;
    case 'n': buf_putc(b, '\n'); break;
    case 'r': buf_putc(b, '\r'); break;
    case 't': buf_putc(b, '\t'); break;
    case 'v': buf_putc(b, '\v'); break;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        unsigned v = (unsigned)(c - '0');
        for (int i = 0; i < 2 && s < e && *s >= '0' && *s <= '7'; i++) v = v * 8 + (unsigned)(*s++ - '0');
        if (l->bytes) buf_putc(b, (char)(v & 0xFF));
        else buf_put_utf8(b, v);
        break;
    }
    case 'x': case 'u': case 'U': {
        int n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        if (l->bytes && c != 'x') {  /* \u means nothing in bytes */
            buf_putc(b, '\\');
            buf_putc(b, c);
            break;
        }
        unsigned v = 0;
        for (int i = 0; i < n; i++) {
            int h = s < e ? hexval(*s) : -1;
            if (h < 0) {
                char msg[200];
                if (l->bytes)
                    snprintf(msg, sizeof msg, "(value error) invalid \\x escape at position %d",
                             (int)(*ps - l->chunk));
                else
                    snprintf(msg, sizeof msg, "%s %d-%d: truncated \\%c%.*s escape", codec,
                             codec_pos(l, *ps), codec_pos(l, s) - 1, c, n, "XXXXXXXX");
                codec_error(p, l, msg);
                return -1;
            }
            v = v * 16 + (unsigned)h;
            s++;
        }
        if (l->bytes) {
            buf_putc(b, (char)v);
        } else if (v > 0x10FFFF) {
            char msg[200];
            snprintf(msg, sizeof msg, "%s %d-%d: illegal Unicode character", codec,
                     codec_pos(l, *ps), codec_pos(l, s) - 1);
            codec_error(p, l, msg);
            return -1;
        } else {
            buf_put_utf8(b, v);
        }
        break;
    }
    case 'N':
        if (!l->bytes)
            return decode_named(p, l, b, ps);
        /* fall through */
    default:
        /* Unknown escapes keep their backslash (a DeprecationWarning in CPython). */
        buf_putc(b, '\\');
        s--;
        break;
    }
    *ps = s;
    return 0;
}

/* Append literal text [s, e) of l to b, decoding escapes unless raw, and
 * turning \r\n and \r into \n as CPython's universal newlines do. */
static int decode_text(ParseCtx *p, const Lit *l, Buf *b, const char *s, const char *e) {
    while (s < e) {
        const char *run = s;
        while (s < e && *s != '\\' && *s != '\r' && !(l->bytes && (unsigned char)*s >= 0x80)) s++;
        if (s > run) buf_put(b, run, (size_t)(s - run));
        if (s >= e) break;
        if (*s == '\r') {
            buf_putc(b, '\n');
            s += (s + 1 < e && s[1] == '\n') ? 2 : 1;
        } else if ((unsigned char)*s >= 0x80) {
            lit_error(p, l, l->tok->s, "bytes can only contain ASCII literal characters");
            return -1;
        } else if (l->raw) {
            buf_putc(b, '\\');
            s++;
            if (s < e) {  /* a raw backslash still protects the next character */
                if (*s == '\r') continue;
                buf_putc(b, *s++);
            }
        } else {
            if (decode_escape(p, l, b, &s) < 0) return -1;
        }
    }
    return 0;
}

/* ---- f-strings -------------------------------------------------------------- */

typedef struct FState {
    ParseCtx *p;
    AstList *values;   /* of the JoinedStr being built */
    Buf lit;           /* pending literal text */
    const Token *pos;  /* position for new nodes */
    const Token *span; /* a format spec's: its literal pieces span exactly this token (as CPython 3.11) */
} FState;

/* Give e the span of token t. */
static void span_token(Expr *e, const Token *t) {
    e->lineno = e->end_lineno = t->lineno;
    e->col = t->col;
    const char *nl = NULL;
    for (const char *q = t->s; q < t->s + t->len; q++)
        if (*q == '\n') nl = q, e->end_lineno++;
    e->end_col = nl ? (int)(t->s + t->len - nl - 1) : t->col + t->len;
}

static void flush_lit(FState *f) {
    if (f->lit.n == 0) return;
    Expr *c = ast_new_expr(f->p, E_CONSTANT, f->pos->lineno, f->pos->col);
    if (f->span) span_token(c, f->span);
    c->u.constant.kind = CONST_STR;
    c->u.constant.s = f->lit.p;
    c->u.constant.len = f->lit.n;
    ast_list_push(f->p->a, f->values, c);
    f->lit.p = NULL;
    f->lit.n = f->lit.cap = 0;
}

static void ferror_at(ParseCtx *p, const Lit *l, const char *pos, const char *msg) {
    char m[256];
    snprintf(m, sizeof m, "%s%s", p->fexpr ? "" : "f-string: ", msg);
    lit_error(p, l, pos, m);
}

static const char *fstring_body(FState *f, const Lit *l, const char *s, const char *e, int depth,
                                bool in_spec);

/* A replacement field starting after its '{'; returns the position after
 * its '}' or NULL on error. */
static const char *fstring_field(FState *f, const Lit *l, const char *s, const char *e, int depth) {
    ParseCtx *p = f->p;
    if (depth >= 2) {
        ferror_at(p, l, s, "expressions nested too deeply");
        return NULL;
    }
    const char *start = s;
    int nest = 0;
    char quote = 0;
    bool triple = false;
    for (; s < e; s++) {
        char c = *s;
        if (quote) {
            if (c == quote && (!triple || (e - s >= 3 && s[1] == quote && s[2] == quote))) {
                if (triple) s += 2;
                quote = 0;
            }
            continue;
        }
        if (c == '\\') {
            ferror_at(p, l, s, "expression part cannot include a backslash");
            return NULL;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            triple = e - s >= 3 && s[1] == c && s[2] == c;
            if (triple) s += 2;
            continue;
        }
        if (c == '(' || c == '[' || c == '{') { nest++; continue; }
        if (c == ')' || c == ']' || c == '}') {
            if (nest == 0) {
                if (c == '}') break;
                char m[64];
                snprintf(m, sizeof m, "unmatched '%c'", c);
                ferror_at(p, l, s, m);
                return NULL;
            }
            nest--;
            continue;
        }
        if (c == '#') {
            ferror_at(p, l, s, "expression part cannot include '#'");
            return NULL;
        }
        if ((c == '=' || c == '!' || c == '<' || c == '>') && s + 1 < e && s[1] == '=') { s++; continue; }
        if (nest == 0 && (c == '!' || c == ':' || c == '=')) break;
    }
    if (quote) {
        ferror_at(p, l, s, "unterminated string");
        return NULL;
    }
    if (s >= e) {
        ferror_at(p, l, s, "expecting '}'");
        return NULL;
    }
    const char *expr_end = s;
    bool blank = true;
    for (const char *q = start; q < expr_end; q++)
        if (*q != ' ' && *q != '\t' && *q != '\n' && *q != '\r' && *q != '\f') blank = false;
    if (blank) {
        char m[64];
        if (*s == '!' || *s == ':' || *s == '=')
            snprintf(m, sizeof m, "expression required before '%c'", *s);
        else
            snprintf(m, sizeof m, "empty expression not allowed");
        ferror_at(p, l, s, m);
        return NULL;
    }
    const char *ls;
    int line = line_of(l->tok, start, &ls, p->buf);
    Expr *value = lx_parse_fexpr(p, start, (size_t)(expr_end - start), line, ls);
    if (!value) return NULL;
    if (value->kind == E_TUPLE && !value->parenthesized && !memchr(start, '\n', (size_t)(expr_end - start))) {
        /* CPython 3.11 parses the expression as "(" + text + ")": a bare
         * tuple spans those parentheses, at the '{' and the end of the text. */
        value->lineno = value->end_lineno = line;
        value->col = (int)(start - ls) - 1;
        value->end_col = (int)(expr_end - ls) + 1;
    }

    bool debug = false;
    if (*s == '=') {
        debug = true;
        s++;
        while (s < e && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')) s++;
        buf_put(&f->lit, start, (size_t)(s - start));  /* "{x = }" shows " x = " */
        if (s >= e) {
            ferror_at(p, l, s, "expecting '}'");
            return NULL;
        }
    }
    int conversion = -1;
    if (*s == '!') {
        s++;
        if (s >= e) {
            ferror_at(p, l, s, "expecting '}'");
            return NULL;
        }
        if (*s != 's' && *s != 'r' && *s != 'a') {
            ferror_at(p, l, s, "invalid conversion character: expected 's', 'r', or 'a'");
            return NULL;
        }
        conversion = *s++;
        if (s >= e || (*s != ':' && *s != '}')) {
            ferror_at(p, l, s, "expecting '}'");
            return NULL;
        }
    }
    Expr *spec = NULL;
    if (s < e && *s == ':') {
        s++;
        FState sub = {p, NULL, {p->a, NULL, 0, 0}, f->pos, l->tok};
        spec = ast_new_expr(p, E_JOINEDSTR, f->pos->lineno, f->pos->col);
        span_token(spec, l->tok);
        sub.values = &spec->u.seq.elts;
        s = fstring_body(&sub, l, s, e, depth + 1, true);
        if (!s) return NULL;
        flush_lit(&sub);
    }
    if (s >= e || *s != '}') {
        ferror_at(p, l, s, "expecting '}'");
        return NULL;
    }
    if (debug && conversion == -1 && !spec) conversion = 'r';
    flush_lit(f);
    Expr *fv = ast_new_expr(p, E_FORMATTED, f->pos->lineno, f->pos->col);
    fv->u.fmt.value = value;
    fv->u.fmt.conversion = conversion;
    fv->u.fmt.spec = spec;
    ast_list_push(p->a, f->values, fv);
    return s + 1;
}

/* Literal text and fields of an f-string body; in a format spec, stops at
 * the unmatched '}' (returned). */
static const char *fstring_body(FState *f, const Lit *l, const char *s, const char *e, int depth,
                                bool in_spec) {
    const char *chunk = s;
    while (s < e) {
        const char *run = s;
        while (s < e && *s != '{' && *s != '}' && *s != '\\' && *s != '\r') s++;
        if (s > run) buf_put(&f->lit, run, (size_t)(s - run));
        if (s >= e) break;
        char c = *s;
        if (c == '{') {
            if (!in_spec && s + 1 < e && s[1] == '{') {
                buf_putc(&f->lit, '{');
                s += 2;
                chunk = s;
                continue;
            }
            s = fstring_field(f, l, s + 1, e, depth);
            if (!s) return NULL;
            chunk = s;
        } else if (c == '}') {
            if (in_spec) return s;
            if (s + 1 < e && s[1] == '}') {
                buf_putc(&f->lit, '}');
                s += 2;
                chunk = s;
                continue;
            }
            ferror_at(f->p, l, s, "single '}' is not allowed");
            return NULL;
        } else if (c == '\r') {
            buf_putc(&f->lit, '\n');
            s += (s + 1 < e && s[1] == '\n') ? 2 : 1;
        } else if (l->raw) {
            buf_putc(&f->lit, '\\');
            s++;
            if (s < e && *s != '{' && *s != '}' && *s != '\r') buf_putc(&f->lit, *s++);
        } else {
            Lit part = *l;  /* CPython decodes each literal part of an f-string on its own */
            part.chunk = chunk;
            if (decode_escape(f->p, &part, &f->lit, &s) < 0) return NULL;
        }
    }
    if (in_spec) {
        ferror_at(f->p, l, s, "expecting '}'");
        return NULL;
    }
    return s;
}

/* ---- builders ------------------------------------------------------------- */

StrBuild *ast_str_begin(ParseCtx *p, const Token *t) {
    StrBuild *sb = ast_alloc(p->a, sizeof(StrBuild));
    return ast_str_add(p, sb, t);
}

StrBuild *ast_str_add(ParseCtx *p, StrBuild *sb, const Token *t) {
    Token *copy = ast_alloc(p->a, sizeof(Token));
    *copy = *t;
    ast_list_push(p->a, &sb->toks, copy);
    return sb;
}

Expr *ast_strings(ParseCtx *p, StrBuild *sb) {
    const Token *first = sb->toks.items[0];
    const Token *last = sb->toks.items[sb->toks.n - 1];
    Expr *e = ast_new_expr(p, E_CONSTANT, first->lineno, first->col);
    bool any_bytes = false, any_str = false, any_f = false;
    for (int i = 0; i < sb->toks.n; i++) {
        Lit l;
        split_literal(sb->toks.items[i], &l);
        if (l.bytes) any_bytes = true;
        else any_str = true;
        if (l.fstr) any_f = true;
    }
    if (any_bytes && any_str) {
        ast_error(p, SE_SYNTAX, last->lineno, last->col + last->len, "cannot mix bytes and nonbytes literals");
        e->u.constant.kind = CONST_STR;
        e->u.constant.s = "";
        return e;
    }
    if (!any_f) {
        Buf b = {p->a, NULL, 0, 0};
        buf_reserve(&b, 0);
        for (int i = 0; i < sb->toks.n; i++) {
            Lit l;
            split_literal(sb->toks.items[i], &l);
            if (decode_text(p, &l, &b, l.body, l.end) < 0) break;
        }
        e->u.constant.kind = any_bytes ? CONST_BYTES : CONST_STR;
        e->u.constant.u_prefix = (first->s[0] | 0x20) == 'u';
        e->u.constant.s = b.p;
        e->u.constant.len = b.n;
        return e;
    }
    e->kind = E_JOINEDSTR;
    FState f = {p, &e->u.seq.elts, {p->a, NULL, 0, 0}, first, NULL};
    for (int i = 0; i < sb->toks.n; i++) {
        Lit l;
        split_literal(sb->toks.items[i], &l);
        if (!l.fstr) {
            if (decode_text(p, &l, &f.lit, l.body, l.end) < 0) return e;
        } else if (!fstring_body(&f, &l, l.body, l.end, 0, false)) {
            return e;
        }
    }
    flush_lit(&f);
    return e;
}
