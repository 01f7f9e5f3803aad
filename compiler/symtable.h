/* compiler/symtable.h — scopes and the resolution of every name (CPython's
 * symtable rules: local, global explicit/implicit, free, cell; class scopes
 * invisible to nested functions).  Private to compiler/. (compiler/symtable.c) */
#ifndef MINIPY_SYMTABLE_H
#define MINIPY_SYMTABLE_H
#include <stdarg.h>
#include "lang/ast.h"
#include "runtime/object.h"

/* Raw flags collected while walking the AST. */
enum {
    DEF_GLOBAL = 1 << 0,     /* `global x` */
    DEF_LOCAL = 1 << 1,      /* bound here */
    DEF_PARAM = 1 << 2,
    DEF_NONLOCAL = 1 << 3,
    USE = 1 << 4,
    DEF_FREE_CLASS = 1 << 5, /* class scope: free in a child although bound here */
    DEF_IMPORT = 1 << 6,
    DEF_COMP_ITER = 1 << 7,  /* a comprehension's iteration variable */
    DEF_ANNOT = 1 << 8,      /* annotated (`x: int`) in this scope */
    DEF_BOUND = DEF_LOCAL | DEF_PARAM | DEF_IMPORT,
};

/* Resolved scope of a name (after analysis). */
typedef enum { SC_UNKNOWN, SC_LOCAL, SC_GLOBAL_EXPLICIT, SC_GLOBAL_IMPLICIT, SC_FREE, SC_CELL } SymScope;

typedef enum { ST_MODULE, ST_CLASS, ST_FUNCTION } ScopeKind;

typedef struct Sym {
    Value name;        /* interned str (mangled) */
    uint16_t flags;    /* DEF_* / USE */
    uint8_t scope;     /* SymScope */
    int line, col;     /* where a global/nonlocal declaration was made */
    int end_line, end_col;
    int fast, deref;   /* slots for the code generator, -1 if none */
} Sym;

typedef struct Scope Scope;
struct Scope {
    ScopeKind kind;
    const void *node;  /* Stmt* (def/class), Expr* (lambda/comprehension) or the module */
    Value name;        /* interned: function/class name, "<lambda>", "<listcomp>"... */
    Scope *parent;
    Scope **children;
    int nchildren, capchildren;
    Sym *syms;
    int nsyms, capsyms;
    int32_t *table;    /* open addressing: index into syms, -1 empty */
    uint32_t tmask;
    Value *varnames;   /* parameters first, then other locals (order of first binding) */
    int nvarnames, capvarnames;
    int nparams;       /* leading varnames that are parameters */
    bool generator;
    bool coroutine;            /* async def, or a comprehension with `async for`/`await` */
    bool comprehension;        /* a listcomp/setcomp/dictcomp/genexp scope */
    bool needs_class_closure;  /* class scope: a method uses __class__ (super()) */
    bool varargs, varkeywords;
    int comp_iter_expr;        /* > 0 while visiting a comprehension's iterable here */
    int lineno;
    /* Filled by analysis: sorted cell and free variable names. */
    Value *cellvars, *freevars;
    int ncells, nfrees;
    Value private_name;        /* enclosing class name for mangling, or VNULL */
};

typedef struct SymTable {
    VM *vm;
    Scope *top;
    Scope *cur;
    /* node → scope map (open addressing on the pointer) */
    const void **keys;
    Scope **vals;
    uint32_t mapmask, mapcount;
    SyntaxErrorInfo *err;
    const char *filename;
    Arena *arena;
    void *fail;        /* jmp_buf* to leave on error */
    Value private_name;
    bool comp_iter_target;     /* visiting a comprehension's `for` target */
    bool future_annotations;   /* annotations are text: their names are not used */
    bool in_annotation;        /* visiting such an annotation (in a detached scope) */
    int depth, max_depth; /* C recursion guard (CPython: 3 * recursion limit) */
    Value s_super, s_class, s_dot0;
    /* AST string pointer → interned str: each identifier of the tree is
     * interned once although the symtable and the code generator both look. */
    const char **nkeys;
    Value *nvals;
    uint32_t nmask, ncount;
} SymTable;

/* The interned str for an identifier of the AST (cached by pointer). */
Value cg_name(SymTable *st, const char *s);

/* Walk the module, then resolve every scope.  On a SyntaxError (err filled)
 * or MemoryError (vm->exc) it longjmps to *st->fail, which the caller set. */
void cg_symtable_build(SymTable *st, const AstModule *mod);
Scope *cg_symtable_lookup(SymTable *st, const void *node);
Sym *cg_scope_find(const Scope *s, Value name);
/* _Class__name mangling (CPython's _Py_Mangle); returns name unchanged when
 * it does not apply.  VNULL on MemoryError. */
Value cg_mangle(VM *vm, Value private_name, Value name);
/* Index of name in list (pointer comparison on interned strs) or -1. */
int cg_value_index(const Value *list, int n, Value name);

/* Fill *e as a SyntaxError at (line, col) .. (end_line, end_col), 0-based
 * columns in, CPython's 1-based offsets out. */
void cg_set_error_v(SyntaxErrorInfo *e, const char *filename, int line, int col, int end_line,
                    int end_col, const char *fmt, va_list ap);

#endif
