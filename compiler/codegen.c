/* compiler/codegen.c — the code generator: units (one per code object),
 * instruction emission, constants and names, and expressions.  Statements
 * are in codegen_stmt.c, the assembler in assemble.c.  Constant folding
 * happens as code is emitted: when the operands of an operator were just
 * emitted as LOAD_CONSTs, they are replaced by the folded constant. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <stdarg.h>
#include "compiler/cg.h"
#include "lang/parser.h"
#include "runtime/state.h"
#include "runtime/complex.h"

/* ---- errors and memory ---------------------------------------------------- */

void cg_set_error_v(SyntaxErrorInfo *e, const char *filename, int line, int col, int end_line,
                    int end_col, const char *fmt, va_list ap)
{
    memset(e, 0, sizeof *e);
    e->kind = SE_SYNTAX;
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    e->filename = filename;
    e->lineno = line;
    e->col = col + 1;
    if (end_line > 0) {
        e->end_lineno = end_line;
        e->end_col = end_col + 1;
    }
}

void cg_error_range(Compiler *c, int line, int col, int end_line, int end_col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cg_set_error_v(c->err, c->filename, line, col, end_line, end_col, fmt, ap);
    va_end(ap);
    longjmp(c->fail, 1);
}

void cg_nomem(Compiler *c)
{
    longjmp(c->fail, 2);
}

#define CG_BLOCK_SIZE (256 * 1024)
#define CG_HUGE_AFTER (512 * 1024)

/* A block for at least `size` bytes: rt_malloc'd while compilation is
 * small, then huge-page mappings (fewer page faults for a big module). */
static CgBlock *cg_block_new(Compiler *c, size_t size)
{
    CgBlock *nb = NULL;
    if (c->blocks_total >= CG_HUGE_AFTER) {
        size_t len = sizeof(CgBlock) + size;
        void *m = ast_map_block(&len);
        if (m) {
            nb = m;
            nb->mapped = len;
            nb->size = len - sizeof(CgBlock);
        }
    }
    if (!nb) {
        size_t cap = size > CG_BLOCK_SIZE / 4 ? size : CG_BLOCK_SIZE;
        nb = rt_malloc(c->vm, sizeof(CgBlock) + cap);
        if (!nb)
            cg_nomem(c);
        nb->mapped = 0;
        nb->size = cap;
    }
    nb->used = 0;
    c->blocks_total += nb->size;
    return nb;
}

void *cg_alloc(Compiler *c, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    CgBlock *b = c->blocks;
    if (!b || b->used + size > b->size) {
        CgBlock *nb = cg_block_new(c, size);
        size_t full = nb->mapped ? AST_HUGE_BLOCK / 4 : CG_BLOCK_SIZE / 4;
        if (b && size > full) {
            /* A big one-off block goes behind the current one, which stays open. */
            nb->next = b->next;
            b->next = nb;
            nb->used = size;
            return nb->data;
        }
        nb->next = b;
        c->blocks = nb;
        b = nb;
    }
    void *r = b->data + b->used;
    b->used += size;
    return r;
}

static void cg_free_all(Compiler *c)
{
    for (CgBlock *b = c->blocks, *next; b; b = next) {
        next = b->next;
        if (b->mapped)
            ast_unmap_block(b, b->mapped);
        else
            rt_free(c->vm, b, sizeof(CgBlock) + b->size);
    }
    c->blocks = NULL;
    c->blocks_total = 0;
    if (c->scratch)
        rt_free(c->vm, c->scratch, c->scratch_size);
    c->scratch = NULL;
}

void *cg_grow(Compiler *c, void *p, int *cap, int need, size_t elem)
{
    if (need <= *cap)
        return p;
    int ncap = *cap ? *cap * 2 : 16;
    while (ncap < need)
        ncap *= 2;
    void *q = cg_alloc(c, (size_t)ncap * elem);
    if (p)
        memcpy(q, p, (size_t)*cap * elem);
    *cap = ncap;
    return q;
}

Value cg_intern(Compiler *c, const char *s)
{
    return cg_name(&c->st, s);
}

Value cg_mangled(Compiler *c, const char *s)
{
    Value v = cg_mangle(c->vm, c->u->private_name, cg_intern(c, s));
    if (v == VNULL)
        cg_nomem(c);
    return v;
}

/* ---- emission ---------------------------------------------------------------- */

int cg_emit(Compiler *c, int op, int arg)
{
    Unit *u = c->u;
    if (u->ninsns == u->capinsns)
        u->insns = cg_grow(c, u->insns, &u->capinsns, u->ninsns + 1, sizeof(CgInsn));
    CgInsn *i = &u->insns[u->ninsns];
    i->op = (uint8_t)op;
    i->arg = arg;
    i->loc = u->loc;
    i->handler = u->cur_handler;
    return u->ninsns++;
}

int cg_new_label(Compiler *c)
{
    Unit *u = c->u;
    u->labels = cg_grow(c, u->labels, &u->caplabels, u->nlabels + 1, sizeof(int));
    u->labels[u->nlabels] = -1;
    return u->nlabels++;
}

void cg_place(Compiler *c, int label)
{
    c->u->labels[label] = c->u->ninsns;
}

int cg_push_handler(Compiler *c, int label, int adjust)
{
    Unit *u = c->u;
    u->handlers = cg_grow(c, u->handlers, &u->caphandlers, u->nhandlers + 1, sizeof(Handler));
    Handler *h = &u->handlers[u->nhandlers];
    h->label = label;
    h->parent = u->cur_handler;
    h->depth = -1;
    h->adjust = adjust;
    cg_emit(c, CGOP_SETUP, u->nhandlers);
    u->cur_handler = u->nhandlers;
    return u->nhandlers++;
}

void cg_pop_handler(Compiler *c)
{
    Unit *u = c->u;
    u->cur_handler = u->handlers[u->cur_handler].parent;
}

/* ---- constants and names --------------------------------------------------------- */

static void const_rehash(Compiler *c, Unit *u, uint32_t size)
{
    u->ctable = cg_alloc(c, size * sizeof(int32_t));
    memset(u->ctable, 0xff, size * sizeof(int32_t));
    u->cmask = size - 1;
    for (int k = 0; k < u->nconsts; k++) {
        if (u->consts[k].hash == 0)
            continue; /* not deduplicated (code objects) */
        uint32_t i = (uint32_t)u->consts[k].hash & u->cmask;
        while (u->ctable[i] >= 0)
            i = (i + 1) & u->cmask;
        u->ctable[i] = k;
    }
}

int cg_add_const(Compiler *c, Value v)
{
    Unit *u = c->u;
    uint64_t h = cg_const_hash(v);
    if (h && u->ctable) {
        uint32_t i = (uint32_t)h & u->cmask;
        for (;;) {
            int32_t k = u->ctable[i];
            if (k < 0)
                break;
            if (u->consts[k].hash == h && cg_const_equal(u->consts[k].v, v))
                return k;
            i = (i + 1) & u->cmask;
        }
    }
    u->consts = cg_grow(c, u->consts, &u->capconsts, u->nconsts + 1, sizeof(ConstSlot));
    u->consts[u->nconsts].v = v;
    u->consts[u->nconsts].hash = h;
    int idx = u->nconsts++;
    if (h) {
        if (!u->ctable || (uint32_t)u->nconsts * 2 > u->cmask + 1) {
            const_rehash(c, u, u->ctable ? (u->cmask + 1) * 2 : 32);
        } else {
            uint32_t i = (uint32_t)h & u->cmask;
            while (u->ctable[i] >= 0)
                i = (i + 1) & u->cmask;
            u->ctable[i] = idx;
        }
    }
    return idx;
}

int cg_load_const(Compiler *c, Value v)
{
    return cg_emit(c, CGOP_LOAD_CONST, cg_add_const(c, v));
}

static inline uint32_t name_hash(Value v)
{
    return (uint32_t)(((uint64_t)v * 0x9E3779B97F4A7C15ull) >> 32);
}

int cg_add_name(Compiler *c, Value name)
{
    Unit *u = c->u;
    if (u->ntable) {
        uint32_t i = name_hash(name) & u->nmask;
        for (;;) {
            int32_t k = u->ntable[i];
            if (k < 0)
                break;
            if (u->names[k] == name)
                return k;
            i = (i + 1) & u->nmask;
        }
    }
    u->names = cg_grow(c, u->names, &u->capnames, u->nnames + 1, sizeof(Value));
    u->names[u->nnames] = name;
    int idx = u->nnames++;
    if (!u->ntable || (uint32_t)u->nnames * 2 > u->nmask + 1) {
        uint32_t size = u->ntable ? (u->nmask + 1) * 2 : 32;
        u->ntable = cg_alloc(c, size * sizeof(int32_t));
        memset(u->ntable, 0xff, size * sizeof(int32_t));
        u->nmask = size - 1;
        for (int k = 0; k < u->nnames; k++) {
            uint32_t i = name_hash(u->names[k]) & u->nmask;
            while (u->ntable[i] >= 0)
                i = (i + 1) & u->nmask;
            u->ntable[i] = k;
        }
    } else {
        uint32_t i = name_hash(name) & u->nmask;
        while (u->ntable[i] >= 0)
            i = (i + 1) & u->nmask;
        u->ntable[i] = idx;
    }
    return idx;
}

Value cg_const_value(Compiler *c, const Constant *k)
{
    VM *vm = c->vm;
    Value v = VNULL;
    switch (k->kind) {
    case CONST_NONE: return rt_None;
    case CONST_TRUE: return rt_True;
    case CONST_FALSE: return rt_False;
    case CONST_ELLIPSIS: return rt_Ellipsis;
    case CONST_INT: v = rt_int_from_string(vm, k->s, strlen(k->s), 0); break;
    case CONST_FLOAT: v = rt_float_new(vm, k->f); break;
    case CONST_IMAG: v = rt_complex_new(vm, 0.0, k->f); break;
    case CONST_STR: {
        /* Identifier-like strings are interned, as CPython does. */
        bool ident = k->len <= 64;
        for (size_t i = 0; ident && i < k->len; i++) {
            char ch = k->s[i];
            ident = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                    ch == '_';
        }
        v = ident ? rt_str_intern(vm, k->s, k->len) : rt_str_new(vm, k->s, k->len);
        break;
    }
    case CONST_BYTES: v = rt_bytes_new(vm, (const uint8_t *)k->s, k->len); break;
    case CONST_OBJECT: return (Value)k->obj;  /* kept alive by the ast object compiled */
    }
    if (v == VNULL)
        cg_nomem(c);
    return v;
}

/* ---- names ------------------------------------------------------------------------ */

typedef enum { NOP_FAST, NOP_DEREF, NOP_GLOBAL, NOP_NAME, NOP_CLASSDEREF } NameOpKind;

void cg_nameop(Compiler *c, Value name, ExprContext ctx, int line, int col)
{
    Unit *u = c->u;
    name = cg_mangle(c->vm, u->private_name, name);
    if (name == VNULL)
        cg_nomem(c);
    if (name == c->s_debug && ctx == CTX_LOAD) {
        cg_load_const(c, rt_bool(c->optimize == 0));
        return;
    }
    Scope *sc = u->scope;
    Sym *sym = cg_scope_find(sc, name);
    int scope = sym ? sym->scope : SC_GLOBAL_IMPLICIT;
    NameOpKind k;
    int arg = 0;
    switch (scope) {
    case SC_FREE:
        k = (sc->kind == ST_CLASS && ctx == CTX_LOAD) ? NOP_CLASSDEREF : NOP_DEREF;
        arg = sc->ncells + cg_value_index(sc->freevars, sc->nfrees, name);
        break;
    case SC_CELL:
        k = NOP_DEREF;
        arg = cg_value_index(sc->cellvars, sc->ncells, name);
        break;
    case SC_LOCAL:
        if (sc->kind == ST_FUNCTION) {
            k = NOP_FAST;
            arg = sym->fast;
        } else {
            k = NOP_NAME;
        }
        break;
    case SC_GLOBAL_EXPLICIT:
        k = NOP_GLOBAL;
        break;
    default:
        k = sc->kind == ST_FUNCTION ? NOP_GLOBAL : NOP_NAME;
        break;
    }
    static const int ops[5][3] = {
        [NOP_FAST] = {CGOP_LOAD_FAST, CGOP_STORE_FAST, CGOP_DELETE_FAST},
        [NOP_DEREF] = {CGOP_LOAD_DEREF, CGOP_STORE_DEREF, CGOP_DELETE_DEREF},
        [NOP_GLOBAL] = {CGOP_LOAD_GLOBAL, CGOP_STORE_GLOBAL, CGOP_DELETE_GLOBAL},
        [NOP_NAME] = {CGOP_LOAD_NAME, CGOP_STORE_NAME, CGOP_DELETE_NAME},
        [NOP_CLASSDEREF] = {CGOP_LOAD_CLASSDEREF, CGOP_STORE_DEREF, CGOP_DELETE_DEREF},
    };
    if (k == NOP_GLOBAL || k == NOP_NAME)
        arg = cg_add_name(c, name);
    cg_emit(c, ops[k][ctx], arg);
}

/* ---- expressions ---------------------------------------------------------------------- */

/* If the last instruction is a LOAD_CONST emitted at index `at`, its value. */
static Value tail_const(Compiler *c, int at)
{
    Unit *u = c->u;
    if (at < 0 || at >= u->ninsns || u->insns[at].op != CGOP_LOAD_CONST)
        return VNULL;
    return u->consts[u->insns[at].arg].v;
}

/* Replace the instructions from `from` to the end with one LOAD_CONST v. */
static void replace_tail(Compiler *c, int from, Value v)
{
    c->u->ninsns = from;
    cg_load_const(c, v);
}

static int op_for_cmp(Compiler *c, int op, int *arg)
{
    switch (op) {
    case CMPX_IS: *arg = 0; return CGOP_IS_OP;
    case CMPX_IS_NOT: *arg = 1; return CGOP_IS_OP;
    case CMPX_IN: *arg = 0; return CGOP_CONTAINS_OP;
    case CMPX_NOT_IN: *arg = 1; return CGOP_CONTAINS_OP;
    default: *arg = op; return CGOP_COMPARE_OP;
    }
}

static void emit_cmp(Compiler *c, int op)
{
    int arg;
    int opc = op_for_cmp(c, op, &arg);
    cg_emit(c, opc, arg);
}

static void compile_compare(Compiler *c, const Expr *e)
{
    cg_expr(c, e->u.compare.left);
    int n = e->u.compare.ops.n;
    if (n == 1) {
        cg_expr(c, e->u.compare.comparators.items[0]);
        emit_cmp(c, (int)(intptr_t)e->u.compare.ops.items[0]);
        return;
    }
    int cleanup = cg_new_label(c), end = cg_new_label(c);
    for (int i = 0; i < n - 1; i++) {
        cg_expr(c, e->u.compare.comparators.items[i]);
        cg_emit(c, CGOP_SWAP, 2);
        cg_emit(c, CGOP_COPY, 2);
        emit_cmp(c, (int)(intptr_t)e->u.compare.ops.items[i]);
        cg_emit(c, CGOP_JUMP_IF_FALSE_OR_POP, cleanup);
    }
    cg_expr(c, e->u.compare.comparators.items[n - 1]);
    emit_cmp(c, (int)(intptr_t)e->u.compare.ops.items[n - 1]);
    cg_emit(c, CGOP_JUMP, end);
    cg_place(c, cleanup);
    cg_emit(c, CGOP_SWAP, 2);
    cg_emit(c, CGOP_POP_TOP, 0);
    cg_place(c, end);
}

int cg_const_truth(Compiler *c, const Expr *e)
{
    if (e->kind == E_CONSTANT) {
        const Constant *k = &e->u.constant;
        switch (k->kind) {
        case CONST_NONE: case CONST_FALSE: return 0;
        case CONST_TRUE: case CONST_ELLIPSIS: return 1;
        case CONST_STR: case CONST_BYTES: return k->len != 0;
        case CONST_FLOAT: case CONST_IMAG: return k->f != 0.0;
        case CONST_OBJECT: return -1;
        case CONST_INT: {
            const char *p = k->s;
            if (p[0] == '0' && p[1] && strchr("xXoObB", p[1]))
                p += 2;
            for (; *p; p++)
                if (*p != '0' && *p != '_')
                    return 1;
            return 0;
        }
        default: return -1;
        }
    }
    if (e->kind == E_NAME && e->ctx == CTX_LOAD && strcmp(e->u.name.id, "__debug__") == 0)
        return c->optimize == 0;
    if (e->kind == E_UNARYOP && e->u.unary.op == UN_NOT) {
        int t = cg_const_truth(c, e->u.unary.operand);
        return t < 0 ? -1 : !t;
    }
    return -1;
}

/* Jump to label when truth(e) == cond; fall through otherwise. */
void cg_jump_if(Compiler *c, const Expr *e, int label, bool cond)
{
    int t = cg_const_truth(c, e);
    if (t >= 0) {
        if ((bool)t == cond)
            cg_emit(c, CGOP_JUMP, label);
        return;
    }
    Loc saved = c->u->loc;
    c->u->loc = CG_LOC(e);
    if (e->kind == E_UNARYOP && e->u.unary.op == UN_NOT) {
        cg_jump_if(c, e->u.unary.operand, label, !cond);
    } else if (e->kind == E_BOOLOP) {
        bool is_or = e->u.boolop.op == BOOL_OR;
        const AstList *vals = &e->u.boolop.values;
        int next = -1;
        int target = label;
        if (is_or != cond) {
            /* e.g. `a and b` jumping when true: skip out on the first false. */
            next = cg_new_label(c);
            target = next;
        }
        for (int i = 0; i < vals->n - 1; i++)
            cg_jump_if(c, vals->items[i], target, is_or);
        cg_jump_if(c, vals->items[vals->n - 1], label, cond);
        if (next >= 0)
            cg_place(c, next);
    } else if (e->kind == E_IFEXP) {
        int end = cg_new_label(c), other = cg_new_label(c);
        cg_jump_if(c, e->u.ifexp.test, other, false);
        cg_jump_if(c, e->u.ifexp.body, label, cond);
        cg_emit(c, CGOP_JUMP, end);
        cg_place(c, other);
        cg_jump_if(c, e->u.ifexp.orelse, label, cond);
        cg_place(c, end);
    } else {
        cg_expr(c, e);
        cg_emit(c, cond ? CGOP_POP_JUMP_IF_TRUE : CGOP_POP_JUMP_IF_FALSE, label);
    }
    c->u->loc = saved;
}

static bool has_starred(const AstList *l)
{
    for (int i = 0; i < l->n; i++)
        if (((const Expr *)l->items[i])->kind == E_STARRED)
            return true;
    return false;
}

/* Displays: list/tuple/set with optional *unpacking. */
static void compile_sequence(Compiler *c, const AstList *elts, int kind)
{
    int n = elts->n;
    bool star = has_starred(elts);
    int build = kind == E_SET ? CGOP_BUILD_SET : kind == E_LIST ? CGOP_BUILD_LIST : CGOP_BUILD_TUPLE;
    bool consts = !star && n > 30;
    for (int i = 0; consts && i < n; i++) {
        const Expr *x = elts->items[i];
        if (x->kind == E_UNARYOP && x->u.unary.op == UN_NEG)
            x = x->u.unary.operand;
        consts = x->kind == E_CONSTANT;
    }
    if (!star && (n <= 30 || consts)) {
        int start = c->u->ninsns;
        for (int i = 0; i < n; i++)
            cg_expr(c, elts->items[i]);
        bool allconst = c->u->ninsns - start == n;
        for (int i = 0; allconst && i < n; i++)
            allconst = c->u->insns[start + i].op == CGOP_LOAD_CONST;
        if (allconst && kind == E_TUPLE) {
            Value t = rt_tuple_new(c->vm, (size_t)n);
            if (t == VNULL)
                cg_nomem(c);
            for (int i = 0; i < n; i++)
                v_tuple(t)->items[i] = tail_const(c, start + i);
            replace_tail(c, start, t);
            return;
        }
        if (allconst && n >= 3) {
            /* CPython: BUILD_LIST 0; LOAD_CONST (tuple); LIST_EXTEND 1 (sets alike). */
            Value t = rt_tuple_new(c->vm, (size_t)n);
            if (t == VNULL)
                cg_nomem(c);
            for (int i = 0; i < n; i++)
                v_tuple(t)->items[i] = tail_const(c, start + i);
            c->u->ninsns = start;
            cg_emit(c, kind == E_SET ? CGOP_BUILD_SET : CGOP_BUILD_LIST, 0);
            cg_load_const(c, t);
            cg_emit(c, kind == E_SET ? CGOP_SET_UPDATE : CGOP_LIST_EXTEND, 1);
            return;
        }
        if (n > 30) {
            /* Not all constant after all (e.g. -x): keep the stack small. */
            c->u->ninsns = start;
            goto general;
        }
        cg_emit(c, build, n);
        return;
    }
general:;
    /* General case: accumulate into a list (or set), then convert. */
    bool set = kind == E_SET;
    int lead = 0;
    while (lead < n && lead < 30 && ((const Expr *)elts->items[lead])->kind != E_STARRED)
        cg_expr(c, elts->items[lead++]);
    cg_emit(c, set ? CGOP_BUILD_SET : CGOP_BUILD_LIST, lead);
    for (int i = lead; i < n; i++) {
        const Expr *x = elts->items[i];
        if (x->kind == E_STARRED) {
            cg_expr(c, x->u.starred.value);
            cg_emit(c, set ? CGOP_SET_UPDATE : CGOP_LIST_EXTEND, 1);
        } else {
            cg_expr(c, x);
            cg_emit(c, set ? CGOP_SET_ADD : CGOP_LIST_APPEND, 1);
        }
    }
    if (kind == E_TUPLE)
        cg_emit(c, CGOP_LIST_TO_TUPLE, 0);
}

static void compile_dict(Compiler *c, const Expr *e)
{
    const AstList *keys = &e->u.dict.keys, *vals = &e->u.dict.values;
    int n = keys->n;
    int i = 0;
    bool have_dict = false;
    while (i < n) {
        if (keys->items[i] == NULL) {
            if (!have_dict) {
                cg_emit(c, CGOP_BUILD_MAP, 0);
                have_dict = true;
            }
            cg_expr(c, vals->items[i]);
            cg_emit(c, CGOP_DICT_UPDATE, 1);
            i++;
            continue;
        }
        if (have_dict) {
            cg_expr(c, keys->items[i]);
            cg_expr(c, vals->items[i]);
            cg_emit(c, CGOP_MAP_ADD, 1);
            i++;
            continue;
        }
        int k = 0;
        while (i + k < n && k < 16 && keys->items[i + k] != NULL) {
            cg_expr(c, keys->items[i + k]);
            cg_expr(c, vals->items[i + k]);
            k++;
        }
        cg_emit(c, CGOP_BUILD_MAP, k);
        have_dict = true;
        i += k;
    }
    if (!have_dict)
        cg_emit(c, CGOP_BUILD_MAP, 0);
}

/* Keyword names tuple as a constant. */
static Value kwnames_tuple(Compiler *c, const AstList *keywords, int from, int count)
{
    Value t = rt_tuple_new(c->vm, (size_t)count);
    if (t == VNULL)
        cg_nomem(c);
    for (int i = 0; i < count; i++) {
        const Keyword *k = keywords->items[from + i];
        v_tuple(t)->items[i] = cg_intern(c, k->arg);
    }
    return t;
}

static void check_keywords(Compiler *c, const AstList *keywords)
{
    for (int i = 0; i < keywords->n; i++) {
        const Keyword *k = keywords->items[i];
        if (!k->arg)
            continue;
        for (int j = i + 1; j < keywords->n; j++) {
            const Keyword *k2 = keywords->items[j];
            if (k2->arg && strcmp(k->arg, k2->arg) == 0)
                cg_error_range(c, k2->lineno ? k2->lineno : c->u->loc.line, k2->col,
                               k2->value->end_lineno, k2->value->end_col,
                               "keyword argument repeated: %s", k->arg);
        }
    }
}

/* The callable (and, unless star-calling, self_or_null) are on the stack. */
/* An attribute access (or a method call through one) that ends on a later
 * line than it starts is attributed to the name's line (CPython's
 * update_start_location_to_match_attr): tracebacks show `.name(...)`. */
Loc cg_attr_loc(Loc loc, const Expr *attr)
{
    if (attr->end_lineno && loc.line != attr->end_lineno) {
        int len = (int)strlen(attr->u.attr.name);
        loc.line = attr->end_lineno;
        loc.col = len <= attr->end_col ? attr->end_col - len : -1;
        if (loc.col < 0)
            loc.end_col = -1;
        loc.end_line = attr->end_lineno > loc.end_line ? attr->end_lineno : loc.end_line;
    }
    return loc;
}

void cg_call_helper(Compiler *c, int nprefix, const AstList *args, const AstList *keywords, Loc loc)
{
    check_keywords(c, keywords);
    bool ex = has_starred(args);
    for (int i = 0; !ex && i < keywords->n; i++)
        ex = ((const Keyword *)keywords->items[i])->arg == NULL;
    if (!ex) {
        for (int i = 0; i < args->n; i++)
            cg_expr(c, args->items[i]);
        for (int i = 0; i < keywords->n; i++)
            cg_expr(c, ((const Keyword *)keywords->items[i])->value);
        c->u->loc = loc;
        if (keywords->n) {
            cg_load_const(c, kwnames_tuple(c, keywords, 0, keywords->n));
            cg_emit(c, CGOP_CALL_KW, nprefix + args->n + keywords->n);
        } else {
            cg_emit(c, CGOP_CALL, nprefix + args->n);
        }
        return;
    }
    /* CALL_EX: [callable, args_tuple, kwargs_or_null]; a pushed self (from
     * LOAD_METHOD-style prefixes) is not supported here: callers use LOAD_ATTR.
     * Other prefix arguments (class statements: the body function and the
     * name) already sit on the stack: they open a list the arguments extend. */
    if (nprefix > 0) {
        cg_emit(c, CGOP_BUILD_LIST, nprefix);
        for (int i = 0; i < args->n; i++) {
            const Expr *a = args->items[i];
            if (a->kind == E_STARRED) {
                cg_expr(c, a->u.starred.value);
                cg_emit(c, CGOP_LIST_EXTEND, 1);
            } else {
                cg_expr(c, a);
                cg_emit(c, CGOP_LIST_APPEND, 1);
            }
        }
        cg_emit(c, CGOP_LIST_TO_TUPLE, 0);
    } else if (args->n == 1 && ((const Expr *)args->items[0])->kind == E_STARRED)
        /* f(*x): CALL_EX takes x itself, as in CPython ("argument after * must be an iterable") */
        cg_expr(c, ((const Expr *)args->items[0])->u.starred.value);
    else
        compile_sequence(c, args, E_TUPLE);
    if (keywords->n) {
        bool have_dict = false;
        int i = 0;
        while (i < keywords->n) {
            const Keyword *k = keywords->items[i];
            if (!k->arg) {
                if (!have_dict) {
                    cg_emit(c, CGOP_BUILD_MAP, 0);
                    have_dict = true;
                }
                cg_expr(c, k->value);
                cg_emit(c, CGOP_DICT_MERGE, 1);
                i++;
                continue;
            }
            int j = i;
            while (j < keywords->n && ((const Keyword *)keywords->items[j])->arg && j - i < 16) {
                const Keyword *kj = keywords->items[j];
                cg_load_const(c, cg_intern(c, kj->arg));
                cg_expr(c, kj->value);
                j++;
            }
            cg_emit(c, CGOP_BUILD_MAP, j - i);
            if (have_dict)
                cg_emit(c, CGOP_DICT_MERGE, 1);
            have_dict = true;
            i = j;
        }
    } else {
        cg_emit(c, CGOP_PUSH_NULL, 0);
    }
    c->u->loc = loc;
    cg_emit(c, CGOP_CALL_EX, 0);
}

static bool call_is_ex(const Expr *e)
{
    if (has_starred(&e->u.call.args))
        return true;
    for (int i = 0; i < e->u.call.keywords.n; i++)
        if (((const Keyword *)e->u.call.keywords.items[i])->arg == NULL)
            return true;
    return false;
}

static void compile_call(Compiler *c, const Expr *e)
{
    const Expr *f = e->u.call.func;
    bool ex = call_is_ex(e);
    /* Zero-argument super() inside a method: super(__class__, <first arg>). */
    if (f->kind == E_NAME && strcmp(f->u.name.id, "super") == 0 && e->u.call.args.n == 0 &&
        e->u.call.keywords.n == 0 && c->u->scope->kind == ST_FUNCTION) {
        Scope *sc = c->u->scope;
        Sym *cls = cg_scope_find(sc, c->s_class);
        if (cls && cls->scope == SC_FREE && sc->nparams > 0 && !sc->comprehension &&
            c->u->argcount > 0) {
            cg_nameop(c, c->s_super, CTX_LOAD, e->lineno, e->col);
            cg_emit(c, CGOP_PUSH_NULL, 0);
            cg_nameop(c, c->s_class, CTX_LOAD, e->lineno, e->col);
            Value first = sc->varnames[0];
            Sym *fs = cg_scope_find(sc, first);
            if (fs && fs->scope == SC_CELL)
                cg_emit(c, CGOP_LOAD_DEREF, cg_value_index(sc->cellvars, sc->ncells, first));
            else
                cg_emit(c, CGOP_LOAD_FAST, 0);
            c->u->loc = CG_LOC(e);
            cg_emit(c, CGOP_CALL, 2);
            return;
        }
    }
    if (f->kind == E_ATTRIBUTE && !ex) {
        cg_expr(c, f->u.attr.value);
        /* As CPython 3.11: LOAD_METHOD spans the attribute (`t.id`, so an
         * AttributeError's carets stop there), the call the whole call. */
        c->u->loc = cg_attr_loc(CG_LOC(f), f);
        cg_emit(c, CGOP_LOAD_METHOD, cg_add_name(c, cg_mangled(c, f->u.attr.name)));
        cg_call_helper(c, 0, &e->u.call.args, &e->u.call.keywords, cg_attr_loc(CG_LOC(e), f));
        return;
    }
    cg_expr(c, f);
    if (!ex)
        cg_emit(c, CGOP_PUSH_NULL, 0);
    cg_call_helper(c, 0, &e->u.call.args, &e->u.call.keywords, CG_LOC(e));
}

static void compile_fstring(Compiler *c, const Expr *e)
{
    if (e->kind == E_FORMATTED) {
        cg_expr(c, e->u.fmt.value);
        int arg = 0;
        switch (e->u.fmt.conversion) {
        case 's': arg = 1; break;
        case 'r': arg = 2; break;
        case 'a': arg = 3; break;
        default: arg = 0; break;
        }
        if (e->u.fmt.spec) {
            cg_expr(c, e->u.fmt.spec);
            arg |= 4;
        }
        cg_emit(c, CGOP_FORMAT_VALUE, arg);
        return;
    }
    const AstList *elts = &e->u.seq.elts;
    if (elts->n == 0) {
        Value s = rt_str_intern(c->vm, "", 0);
        if (s == VNULL)
            cg_nomem(c);
        cg_load_const(c, s);
        return;
    }
    for (int i = 0; i < elts->n; i++)
        cg_expr(c, elts->items[i]);
    if (elts->n > 1)
        cg_emit(c, CGOP_BUILD_STRING, elts->n);
}

static void compile_slice_part(Compiler *c, const Expr *x)
{
    if (x)
        cg_expr(c, x);
    else
        cg_load_const(c, rt_None);
}

static void compile_slice(Compiler *c, const Expr *e)
{
    compile_slice_part(c, e->u.slice.lower);
    compile_slice_part(c, e->u.slice.upper);
    if (e->u.slice.step) {
        cg_expr(c, e->u.slice.step);
        cg_emit(c, CGOP_BUILD_SLICE, 3);
    } else {
        cg_emit(c, CGOP_BUILD_SLICE, 2);
    }
}

static bool in_function(Compiler *c)
{
    return c->u->scope->kind == ST_FUNCTION;
}

/* ---- comprehensions --------------------------------------------------------------------- */

static void comp_generator(Compiler *c, const Expr *e, int gen_index, int depth)
{
    const AstList *gens = &e->u.comp.generators;
    const Comprehension *g = gens->items[gen_index];
    int start = cg_new_label(c), anchor = cg_new_label(c), if_cleanup = cg_new_label(c);
    if (gen_index == 0) {
        cg_emit(c, CGOP_LOAD_FAST, 0); /* .0 */
    } else {
        cg_expr(c, g->iter);
        cg_emit(c, g->is_async ? CGOP_GET_AITER : CGOP_GET_ITER, 0);
    }
    cg_place(c, start);
    c->u->loc = CG_LOC(g->iter);
    if (g->is_async)
        cg_async_next(c, anchor);
    else
        cg_emit(c, CGOP_FOR_ITER, anchor);
    cg_store_target(c, g->target);
    for (int i = 0; i < g->ifs.n; i++)
        cg_jump_if(c, g->ifs.items[i], if_cleanup, false);
    if (gen_index + 1 < gens->n) {
        comp_generator(c, e, gen_index + 1, depth + 1);
    } else {
        c->u->loc = CG_LOC(e);
        switch (e->kind) {
        case E_GENEXP:
            cg_expr(c, e->u.comp.elt);
            cg_yield_value(c);
            cg_emit(c, CGOP_POP_TOP, 0);
            break;
        case E_LISTCOMP:
            cg_expr(c, e->u.comp.elt);
            cg_emit(c, CGOP_LIST_APPEND, depth + 1);
            break;
        case E_SETCOMP:
            cg_expr(c, e->u.comp.elt);
            cg_emit(c, CGOP_SET_ADD, depth + 1);
            break;
        default: /* E_DICTCOMP */
            cg_expr(c, e->u.comp.key);
            cg_expr(c, e->u.comp.elt);
            cg_emit(c, CGOP_MAP_ADD, depth + 1);
            break;
        }
    }
    cg_place(c, if_cleanup);
    cg_emit(c, CGOP_JUMP, start);
    cg_place(c, anchor);
    if (g->is_async)
        cg_emit(c, CGOP_END_ASYNC_FOR, 0);
}

static void compile_comprehension(Compiler *c, const Expr *e)
{
    Scope *sc = cg_symtable_lookup(&c->st, e);
    const Comprehension *first = e->u.comp.generators.items[0];
    cg_check_async_comprehension(c, sc, e);
    cg_enter_unit(c, sc, sc->name, e->lineno);
    Unit *u = c->u;
    u->argcount = 1;
    for (int i = 0; i < sc->ncells; i++)
        cg_emit(c, CGOP_MAKE_CELL, i);
    if (e->kind != E_GENEXP)
        cg_emit(c, e->kind == E_LISTCOMP ? CGOP_BUILD_LIST : e->kind == E_SETCOMP ? CGOP_BUILD_SET
                                                                                   : CGOP_BUILD_MAP,
                0);
    comp_generator(c, e, 0, 1);
    if (e->kind == E_GENEXP)
        cg_load_const(c, rt_None);
    cg_emit(c, CGOP_RETURN_VALUE, 0);
    Code *code = cg_leave_unit(c);
    c->u->loc = CG_LOC(e);
    cg_make_closure(c, code, sc, 0);
    cg_emit(c, CGOP_PUSH_NULL, 0);
    cg_expr(c, first->iter);
    cg_emit(c, first->is_async ? CGOP_GET_AITER : CGOP_GET_ITER, 0);
    c->u->loc = CG_LOC(e);
    cg_emit(c, CGOP_CALL, 1);
    if (sc->coroutine && e->kind != E_GENEXP)
        cg_emit_await(c, 0);
}

/* ---- the expression switch ----------------------------------------------------------------- */

void cg_expr(Compiler *c, const Expr *e)
{
    Unit *u = c->u;
    Loc saved_line = u->loc;
    if (e->lineno)
        u->loc = CG_LOC(e);
    switch (e->kind) {
    case E_BOOLOP: {
        int end = cg_new_label(c);
        const AstList *vals = &e->u.boolop.values;
        int op = e->u.boolop.op == BOOL_AND ? CGOP_JUMP_IF_FALSE_OR_POP : CGOP_JUMP_IF_TRUE_OR_POP;
        for (int i = 0; i < vals->n - 1; i++) {
            cg_expr(c, vals->items[i]);
            cg_emit(c, op, end);
        }
        cg_expr(c, vals->items[vals->n - 1]);
        cg_place(c, end);
        break;
    }
    case E_NAMEDEXPR:
        cg_expr(c, e->u.named.value);
        cg_emit(c, CGOP_COPY, 1);
        cg_store_target(c, e->u.named.target);
        break;
    case E_ASMARK:
        cg_error(c, e->lineno, e->col, "invalid syntax");
    case E_BINOP: {
        int start = u->ninsns;
        cg_expr(c, e->u.binop.left);
        int mid = u->ninsns;
        cg_expr(c, e->u.binop.right);
        Value a, b, r;
        if (mid == start + 1 && u->ninsns == mid + 1 && (a = tail_const(c, start)) != VNULL &&
            (b = tail_const(c, mid)) != VNULL && cg_fold_binop(c, e->u.binop.op, a, b, &r)) {
            replace_tail(c, start, r);
            break;
        }
        u->loc = CG_LOC(e);
        cg_emit(c, CGOP_BINARY_OP, e->u.binop.op);
        break;
    }
    case E_UNARYOP: {
        int start = u->ninsns;
        cg_expr(c, e->u.unary.operand);
        Value a, r;
        if (u->ninsns == start + 1 && (a = tail_const(c, start)) != VNULL &&
            cg_fold_unary(c, e->u.unary.op, a, &r)) {
            replace_tail(c, start, r);
            break;
        }
        cg_emit(c, CGOP_UNARY_OP, e->u.unary.op);
        break;
    }
    case E_LAMBDA: {
        Scope *sc = cg_symtable_lookup(&c->st, e);
        int flags = cg_defaults(c, e->u.lambda.args);
        Code *code = cg_function_body(c, sc, e->u.lambda.args, NULL, e->u.lambda.body, e->lineno);
        cg_make_closure(c, code, sc, flags);
        break;
    }
    case E_IFEXP: {
        int end = cg_new_label(c), other = cg_new_label(c);
        cg_jump_if(c, e->u.ifexp.test, other, false);
        cg_expr(c, e->u.ifexp.body);
        cg_emit(c, CGOP_JUMP, end);
        cg_place(c, other);
        cg_expr(c, e->u.ifexp.orelse);
        cg_place(c, end);
        break;
    }
    case E_DICT:
        compile_dict(c, e);
        break;
    case E_SET:
    case E_LIST:
    case E_TUPLE:
        if (e->ctx == CTX_STORE) {
            cg_store_target(c, e);
            break;
        }
        if (e->ctx == CTX_DEL) {
            for (int i = 0; i < e->u.seq.elts.n; i++)
                cg_expr(c, e->u.seq.elts.items[i]);
            break;
        }
        compile_sequence(c, &e->u.seq.elts, e->kind);
        break;
    case E_LISTCOMP:
    case E_SETCOMP:
    case E_DICTCOMP:
    case E_GENEXP:
        compile_comprehension(c, e);
        break;
    case E_YIELD:
        if (!in_function(c))
            cg_error_range(c, CG_AT(e), "'yield' outside function");
        if (e->u.yield.value)
            cg_expr(c, e->u.yield.value);
        else
            cg_load_const(c, rt_None);
        cg_yield_value(c);
        break;
    case E_YIELDFROM: {
        if (!in_function(c))
            cg_error_range(c, CG_AT(e), "'yield' outside function");
        cg_check_yield_from(c, e);
        cg_expr(c, e->u.yield.value);
        cg_emit(c, CGOP_GET_YIELD_FROM_ITER, 0);
        cg_load_const(c, rt_None);
        int loop = cg_new_label(c), exit = cg_new_label(c);
        cg_place(c, loop);
        cg_emit(c, CGOP_SEND, exit);
        cg_emit(c, CGOP_YIELD_VALUE, 0);
        cg_emit(c, CGOP_JUMP, loop);
        cg_place(c, exit);
        break;
    }
    case E_AWAIT:
        cg_await_expr(c, e);
        break;
    case E_COMPARE:
        compile_compare(c, e);
        break;
    case E_CALL:
        compile_call(c, e);
        break;
    case E_FORMATTED:
    case E_JOINEDSTR:
        compile_fstring(c, e);
        break;
    case E_CONSTANT:
        cg_load_const(c, cg_const_value(c, &e->u.constant));
        break;
    case E_ATTRIBUTE: {
        Value name = cg_mangled(c, e->u.attr.name);
        if (e->ctx == CTX_STORE) {
            cg_expr(c, e->u.attr.value);
            u->loc = CG_LOC(e);
            cg_emit(c, CGOP_STORE_ATTR, cg_add_name(c, name));
        } else if (e->ctx == CTX_DEL) {
            cg_expr(c, e->u.attr.value);
            u->loc = CG_LOC(e);
            cg_emit(c, CGOP_DELETE_ATTR, cg_add_name(c, name));
        } else {
            cg_expr(c, e->u.attr.value);
            u->loc = cg_attr_loc(CG_LOC(e), e);
            cg_emit(c, CGOP_LOAD_ATTR, cg_add_name(c, name));
        }
        break;
    }
    case E_SUBSCRIPT:
        cg_expr(c, e->u.subscript.value);
        cg_expr(c, e->u.subscript.index);
        u->loc = CG_LOC(e);
        cg_emit(c, e->ctx == CTX_LOAD ? CGOP_BINARY_SUBSCR
                                      : e->ctx == CTX_STORE ? CGOP_STORE_SUBSCR : CGOP_DELETE_SUBSCR,
                0);
        break;
    case E_STARRED:
        if (e->ctx == CTX_STORE)
            cg_error(c, e->lineno, e->col, "starred assignment target must be in a list or tuple");
        cg_error(c, e->lineno, e->col, "can't use starred expression here");
    case E_NAME:
        cg_nameop(c, cg_intern(c, e->u.name.id), e->ctx, e->lineno, e->col);
        break;
    case E_SLICE:
        compile_slice(c, e);
        break;
    }
    u->loc = saved_line;
}

/* ---- assignment targets ------------------------------------------------------------------ */

/* The value to store is on top of the stack. */
void cg_store_target(Compiler *c, const Expr *e)
{
    Unit *u = c->u;
    Loc saved = u->loc;
    u->loc = CG_LOC(e);
    switch (e->kind) {
    case E_NAME:
        cg_nameop(c, cg_intern(c, e->u.name.id), CTX_STORE, e->lineno, e->col);
        break;
    case E_ATTRIBUTE:
        cg_expr(c, e->u.attr.value);
        u->loc = CG_LOC(e);
        cg_emit(c, CGOP_STORE_ATTR, cg_add_name(c, cg_mangled(c, e->u.attr.name)));
        break;
    case E_SUBSCRIPT:
        cg_expr(c, e->u.subscript.value);
        cg_expr(c, e->u.subscript.index);
        u->loc = CG_LOC(e);
        cg_emit(c, CGOP_STORE_SUBSCR, 0);
        break;
    case E_TUPLE:
    case E_LIST: {
        const AstList *elts = &e->u.seq.elts;
        int star = -1;
        for (int i = 0; i < elts->n; i++) {
            if (((const Expr *)elts->items[i])->kind == E_STARRED) {
                if (star >= 0)
                    cg_error_range(c, CG_AT(e), "multiple starred expressions in assignment");
                star = i;
            }
        }
        if (star >= 0) {
            int before = star, after = elts->n - star - 1;
            if (before >= 256 || after >= (1 << 16))
                cg_error(c, e->lineno, e->col, "too many expressions in star-unpacking assignment");
            cg_emit(c, CGOP_UNPACK_EX, before | (after << 8));
        } else {
            cg_emit(c, CGOP_UNPACK_SEQUENCE, elts->n);
        }
        for (int i = 0; i < elts->n; i++) {
            const Expr *x = elts->items[i];
            cg_store_target(c, x->kind == E_STARRED ? x->u.starred.value : x);
        }
        break;
    }
    case E_STARRED:
        cg_error(c, e->lineno, e->col, "starred assignment target must be in a list or tuple");
    default:
        cg_error(c, e->lineno, e->col, "cannot assign to expression");
    }
    u->loc = saved;
}

/* ---- units ----------------------------------------------------------------------------------- */

static Value make_qualname(Compiler *c, Scope *sc, Value name)
{
    Unit *p = c->u;
    if (!p || p->scope->kind == ST_MODULE)
        return name;
    Sym *sym = cg_scope_find(p->scope, cg_mangle(c->vm, p->private_name, name));
    if (sym && sym->scope == SC_GLOBAL_EXPLICIT)
        return name;
    const Str *base = v_str(p->qualname), *nm = v_str(name);
    const char *sep = p->scope->kind == ST_FUNCTION ? ".<locals>." : ".";
    size_t seplen = strlen(sep), len = base->len + seplen + nm->len;
    char *buf = cg_alloc(c, len + 1);
    memcpy(buf, base->data, base->len);
    memcpy(buf + base->len, sep, seplen);
    memcpy(buf + base->len + seplen, nm->data, nm->len);
    Value qi = rt_str_intern(c->vm, buf, len);
    if (qi == VNULL)
        cg_nomem(c);
    return qi;
}

void cg_enter_unit(Compiler *c, Scope *sc, Value name, int firstline)
{
    Unit *u = cg_alloc(c, sizeof *u);
    memset(u, 0, offsetof(Unit, fblocks));
    u->qualname = sc->kind == ST_MODULE ? name : make_qualname(c, sc, name);
    u->parent = c->u;
    u->scope = sc;
    u->name = name;
    u->firstlineno = firstline;
    u->loc = cg_line_loc(firstline);
    u->cur_handler = -1;
    u->private_name = sc->private_name;
    if (sc->kind == ST_CLASS)
        u->private_name = sc->name;
    if (sc->kind == ST_MODULE)
        u->flags = CO_MODULE;
    else if (sc->kind == ST_CLASS)
        u->flags = CO_CLASS;
    else {
        if (sc->generator)
            u->flags |= sc->coroutine ? CO_ASYNC_GENERATOR : CO_GENERATOR;
        else if (sc->coroutine)
            u->flags |= CO_COROUTINE;
        if (sc->varargs)
            u->flags |= CO_VARARGS;
        if (sc->varkeywords)
            u->flags |= CO_VARKEYWORDS;
        if (sc->parent && sc->parent->kind == ST_FUNCTION)
            u->flags |= CO_NESTED;
    }
    /* Slots of every symbol for the name ops. */
    for (int i = 0; i < sc->nsyms; i++)
        sc->syms[i].fast = sc->syms[i].deref = -1;
    for (int i = 0; i < sc->nvarnames; i++) {
        Sym *s = cg_scope_find(sc, sc->varnames[i]);
        if (s)
            s->fast = i;
    }
    c->u = u;
}

Code *cg_leave_unit(Compiler *c)
{
    Unit *u = c->u;
    Code *code = cg_assemble(c, u);
    c->u = u->parent;
    return code;
}

bool cg_is_docstring(const AstList *body)
{
    if (body->n == 0)
        return false;
    const Stmt *s = body->items[0];
    return s->kind == S_EXPR && s->u.expr.value->kind == E_CONSTANT &&
           s->u.expr.value->u.constant.kind == CONST_STR;
}

/* Pushes the defaults tuple / kwdefaults dict; returns MAKE_FUNCTION flags. */
int cg_defaults(Compiler *c, const Arguments *args)
{
    int flags = 0;
    if (!args)
        return 0;
    if (args->defaults.n) {
        AstList l = args->defaults;
        compile_sequence(c, &l, E_TUPLE);
        flags |= 1;
    }
    int nkw = 0;
    for (int i = 0; i < args->kwonlyargs.n; i++) {
        const Expr *d = i < args->kw_defaults.n ? args->kw_defaults.items[i] : NULL;
        if (!d)
            continue;
        const Arg *a = args->kwonlyargs.items[i];
        cg_load_const(c, cg_mangled(c, a->name));
        cg_expr(c, d);
        nkw++;
    }
    if (nkw) {
        cg_emit(c, CGOP_BUILD_MAP, nkw);
        flags |= 2;
    }
    return flags;
}

Code *cg_function_body(Compiler *c, Scope *sc, const Arguments *args, const AstList *body,
                       const Expr *lambda_body, int firstline)
{
    cg_enter_unit(c, sc, sc->name, firstline);
    Unit *u = c->u;
    if (args) {
        u->posonlyargcount = args->posonlyargs.n;
        u->argcount = args->posonlyargs.n + args->args.n;
        u->kwonlyargcount = args->kwonlyargs.n;
    }
    if (body && cg_is_docstring(body) && c->optimize < 2) {
        const Stmt *s = body->items[0];
        cg_add_const(c, cg_const_value(c, &s->u.expr.value->u.constant));
        u->has_docstring = true;
    }
    for (int i = 0; i < sc->ncells; i++)
        cg_emit(c, CGOP_MAKE_CELL, i);
    /* Parameters that are cells: move the argument into its cell. */
    for (int i = 0; i < sc->nparams; i++) {
        int ci = cg_value_index(sc->cellvars, sc->ncells, sc->varnames[i]);
        if (ci >= 0) {
            cg_emit(c, CGOP_LOAD_FAST, i);
            cg_emit(c, CGOP_STORE_DEREF, ci);
        }
    }
    if (body) {
        cg_body(c, body);
        cg_load_const(c, rt_None);
        cg_emit(c, CGOP_RETURN_VALUE, 0);
    } else {
        cg_expr(c, lambda_body);
        if (sc->generator) {
            cg_emit(c, CGOP_POP_TOP, 0);
            cg_load_const(c, rt_None);
        }
        cg_emit(c, CGOP_RETURN_VALUE, 0);
    }
    return cg_leave_unit(c);
}

void cg_make_closure(Compiler *c, Code *code, Scope *sc, int flags)
{
    Scope *cur = c->u->scope;
    if (sc->nfrees) {
        for (int i = 0; i < sc->nfrees; i++) {
            Value name = sc->freevars[i];
            int idx = cg_value_index(cur->cellvars, cur->ncells, name);
            if (idx < 0) {
                idx = cg_value_index(cur->freevars, cur->nfrees, name);
                if (idx < 0)
                    cg_error(c, c->u->loc.line, 0, "internal compiler error: no cell for '%s'",
                             v_cstr(name));
                idx += cur->ncells;
            }
            cg_emit(c, CGOP_LOAD_CLOSURE, idx);
        }
        cg_emit(c, CGOP_BUILD_TUPLE, sc->nfrees);
        flags |= 4;
    }
    cg_load_const(c, v_from(code));
    cg_emit(c, CGOP_MAKE_FUNCTION, flags);
}

/* ---- entry points ---------------------------------------------------------------------------- */

void cg_fill_error_text(SyntaxErrorInfo *err, const char *src, size_t len)
{
    if (!src || err->lineno <= 0 || err->text[0])
        return;
    int line = 1;
    size_t i = 0;
    while (i < len && line < err->lineno) {
        if (src[i] == '\n')
            line++;
        i++;
    }
    size_t j = i;
    while (j < len && src[j] != '\n')
        j++;
    size_t n = j - i;
    if (n >= sizeof err->text)
        n = sizeof err->text - 1;
    memcpy(err->text, src + i, n);
    err->text[n] = '\0';
}

static Code *compile_module(Compiler *c, const AstModule *mod)
{
    cg_future_scan(c, mod);
    c->st.future_annotations = c->future_annotations;
    cg_symtable_build(&c->st, mod);
    c->s_name = cg_intern(c, "__name__");
    c->s_module = cg_intern(c, "__module__");
    c->s_qualname = cg_intern(c, "__qualname__");
    c->s_doc = cg_intern(c, "__doc__");
    c->s_classcell = cg_intern(c, "__classcell__");
    c->s_class = cg_intern(c, "__class__");
    c->s_super = cg_intern(c, "super");
    c->s_debug = cg_intern(c, "__debug__");
    c->s_dot0 = cg_intern(c, ".0");
    Scope *top = c->st.top;
    cg_enter_unit(c, top, top->name, 1);
    if (mod->mode == PARSE_EVAL) {
        const Stmt *s = mod->body.n ? mod->body.items[0] : NULL;
        if (s && s->kind == S_EXPR)
            cg_expr(c, s->u.expr.value);
        else
            cg_load_const(c, rt_None);
        cg_emit(c, CGOP_RETURN_VALUE, 0);
    } else {
        c->interactive = mod->mode == PARSE_SINGLE;
        const AstList *body = &mod->body;
        int start = 0;
        if (cg_find_ann(body))
            cg_emit(c, CGOP_SETUP_ANNOTATIONS, 0);
        if (cg_is_docstring(body) && !c->interactive) {
            const Stmt *s = body->items[0];
            c->u->loc = CG_LOC(s);
            if (c->optimize < 2) {
                cg_load_const(c, cg_const_value(c, &s->u.expr.value->u.constant));
                cg_emit(c, CGOP_STORE_NAME, cg_add_name(c, c->s_doc));
            }
            start = 1;
        }
        for (int i = start; i < body->n; i++)
            cg_stmt(c, body->items[i]);
        cg_load_const(c, rt_None);
        cg_emit(c, CGOP_RETURN_VALUE, 0);
    }
    return cg_leave_unit(c);
}

/* The values the compiler keeps in its own (malloc'd, arena) memory: every
 * open unit's constants, names and labels, and the symbol table's names. */
static void cg_trace(VM *vm, void *ctx)
{
    Compiler *c = ctx;
    for (Unit *u = c->u; u; u = u->parent) {
        for (int i = 0; i < u->nconsts; i++)
            rt_gc_mark(vm, u->consts[i].v);
        for (int i = 0; i < u->nnames; i++)
            rt_gc_mark(vm, u->names[i]);
        for (int i = 0; i < u->nfblocks; i++)
            rt_gc_mark(vm, u->fblocks[i].name);
        rt_gc_mark(vm, u->name);
        rt_gc_mark(vm, u->qualname);
        rt_gc_mark(vm, u->private_name);
    }
    rt_gc_mark(vm, c->s_none_tuple);
    rt_gc_mark(vm, c->st.private_name);
    if (c->st.nvals)
        for (uint32_t i = 0; i <= c->st.nmask; i++)
            rt_gc_mark(vm, c->st.nvals[i]);
}

Code *cg_compile(VM *vm, const AstModule *mod, const char *filename, int optimize,
                 SyntaxErrorInfo *err)
{
    Compiler *c = rt_malloc(vm, sizeof *c);
    if (!c)
        return NULL;
    memset(c, 0, sizeof *c);
    memset(err, 0, sizeof *err);
    c->vm = vm;
    c->err = err;
    c->filename = filename;
    c->optimize = optimize;
    c->mode = mod->mode;
    c->st.vm = vm;
    c->st.err = err;
    c->st.filename = filename;
    c->st.arena = &c->arena;
    c->st.fail = &c->fail;
    ast_arena_init(&c->arena);
    GcRoot root;
    rt_gc_push_tracer(vm, &root, cg_trace, c);
    Code *volatile result = NULL;
    int rc = setjmp(c->fail);
    if (rc == 0)
        result = compile_module(c, mod);
    else if (rc == 2 && vm->exc == VNULL)
        rt_no_memory(vm);
    rt_gc_pop_root(vm, &root);
    ast_arena_free(&c->arena);
    cg_free_all(c);
    rt_free(vm, c, sizeof *c);
    if (result) {
        Value fn = rt_str_from_cstr(vm, filename ? filename : "<string>");
        if (fn == VNULL)
            return NULL;
        rt_code_set_filename(vm, result, fn);
    }
    return result;
}

static bool blank(char ch) { return ch == ' ' || ch == '\t' || ch == '\f'; }

bool cg_caret_anchors(const char *seg, size_t len, int64_t *left, int64_t *right)
{
    Arena arena;
    ast_arena_init(&arena);
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    AstModule *mod = lx_parse(&arena, seg, len, "<traceback>", PARSE_FILE, &err);
    const Expr *e = NULL;
    if (mod && mod->body.n == 1 && ((const Stmt *)mod->body.items[0])->kind == S_EXPR)
        e = ((const Stmt *)mod->body.items[0])->u.expr.value;
    bool found = false;
    int64_t n = (int64_t)len;
    if (e && e->kind == E_BINOP) {
        /* The operator: the first non-blank after the left operand that is
         * not a closing parenthesis; two characters if no blank follows. */
        int64_t stop = e->u.binop.right->col;
        for (int64_t i = e->u.binop.left->end_col; i < stop && i < n; i++) {
            if (blank(seg[i]))
                continue;
            *left = i;
            *right = i + 1 + (i + 1 < stop && !blank(seg[i + 1]));
            if (i + 1 < stop && seg[i] == ')')
                continue;
            found = true;
            break;
        }
    } else if (e && e->kind == E_SUBSCRIPT) {
        /* From the '[' after the value through the ']' after the index. */
        int64_t l = e->u.subscript.value->end_col, r = e->u.subscript.index->end_col + 1;
        while (l < n && seg[l] != '[')
            l++;
        while (r < n && seg[r] != ']')
            r++;
        if (r < n)
            r++;
        *left = l;
        *right = r;
        found = true;
    }
    ast_arena_free(&arena);
    return found;
}

Value cg_raise_syntax_error(VM *vm, const SyntaxErrorInfo *info)
{
    Type *t = info->kind == SE_TAB           ? &rt_exc_TabError
              : info->kind == SE_INDENTATION ? &rt_exc_IndentationError
                                             : &rt_exc_SyntaxError;
    Value msg = rt_str_from_cstr(vm, info->msg);
    Value fn = info->filename ? rt_str_from_cstr(vm, info->filename) : rt_None;
    Value text = rt_None;
    if (info->text[0]) {
        /* CPython keeps the line with its newline. */
        text = rt_str_printf(vm, "%s\n", info->text);
    }
    if (!msg || !fn || !text)
        return VNULL;
    /* lineno 0: an error without a location (a file that is not UTF-8). */
    Value loc[6] = {fn, info->lineno ? v_from_small(info->lineno) : rt_None,
                    info->col ? v_from_small(info->col) : rt_None,
                    text, info->end_lineno ? v_from_small(info->end_lineno) : rt_None,
                    info->end_col ? v_from_small(info->end_col) : rt_None};
    Value tup = rt_tuple_from(vm, 6, loc);
    Value args[2] = {msg, tup};
    Value argt = tup ? rt_tuple_from(vm, 2, args) : VNULL;
    Value exc = argt ? rt_exc_new(vm, t, argt) : VNULL;
    return exc ? rt_raise_value(vm, exc) : VNULL;
}

/* The compiler's own errors (symtable, codegen) take their text from the
 * file the filename names, as CPython's PyErr_ProgramTextObject does: none
 * for compile()/exec() of a string whose filename is no readable file. */
static void fill_error_text_from_file(SyntaxErrorInfo *err)
{
    FILE *f = err->filename && err->lineno > 0 ? fopen(err->filename, "rb") : NULL;
    if (!f)
        return;
    char buf[sizeof err->text];
    int line = 0;
    bool at_start = true;
    while (fgets(buf, sizeof buf, f)) {
        bool whole = strchr(buf, '\n') != NULL;
        if (at_start && ++line == err->lineno) {
            size_t n = strcspn(buf, "\r\n");
            if (rt_utf8_valid(buf, n, NULL)) {
                memcpy(err->text, buf, n);
                err->text[n] = '\0';
            }
            break;
        }
        at_start = whole;
    }
    fclose(f);
}

static Code *compile_source(VM *vm, const char *src, size_t len, const char *filename,
                            ParseMode mode, int optimize, bool text_from_file)
{
    Arena arena;
    ast_arena_init(&arena);
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    AstModule *mod = lx_parse(&arena, src, len, filename, mode, &err);
    Code *code = NULL;
    if (mod) {
        code = cg_compile(vm, mod, filename, optimize, &err);
        if (!code && vm->exc == VNULL) {
            if (text_from_file)
                fill_error_text_from_file(&err);
            else
                cg_fill_error_text(&err, src, len);
            cg_raise_syntax_error(vm, &err);
        }
    } else {
        cg_fill_error_text(&err, src, len);
        cg_raise_syntax_error(vm, &err);
    }
    ast_arena_free(&arena);
    return code;
}

Code *cg_compile_source(VM *vm, const char *src, size_t len, const char *filename, ParseMode mode,
                        int optimize)
{
    return compile_source(vm, src, len, filename, mode, optimize, true);
}

Code *cg_compile_file(VM *vm, const char *src, size_t len, const char *filename, int optimize)
{
    SyntaxErrorInfo err;
    if (!lx_check_file_utf8(src, len, filename, &err)) {
        cg_raise_syntax_error(vm, &err);
        return NULL;
    }
    /* The source is the file's (decoded) text: errors quote it directly. */
    return compile_source(vm, src, len, filename, PARSE_FILE, optimize, false);
}
