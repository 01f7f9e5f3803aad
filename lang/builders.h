/* lang/builders.h — internal to lang/: the parse context shared by the
 * grammar's actions, the token driver (parser.c) and the AST builders
 * (ast.c, fstring.c).  Not part of the contract; use lang/parser.h. */
#ifndef MINIPY_LANG_BUILDERS_H
#define MINIPY_LANG_BUILDERS_H

#include "lang/ast.h"
#include "lang/lexer.h"

/* Operator numbers, mirroring runtime/object.h (BinOp order of RT_BINOPS,
 * UnaryOp, CmpOp + CMPX_*) without making lang/ depend on runtime/;
 * tests/unit/test_parser.c checks they agree. */
enum {
    AUG_ADD, AUG_SUB, AUG_MUL, AUG_TRUEDIV, AUG_FLOORDIV, AUG_MOD, AUG_POW,
    AUG_LSHIFT, AUG_RSHIFT, AUG_AND, AUG_OR, AUG_XOR, AUG_MATMUL,
};
enum { UN_NEG_, UN_POS_, UN_INVERT_, UN_NOT_ };
enum { CMPK_LT, CMPK_LE, CMPK_EQ, CMPK_NE, CMPK_GT, CMPK_GE,
       CMPK_IS, CMPK_IS_NOT, CMPK_IN, CMPK_NOT_IN };

typedef struct ParseCtx ParseCtx;
typedef struct Driver Driver;   /* parser.c's token driver */
struct ParseCtx {
    Arena *a;
    SyntaxErrorInfo *err;
    const char *filename;
    const char *buf, *buf_end;   /* the whole source */
    ParseMode mode;
    bool failed;
    bool fexpr;                  /* parsing an f-string expression */
    AstList *body;               /* result: statements */
    Expr *expr;                  /* result: PARSE_EVAL / f-string expression; PARSE_FUNC_TYPE's returns */
    AstList *argtypes;           /* result: PARSE_FUNC_TYPE */
    int functype_seen;           /* PARSE_FUNC_TYPE: 1 `*` item seen, 2 `**` item seen */
    int functype_end_line, functype_end_col; /* where the last item ended */
    AstList markers;             /* `x as y` inside parentheses (with items) */
    int dotted_line, dotted_col; /* where the last dotted name began (an alias's start) */
    Lexer *lx;
    Driver *drv;                 /* the driver of this parse, for error hooks */
    ParseCtx *root;
    int fdepth;                  /* f-string nesting */
    void *parsers[8];            /* lemon parsers for nested f-string parses (root only) */
    /* Identifier table (root only): each distinct name is copied into the
     * arena once and every occurrence shares that pointer, so later passes
     * (the compiler caches interned strs by pointer) see each name once. */
    const char **idents;
    uint32_t idmask, idcount;
};

/* Free the root's identifier table (lx_parse does it when parsing ends). */
void ast_idents_free(ParseCtx *p);

/* Record a SyntaxError (first one wins) and mark the parse failed. */
void ast_error(ParseCtx *p, SyntaxErrorKind kind, int lineno, int col0, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void ast_error_expr(ParseCtx *p, const Expr *e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* grammar hooks */
void ast_syntax_error(ParseCtx *p, int major, const Token *t);
void ast_stack_overflow(ParseCtx *p);
void ast_parse_failure(ParseCtx *p);

/* builder-side helper types */
typedef struct IfChain { Stmt *top, *last; } IfChain;
typedef enum { PARAM_PLAIN, PARAM_STAR, PARAM_DSTAR, PARAM_SLASH } ParamKind;
typedef struct Param { ParamKind kind; Arg *arg; Expr *def; int lineno, col; } Param;
typedef enum { CARG_POS, CARG_GENEXP, CARG_KEYWORD, CARG_STAR, CARG_DSTAR } CallArgKind;
typedef struct CallArg { CallArgKind kind; Expr *value; Expr *key; int end_lineno, end_col; } CallArg;
typedef struct StrBuild { AstList toks; /* Token* */ } StrBuild;

/* lists */
AstList *ast_list0(ParseCtx *p);
AstList *ast_list1(ParseCtx *p, void *x);
AstList *ast_list2(ParseCtx *p, void *x, void *y);
AstList *ast_list_add(ParseCtx *p, AstList *l, void *x);
AstList *ast_list_extend(ParseCtx *p, AstList *l, AstList *more);

/* results */
void ast_set_body(ParseCtx *p, AstList *body);
void ast_set_expr(ParseCtx *p, Expr *e);
/* func_type input: `*` may only come once, before `**`, and `**` last. */
Expr *ast_type_expr(ParseCtx *p, const Token *star, Expr *e);
void ast_functype(ParseCtx *p, AstList *argtypes, Expr *returns);

/* statements */
/* `a; b;`: a block ending there ends after the ';' (as in CPython). */
AstList *ast_trailing_semi(ParseCtx *p, AstList *stmts, const Token *semi);
/* Where a block (a non-empty list of statements) ends. */
void ast_block_end(const AstList *body, int *line, int *col);
Stmt *ast_simple(ParseCtx *p, const Token *t, StmtKind kind);
Stmt *ast_expr_stmt(ParseCtx *p, Expr *e);
Stmt *ast_delete(ParseCtx *p, const Token *t, Expr *targets);
Stmt *ast_return(ParseCtx *p, const Token *t, Expr *value);
Stmt *ast_raise(ParseCtx *p, const Token *t, Expr *exc, Expr *cause);
Stmt *ast_names(ParseCtx *p, const Token *t, StmtKind kind, AstList *names);
Stmt *ast_assert(ParseCtx *p, const Token *t, Expr *test, Expr *msg);
Stmt *ast_import(ParseCtx *p, const Token *t, AstList *aliases);
Stmt *ast_import_from(ParseCtx *p, const Token *t, int level, const char *module, AstList *aliases);
const char *ast_ident(ParseCtx *p, const Token *t);
const char *ast_dotted(ParseCtx *p, const char *left, const Token *name);
/* An alias starts at `first`, or (NULL) at the dotted name last begun by
 * ast_dotted_start. */
const char *ast_dotted_start(ParseCtx *p, const Token *first);
Alias *ast_alias(ParseCtx *p, const char *name, const Token *first, const Token *asname);
Stmt *ast_augassign(ParseCtx *p, Expr *target, int op, Expr *value);
Stmt *ast_annassign(ParseCtx *p, Expr *target, Expr *annotation, Expr *value);
Stmt *ast_assign(ParseCtx *p, AstList *targets, Expr *value);
IfChain *ast_if_start(ParseCtx *p, const Token *t, Expr *test, AstList *body);
IfChain *ast_if_elif(ParseCtx *p, IfChain *c, const Token *t, Expr *test, AstList *body);
Stmt *ast_if_done(ParseCtx *p, IfChain *c, AstList *orelse);
Stmt *ast_while(ParseCtx *p, const Token *t, Expr *test, AstList *body, AstList *orelse);
Stmt *ast_for(ParseCtx *p, const Token *t, Expr *target, Expr *iter, AstList *body, AstList *orelse);
Stmt *ast_try(ParseCtx *p, const Token *t, AstList *body, AstList *handlers, AstList *orelse,
              AstList *finalbody);
ExceptHandler *ast_handler(ParseCtx *p, const Token *t, Expr *type, const Token *name, AstList *body);
ExceptHandler *ast_handler_star(ParseCtx *p, const Token *t, Expr *type, const Token *name, AstList *body);
ExceptHandler *ast_handler_star_bare(ParseCtx *p, const Token *t, const Token *colon, AstList *body);
Stmt *ast_with(ParseCtx *p, const Token *t, AstList *items, AstList *body);
WithItem *ast_withitem(ParseCtx *p, Expr *ctx, Expr *vars);
Expr *ast_with_marker(ParseCtx *p, Expr *ctx, Expr *vars);
Stmt *ast_decorate(ParseCtx *p, AstList *decorators, Stmt *def);
Stmt *ast_funcdef(ParseCtx *p, const Token *t, const Token *name, AstList *params, Expr *returns,
                  AstList *body);
Stmt *ast_classdef(ParseCtx *p, const Token *t, const Token *name, AstList *args, AstList *body);
Param *ast_param(ParseCtx *p, ParamKind kind, Arg *arg, Expr *def, const Token *t);
Arg *ast_arg(ParseCtx *p, const Token *name, Expr *annotation);

/* expressions */
const char *ast_expr_name(const Expr *e);   /* CPython's name of e in errors */
Expr *ast_namedexpr(ParseCtx *p, Expr *target, Expr *value);
Expr *ast_refuse(ParseCtx *p, const Token *t, const char *msg);  /* SyntaxError msg at t */
Stmt *ast_walrus_stmt(ParseCtx *p, Expr *target, const Token *op, Expr *value);
Expr *ast_tuple_or_single(ParseCtx *p, AstList *items, bool trailing_comma);
Expr *ast_subscript_index(ParseCtx *p, AstList *items);
Expr *ast_starred(ParseCtx *p, const Token *t, Expr *value);
Expr *ast_yield(ParseCtx *p, const Token *t, Expr *value, bool from);
Expr *ast_ifexp(ParseCtx *p, Expr *test, Expr *body, Expr *orelse);
Expr *ast_lambda(ParseCtx *p, const Token *t, AstList *params, Expr *body);
Expr *ast_boolop(ParseCtx *p, BoolOpKind op, AstList *values);
Expr *ast_unary(ParseCtx *p, const Token *t, int op, Expr *operand);
Expr *ast_compare(ParseCtx *p, Expr *left, int op, Expr *right);
Expr *ast_compare_add(ParseCtx *p, Expr *cmp, int op, Expr *right);
Expr *ast_binop(ParseCtx *p, Expr *left, int op, Expr *right);
Expr *ast_call(ParseCtx *p, Expr *func, AstList *args, const Token *open, const Token *close);
Expr *ast_subscript(ParseCtx *p, Expr *value, Expr *index, const Token *close);
Expr *ast_attribute(ParseCtx *p, Expr *value, const Token *name);
AstList *ast_args_trailing_comma(ParseCtx *p, AstList *args);
CallArg *ast_callarg(ParseCtx *p, CallArgKind kind, Expr *value, Expr *key);
Expr *ast_tokexpr(ParseCtx *p, const Token *t);
Expr *ast_slice(ParseCtx *p, const Token *t, Expr *lower, Expr *upper, Expr *step);
AstList *ast_comp_for(ParseCtx *p, AstList *gens, const Token *t, Expr *target, Expr *iter);
AstList *ast_comp_if(ParseCtx *p, AstList *gens, Expr *cond);
Expr *ast_name(ParseCtx *p, const Token *t);
Expr *ast_number(ParseCtx *p, const Token *t);
Expr *ast_const(ParseCtx *p, const Token *t, ConstKind kind);
Expr *ast_seq(ParseCtx *p, const Token *t, ExprKind kind, AstList *items);
Expr *ast_paren1(ParseCtx *p, const Token *t, Expr *e);
Expr *ast_paren(ParseCtx *p, const Token *t, AstList *items, bool trailing_comma);
Expr *ast_genexp(ParseCtx *p, const Token *t, Expr *elt, AstList *gens);
Expr *ast_comp(ParseCtx *p, const Token *t, ExprKind kind, Expr *key, Expr *elt, AstList *gens);
Expr *ast_dict_new(ParseCtx *p, const Token *t, Expr *key, Expr *value);
Expr *ast_dict_add(ParseCtx *p, Expr *dict, Expr *key, Expr *value);
Expr *ast_at(ParseCtx *p, const Token *t, Expr *e);

/* async (lang/ast.c): mark a def/for/with statement async, starting at
 * the `async` token; `await value`; the last comprehension clause async. */
Stmt *ast_async_stmt(ParseCtx *p, const Token *t, Stmt *s);
Expr *ast_await(ParseCtx *p, const Token *t, Expr *value);
AstList *ast_comp_async(ParseCtx *p, AstList *gens);

/* match statements (lang/ast_match.c) */
typedef struct MapItems { AstList keys, patterns; } MapItems;
typedef struct PatArg { const char *kw; Pattern *pat; } PatArg;
Pattern *ast_pat_value(ParseCtx *p, Expr *v);
Expr *ast_pat_negative(ParseCtx *p, const Token *minus, Expr *num);
Pattern *ast_pat_complex(ParseCtx *p, Expr *real, int op, Expr *imag);
Pattern *ast_pat_singleton(ParseCtx *p, const Token *t, ConstKind kind);
Pattern *ast_pat_name(ParseCtx *p, Expr *e);
Pattern *ast_pat_star(ParseCtx *p, const Token *star, const Token *name);
Pattern *ast_pat_as(ParseCtx *p, Pattern *pat, const Token *name);
Pattern *ast_pat_or(ParseCtx *p, AstList *alts);
Pattern *ast_pat_sequence(ParseCtx *p, const Token *open, AstList *items);
Pattern *ast_pat_group(ParseCtx *p, const Token *lpar, Pattern *inner);
MapItems *ast_map_item(ParseCtx *p, MapItems *m, Expr *key, Pattern *pat);
Pattern *ast_pat_mapping(ParseCtx *p, const Token *open, MapItems *m, const Token *rest);
PatArg *ast_pat_arg(ParseCtx *p, const Token *kw, Pattern *pat);
Pattern *ast_pat_class(ParseCtx *p, Expr *cls, AstList *args);
MatchCase *ast_match_case(ParseCtx *p, Pattern *pat, Expr *guard, AstList *body);
Stmt *ast_match(ParseCtx *p, const Token *t, Expr *subject, AstList *cases);

/* string literals (lang/fstring.c) */
StrBuild *ast_str_begin(ParseCtx *p, const Token *t);
StrBuild *ast_str_add(ParseCtx *p, StrBuild *s, const Token *t);
Expr *ast_strings(ParseCtx *p, StrBuild *s);

/* parser.c: parse src[0..len) (inside p->buf) as an f-string expression. */
Expr *lx_parse_fexpr(ParseCtx *p, const char *src, size_t len, int lineno, const char *line_start);

/* parser.c: end of the last consumed token (a node's end at its reduction) */
void ast_last_end(ParseCtx *p, int *line, int *col);
bool ast_lookahead(ParseCtx *p, int *line, int *col, int *len);

/* Where a node beginning with e begins: at e's outermost '(' if it has one. */
static inline int ast_start_line(const Expr *e) { return e->parenthesized ? e->paren_lineno : e->lineno; }
static inline int ast_start_col(const Expr *e) { return e->parenthesized ? e->paren_col : e->col; }

/* allocation helpers */
Expr *ast_new_expr(ParseCtx *p, ExprKind kind, int lineno, int col);

#endif
