/* compiler/assemble.c — from a unit's instruction array to a Code object:
 * label resolution, jump threading, stack depths by abstract interpretation
 * over the control flow (vm/opcodes.def effects, handlers entered with the
 * exception pushed), removal of unreachable code and pseudo instructions,
 * the exception table, the line table and the constant table.  Every pass
 * is linear in the number of instructions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vm/dis.h"
#include "compiler/cg.h"
#include "runtime/state.h"

int cg_op_pops(int op, int arg)
{
    switch (op) {
#define OP(name, operand, pops, pushes, jpops, jpushes) \
    case CGOP_##name:                                   \
        return (int)(pops);
#include "vm/opcodes.def"
#undef OP
    default:
        return 0;
    }
}

int cg_op_pushes(int op, int arg)
{
    switch (op) {
#define OP(name, operand, pops, pushes, jpops, jpushes) \
    case CGOP_##name:                                   \
        return (int)(pushes);
#include "vm/opcodes.def"
#undef OP
    default:
        return 0;
    }
}

static int op_jpops(int op, int arg)
{
    switch (op) {
#define OP(name, operand, pops, pushes, jpops, jpushes) \
    case CGOP_##name:                                   \
        return (int)(jpops);
#include "vm/opcodes.def"
#undef OP
    default:
        return 0;
    }
}

static int op_jpushes(int op, int arg)
{
    switch (op) {
#define OP(name, operand, pops, pushes, jpops, jpushes) \
    case CGOP_##name:                                   \
        return (int)(jpushes);
#include "vm/opcodes.def"
#undef OP
    default:
        return 0;
    }
}

OperandKind cg_op_kind(int op)
{
    static const uint8_t kinds[] = {
#define OP(name, operand, pops, pushes, jpops, jpushes) OPK_##operand,
#include "vm/opcodes.def"
#undef OP
    };
    if (op < 0 || op >= CGOP__COUNT)
        return OPK_NONE;
    return (OperandKind)kinds[op];
}

/* Called for every instruction in several passes: a table, not a call. */
static const bool op_is_jump[256] = {
#define OP(name, operand, pops, pushes, jpops, jpushes) [CGOP_##name] = OPK_##operand == OPK_JUMP,
#include "vm/opcodes.def"
#undef OP
};

static inline bool is_jump(int op)
{
    return op_is_jump[(uint8_t)op];
}

static bool ends_block(int op)
{
    return op == CGOP_JUMP || op == CGOP_RETURN_VALUE || op == CGOP_RAISE || op == CGOP_RERAISE;
}

_Noreturn static void internal_error(Compiler *c, Unit *u, int line, const char *what)
{
    if (getenv("MINIPY_CG_DEBUG")) {
        for (int i = 0; i < u->ninsns; i++)
            fprintf(stderr, "%4d %-20s %d (line %d, handler %d)\n", i,
                    u->insns[i].op < CGOP__COUNT ? vm_dis_opname(u->insns[i].op) : "SETUP",
                    u->insns[i].arg, u->insns[i].loc.line, u->insns[i].handler);
    }
    cg_error(c, line, 0, "internal compiler error in %s: %s", v_cstr(u->qualname), what);
}

static void *scratch(Compiler *c, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (c->scratch_used + size > c->scratch_size)
        internal_error(c, c->u, 0, "scratch overflow");
    void *r = c->scratch + c->scratch_used;
    c->scratch_used += size;
    return r;
}

/* Abstract interpretation: depth[i] is the stack depth before instruction i,
 * -1 when unreachable.  Returns the maximum depth. */
static int stack_depths(Compiler *c, Unit *u, int *depth)
{
    int n = u->ninsns;
    int *work = scratch(c, (size_t)(n + 1) * sizeof(int));
    int nwork = 0, maxd = 0;
    for (int i = 0; i < n; i++)
        depth[i] = -1;
#define VISIT(target, d)                                                  \
    do {                                                                  \
        int t_ = (target), d_ = (d);                                      \
        if (t_ < 0 || t_ >= n)                                            \
            internal_error(c, u, u->firstlineno, "jump out of range");   \
        if (depth[t_] < 0) {                                              \
            depth[t_] = d_;                                               \
            work[nwork++] = t_;                                           \
        } else if (depth[t_] != d_) {                                     \
            internal_error(c, u, u->insns[t_].loc.line, "inconsistent stack"); \
        }                                                                 \
    } while (0)
    if (n == 0)
        return 0;
    VISIT(0, 0);
    while (nwork) {
        int i = work[--nwork];
        int d = depth[i];
        for (;;) {
            const CgInsn *in = &u->insns[i];
            int nd;
            if (in->op == CGOP_SETUP) {
                Handler *h = &u->handlers[in->arg];
                h->depth = d + h->adjust;
                if (h->depth + 1 > maxd)
                    maxd = h->depth + 1;
                VISIT(u->labels[h->label], h->depth + 1);
                nd = d;
            } else {
                int pops = cg_op_pops(in->op, in->arg);
                if (d < pops)
                    internal_error(c, u, in->loc.line, "stack underflow");
                if (is_jump(in->op)) {
                    int jd = d - op_jpops(in->op, in->arg) + op_jpushes(in->op, in->arg);
                    if (jd > maxd)
                        maxd = jd;
                    VISIT(in->arg, jd);
                }
                nd = d - pops + cg_op_pushes(in->op, in->arg);
                if (nd > maxd)
                    maxd = nd;
                if (ends_block(in->op))
                    break;
            }
            if (i + 1 >= n)
                internal_error(c, u, in->loc.line, "falls off the end");
            if (depth[i + 1] >= 0) {
                if (depth[i + 1] != nd)
                    internal_error(c, u, u->insns[i + 1].loc.line, "inconsistent stack");
                break;
            }
            depth[++i] = nd;
            d = nd;
        }
    }
#undef VISIT
    return maxd;
}

static Value tuple_of(Compiler *c, const Value *items, int n)
{
    if (n == 0)
        return rt_empty_tuple;
    Value t = rt_tuple_from(c->vm, (size_t)n, items);
    if (t == VNULL)
        cg_nomem(c);
    return t;
}


/* An instruction's span as the code object keeps it: a span that does not
 * start on the instruction's line (or runs backwards) keeps the line only. */
static CodeSpan span_of(const Loc *l, uint32_t line)
{
    CodeSpan s = {line, -1, -1};
    if (l->line > 0 && (uint32_t)l->line == line && l->col >= 0 && l->end_line >= l->line &&
        l->end_col >= 0 && (l->end_line > l->line || l->end_col >= l->col)) {
        s.end_line = (uint32_t)l->end_line;
        s.col = l->col;
        s.end_col = l->end_col;
    }
    return s;
}

Code *cg_assemble(Compiler *c, Unit *u)
{
    int n = u->ninsns;
    CgInsn *in = u->insns;
    /* All temporaries come from one region reused by every unit. */
    size_t need = (size_t)(n + 2) * (6 * sizeof(int) + 1 + sizeof(Insn) + sizeof(uint32_t) + sizeof(CodeSpan) +
                                     sizeof(ExcEntry)) +
                  (size_t)(u->nconsts + 1) * (sizeof(int) + sizeof(Value)) + 16 * 16;
    if (c->scratch_size < need) {
        if (c->scratch)
            rt_free(c->vm, c->scratch, c->scratch_size);
        c->scratch = NULL;
        size_t size = need * 2 > 65536 ? need * 2 : 65536;
        c->scratch = rt_malloc(c->vm, size);
        if (!c->scratch)
            cg_nomem(c);
        c->scratch_size = size;
    }
    c->scratch_used = 0;

    /* Labels → instruction indexes. */
    for (int i = 0; i < n; i++) {
        if (is_jump(in[i].op)) {
            int t = u->labels[in[i].arg];
            if (t < 0)
                internal_error(c, u, in[i].loc.line, "unplaced label");
            in[i].arg = t;
        }
    }
    for (int h = 0; h < u->nhandlers; h++)
        if (u->labels[u->handlers[h].label] < 0)
            internal_error(c, u, u->firstlineno, "unplaced handler");

    /* Jump threading: a jump to an unconditional JUMP goes to its target. */
    for (int i = 0; i < n; i++) {
        if (!is_jump(in[i].op) || in[i].op == CGOP_FOR_ITER || in[i].op == CGOP_SEND)
            continue;
        int t = in[i].arg;
        for (int k = 0; k < 16 && t < n && in[t].op == CGOP_JUMP && in[t].arg != t; k++)
            t = in[t].arg;
        in[i].arg = t;
    }

    int *depth = scratch(c, (size_t)(n + 1) * sizeof(int));
    int maxdepth = stack_depths(c, u, depth);

    /* Keep reachable real instructions; drop a JUMP to the next kept one. */
    int *prefix = scratch(c, (size_t)(n + 2) * sizeof(int));
    bool *keep = scratch(c, (size_t)(n + 1));
    for (int i = 0; i < n; i++)
        keep[i] = depth[i] >= 0 && in[i].op != CGOP_SETUP && in[i].op != CGOP_NOP;
    prefix[0] = 0;
    for (int i = 0; i < n; i++)
        prefix[i + 1] = prefix[i] + keep[i];
    for (int i = 0; i < n; i++) {
        if (keep[i] && in[i].op == CGOP_JUMP && in[i].arg > i &&
            prefix[in[i].arg] - prefix[i + 1] == 0)
            keep[i] = false;
    }
    int *newidx = scratch(c, (size_t)(n + 1) * sizeof(int));
    int m = 0;
    for (int i = 0; i < n; i++) {
        newidx[i] = m;
        if (keep[i])
            m++;
    }
    newidx[n] = m;
    if ((uint32_t)m > INSN_ARG_MAX)
        cg_error(c, u->firstlineno, 0, "too many instructions");

    /* Constants actually used, numbered by first use (the docstring stays 0). */
    int *cmap = scratch(c, (size_t)(u->nconsts + 1) * sizeof(int));
    for (int i = 0; i < u->nconsts; i++)
        cmap[i] = -1;
    int nc = 0;
    Value *cvals = scratch(c, (size_t)(u->nconsts + 1) * sizeof(Value));
    if (u->has_docstring) {
        cmap[0] = nc;
        cvals[nc++] = u->consts[0].v;
    }
    for (int i = 0; i < n; i++) {
        if (keep[i] && in[i].op == CGOP_LOAD_CONST && cmap[in[i].arg] < 0) {
            cmap[in[i].arg] = nc;
            cvals[nc++] = u->consts[in[i].arg].v;
        }
    }
    if ((uint32_t)nc > INSN_ARG_MAX)
        cg_error(c, u->firstlineno, 0, "too many constants");
    if ((uint32_t)u->nnames > INSN_ARG_MAX)
        cg_error(c, u->firstlineno, 0, "too many names");
    if ((uint32_t)u->scope->nvarnames > INSN_ARG_MAX)
        cg_error(c, u->firstlineno, 0, "too many local variables");

    Insn *code = scratch(c, (size_t)(m + 1) * sizeof(Insn));
    uint32_t *lines = scratch(c, (size_t)(m + 1) * sizeof(uint32_t));
    CodeSpan *spans = scratch(c, (size_t)(m + 1) * sizeof(CodeSpan));
    bool any_col = false;
    ExcEntry *exc = scratch(c, (size_t)(m + 1) * sizeof(ExcEntry));
    int nexc = 0;
    int j = 0;
    for (int i = 0; i < n; i++) {
        if (!keep[i])
            continue;
        int arg = in[i].arg;
        if (is_jump(in[i].op))
            arg = newidx[arg];
        else if (in[i].op == CGOP_LOAD_CONST)
            arg = cmap[arg];
        if (arg < 0 || (uint32_t)arg > INSN_ARG_MAX)
            cg_error(c, in[i].loc.line, 0, "operand out of range");
        code[j] = INSN(in[i].op, (uint32_t)arg);
        lines[j] = (uint32_t)(in[i].loc.line > 0 ? in[i].loc.line : u->firstlineno);
        spans[j] = span_of(&in[i].loc, lines[j]);
        any_col |= spans[j].col >= 0;
        /* Exception table: runs of the same handler. */
        int h = in[i].handler;
        while (h >= 0 && u->handlers[h].depth < 0)
            h = u->handlers[h].parent;
        if (h >= 0) {
            uint32_t target = (uint32_t)newidx[u->labels[u->handlers[h].label]];
            uint32_t d = (uint32_t)u->handlers[h].depth;
            ExcEntry *last = nexc ? &exc[nexc - 1] : NULL;
            if (last && last->end == (uint32_t)j && last->handler == target && last->depth == d) {
                last->end++;
            } else {
                exc[nexc].start = (uint32_t)j;
                exc[nexc].end = (uint32_t)j + 1;
                exc[nexc].handler = target;
                exc[nexc].depth = d;
                nexc++;
            }
        }
        j++;
    }

    VM *vm = c->vm;
    Code *co = rt_code_new(vm, code, (uint32_t)m, lines, exc, (uint32_t)nexc);
    if (!co || (any_col && !rt_code_set_spans(vm, co, spans)))
        cg_nomem(c);
    Scope *sc = u->scope;
    co->consts = tuple_of(c, cvals, nc);
    co->names = tuple_of(c, u->names, u->nnames);
    bool fn = sc->kind == ST_FUNCTION;
    co->varnames = fn ? tuple_of(c, sc->varnames, sc->nvarnames) : rt_empty_tuple;
    co->cellvars = tuple_of(c, sc->cellvars, sc->ncells);
    co->freevars = tuple_of(c, sc->freevars, sc->nfrees);
    co->name = u->name;
    co->qualname = u->qualname;
    co->argcount = (uint32_t)u->argcount;
    co->posonlyargcount = (uint32_t)u->posonlyargcount;
    co->kwonlyargcount = (uint32_t)u->kwonlyargcount;
    co->nlocals = fn ? (uint32_t)sc->nvarnames : 0;
    co->ncells = (uint32_t)sc->ncells;
    co->nfrees = (uint32_t)sc->nfrees;
    co->stacksize = (uint32_t)maxdepth;
    co->flags = u->flags | (u->has_docstring ? CO_HAS_DOCSTRING : 0);
    co->firstlineno = (uint32_t)u->firstlineno;
    return co;
}
