/* lang/ast.h — the abstract syntax tree: what the parser builds and the
 * compiler reads.  Node kinds and fields follow CPython's `ast` module, so
 * `ast_dump` output reads like `ast.dump`.  Every node lives in one Arena and
 * is freed with it in one go.  (lang/ast.c) */
#ifndef MINIPY_AST_H
#define MINIPY_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- arena ---------------------------------------------------------------- */

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
    ArenaBlock *blocks;
    size_t used_in_block;
    size_t total;        /* bytes of all blocks: big arenas switch to huge-page blocks */
} Arena;

void ast_arena_init(Arena *a);
void ast_arena_free(Arena *a);

/* Big zeroed blocks for arenas that outgrow the heap's small blocks (a big
 * module's AST, the compiler's working memory): 2 MiB-aligned mappings the
 * kernel may back with transparent huge pages, so filling them costs one
 * page fault per 2 MiB instead of one per 4 KiB.  *size is rounded up to
 * whole 2 MiB; NULL if the mapping fails.  (lang/ast.c) */
enum { AST_HUGE_BLOCK = 2 * 1024 * 1024 };
void *ast_map_block(size_t *size);
void ast_unmap_block(void *p, size_t size);
void *ast_alloc(Arena *a, size_t size);              /* zeroed; aborts only if out of memory */
char *ast_strndup(Arena *a, const char *s, size_t n);

/* A growable array of node pointers, arena-backed. */
typedef struct AstList {
    int n, cap;
    void **items;
} AstList;
void ast_list_push(Arena *a, AstList *l, void *item);

/* ---- errors --------------------------------------------------------------- */

/* A compile-time error (lexer, parser or compiler), in CPython's SyntaxError
 * terms.  The VM turns it into SyntaxError/IndentationError/TabError. */
typedef enum { SE_SYNTAX, SE_INDENTATION, SE_TAB } SyntaxErrorKind;
typedef struct SyntaxErrorInfo {
    SyntaxErrorKind kind;
    char msg[256];
    const char *filename;
    int lineno;        /* 1-based */
    int col;           /* 1-based column (CPython's offset), 0 if unknown */
    int end_lineno, end_col;
    char text[512];    /* the offending source line, without newline */
    bool incomplete;   /* input ended inside an open construct (the REPL continues) */
} SyntaxErrorInfo;

/* ---- expressions ---------------------------------------------------------- */

typedef enum {
    E_BOOLOP,      /* boolop.op, boolop.values */
    E_NAMEDEXPR,   /* named.target (an E_NAME), named.value: `target := value` */
    E_BINOP,       /* binop.left, binop.op (BinOp from runtime/object.h), binop.right */
    E_UNARYOP,     /* unary.op (UnaryOp), unary.operand */
    E_LAMBDA,      /* lambda.args, lambda.body */
    E_IFEXP,       /* ifexp.test, ifexp.body, ifexp.orelse */
    E_DICT,        /* dict.keys (NULL key: `**value`), dict.values */
    E_SET,         /* seq.elts */
    E_LISTCOMP,    /* comp.elt, comp.generators */
    E_SETCOMP,     /* comp.elt, comp.generators */
    E_DICTCOMP,    /* comp.key, comp.elt (the value), comp.generators */
    E_GENEXP,      /* comp.elt, comp.generators */
    E_AWAIT,       /* yield.value (`await value`) */
    E_YIELD,       /* yield.value (may be NULL) */
    E_YIELDFROM,   /* yield.value */
    E_COMPARE,     /* compare.left, compare.ops (int CmpOp or CMPX_*), compare.comparators */
    E_CALL,        /* call.func, call.args (E_STARRED for *a), call.keywords (Keyword*) */
    E_FORMATTED,   /* fmt.value, fmt.conversion (-1, 's', 'r', 'a'), fmt.spec (E_JOINEDSTR or NULL) */
    E_JOINEDSTR,   /* seq.elts: E_CONSTANT str pieces and E_FORMATTED */
    E_CONSTANT,    /* constant */
    E_ATTRIBUTE,   /* attr.value, attr.name */
    E_SUBSCRIPT,   /* subscript.value, subscript.index (E_SLICE, E_TUPLE or any) */
    E_STARRED,     /* starred.value */
    E_NAME,        /* name.id */
    E_LIST,        /* seq.elts */
    E_TUPLE,       /* seq.elts */
    E_SLICE,       /* slice.lower, slice.upper, slice.step (each may be NULL) */
    E_ASMARK,      /* lang-internal: `x as y` in parentheses (binop.left/right), for with items */
} ExprKind;

typedef enum { BOOL_AND, BOOL_OR } BoolOpKind;

/* Compare operators beyond CmpOp's six: */
enum { CMPX_IS = 6, CMPX_IS_NOT, CMPX_IN, CMPX_NOT_IN };

/* An expression's context, as CPython's Load/Store/Del. */
typedef enum { CTX_LOAD, CTX_STORE, CTX_DEL } ExprContext;

typedef enum {
    CONST_NONE, CONST_TRUE, CONST_FALSE, CONST_ELLIPSIS,
    CONST_INT,     /* text: decimal/hex/octal/binary literal, underscores removed, prefix kept */
    CONST_FLOAT,   /* f */
    CONST_IMAG,    /* f: the imaginary part of 0+fj */
    CONST_STR,     /* s, len: UTF-8, escapes already decoded */
    CONST_BYTES,   /* s, len: raw bytes */
    CONST_OBJECT,  /* obj: any other constant (a tuple, frozenset or complex from an ast.Constant) */
} ConstKind;

typedef struct Constant {
    ConstKind kind;
    const char *s;   /* CONST_INT text, CONST_STR/CONST_BYTES data (NUL-terminated) */
    size_t len;
    double f;
    uintptr_t obj;   /* CONST_OBJECT: a runtime Value the caller keeps alive (AST objects compiled) */
    bool u_prefix;   /* CONST_STR written with a u prefix (ast's Constant.kind 'u') */
} Constant;

typedef struct Expr Expr;
typedef struct Arguments Arguments;

typedef struct Comprehension {
    Expr *target;
    Expr *iter;
    AstList ifs;     /* Expr* */
    bool is_async;   /* `async for` */
} Comprehension;

typedef struct Keyword {
    const char *arg; /* NULL for **value */
    Expr *value;
    int lineno, col, end_lineno, end_col;
} Keyword;

struct Expr {
    ExprKind kind;
    ExprContext ctx;   /* for E_NAME, E_ATTRIBUTE, E_SUBSCRIPT, E_STARRED, E_LIST, E_TUPLE */
    int lineno, col;   /* 1-based line; 0-based column as CPython's col_offset */
    int end_lineno, end_col;
    bool parenthesized; /* written in parentheses (lang-internal: `(x): int`, `del (a, b)`) */
    int paren_lineno, paren_col; /* where the outermost '(' around it starts, if parenthesized:
                                    a node containing it starts there, as in CPython */
    union {
        struct { BoolOpKind op; AstList values; } boolop;
        struct { Expr *left; int op; Expr *right; } binop;
        struct { int op; Expr *operand; } unary;
        struct { Arguments *args; Expr *body; } lambda;
        struct { Expr *test, *body, *orelse; } ifexp;
        struct { AstList keys, values; } dict;
        struct { AstList elts; } seq;
        struct { Expr *elt; Expr *key; AstList generators; /* Comprehension* */ } comp;
        struct { Expr *value; } yield;
        struct { Expr *left; AstList ops; /* (void*)(intptr_t)op */ AstList comparators; } compare;
        struct { Expr *func; AstList args; AstList keywords; } call;
        struct { Expr *value; int conversion; Expr *spec; } fmt;
        Constant constant;
        struct { Expr *value; const char *name; } attr;
        struct { Expr *value; Expr *index; } subscript;
        struct { Expr *value; } starred;
        struct { const char *id; } name;
        struct { Expr *lower, *upper, *step; } slice;
        struct { Expr *target, *value; } named;
    } u;
};

typedef struct Arg {
    const char *name;
    Expr *annotation; /* parsed, ignored by the compiler */
    int lineno, col, end_lineno, end_col;
} Arg;

struct Arguments {
    AstList posonlyargs;  /* Arg* */
    AstList args;         /* Arg* */
    Arg *vararg;          /* or NULL */
    AstList kwonlyargs;   /* Arg* */
    AstList kw_defaults;  /* Expr* or NULL, one per kwonlyarg */
    Arg *kwarg;           /* or NULL */
    AstList defaults;     /* Expr*, for the last len(defaults) of posonlyargs+args */
};

/* ---- statements ----------------------------------------------------------- */

typedef enum {
    S_FUNCTIONDEF,  /* funcdef */
    S_CLASSDEF,     /* classdef */
    S_RETURN,       /* ret.value (may be NULL) */
    S_DELETE,       /* del.targets */
    S_ASSIGN,       /* assign.targets (a = b = v has two), assign.value */
    S_AUGASSIGN,    /* augassign.target, augassign.op (BinOp), augassign.value */
    S_ANNASSIGN,    /* annassign.target, annotation, value (may be NULL), simple */
    S_FOR,          /* loop.target, loop.iter, loop.body, loop.orelse */
    S_WHILE,        /* loop.test, loop.body, loop.orelse */
    S_IF,           /* ifs.test, ifs.body, ifs.orelse (elif: a single S_IF) */
    S_WITH,         /* with.items (WithItem*), with.body */
    S_RAISE,        /* raise.exc, raise.cause (each may be NULL) */
    S_TRY,          /* try.body, try.handlers (ExceptHandler*), try.orelse, try.finalbody */
    S_ASSERT,       /* assert.test, assert.msg */
    S_IMPORT,       /* import.names (Alias*) */
    S_IMPORTFROM,   /* import.module (NULL for `from . import x`), import.names, import.level */
    S_GLOBAL,       /* names.names (const char*) */
    S_NONLOCAL,     /* names.names */
    S_EXPR,         /* expr.value */
    S_PASS,
    S_BREAK,
    S_CONTINUE,
    S_MATCH,        /* match.subject, match.cases (MatchCase*) */
} StmtKind;

typedef struct Stmt Stmt;

/* S_FUNCTIONDEF, S_FOR and S_WITH with is_async set are CPython's
 * AsyncFunctionDef, AsyncFor and AsyncWith. */

/* ---- match patterns (CPython's pattern nodes) -------------------------------- */

typedef enum {
    P_VALUE,      /* value.value: a literal, -literal, complex literal or dotted name */
    P_SINGLETON,  /* singleton: CONST_NONE, CONST_TRUE or CONST_FALSE */
    P_SEQUENCE,   /* list.patterns */
    P_MAPPING,    /* mapping.keys (Expr*), mapping.patterns, mapping.rest (or NULL) */
    P_CLASS,      /* cls.cls, cls.patterns, cls.kwd_attrs (const char*), cls.kwd_patterns */
    P_STAR,       /* name (NULL for *_) */
    P_AS,         /* as.pattern (NULL: capture or wildcard), name (NULL: `_`) */
    P_OR,         /* list.patterns */
} PatternKind;

typedef struct Pattern Pattern;
struct Pattern {
    PatternKind kind;
    int lineno, col, end_lineno, end_col;
    bool parenthesized;
    int paren_lineno, paren_col;  /* its outermost '(' (a pattern containing it starts there) */
    const char *name;  /* P_STAR, P_AS */
    union {
        struct { Expr *value; } value;
        ConstKind singleton;
        struct { AstList patterns; } list;
        struct { AstList keys, patterns; const char *rest; } mapping;
        struct { Expr *cls; AstList patterns, kwd_attrs, kwd_patterns; } cls;
        struct { Pattern *pattern; } as;
    } u;
};

typedef struct MatchCase {
    Pattern *pattern;
    Expr *guard;       /* or NULL */
    AstList body;      /* Stmt* */
} MatchCase;

typedef struct ExceptHandler {
    Expr *type;        /* NULL: bare except */
    const char *name;  /* `as name` or NULL */
    AstList body;      /* Stmt* */
    int lineno, col, end_lineno, end_col;
    bool star;         /* except* (all handlers of one try agree) */
} ExceptHandler;

typedef struct WithItem {
    Expr *context_expr;
    Expr *optional_vars; /* or NULL */
} WithItem;

typedef struct Alias {
    const char *name;    /* dotted for `import a.b`; "*" for `from m import *` */
    const char *asname;  /* or NULL */
    int lineno, col, end_lineno, end_col;
} Alias;

struct Stmt {
    StmtKind kind;
    int lineno, col;
    int end_lineno, end_col;
    int block_end_lineno, block_end_col; /* a trailing ';' after it ends an enclosing block there (0: none) */
    bool is_async;     /* async def / async for / async with */
    union {
        struct { const char *name; Arguments *args; AstList body; AstList decorators; Expr *returns; } funcdef;
        struct { const char *name; AstList bases; AstList keywords; AstList body; AstList decorators; } classdef;
        struct { Expr *value; } ret;
        struct { AstList targets; } del;
        struct { AstList targets; Expr *value; } assign;
        struct { Expr *target; int op; Expr *value; } augassign;
        struct { Expr *target; Expr *annotation; Expr *value; bool simple; } annassign;
        struct { Expr *target, *iter, *test; AstList body, orelse; } loop;
        struct { Expr *test; AstList body, orelse; } ifs;
        struct { AstList items; AstList body; } with;
        struct { Expr *exc, *cause; } raise;
        struct { AstList body, handlers, orelse, finalbody; } try_;
        struct { Expr *test, *msg; } assert_;
        struct { const char *module; AstList names; int level; } import;
        struct { AstList names; } names;
        struct { Expr *value; } expr;
        struct { Expr *subject; AstList cases; } match;
    } u;
};

/* ---- modules -------------------------------------------------------------- */

typedef enum {
    PARSE_FILE,    /* a module */
    PARSE_SINGLE,  /* one interactive statement (REPL): expression statements echo */
    PARSE_EVAL,    /* a single expression (eval()) */
    PARSE_FUNC_TYPE, /* a signature type comment `(a, *b) -> c` (ast only, never compiled) */
} ParseMode;

typedef struct AstModule {
    ParseMode mode;
    AstList body;      /* Stmt*; for PARSE_EVAL one S_EXPR */
    AstList argtypes;  /* PARSE_FUNC_TYPE: Expr* */
    Expr *returns;     /* PARSE_FUNC_TYPE */
} AstModule;

/* ---- builders used by the grammar (lang/ast.c) ------------------------------ */
/* The grammar's actions are one-line calls of ast_* builders; see lang/ast.c.
 * ast_dump prints CPython's `ast.dump(tree)` form (used by unit tests). */
char *ast_dump(Arena *a, const AstModule *m);

#endif
