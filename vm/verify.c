/* vm/verify.c — the bytecode verifier (see vm/verify.h).
 *
 * Code from a .pyc file is untrusted: its checksum only catches accidents.
 * The eval loop trusts its code (no bounds checks on operands, no type
 * checks where the compiler guarantees a type), so everything it relies on
 * is proved here before a loaded module runs.  The opcode facts come from
 * vm/opcodes.def only; the few per-opcode rules below are the ones the
 * table cannot express (operator ranges, which values must be lists, …).
 *
 * Stack checking is QuickJS's compute_stack_size idea extended with a kind
 * per slot: walk from each entry point, carrying the abstract stack; at a
 * jump target or handler merge with what was recorded there, and walk again
 * only if the merge lost information.  Kinds form a short lattice, so the
 * walk ends. */
#include <stdlib.h>
#include <string.h>

#include "vm/marshal.h"
#include "vm/verify.h"
#include "runtime/complex.h"

/* ---- the table ------------------------------------------------------------ */

enum {
#define OP(name, operand, pops, pushes, jpops, jpushes) V_##name,
#include "vm/opcodes.def"
#undef OP
    V__COUNT
};

enum { OPK_NONE, OPK_CONST, OPK_NAME, OPK_LOCAL, OPK_DEREF, OPK_JUMP, OPK_COUNT, OPK_OPER };

static const uint8_t op_kind[V__COUNT] = {
#define OP(name, operand, pops, pushes, jpops, jpushes) OPK_##operand,
#include "vm/opcodes.def"
#undef OP
};

static int64_t op_jpops(unsigned op, int64_t arg)
{
    switch (op) {
#define OP(name, operand, pops, pushes, jpops, jpushes) case V_##name: return (jpops);
#include "vm/opcodes.def"
#undef OP
    }
    return 0;
}

static int64_t op_jpushes(unsigned op, int64_t arg)
{
    switch (op) {
#define OP(name, operand, pops, pushes, jpops, jpushes) case V_##name: return (jpushes);
#include "vm/opcodes.def"
#undef OP
    }
    return 0;
}

/* Both stack effects with one dispatch (step is the verifier's hot path). */
static inline void op_effect(unsigned op, int64_t arg, int64_t *pops, int64_t *pushes)
{
    switch (op) {
#define OP(name, operand, pops_, pushes_, jpops, jpushes) \
    case V_##name: *pops = (pops_), *pushes = (pushes_); return;
#include "vm/opcodes.def"
#undef OP
    }
    *pops = *pushes = 0;
}

/* Instructions after which execution never falls through. */
static bool op_is_terminal(unsigned op)
{
    return op == V_JUMP || op == V_RETURN_VALUE || op == V_RAISE || op == V_RERAISE;
}

/* ---- slot kinds ------------------------------------------------------------
 * A slot is a kind in the low 8 bits and a payload above (a tuple length, a
 * constant index). */

enum {
    K_ANY = 1,       /* some Python value */
    K_NULL,          /* the null marker */
    K_MAYBE_NULL,    /* either */
    K_LIST, K_SET, K_DICT, K_STR,
    K_TUPLE,
    K_STRTUPLE,      /* payload: length (a kwnames constant) */
    K_CELL,
    K_CELLTUPLE,     /* payload: length (a closure) */
    K_CODE,          /* payload: constant index */
    K_EXC,           /* the exception a handler was entered with */
    K_PREV,          /* the previously handled exception or None (PUSH_EXC_INFO) */
};

#define KIND(s) ((s) & 0xffu)
#define PAYLOAD(s) ((s) >> 8)
#define SLOT(k, p) ((uint32_t)(k) | (uint32_t)(p) << 8)

static bool k_nullish(uint32_t s) { return KIND(s) == K_NULL || KIND(s) == K_MAYBE_NULL; }
static bool k_tuplish(uint32_t s)
{
    return KIND(s) == K_TUPLE || KIND(s) == K_STRTUPLE || KIND(s) == K_CELLTUPLE;
}

static uint32_t k_meet(uint32_t a, uint32_t b)
{
    if (a == b)
        return a;
    if (k_nullish(a) || k_nullish(b))
        return K_MAYBE_NULL;
    if (k_tuplish(a) && k_tuplish(b))
        return K_TUPLE;
    /* An exception is one of the values "previously handled" can hold. */
    if ((KIND(a) == K_EXC || KIND(a) == K_PREV) && (KIND(b) == K_EXC || KIND(b) == K_PREV))
        return K_PREV;
    return K_ANY;
}

/* ---- per-code verification state ----------------------------------------
 * One scratch area serves every code object of a vm_verify_code call: a
 * module holds hundreds of small code objects and a malloc/free round per
 * array per code object cost more than the walk itself.  Nested code is
 * verified after its parent's walk is done, so the area is never shared. */

typedef struct Scratch {
    void *insn_area, *target_area; /* per instruction / per entry state */
    size_t insn_cap, target_cap;   /* bytes */
} Scratch;

/* A buffer of at least n bytes (contents undefined). */
static void *scratch_get(void **area, size_t *cap, size_t n)
{
    if (n > *cap) {
        size_t want = *cap ? *cap : 4096;
        while (want < n)
            want *= 2;
        free(*area);
        *cap = 0;
        if (!(*area = malloc(want)))
            return NULL;
        *cap = want;
    }
    return *area;
}

#define ALIGN8(x) (((x) + 7) & ~(size_t)7)

typedef struct Verifier {
    Scratch *scratch;
    const Code *c;
    uint32_t n, ss;
    int32_t *target;     /* per instruction: index into the entry states, or -1 */
    int32_t *handler;    /* per instruction: first covering exception entry, or -1 */
    uint32_t ntargets;
    int32_t *tdepth;     /* per entry state: depth, -1 not reached yet */
    uint32_t *tstate;    /* per entry state: ss slots */
    bool *queued;
    uint32_t *work;      /* worklist of entry states */
    uint32_t nwork;
    uint32_t *cur;       /* the walking state (ss + 1 slots) */
} Verifier;

/* Memory the abstract states may take before code is refused as too complex. */
#define VERIFY_MAX_STATE_SLOTS ((size_t)16 << 20)
#define VERIFY_MAX_FRAME ((uint32_t)1 << 20)

static const char *merge_into(Verifier *v, uint32_t insn, const uint32_t *st, int64_t depth)
{
    uint32_t t = (uint32_t)v->target[insn];
    uint32_t *dst = v->tstate + (size_t)t * v->ss;
    bool changed = false;
    if (v->tdepth[t] < 0) {
        v->tdepth[t] = (int32_t)depth;
        memcpy(dst, st, (size_t)depth * sizeof *st);
        changed = true;
    } else if (v->tdepth[t] != depth) {
        return "inconsistent stack depth at a jump target";
    } else {
        for (int64_t i = 0; i < depth; i++) {
            uint32_t m = k_meet(dst[i], st[i]);
            if (m != dst[i])
                dst[i] = m, changed = true;
        }
    }
    if (changed && !v->queued[t]) {
        v->queued[t] = true;
        v->work[v->nwork++] = t;
    }
    return NULL;
}

/* Slot kind of constant i as LOAD_CONST pushes it. */
static uint32_t const_kind(const Code *c, uint32_t i)
{
    Value k = v_tuple(c->consts)->items[i];
    if (v_is_str(k))
        return K_STR;
    if (v_is(k, &rt_code_type))
        return SLOT(K_CODE, i);
    if (v_is(k, &rt_tuple_type)) {
        Tuple *t = v_tuple(k);
        for (size_t j = 0; j < t->len; j++)
            if (!v_is_str(t->items[j]))
                return K_TUPLE;
        return t->len <= 0xffffff ? SLOT(K_STRTUPLE, t->len) : K_TUPLE;
    }
    return K_ANY;
}

/* Operand checks that depend on the opcode, not just its operand kind. */
static const char *check_operand(const Code *c, uint32_t n, uint32_t nconsts, uint32_t nnames,
                                 unsigned op, uint32_t arg)
{
    switch (op_kind[op]) {
    case OPK_NONE: if (arg != 0) return "nonzero operand for an opcode without one"; break;
    case OPK_CONST: if (arg >= nconsts) return "constant index out of range"; break;
    case OPK_NAME: if (arg >= nnames) return "name index out of range"; break;
    case OPK_LOCAL: if (arg >= c->nlocals) return "local index out of range"; break;
    case OPK_DEREF:
        if (arg >= c->ncells + c->nfrees || (op == V_MAKE_CELL && arg >= c->ncells))
            return "cell index out of range";
        break;
    case OPK_JUMP: if (arg >= n) return "jump target out of range"; break;
    default: break;
    }
    bool bad = false;
    switch (op) {
    case V_COPY: bad = arg < 1; break;
    case V_SWAP: bad = arg < 2; break;
    case V_BUILD_SLICE: bad = arg != 2 && arg != 3; break;
    case V_RAISE: bad = arg > 2; break;
    case V_LIST_APPEND: case V_SET_ADD: case V_LIST_EXTEND: case V_SET_UPDATE:
    case V_DICT_UPDATE: case V_DICT_MERGE: case V_MAP_ADD: bad = arg < 1; break;
    case V_BINARY_OP: bad = (arg & ~(uint32_t)BIN_INPLACE) >= BIN__COUNT; break;
    case V_UNARY_OP: bad = arg > UN_NOT; break;
    case V_COMPARE_OP: bad = arg > CMP_GE; break;
    case V_IS_OP: case V_CONTAINS_OP: bad = arg > 1; break;
    case V_FORMAT_VALUE: bad = arg > 7; break;
    case V_MAKE_FUNCTION: bad = arg > 15; break;
    case V_LOAD_NAME: case V_STORE_NAME: case V_DELETE_NAME: case V_LOAD_CLASSDEREF:
    case V_IMPORT_STAR: case V_SETUP_ANNOTATIONS:
        /* Only module and class bodies have a locals mapping. */
        if (!(c->flags & (CO_MODULE | CO_CLASS)))
            return "name-scope opcode outside a module or class body";
        break;
    case V_YIELD_VALUE: case V_SEND:
        if (!(c->flags & CO_GENLIKE))
            return "yield outside a generator";
        break;
    case V_ASYNC_GEN_WRAP:
        if (!(c->flags & CO_ASYNC_GENERATOR))
            return "async generator wrap outside an async generator";
        break;
    case V_GET_AWAITABLE: bad = arg > 2; break;
    default: break;
    }
    return bad ? "bad operand" : NULL;
}

/* Apply instruction (op, arg) to the abstract stack st of *depth values. */
static const char *step(Verifier *v, unsigned op, uint32_t arg, uint32_t *st, int64_t *depth)
{
    int64_t pops, pushes;
    op_effect(op, arg, &pops, &pushes);
    if (pops > *depth)
        return "stack underflow";
    if (*depth - pops + pushes > v->ss)
        return "stack depth exceeds stacksize";
    uint32_t *in = st + (*depth - pops);
    int64_t keep = 0; /* inputs left in place (kinds unchanged) */
    bool skip_null_check = false;
    switch (op) {
    case V_POP_TOP: skip_null_check = true; break;
    case V_COPY:
        in[arg] = in[0];
        keep = arg + 1;
        skip_null_check = true;
        break;
    case V_SWAP: {
        uint32_t t = in[0];
        in[0] = in[arg - 1], in[arg - 1] = t;
        keep = arg;
        skip_null_check = true;
        break;
    }
    case V_PUSH_NULL: in[0] = K_NULL; keep = 1; break;
    case V_LOAD_CONST: in[0] = const_kind(v->c, arg); keep = 1; break;
    case V_LOAD_CLOSURE: in[0] = K_CELL; keep = 1; break;
    case V_LOAD_METHOD:
        if (k_nullish(in[0]))
            return "null marker used as a value";
        in[0] = K_ANY, in[1] = K_MAYBE_NULL;
        keep = 2;
        break;
    case V_BUILD_TUPLE: {
        bool cells = arg > 0;
        for (uint32_t i = 0; i < arg; i++) {
            if (k_nullish(in[i]))
                return "null marker used as a value";
            cells = cells && KIND(in[i]) == K_CELL;
        }
        in[0] = cells ? SLOT(K_CELLTUPLE, arg) : K_TUPLE;
        keep = 1;
        break;
    }
    case V_BUILD_LIST: case V_BUILD_SET: case V_BUILD_MAP: case V_BUILD_STRING: {
        for (int64_t i = 0; i < pops; i++) {
            if (k_nullish(in[i]))
                return "null marker used as a value";
            if (op == V_BUILD_STRING && KIND(in[i]) != K_STR)
                return "BUILD_STRING of a value that is not a str";
        }
        in[0] = op == V_BUILD_LIST ? K_LIST : op == V_BUILD_SET ? K_SET
              : op == V_BUILD_MAP ? K_DICT : K_STR;
        keep = 1;
        break;
    }
    case V_LIST_APPEND: case V_LIST_EXTEND: case V_SET_ADD: case V_SET_UPDATE:
    case V_DICT_UPDATE: case V_MAP_ADD: {
        unsigned want = (op == V_LIST_APPEND || op == V_LIST_EXTEND) ? K_LIST
                      : (op == V_SET_ADD || op == V_SET_UPDATE) ? K_SET : K_DICT;
        if (KIND(in[0]) != want)
            return "container operation on a value of the wrong kind";
        for (int64_t i = pushes; i < pops; i++)
            if (k_nullish(in[i]))
                return "null marker used as a value";
        keep = pushes;
        skip_null_check = true;
        break;
    }
    case V_LIST_TO_TUPLE:
        if (KIND(in[0]) != K_LIST)
            return "LIST_TO_TUPLE of a value that is not a list";
        in[0] = K_TUPLE;
        keep = 1;
        break;
    case V_FORMAT_VALUE:
        if ((arg & 4) && KIND(in[1]) != K_STR)
            return "format spec is not a str";
        if (k_nullish(in[0]))
            return "null marker used as a value";
        in[0] = K_STR;
        keep = 1;
        break;
    case V_CALL: case V_CALL_KW:
        for (int64_t i = 0; i < pops; i++)
            if (i != 1 && k_nullish(in[i]))
                return "null marker used as a value";
        if (op == V_CALL_KW && (KIND(in[pops - 1]) != K_STRTUPLE || PAYLOAD(in[pops - 1]) > arg))
            return "CALL_KW without a matching kwnames tuple";
        skip_null_check = true;
        break;
    case V_DICT_MERGE:
        /* The eval loop names the callable 2 slots below the dict in errors. */
        if (*depth < (int64_t)arg + 3 || k_nullish(st[*depth - arg - 3]))
            return "DICT_MERGE without a callable below";
        if (KIND(in[0]) != K_DICT)
            return "container operation on a value of the wrong kind";
        if (k_nullish(in[pops - 1]))
            return "null marker used as a value";
        keep = pushes;
        skip_null_check = true;
        break;
    case V_CALL_EX:
        if (k_nullish(in[0]) || k_nullish(in[1]))
            return "null marker used as a value";
        skip_null_check = true;
        break;
    case V_MAKE_FUNCTION: {
        uint32_t top = in[pops - 1];
        if (KIND(top) != K_CODE)
            return "MAKE_FUNCTION of a value that is not a code object";
        const Code *fc = (const Code *)v_obj(v_tuple(v->c->consts)->items[PAYLOAD(top)]);
        int64_t i = 0;
        if ((arg & 1) && !k_tuplish(in[i++]))
            return "function defaults are not a tuple";
        if ((arg & 2) && KIND(in[i++]) != K_DICT)
            return "function keyword defaults are not a dict";
        if ((arg & 8) && !k_tuplish(in[i++]))
            return "function annotations are not a tuple";
        if (arg & 4) {
            uint32_t cl = in[i++];
            if (KIND(cl) != K_CELLTUPLE || PAYLOAD(cl) != fc->nfrees)
                return "closure does not match the code's free variables";
        } else if (fc->nfrees) {
            return "closure missing for a code with free variables";
        }
        skip_null_check = true;
        break;
    }
    case V_FOR_ITER: case V_SEND: case V_CHECK_EXC_MATCH:
        if (k_nullish(in[0]))
            return "null marker used as a value";
        keep = 1;
        if (op == V_CHECK_EXC_MATCH && KIND(in[0]) != K_EXC)
            return "CHECK_EXC_MATCH without an exception";
        break;
    case V_PUSH_EXC_INFO:
        if (KIND(in[0]) != K_EXC)
            return "PUSH_EXC_INFO without an exception";
        in[0] = K_PREV, in[1] = K_EXC;
        keep = 2;
        break;
    case V_POP_EXCEPT:
        if (KIND(in[0]) != K_PREV && KIND(in[0]) != K_EXC)
            return "POP_EXCEPT without a saved exception";
        break;
    case V_RERAISE:
        if (KIND(in[0]) != K_EXC)
            return "RERAISE without an exception";
        break;
    case V_END_ASYNC_FOR:
        if (KIND(in[1]) != K_EXC)
            return "END_ASYNC_FOR without an exception";
        break;
    case V_WITH_EXCEPT_START:
        if (k_nullish(in[0]) || (KIND(in[1]) != K_PREV && KIND(in[1]) != K_EXC) || KIND(in[2]) != K_EXC)
            return "WITH_EXCEPT_START without an exception";
        keep = 3;
        skip_null_check = true;
        break;
    default: break;
    }
    if (!skip_null_check)
        for (int64_t i = keep; i < pops; i++)
            if (k_nullish(in[i]))
                return "null marker used as a value";
    for (int64_t i = keep; i < pushes; i++)
        in[i] = K_ANY;
    *depth += pushes - pops;
    return NULL;
}

/* Walk from entry state t until the path ends or joins a recorded state. */
static const char *walk(Verifier *v, uint32_t t, uint32_t start)
{
    const Code *c = v->c;
    int64_t depth = v->tdepth[t];
    uint32_t *st = v->cur;
    memcpy(st, v->tstate + (size_t)t * v->ss, (size_t)depth * sizeof *st);
    for (uint32_t i = start;; i++) {
        if (i == v->n)
            return "execution falls off the end of the code";
        if (i != start && v->target[i] >= 0)
            return merge_into(v, i, st, depth);
        Insn w = c->insns[i];
        unsigned op = INSN_OP(w);
        uint32_t arg = INSN_ARG(w);
        int32_t h = v->handler[i];
        if (h >= 0) {
            /* The handler unwinds to its depth: the protected code must
             * have at least that much on the stack. */
            const ExcEntry *e = &c->exctable[h];
            if ((int64_t)e->depth > depth)
                return "exception handler depth above the protected stack";
            uint32_t saved = st[e->depth];
            st[e->depth] = K_EXC;
            const char *why = merge_into(v, e->handler, st, (int64_t)e->depth + 1);
            st[e->depth] = saved;
            if (why)
                return why;
        }
        if (op_kind[op] == OPK_JUMP) {
            int64_t jpops = op_jpops(op, arg), jpushes = op_jpushes(op, arg);
            if (jpops > depth)
                return "stack underflow";
            if (depth - jpops + jpushes > v->ss)
                return "stack depth exceeds stacksize";
            if (op == V_SEND && (k_nullish(st[depth - 1]) || k_nullish(st[depth - 2])))
                return "null marker used as a value";
            if (op != V_JUMP && k_nullish(st[depth - 1]))
                return "null marker used as a value";
            uint32_t saved = st[depth - jpops];
            if (!(jpops == 1 && jpushes == 1))
                for (int64_t k = depth - jpops; k < depth - jpops + jpushes; k++)
                    st[k] = K_ANY;
            const char *why = merge_into(v, arg, st, depth - jpops + jpushes);
            if (jpushes)
                st[depth - jpops] = saved;
            if (why)
                return why;
        }
        const char *why = step(v, op, arg, st, &depth);
        if (why)
            return why;
        if (op_is_terminal(op))
            return NULL;
    }
}

static const char *check_const(const Value k, int depth)
{
    if (depth > MARSHAL_MAX_DEPTH)
        return "constants nested too deeply";
    Type *t = v_type(k);
    if (k == rt_None || k == rt_True || k == rt_False || k == rt_Ellipsis || t == &rt_int_type ||
        t == &rt_float_type || t == &rt_complex_type || t == &rt_str_type || t == &rt_bytes_type || t == &rt_code_type)
        return NULL;
    if (t == &rt_tuple_type) {
        for (size_t i = 0; i < v_tuple(k)->len; i++) {
            const char *why = check_const(v_tuple(k)->items[i], depth + 1);
            if (why)
                return why;
        }
        return NULL;
    }
    if (t == &rt_frozenset_type) {
        Set *s = (Set *)v_obj(k);
        Value item;
        for (size_t pos = 0; rt_set_next(s, &pos, &item);) {
            const char *why = check_const(item, depth + 1);
            if (why)
                return why;
        }
        return NULL;
    }
    return "constant of a type code objects cannot hold";
}

static bool is_str_tuple(Value t)
{
    if (!v_is(t, &rt_tuple_type))
        return false;
    for (size_t i = 0; i < v_tuple(t)->len; i++)
        if (!v_is_str(v_tuple(t)->items[i]))
            return false;
    return true;
}

/* Structure checks that need no walk. */
static const char *check_shape(const Code *c)
{
    if (!v_is(c->consts, &rt_tuple_type))
        return "consts is not a tuple";
    if (!is_str_tuple(c->names) || !is_str_tuple(c->varnames) || !is_str_tuple(c->cellvars) ||
        !is_str_tuple(c->freevars))
        return "a name tuple holds something other than str";
    if (!v_is_str(c->name) || !v_is_str(c->qualname))
        return "code name is not a str";
    if (c->nlocals != v_tuple(c->varnames)->len || c->ncells != v_tuple(c->cellvars)->len ||
        c->nfrees != v_tuple(c->freevars)->len)
        return "variable counts disagree with the name tuples";
    if (c->flags & ~(uint32_t)(CO_VARARGS | CO_VARKEYWORDS | CO_GENERATOR | CO_NESTED | CO_MODULE |
                               CO_CLASS | CO_HAS_DOCSTRING | CO_COROUTINE | CO_ITERABLE_COROUTINE |
                               CO_ASYNC_GENERATOR))
        return "unknown code flags";
    if ((c->flags & CO_HAS_DOCSTRING) &&
        (v_tuple(c->consts)->len == 0 || !v_is_str(v_tuple(c->consts)->items[0])))
        return "docstring flag without a docstring";
    uint64_t params = (uint64_t)c->argcount + c->kwonlyargcount + !!(c->flags & CO_VARARGS) +
                      !!(c->flags & CO_VARKEYWORDS);
    if (params > c->nlocals || c->posonlyargcount > c->argcount)
        return "parameter counts exceed the locals";
    if ((uint64_t)c->nlocals + c->ncells + c->nfrees + c->stacksize > VERIFY_MAX_FRAME)
        return "frame too large";
    if (c->ninsns == 0 || !c->insns)
        return "no instructions";
    if (!c->lines)
        return "line table missing";
    /* Cell slots hold cells only once MAKE_CELL ran: the prologue makes
     * them all before anything can jump, raise into a handler or read them. */
    if (c->ncells > c->ninsns)
        return "cell prologue missing";
    for (uint32_t i = 0; i < c->ncells; i++)
        if (c->insns[i] != INSN(V_MAKE_CELL, i))
            return "cell prologue missing";
    if (c->nexc && !c->exctable)
        return "exception table missing";
    for (uint32_t i = 0; i < c->nexc; i++) {
        const ExcEntry *e = &c->exctable[i];
        if (e->start >= e->end || e->end > c->ninsns || e->handler >= c->ninsns)
            return "exception table entry out of range";
        if (e->depth >= c->stacksize)
            return "exception handler depth exceeds stacksize";
        if (e->start < c->ncells || e->handler < c->ncells)
            return "exception handler over the cell prologue";
    }
    return NULL;
}

static const char *verify_one(VM *vm, Scratch *sc, const Code *c, int depth);

static const char *verify_walk(Verifier *v)
{
    const Code *c = v->c;
    uint32_t n = c->ninsns;
    uint32_t nconsts = (uint32_t)v_tuple(c->consts)->len, nnames = (uint32_t)v_tuple(c->names)->len;
    for (uint32_t i = 0; i < n; i++)
        v->target[i] = -1, v->handler[i] = -1;
    v->target[0] = 0;
    v->ntargets = 1;
    for (uint32_t i = 0; i < n; i++) {
        unsigned op = INSN_OP(c->insns[i]);
        uint32_t arg = INSN_ARG(c->insns[i]);
        if (op >= V__COUNT)
            return "unknown opcode";
        const char *why = check_operand(c, n, nconsts, nnames, op, arg);
        if (why)
            return why;
        if (op_kind[op] == OPK_JUMP && arg < c->ncells)
            return "jump into the cell prologue";
        if (op_kind[op] == OPK_JUMP && v->target[arg] < 0)
            v->target[arg] = (int32_t)v->ntargets++;
    }
    /* First matching entry wins: paint from the last entry to the first.
     * The work is bounded so a hostile table cannot make this quadratic. */
    uint64_t painted = 0;
    for (uint32_t k = c->nexc; k-- > 0;) {
        const ExcEntry *e = &c->exctable[k];
        painted += e->end - e->start;
        if (painted > (uint64_t)64 * n + 100000)
            return "exception table too large";
        for (uint32_t i = e->start; i < e->end; i++)
            v->handler[i] = (int32_t)k;
        if (v->target[e->handler] < 0)
            v->target[e->handler] = (int32_t)v->ntargets++;
    }
    if ((size_t)v->ntargets * v->ss > VERIFY_MAX_STATE_SLOTS)
        return "code too complex to verify";
    size_t nt = v->ntargets;
    size_t o_tstate = ALIGN8(nt * sizeof *v->tdepth), o_work = o_tstate + ALIGN8((nt * v->ss + 1) * sizeof *v->tstate);
    size_t o_entry = o_work + ALIGN8(nt * sizeof *v->work), o_queued = o_entry + ALIGN8(nt * sizeof(uint32_t));
    char *area = scratch_get(&v->scratch->target_area, &v->scratch->target_cap, o_queued + nt * sizeof *v->queued);
    if (!area)
        return "out of memory while verifying";
    v->tdepth = (int32_t *)area;
    v->tstate = (uint32_t *)(area + o_tstate);
    v->work = (uint32_t *)(area + o_work);
    uint32_t *entry_insn = (uint32_t *)(area + o_entry);
    v->queued = (bool *)(area + o_queued);
    memset(v->queued, 0, nt * sizeof *v->queued);
    for (uint32_t i = 0; i < n; i++)
        if (v->target[i] >= 0)
            entry_insn[v->target[i]] = i;
    for (size_t t = 0; t < nt; t++)
        v->tdepth[t] = -1;
    v->tdepth[0] = 0;
    v->queued[0] = true;
    v->work[v->nwork++] = 0;
    const char *why = NULL;
    while (!why && v->nwork) {
        uint32_t t = v->work[--v->nwork];
        v->queued[t] = false;
        why = walk(v, t, entry_insn[t]);
    }
    return why;
}

static const char *verify_one(VM *vm, Scratch *sc, const Code *c, int depth)
{
    if (depth > MARSHAL_MAX_DEPTH)
        return "code objects nested too deeply";
    const char *why = check_shape(c);
    if (why)
        return why;
    Tuple *consts = v_tuple(c->consts);
    for (size_t i = 0; i < consts->len; i++) {
        if ((why = check_const(consts->items[i], 0)))
            return why;
    }
    Verifier v = {.scratch = sc, .c = c, .n = c->ninsns, .ss = c->stacksize};
    size_t n = c->ninsns, o_handler = ALIGN8(n * sizeof *v.target), o_cur = o_handler + ALIGN8(n * sizeof *v.handler);
    char *area = scratch_get(&sc->insn_area, &sc->insn_cap, o_cur + ((size_t)c->stacksize + 1) * sizeof *v.cur);
    if (!area)
        return "out of memory while verifying";
    v.target = (int32_t *)area;
    v.handler = (int32_t *)(area + o_handler);
    v.cur = (uint32_t *)(area + o_cur);
    why = verify_walk(&v);
    if (why)
        return why;
    /* Nested code objects (functions, classes, comprehensions). */
    for (size_t i = 0; i < consts->len; i++) {
        if (v_is(consts->items[i], &rt_code_type) &&
            (why = verify_one(vm, sc, (const Code *)v_obj(consts->items[i]), depth + 1)))
            return why;
    }
    return NULL;
}

const char *vm_verify_code(VM *vm, const Code *code)
{
    /* The root runs as a module body (vm_run_code): no generator frame, no
     * closure to fill free variables, no arguments. */
    if (!(code->flags & CO_MODULE) || (code->flags & CO_GENLIKE) || code->nfrees || code->argcount ||
        code->kwonlyargcount || (code->flags & (CO_VARARGS | CO_VARKEYWORDS)))
        return "not a module code object";
    Scratch sc = {0};
    const char *why = verify_one(vm, &sc, code, 0);
    free(sc.insn_area);
    free(sc.target_area);
    return why;
}
