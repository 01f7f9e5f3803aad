/* lang/parser.c — lx_parse: the lexer pushes tokens into the lemon parser
 * (as SQLite does).  This driver also does what needs a little token
 * context: refusing unsupported constructs by name, IndentationError for a
 * missing block, "expected ':'", and the REPL's "incomplete input" flag. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar.h"
#include "lang/builders.h"
#include "lang/parser.h"

/* lemon's generated entry points (grammar.c) */
void *lxParseAlloc(void *(*mallocProc)(size_t), ParseCtx *p);
void lxParseFree(void *parser, void (*freeProc)(void *));
void lxParse(void *parser, int major, Token minor);
void lxParseInit(void *parser, ParseCtx *p);

/* The driver's view of the current logical line. */
struct Driver {
    ParseCtx *p;
    Lexer *lx;
    int prev, prev2;            /* previous token codes */
    Token prev_tok;
    int line_first;             /* first token code of the logical line */
    Token line_first_tok;
    bool at_line_start;
    bool colon_on_line;         /* a ':' at bracket depth 0 on this line */
    int expect_indent;          /* header keyword code whose body must follow, or 0 */
    int expect_line;            /* its line */
    Token expect_tok;           /* the NEWLINE after the header */
    bool top_done;              /* PARSE_SINGLE: one statement complete */
    int blocks[LX_MAXINDENT + 2]; /* header keyword of each open indented block */
    int nblocks;
    int closed;                 /* header keyword of the block the last DEDENT closed */
    int prev_header;            /* expect_indent before the INDENT */
    bool case_guard;            /* past the `if` of a case clause's line */
    const Token *look;          /* the token being fed to the parser */
};

static bool is_compound_kw(int code) {
    switch (code) {
    case TK_IF: case TK_ELIF: case TK_ELSE: case TK_WHILE: case TK_FOR: case TK_TRY:
    case TK_EXCEPT: case TK_FINALLY: case TK_WITH: case TK_DEF: case TK_CLASS:
    case TK_MATCH: case TK_CASE:
        return true;
    default:
        return false;
    }
}

static bool tok_is(const Token *t, const char *s) {
    return (size_t)t->len == strlen(s) && memcmp(t->s, s, (size_t)t->len) == 0;
}

static void drv_error(Driver *d, SyntaxErrorKind kind, const Token *t, const char *fmt, const char *arg) {
    ast_error(d->p, kind, t->lineno, t->col, fmt, arg);
}

/* Peek at the token after the current one without consuming it. */
static int peek(Driver *d, Token *t) {
    Lexer copy = *d->lx;
    SyntaxErrorInfo scratch;
    memset(&scratch, 0, sizeof scratch);
    copy.err = &scratch;
    return lx_next(&copy, t);
}

/* `match x:` is a match statement when the logical line starting with the
 * soft keyword `match` ends with ':' (an annotated `match: int` or
 * `match[x]: T = v` never does). */
static bool is_match_stmt(Driver *d) {
    Lexer copy = *d->lx;
    SyntaxErrorInfo scratch;
    memset(&scratch, 0, sizeof scratch);
    copy.err = &scratch;
    Token t;
    int last = 0, n = 0, code;
    while ((code = lx_next(&copy, &t)) > 0 && code != TK_NEWLINE) {
        if (n == 0 && (code == TK_EQUAL || code == TK_DOT || code == TK_COLON ||
                       (code >= TK_PLUSEQUAL && code <= TK_DOUBLESLASHEQUAL) || code == TK_ATEQUAL))
            return false;
        last = code;
        n++;
    }
    return code == TK_NEWLINE && last == TK_COLON && n >= 2;
}

static const char *header_desc(int code, char *buf, size_t n) {
    switch (code) {
    case TK_DEF: return "function definition";
    case TK_CLASS: return "class definition";
    default: snprintf(buf, n, "'%s' statement", lx_token_name(code)); return buf;
    }
}

/* The soft keywords: `match` starting a match statement, `case` starting
 * a line directly inside a match block. */
static int soft_keyword(Driver *d, int code, Token *t) {
    if (code != TK_NAME || !d->at_line_start) return code;
    if (tok_is(t, "match") && is_match_stmt(d)) return TK_MATCH;
    if (tok_is(t, "case") && d->nblocks > 0 && d->blocks[d->nblocks - 1] == TK_MATCH) return TK_CASE;
    return code;
}

/* Checks before the parser sees token *codep (which may become a soft
 * keyword); false stops the parse. */
static bool before_token(Driver *d, int *codep, Token *t) {
    ParseCtx *p = d->p;
    int code = *codep = soft_keyword(d, *codep, t);
    if (d->expect_indent && code != TK_INDENT) {
        char b[64];
        const char *what = header_desc(d->expect_indent, b, sizeof b);
        /* At the end of the input (the DEDENTs closing outer blocks come
         * first) the block may still follow: the REPL reads on. */
        if (code == 0 || (code == TK_DEDENT && d->lx->cur >= d->lx->lim)) {
            p->err->incomplete = true;
            ast_error(p, SE_INDENTATION, d->expect_tok.lineno, d->expect_tok.col,
                      "expected an indented block after %s on line %d", what, d->expect_line);
        } else {
            bool first = !p->err->msg[0];
            ast_error(p, SE_INDENTATION, t->lineno, t->col,
                      "expected an indented block after %s on line %d", what, d->expect_line);
            /* CPython marks the whole first token of the unindented line. */
            if (first && t->len > 0 && !memchr(t->s, '\n', (size_t)t->len)) {
                p->err->end_lineno = t->lineno;
                p->err->end_col = t->col + t->len + 1;
            }
        }
        return false;
    }
    d->prev_header = d->expect_indent;
    d->expect_indent = 0;
    switch (code) {
    case TK_NOTEQUAL:
        /* `<>` is a token (CPython reports it whole) that 3.11 accepts only
         * under a barry_as_FLUFL compiler flag, never from the source. */
        if (tok_is(t, "<>")) {
            drv_error(d, SE_SYNTAX, t, "%s", "invalid syntax");
            return false;
        }
        break;
    case TK_LSQB:
        if (d->prev == TK_NAME && (d->prev2 == TK_DEF || d->prev2 == TK_CLASS)) {
            drv_error(d, SE_SYNTAX, t, "%s is not supported by minipy", "type parameter syntax");
            return false;
        }
        break;
    case TK_NAME:
        if (d->prev == TK_NAME && d->line_first == TK_NAME && !d->at_line_start &&
            d->prev_tok.s == d->line_first_tok.s && tok_is(&d->prev_tok, "type")) {
            Token nt;
            int next = peek(d, &nt);
            if (next == TK_EQUAL || next == TK_LSQB) {
                drv_error(d, SE_SYNTAX, &d->prev_tok, "%s is not supported by minipy", "'type' statement");
                return false;
            }
        }
        break;
    default:
        break;
    }
    if (d->at_line_start && (code == TK_ELSE || code == TK_ELIF || code == TK_EXCEPT || code == TK_FINALLY))
        d->top_done = false;  /* the compound statement goes on */
    if (p->mode == PARSE_SINGLE && d->at_line_start && d->top_done && code != 0 &&
        code != TK_NEWLINE && code != TK_DEDENT && code != TK_ELSE && code != TK_ELIF &&
        code != TK_EXCEPT && code != TK_FINALLY) {
        drv_error(d, SE_SYNTAX, t, "%s", "multiple statements found while compiling a single statement");
        return false;
    }
    return true;
}

/* Bookkeeping after the parser accepted token t. */
static void after_token(Driver *d, int code, const Token *t) {
    if (d->at_line_start && code != TK_INDENT && code != TK_DEDENT && code != TK_NEWLINE) {
        d->line_first = code;
        d->line_first_tok = *t;
        d->at_line_start = false;
        d->colon_on_line = false;
        d->case_guard = false;
    }
    /* `async def/for/with` headers: the block is the def's, for's or with's. */
    if (d->line_first == TK_ASYNC && d->prev == TK_ASYNC && (code == TK_DEF || code == TK_FOR || code == TK_WITH))
        d->line_first = code;
    if (code == TK_IF && d->line_first == TK_CASE && d->lx->depth == 0) d->case_guard = true;
    if (code == TK_COLON && d->lx->depth == 0) d->colon_on_line = true;
    if (code == TK_NEWLINE) {
        if (d->prev == TK_COLON && is_compound_kw(d->line_first)) {
            d->expect_indent = d->line_first;
            d->expect_line = d->line_first_tok.lineno;
            d->expect_tok = *t;
        } else if (d->lx->nindent == 0 && d->line_first != TK_AT) {
            d->top_done = true;
        }
    }
    if (code == TK_DEDENT && d->lx->nindent == 0 && d->lx->pending_dedents == 0) d->top_done = true;
    if (code == TK_INDENT && d->nblocks < LX_MAXINDENT + 2) d->blocks[d->nblocks++] = d->prev_header;
    if (code == TK_DEDENT && d->nblocks > 0) d->closed = d->blocks[--d->nblocks];
    if (code == TK_NEWLINE && d->prev != TK_COLON) d->closed = d->line_first;
    if (code == TK_NEWLINE || code == TK_INDENT || code == TK_DEDENT) d->at_line_start = true;
    d->prev2 = d->prev;
    d->prev = code;
    d->prev_tok = *t;
}

/* End position of the last token the parser consumed: when the grammar
 * reduces a rule, that is where the rule's text ends (LALR(1) reduces on
 * the lookahead), so builders take their nodes' end positions from here. */
void ast_last_end(ParseCtx *p, int *line, int *col) {
    if (!p->drv) {
        *line = 0;
        *col = 0;
        return;
    }
    const Token *t = &p->drv->prev_tok;
    int l = t->lineno, c = t->col + t->len;
    if (p->drv->prev == TK_STRING) {  /* triple-quoted strings may span lines */
        for (const char *q = t->s, *e = t->s + t->len; q < e; q++)
            if (*q == '\n' || (*q == '\r' && (q + 1 >= e || q[1] != '\n'))) l++, c = (int)(e - q - 1);
    }
    *line = l;
    *col = c;
}

/* ---- syntax errors reported by the grammar ----------------------------------- */

static bool ends_atom(int code) {
    switch (code) {
    case TK_NAME: case TK_NUMBER: case TK_STRING: case TK_RPAR: case TK_RSQB: case TK_RBRACE:
    case TK_TRUE: case TK_FALSE: case TK_NONE: case TK_ELLIPSIS:
        return true;
    default:
        return false;
    }
}

static bool starts_atom(int code) {
    switch (code) {
    case TK_NAME: case TK_NUMBER: case TK_STRING: case TK_LPAR: case TK_LSQB: case TK_LBRACE:
    case TK_TRUE: case TK_FALSE: case TK_NONE: case TK_ELLIPSIS: case TK_LAMBDA: case TK_NOT:
        return true;
    default:
        return false;
    }
}

void ast_syntax_error(ParseCtx *p, int major, const Token *t) {
    if (p->failed) return;
    Driver *d = p->drv;
    if (major == TK_INDENT) {
        ast_error(p, SE_INDENTATION, t->lineno, t->col, "unexpected indent");
        p->err->end_col = -1; /* CPython's: no end, so no caret is printed */
        return;
    }
    if (d && !p->fexpr) {
        Lexer *lx = d->lx;
        /* Inside brackets opened on an earlier line, the real mistake is
         * usually the unclosed bracket (CPython reports it so). */
        if (lx->depth > 0 && lx->bracket_line[lx->depth - 1] < t->lineno) {
            ast_error(p, SE_SYNTAX, lx->bracket_line[lx->depth - 1], lx->bracket_col[lx->depth - 1],
                      "'%c' was never closed", lx->brackets[lx->depth - 1]);
            return;
        }
        /* A case clause says "expected ':'" only after a whole pattern. */
        bool soft = d->line_first == TK_CASE || d->line_first == TK_MATCH;
        if (major == TK_NEWLINE && is_compound_kw(d->line_first) && !d->colon_on_line &&
            d->line_first != TK_ELSE && d->line_first != TK_TRY && d->line_first != TK_FINALLY &&
            (!soft || ends_atom(d->prev))) {
            ast_error(p, SE_SYNTAX, t->lineno, t->col, "expected ':'");
            return;
        }
        if (major == TK_NEWLINE && (d->line_first == TK_ELSE || d->line_first == TK_TRY ||
                                    d->line_first == TK_FINALLY) && d->prev == d->line_first) {
            ast_error(p, SE_SYNTAX, t->lineno, t->col, "expected ':'");
            return;
        }
        if (major == TK_EQUAL && lx->depth == 0 &&
            (d->line_first == TK_IF || d->line_first == TK_ELIF || d->line_first == TK_WHILE)) {
            ast_error(p, SE_SYNTAX, t->lineno, d->prev_tok.col,
                      "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
            return;
        }
        if (d->line_first == TK_NAME && d->prev_tok.s == d->line_first_tok.s &&
            (tok_is(&d->prev_tok, "print") || tok_is(&d->prev_tok, "exec")) && starts_atom(major)) {
            ast_error(p, SE_SYNTAX, d->prev_tok.lineno, d->prev_tok.col,
                      "Missing parentheses in call to '%.*s'. Did you mean %.*s(...)?",
                      d->prev_tok.len, d->prev_tok.s, d->prev_tok.len, d->prev_tok.s);
            return;
        }
        /* Patterns are not expressions: no comma hint inside them. */
        bool in_pattern = d->line_first == TK_CASE && !d->case_guard;
        if (lx->depth > 0 && ends_atom(d->prev) && starts_atom(major) && !in_pattern) {
            ast_error(p, SE_SYNTAX, d->prev_tok.lineno, d->prev_tok.col,
                      "invalid syntax. Perhaps you forgot a comma?");
            return;
        }
        if ((d->prev == TK_DEDENT || d->prev == TK_NEWLINE) && d->closed == TK_TRY &&
            major != TK_EXCEPT && major != TK_FINALLY) {
            if (major == 0) p->err->incomplete = true;
            ast_error(p, SE_SYNTAX, t->lineno, t->col, "expected 'except' or 'finally' block");
            return;
        }
        if (major == TK_NEWLINE && d->prev == TK_COMMA && d->line_first == TK_FROM) {
            ast_error(p, SE_SYNTAX, t->lineno, t->col,
                      "trailing comma not allowed without surrounding parentheses");
            return;
        }
    }
    if (major == 0) {
        /* Every line was complete yet the statement is not (`try:` without
         * `except`, a lone decorator): the REPL should keep reading. */
        p->err->incomplete = true;
        ast_error(p, SE_SYNTAX, t->lineno, t->col, "invalid syntax");
        return;
    }
    ast_error(p, SE_SYNTAX, t->lineno, t->col, "invalid syntax");
}

void ast_stack_overflow(ParseCtx *p) {
    const Token *t = p->drv ? &p->drv->prev_tok : NULL;
    ast_error(p, SE_SYNTAX, t ? t->lineno : 1, t ? t->col : 0, "too complex: expression nested too deeply");
}

void ast_parse_failure(ParseCtx *p) {
    if (!p->failed) ast_error(p, SE_SYNTAX, 1, 0, "invalid syntax");
}

/* ---- the loop --------------------------------------------------------------- */

static void *parser_get(ParseCtx *p) {
    ParseCtx *root = p->root;
    int i = p->fdepth;
    if (i < (int)(sizeof root->parsers / sizeof *root->parsers)) {
        if (!root->parsers[i]) root->parsers[i] = lxParseAlloc(malloc, p);
        lxParseInit(root->parsers[i], p);
        return root->parsers[i];
    }
    return lxParseAlloc(malloc, p);
}

static void parser_put(ParseCtx *p, void *parser) {
    ParseCtx *root = p->root;
    if (p->fdepth >= (int)(sizeof root->parsers / sizeof *root->parsers)) lxParseFree(parser, free);
}
/* The token the parser is looking at, after the rule being reduced: CPython reports errors
 * found while building a node there (a string literal's undecodable escapes).  False if none. */
bool ast_lookahead(ParseCtx *p, int *line, int *col, int *len) {
    if (!p->drv || !p->drv->look) return false;
    *line = p->drv->look->lineno;
    *col = p->drv->look->col;
    *len = p->drv->look->len;
    return true;
}

/* After a syntax error the parser found, CPython tokenizes the rest of the
 * source and lets a tokenizer error there win (an unmatched bracket, a bad
 * literal further down), except an unclosed bracket opened on or after the
 * error's line (_PyPegen_tokenize_full_source_to_check_for_errors).  Not
 * after "unexpected indent", and indentation errors found ahead do not count
 * (CPython's tokenizer leaves those to the parser). */
static void prefer_tokenizer_error(ParseCtx *p, const Lexer *lx) {
    if (p->fexpr || p->err->incomplete || !p->err->msg[0]) return;
    if (p->err->kind == SE_INDENTATION && strcmp(p->err->msg, "unexpected indent") == 0) return;
    Lexer copy = *lx;
    SyntaxErrorInfo scratch;
    memset(&scratch, 0, sizeof scratch);
    copy.err = &scratch;
    Token t;
    int code;
    while ((code = lx_next(&copy, &t)) > 0) {}
    if (code == 0 || !scratch.msg[0] || scratch.kind != SE_SYNTAX) return;
    bool unclosed = copy.cur >= copy.lim && copy.depth > 0;
    if (unclosed && copy.bracket_line[copy.depth - 1] >= p->err->lineno) return;
    scratch.incomplete = false;
    *p->err = scratch;
}

/* Feed every token of lx to a fresh parser; false on a syntax error. */
static bool run(ParseCtx *p, Lexer *lx, int start) {
    Driver d;
    memset(&d, 0, sizeof d);
    d.p = p;
    d.lx = lx;
    d.at_line_start = true;
    p->drv = &d;
    p->lx = lx;
    void *parser = parser_get(p);
    Token t = {lx->cur, 0, 1, 0, 0};
    lxParse(parser, start, t);
    for (;;) {
        int code = lx_next(lx, &t);
        if (code < 0) {
            p->failed = true;
            break;
        }
        if (!before_token(&d, &code, &t)) {
            prefer_tokenizer_error(p, lx);
            break;
        }
        d.look = &t;
        lxParse(parser, code, t);
        d.look = NULL;
        if (p->failed) prefer_tokenizer_error(p, lx);
        if (p->failed || code == 0) break;
        after_token(&d, code, &t);
    }
    parser_put(p, parser);
    p->drv = NULL;
    if (!p->failed) {
        for (int i = 0; i < p->markers.n; i++) {
            Expr *m = p->markers.items[i];
            if (m->u.binop.right) {  /* an `x as y` no with statement consumed */
                Expr *v = m->u.binop.right;
                ast_error(p, SE_SYNTAX, v->lineno, v->col > 3 ? v->col - 3 : 0, "invalid syntax");
                break;
            }
        }
    }
    return !p->failed;
}

Expr *lx_parse_fexpr(ParseCtx *p, const char *src, size_t len, int lineno, const char *line_start) {
    ParseCtx sub;
    memset(&sub, 0, sizeof sub);
    sub.a = p->a;
    sub.err = p->err;
    sub.filename = p->filename;
    sub.buf = p->buf;
    sub.buf_end = p->buf_end;
    sub.mode = PARSE_EVAL;
    sub.fexpr = true;
    sub.root = p->root;
    sub.fdepth = p->fdepth + 1;
    Lexer lx;
    lx_init_fexpr(&lx, src, len, p->buf, p->buf_end, lineno, line_start, p->err, p->filename);
    Lexer *saved_lx = p->lx;
    bool ok = run(&sub, &lx, TK_FEXPR_START);
    p->lx = saved_lx;
    if (!ok || !sub.expr) {
        p->failed = true;
        if (!p->err->msg[0]) ast_error(p, SE_SYNTAX, lineno, (int)(src - line_start), "invalid syntax");
        return NULL;
    }
    return sub.expr;
}

AstModule *lx_parse(Arena *arena, const char *src, size_t len, const char *filename,
                    ParseMode mode, SyntaxErrorInfo *err) {
    memset(err, 0, sizeof *err);
    err->filename = filename;
    if (lx_check_utf8(src, len, err, filename) < 0) return NULL;
    ParseCtx p;
    memset(&p, 0, sizeof p);
    p.a = arena;
    p.err = err;
    p.filename = filename;
    p.buf = src;
    p.buf_end = src + len;
    p.mode = mode;
    p.root = &p;
    Lexer lx;
    lx_init(&lx, src, len, mode, err, filename);
    int start = mode == PARSE_EVAL ? TK_EVAL_START : mode == PARSE_SINGLE ? TK_SINGLE_START
              : mode == PARSE_FUNC_TYPE ? TK_FUNCTYPE_START : TK_FILE_START;
    bool ok = run(&p, &lx, start);
    for (size_t i = 0; i < sizeof p.parsers / sizeof *p.parsers; i++)
        if (p.parsers[i]) lxParseFree(p.parsers[i], free);
    ast_idents_free(&p);
    if (!ok) {
        if (!err->msg[0]) lx_set_error(err, filename, src, src + len, SE_SYNTAX, lx.lineno, 0, "invalid syntax");
        return NULL;
    }
    AstModule *m = ast_alloc(arena, sizeof(AstModule));
    m->mode = mode;
    if (mode == PARSE_EVAL) {
        Stmt *s = ast_alloc(arena, sizeof(Stmt));
        s->kind = S_EXPR;
        s->u.expr.value = p.expr;
        s->lineno = p.expr ? p.expr->lineno : 1;
        s->col = p.expr ? p.expr->col : 0;
        ast_list_push(arena, &m->body, s);
    } else if (mode == PARSE_FUNC_TYPE) {
        m->argtypes = *p.argtypes;
        m->returns = p.expr;
    } else if (p.body) {
        m->body = *p.body;
    }
    return m;
}
