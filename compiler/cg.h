/* compiler/cg.h — internals shared by the compiler's files (not a public
 * interface: compiler/compiler.h is).  The compiler allocates all its
 * working memory from one Arena freed when compilation ends, and reports
 * errors by longjmp back to cg_compile (only compiler frames, which hold no
 * resources of their own, are unwound). */
#ifndef MINIPY_CG_H
#define MINIPY_CG_H
#include <setjmp.h>
#include "compiler/compiler.h"
#include "compiler/symtable.h"

/* The opcode numbers, expanded from the one table. */
typedef enum {
#define OP(name, operand, pops, pushes, jpops, jpushes) CGOP_##name,
#include "vm/opcodes.def"
#undef OP
    CGOP__COUNT,
    /* Pseudo instructions, removed by the assembler. */
    CGOP_SETUP = 250, /* arg: handler record; its depth is the depth here */
} CgOp;

typedef enum { OPK_NONE, OPK_CONST, OPK_NAME, OPK_LOCAL, OPK_DEREF, OPK_JUMP, OPK_COUNT, OPK_OPER } OperandKind;

/* The source span an instruction is attributed to (CPython's location:
 * co_positions() and the traceback's carets).  Columns are 0-based
 * offsets as the AST's col_offset; -1 when only the line is known. */
typedef struct Loc {
    int32_t line, col, end_line, end_col;
} Loc;
#define CG_LOC(n) ((Loc){(n)->lineno, (n)->col, (n)->end_lineno, (n)->end_col})
static inline Loc cg_line_loc(int line) { return (Loc){line, -1, line, -1}; }

/* One instruction under construction.  Jump operands are label ids until
 * assembly. */
typedef struct CgInsn {
    uint8_t op;
    int32_t arg;
    Loc loc;
    int32_t handler; /* innermost exception handler record, -1 none */
} CgInsn;

typedef struct Handler {
    int label;     /* where the handler code starts */
    int parent;    /* enclosing handler record or -1 */
    int adjust;    /* depth = stack depth at the SETUP + adjust */
    int depth;     /* stack depth to unwind to (computed by the assembler) */
} Handler;

/* Frame blocks for break/continue/return unwinding (CPython's fblock). */
typedef enum {
    FB_WHILE, FB_FOR, FB_TRY_EXCEPT, FB_FINALLY_TRY, FB_FINALLY_END, FB_HANDLER_CLEANUP, FB_WITH,
    FB_POP_VALUE, /* a return value kept under a finally body run by `return` */
    FB_ASYNC_WITH, /* like FB_WITH, and the __aexit__ result is awaited */
} FBlockKind;

typedef struct FBlock {
    FBlockKind kind;
    int start, exit;       /* loop labels */
    const AstList *finalbody; /* FB_FINALLY_TRY */
    int handler;           /* the handler record active inside the block */
    int outer_handler;     /* handler record active outside the block */
    Value name;            /* FB_HANDLER_CLEANUP: `except E as name` or VNULL */
    int line;
} FBlock;

/* A constant of the unit (deduplicated by type and value). */
typedef struct ConstSlot {
    Value v;
    uint64_t hash;
} ConstSlot;

typedef struct Unit Unit;
struct Unit {
    Unit *parent;
    Scope *scope;
    Value name, qualname;
    int firstlineno;
    uint32_t flags;
    CgInsn *insns;
    int ninsns, capinsns;
    int *labels;           /* label id → instruction index, -1 unplaced */
    int nlabels, caplabels;
    Handler *handlers;
    int nhandlers, caphandlers;
    int cur_handler;
    ConstSlot *consts;
    int nconsts, capconsts;
    int32_t *ctable;       /* const dedup: index into consts, -1 empty */
    uint32_t cmask;
    Value *names;          /* co_names */
    int nnames, capnames;
    int32_t *ntable;
    uint32_t nmask;
    Loc loc;               /* where the next emitted instructions come from */
    int argcount, posonlyargcount, kwonlyargcount;
    bool has_docstring;
    Value private_name;    /* class name for mangling */
    int nfblocks;
    FBlock fblocks[64];    /* last: not cleared when a unit starts */
};

typedef struct CgBlock {
    struct CgBlock *next;
    size_t size, used;
    size_t mapped;     /* length of its ast_map_block mapping, 0 if rt_malloc'd */
    _Alignas(16) char data[];
} CgBlock;

typedef struct Compiler {
    VM *vm;
    Arena arena;       /* the symbol tables (zeroed allocations) */
    CgBlock *blocks;   /* the code generator's arrays (not zeroed) */
    size_t blocks_total; /* bytes in blocks: past CG_HUGE_AFTER they are huge mappings */
    char *scratch;     /* the assembler's temporaries, reused per unit */
    size_t scratch_size, scratch_used;
    SymTable st;
    Unit *u;
    SyntaxErrorInfo *err;
    const char *filename;
    int optimize;
    ParseMode mode;
    jmp_buf fail;
    bool interactive;
    bool future_annotations; /* from __future__ import annotations */
    int future_lineno;       /* line of the last leading future import, -1 if none */
    Value s_none_tuple;
    /* often used interned names */
    Value s_name, s_module, s_qualname, s_doc, s_classcell, s_class, s_super, s_debug,
        s_dot0, s_anon;
} Compiler;

/* codegen.c */
_Noreturn void cg_error_range(Compiler *c, int line, int col, int end_line, int end_col,
                              const char *fmt, ...) __attribute__((format(printf, 6, 7)));
#define cg_error(c, line, col, ...) cg_error_range(c, line, col, 0, 0, __VA_ARGS__)
/* The location arguments of a node (Stmt* or Expr*). */
#define CG_AT(n) (n)->lineno, (n)->col, (n)->end_lineno, (n)->end_col
_Noreturn void cg_nomem(Compiler *c);
/* Uninitialized memory that lives until compilation ends. */
void *cg_alloc(Compiler *c, size_t size);
void *cg_grow(Compiler *c, void *p, int *cap, int need, size_t elem);
int cg_emit(Compiler *c, int op, int arg);
int cg_new_label(Compiler *c);
void cg_place(Compiler *c, int label);
int cg_add_const(Compiler *c, Value v);
int cg_load_const(Compiler *c, Value v);
int cg_add_name(Compiler *c, Value name);
Value cg_intern(Compiler *c, const char *s);
Value cg_mangled(Compiler *c, const char *s);
void cg_expr(Compiler *c, const Expr *e);
void cg_jump_if(Compiler *c, const Expr *e, int label, bool cond);
void cg_nameop(Compiler *c, Value name, ExprContext ctx, int line, int col);
void cg_store_target(Compiler *c, const Expr *e);
Loc cg_attr_loc(Loc loc, const Expr *attr);
void cg_call_helper(Compiler *c, int nprefix, const AstList *args, const AstList *keywords, Loc loc);
Value cg_const_value(Compiler *c, const Constant *k);
/* Start an exception-table range going to `label`; the handler unwinds to
 * the stack depth at this point plus adjust. Returns the handler record. */
int cg_push_handler(Compiler *c, int label, int adjust);
void cg_pop_handler(Compiler *c);
Code *cg_function_body(Compiler *c, Scope *sc, const Arguments *args, const AstList *body,
                       const Expr *lambda_body, int firstline);
void cg_make_closure(Compiler *c, Code *code, Scope *sc, int flags);
void cg_enter_unit(Compiler *c, Scope *sc, Value name, int firstline);
Code *cg_leave_unit(Compiler *c);
bool cg_is_docstring(const AstList *body);
/* Pushes the defaults tuple / kwdefaults dict; returns MAKE_FUNCTION flags. */
int cg_defaults(Compiler *c, const Arguments *args);

/* codegen_stmt.c */
void cg_stmt(Compiler *c, const Stmt *s);
/* codegen_trystar.c: a try statement whose handlers are except* clauses. */
void cg_compile_try_star(Compiler *c, const Stmt *s);
void cg_body(Compiler *c, const AstList *body);

/* codegen_stmt.c, for codegen_async.c */
FBlock *cg_push_fblock(Compiler *c, FBlockKind kind, int line);
void cg_pop_fblock(Compiler *c);
/* A cleanup handler at label: [prev, exc] → restore prev, re-raise. */
void cg_emit_cleanup(Compiler *c, int label);

/* codegen_async.c: async def/for/with, await, async comprehensions and
 * async generators (CPython 3.11's compile.c shapes). */
void cg_await_expr(Compiler *c, const Expr *e);
/* [awaitable-ish] → [result]: GET_AWAITABLE where (0 await, 1 __aenter__,
 * 2 __aexit__), then the SEND/YIELD_VALUE loop. */
void cg_emit_await(Compiler *c, int where);
/* YIELD_VALUE, wrapped first in an async generator. */
void cg_yield_value(Compiler *c);
void cg_check_yield_from(Compiler *c, const Expr *e);
void cg_check_async_return(Compiler *c, const Stmt *s);
void cg_async_for(Compiler *c, const Stmt *s);
void cg_async_with(Compiler *c, const Stmt *s, int item);
/* await exit(None, None, None), result popped (leaving an async with early). */
void cg_async_exit_call(Compiler *c);
/* [aiter] → [aiter, next item], or at StopAsyncIteration jump to `done`
 * with [aiter, exc] (whose END_ASYNC_FOR pops both). */
void cg_async_next(Compiler *c, int done);
/* A coroutine comprehension must sit in an async function or a comprehension. */
void cg_check_async_comprehension(Compiler *c, Scope *sc, const Expr *e);

/* codegen_match.c */
void cg_match(Compiler *c, const Stmt *s);

/* codegen_annot.c */
void cg_future_scan(Compiler *c, const AstModule *mod);
void cg_check_future(Compiler *c, const Stmt *s);
int cg_annotations(Compiler *c, const Arguments *args, const Expr *returns);
bool cg_find_ann(const AstList *body);
void cg_annassign(Compiler *c, const Stmt *s);

/* unparse.c: CPython's text of an annotation expression */
Value cg_unparse(Compiler *c, const Expr *e);

/* fold.c */
bool cg_fold_binop(Compiler *c, int op, Value a, Value b, Value *out);
bool cg_fold_unary(Compiler *c, int op, Value a, Value *out);
uint64_t cg_const_hash(Value v);
bool cg_const_equal(Value a, Value b);
/* Bool value of a constant expression (after folding), or -1 if not constant. */
int cg_const_truth(Compiler *c, const Expr *e);

/* assemble.c */
Code *cg_assemble(Compiler *c, Unit *u);
int cg_op_pops(int op, int arg);
int cg_op_pushes(int op, int arg);
OperandKind cg_op_kind(int op);

#endif
