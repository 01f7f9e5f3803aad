/* lang/lexer.h — the tokenizer: source bytes to the grammar's tokens
 * (TK_* codes from the generated grammar.h), with Python's layout tokens
 * NEWLINE/INDENT/DEDENT decided here (STYLE.md §3).  Tokens point into the
 * source; nothing is copied.  (lang/lexer.re) */
#ifndef MINIPY_LEXER_H
#define MINIPY_LEXER_H

#include "lang/ast.h"

enum {
    LX_MAXINDENT = 100,  /* CPython's tokenizer limits */
    LX_MAXLEVEL = 200,
};

/* Token.flags for TK_NUMBER */
enum { LXF_INT = 0, LXF_FLOAT = 1, LXF_IMAG = 2 };

typedef struct Token {
    const char *s;   /* first byte of the token in the source */
    int len;
    int lineno;      /* 1-based */
    int col;         /* 0-based byte offset in its line (CPython's col_offset) */
    int flags;
} Token;

typedef struct Lexer {
    const char *cur, *lim;       /* the part being tokenized */
    const char *buf, *buf_end;   /* the whole source, for error text */
    const char *line_start;
    int lineno;
    int indents[LX_MAXINDENT + 1];    /* columns, tabs to multiples of 8 */
    int altindents[LX_MAXINDENT + 1]; /* columns, tabs counting 1: TabError check */
    int nindent;
    int pending_dedents;
    bool at_bol;                 /* at the start of a logical line, depth 0 */
    bool line_has_tokens;        /* a token was emitted since the last NEWLINE */
    bool fexpr;                  /* an f-string expression: implicit outer bracket */
    bool done;                   /* ENDMARKER returned */
    int depth;                   /* open brackets */
    char brackets[LX_MAXLEVEL + 1];
    int bracket_line[LX_MAXLEVEL + 1];
    int bracket_col[LX_MAXLEVEL + 1];
    SyntaxErrorInfo *err;
    const char *filename;
} Lexer;

/* Tokenize src[0..len) (no NUL terminator needed).  buf/buf_end delimit the
 * whole source text (for error lines), lineno/line_start give the position of
 * src inside it (f-string expressions are tokenized in place). */
void lx_init(Lexer *lx, const char *src, size_t len, ParseMode mode, SyntaxErrorInfo *err,
             const char *filename);
void lx_init_fexpr(Lexer *lx, const char *src, size_t len, const char *buf, const char *buf_end,
                   int lineno, const char *line_start, SyntaxErrorInfo *err, const char *filename);

/* The next token's TK_* code (0 at end of input, after the final NEWLINE and
 * DEDENTs), or -1 with *err filled. */
int lx_next(Lexer *lx, Token *t);

/* A printable name of a token code ("NAME", "'('", "INDENT"...), for tests. */
const char *lx_token_name(int code);

/* Fill *err (first error wins: does nothing if err->msg is already set).
 * col0 is 0-based; stored 1-based as CPython's offset. */
void lx_set_error(SyntaxErrorInfo *err, const char *filename, const char *buf,
                  const char *buf_end, SyntaxErrorKind kind, int lineno, int col0,
                  const char *fmt, ...) __attribute__((format(printf, 8, 9)));

/* 0 if src is valid UTF-8; otherwise fills *err like CPython's decoder error. */
int lx_check_utf8(const char *src, size_t len, SyntaxErrorInfo *err, const char *filename);

#endif
