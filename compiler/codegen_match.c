/* compiler/codegen_match.c — the match statement, compiled the way
 * CPython 3.11's compiler does it: each pattern consumes the subject on
 * top of the stack; captured values stay on the stack (below whatever the
 * pattern still works on) until the whole case pattern has matched, and
 * are only then stored, so a failed case binds nothing.  A failing test
 * jumps to fail_pop[n], a chain of labels that pop the n items above the
 * subject copy.  Compile-time errors carry CPython's messages and its
 * location: the pattern compiled last (pc->line/col). */
#include <string.h>
#include "compiler/cg.h"
#include "runtime/state.h"

typedef struct PatCtx {
    Value *stores;          /* names captured so far, in stack order */
    int nstores, capstores;
    bool allow_irrefutable;
    int *fail_pop;          /* labels: fail_pop[n] pops n items then fails */
    int fail_pop_size, cap_fail_pop;
    int on_top;             /* items above the captures that a failure must pop */
    int line, col;          /* the pattern being compiled, for errors */
} PatCtx;

static void compile_pattern(Compiler *c, const Pattern *p, PatCtx *pc);

static bool is_wildcard(const Pattern *p)
{
    return p->kind == P_AS && !p->u.as.pattern && !p->name;
}

static bool is_star_wildcard(const Pattern *p)
{
    return p->kind == P_STAR && !p->name;
}

_Noreturn static void pat_error(Compiler *c, PatCtx *pc, const char *fmt, const char *arg)
{
    cg_error(c, pc->line, pc->col, fmt, arg);
}

static void ensure_fail_pop(Compiler *c, PatCtx *pc, int n)
{
    int size = n + 1;
    if (size <= pc->fail_pop_size)
        return;
    pc->fail_pop = cg_grow(c, pc->fail_pop, &pc->cap_fail_pop, size, sizeof(int));
    while (pc->fail_pop_size < size)
        pc->fail_pop[pc->fail_pop_size++] = cg_new_label(c);
}

/* Jump with op to the label popping everything this pattern has pushed. */
static void jump_to_fail_pop(Compiler *c, PatCtx *pc, int op)
{
    int pops = pc->on_top + pc->nstores;
    ensure_fail_pop(c, pc, pops);
    cg_emit(c, op, pc->fail_pop[pops]);
}

static void emit_and_reset_fail_pop(Compiler *c, PatCtx *pc)
{
    if (!pc->fail_pop_size)
        return;
    while (--pc->fail_pop_size) {
        cg_place(c, pc->fail_pop[pc->fail_pop_size]);
        cg_emit(c, CGOP_POP_TOP, 0);
    }
    cg_place(c, pc->fail_pop[0]);
    pc->fail_pop = NULL;
    pc->cap_fail_pop = 0;
}

/* The effect of 3.10's ROT_N with SWAPs: the top goes count-1 down. */
static void rotate(Compiler *c, int count)
{
    while (1 < count)
        cg_emit(c, CGOP_SWAP, count--);
}

static bool has_store(const PatCtx *pc, Value name)
{
    return cg_value_index(pc->stores, pc->nstores, name) >= 0;
}

static void add_store(Compiler *c, PatCtx *pc, Value name)
{
    if (has_store(pc, name))
        pat_error(c, pc, "multiple assignments to name '%s' in pattern", v_cstr(name));
    pc->stores = cg_grow(c, pc->stores, &pc->capstores, pc->nstores + 1, sizeof(Value));
    pc->stores[pc->nstores++] = name;
}

/* Keep the value on top for a capture: rotate it under the items above. */
static void store_name(Compiler *c, PatCtx *pc, const char *name)
{
    if (!name) {
        cg_emit(c, CGOP_POP_TOP, 0);
        return;
    }
    if (strcmp(name, "__debug__") == 0)
        pat_error(c, pc, "%s", "cannot assign to __debug__");
    Value v = cg_intern(c, name);
    if (has_store(pc, v))
        pat_error(c, pc, "multiple assignments to name '%s' in pattern", name);
    rotate(c, pc->on_top + pc->nstores + 1);
    add_store(c, pc, v);
}

static void subpattern(Compiler *c, const Pattern *p, PatCtx *pc)
{
    bool saved = pc->allow_irrefutable;
    pc->allow_irrefutable = true;
    compile_pattern(c, p, pc);
    pc->allow_irrefutable = saved;
}

static void load_int(Compiler *c, int64_t n)
{
    cg_load_const(c, v_from_small(n));
}

/* ---- the pattern kinds ----------------------------------------------------------- */

static void pattern_as(Compiler *c, const Pattern *p, PatCtx *pc)
{
    if (!p->u.as.pattern) {
        if (!pc->allow_irrefutable) {
            if (p->name)
                pat_error(c, pc, "name capture '%s' makes remaining patterns unreachable", p->name);
            pat_error(c, pc, "%s", "wildcard makes remaining patterns unreachable");
        }
        store_name(c, pc, p->name);
        return;
    }
    pc->on_top++;
    cg_emit(c, CGOP_COPY, 1);
    compile_pattern(c, p->u.as.pattern, pc);
    pc->on_top--;
    store_name(c, pc, p->name);
}

static void unpack_helper(Compiler *c, PatCtx *pc, const AstList *elts)
{
    int n = elts->n;
    for (int i = 0; i < n; i++) {
        if (((const Pattern *)elts->items[i])->kind == P_STAR) {
            if (i >= (1 << 8) || n - i - 1 >= (1 << 16))
                pat_error(c, pc, "%s", "too many expressions in star-unpacking sequence pattern");
            cg_emit(c, CGOP_UNPACK_EX, i | ((n - i - 1) << 8));
            return;
        }
    }
    cg_emit(c, CGOP_UNPACK_SEQUENCE, n);
}

static void sequence_unpack(Compiler *c, const AstList *pats, PatCtx *pc)
{
    unpack_helper(c, pc, pats);
    int size = pats->n;
    pc->on_top += size;
    for (int i = 0; i < size; i++) {
        pc->on_top--;
        subpattern(c, pats->items[i], pc);
    }
}

/* [first, *_, last]-style patterns index the subject instead of unpacking it. */
static void sequence_subscr(Compiler *c, const AstList *pats, int star, PatCtx *pc)
{
    pc->on_top++;
    int size = pats->n;
    for (int i = 0; i < size; i++) {
        const Pattern *sub = pats->items[i];
        if (is_wildcard(sub) || i == star)
            continue;
        cg_emit(c, CGOP_COPY, 1);
        if (i < star) {
            load_int(c, i);
        } else {
            /* The subject may not support negative indexes. */
            cg_emit(c, CGOP_GET_LEN, 0);
            load_int(c, size - i);
            cg_emit(c, CGOP_BINARY_OP, BIN_SUB);
        }
        cg_emit(c, CGOP_BINARY_SUBSCR, 0);
        subpattern(c, sub, pc);
    }
    pc->on_top--;
    cg_emit(c, CGOP_POP_TOP, 0);
}

static void pattern_sequence(Compiler *c, const Pattern *p, PatCtx *pc)
{
    const AstList *pats = &p->u.list.patterns;
    int size = pats->n, star = -1;
    bool only_wildcard = true, star_wildcard = false;
    for (int i = 0; i < size; i++) {
        const Pattern *sub = pats->items[i];
        if (sub->kind == P_STAR) {
            if (star >= 0)
                pat_error(c, pc, "%s", "multiple starred names in sequence pattern");
            star_wildcard = is_star_wildcard(sub);
            only_wildcard = only_wildcard && star_wildcard;
            star = i;
            continue;
        }
        only_wildcard = only_wildcard && is_wildcard(sub);
    }
    pc->on_top++;
    cg_emit(c, CGOP_MATCH_SEQUENCE, 0);
    jump_to_fail_pop(c, pc, CGOP_POP_JUMP_IF_FALSE);
    if (star < 0) {
        cg_emit(c, CGOP_GET_LEN, 0);
        load_int(c, size);
        cg_emit(c, CGOP_COMPARE_OP, CMP_EQ);
        jump_to_fail_pop(c, pc, CGOP_POP_JUMP_IF_FALSE);
    } else if (size > 1) {
        cg_emit(c, CGOP_GET_LEN, 0);
        load_int(c, size - 1);
        cg_emit(c, CGOP_COMPARE_OP, CMP_GE);
        jump_to_fail_pop(c, pc, CGOP_POP_JUMP_IF_FALSE);
    }
    pc->on_top--;
    if (only_wildcard)
        cg_emit(c, CGOP_POP_TOP, 0);
    else if (star_wildcard)
        sequence_subscr(c, pats, star, pc);
    else
        sequence_unpack(c, pats, pc);
}

static void pattern_value(Compiler *c, const Pattern *p, PatCtx *pc)
{
    if (p->u.value.value->kind == E_JOINEDSTR)  /* only in trees built as ast objects */
        cg_error(c, p->lineno, p->col, "patterns may only match literals and attribute lookups");
    cg_expr(c, p->u.value.value);
    cg_emit(c, CGOP_COMPARE_OP, CMP_EQ);
    jump_to_fail_pop(c, pc, CGOP_POP_JUMP_IF_FALSE);
}

static void pattern_singleton(Compiler *c, const Pattern *p, PatCtx *pc)
{
    Value v = p->u.singleton == CONST_NONE ? rt_None : rt_bool(p->u.singleton == CONST_TRUE);
    cg_load_const(c, v);
    cg_emit(c, CGOP_IS_OP, 0);
    jump_to_fail_pop(c, pc, CGOP_POP_JUMP_IF_FALSE);
}

static void validate_kwd_attrs(Compiler *c, const Pattern *p, PatCtx *pc)
{
    const AstList *attrs = &p->u.cls.kwd_attrs;
    for (int i = 0; i < attrs->n; i++) {
        const char *attr = attrs->items[i];
        const Pattern *sub = p->u.cls.kwd_patterns.items[i];
        pc->line = sub->lineno;
        pc->col = sub->col;
        if (strcmp(attr, "__debug__") == 0)
            pat_error(c, pc, "%s", "cannot assign to __debug__");
        for (int j = i + 1; j < attrs->n; j++) {
            if (strcmp(attr, attrs->items[j]) == 0) {
                const Pattern *other = p->u.cls.kwd_patterns.items[j];
                pc->line = other->lineno;
                pc->col = other->col;
                pat_error(c, pc, "attribute name repeated in class pattern: %s", attr);
            }
        }
    }
    pc->line = p->lineno;
    pc->col = p->col;
}

static void pattern_class(Compiler *c, const Pattern *p, PatCtx *pc)
{
    const AstList *pats = &p->u.cls.patterns, *attrs = &p->u.cls.kwd_attrs;
    int nargs = pats->n, nattrs = attrs->n;
    if (nattrs)
        validate_kwd_attrs(c, p, pc);
    cg_expr(c, p->u.cls.cls);
    Value names = rt_tuple_new(c->vm, (size_t)nattrs);
    if (!names)
        cg_nomem(c);
    for (int i = 0; i < nattrs; i++)
        v_tuple(names)->items[i] = cg_intern(c, attrs->items[i]);
    cg_load_const(c, names);
    c->u->loc = cg_line_loc(p->lineno);
    cg_emit(c, CGOP_MATCH_CLASS, nargs);
    cg_emit(c, CGOP_COPY, 1);
    cg_load_const(c, rt_None);
    cg_emit(c, CGOP_IS_OP, 1);
    /* The attributes tuple (or None) is on top. */
    pc->on_top++;
    jump_to_fail_pop(c, pc, CGOP_POP_JUMP_IF_FALSE);
    cg_emit(c, CGOP_UNPACK_SEQUENCE, nargs + nattrs);
    pc->on_top += nargs + nattrs - 1;
    for (int i = 0; i < nargs + nattrs; i++) {
        pc->on_top--;
        const Pattern *sub = i < nargs ? pats->items[i] : p->u.cls.kwd_patterns.items[i - nargs];
        if (is_wildcard(sub)) {
            cg_emit(c, CGOP_POP_TOP, 0);
            continue;
        }
        subpattern(c, sub, pc);
    }
}

/* A compile-time constant key (for the duplicate check), or VNULL. */
static Value key_constant(Compiler *c, const Expr *k)
{
    if (k->kind == E_CONSTANT)
        return cg_const_value(c, &k->u.constant);
    return VNULL;
}

static void mapping_keys(Compiler *c, const Pattern *p, PatCtx *pc)
{
    const AstList *keys = &p->u.mapping.keys;
    Dict *seen = rt_dict_alloc(c->vm);
    if (!seen)
        cg_nomem(c);
    for (int i = 0; i < keys->n; i++) {
        const Expr *k = keys->items[i];
        Value kv = key_constant(c, k);
        if (kv) {
            bool err = false;
            Value prev = rt_dict_get(c->vm, seen, kv, &err);
            if (err)
                cg_nomem(c);
            if (prev) {
                Value r = rt_repr(c->vm, kv);
                if (!r)
                    cg_nomem(c);
                pat_error(c, pc, "mapping pattern checks duplicate key (%s)", v_cstr(r));
            }
            if (!rt_dict_set(c->vm, seen, kv, rt_True))
                cg_nomem(c);
        } else if (k->kind != E_ATTRIBUTE && k->kind != E_UNARYOP && k->kind != E_BINOP) {
            pat_error(c, pc, "%s", "mapping pattern keys may only match literals and attribute lookups");
        }
        cg_expr(c, k);
    }
}

static void pattern_mapping(Compiler *c, const Pattern *p, PatCtx *pc)
{
    const AstList *pats = &p->u.mapping.patterns;
    int size = p->u.mapping.keys.n;
    const char *rest = p->u.mapping.rest;
    pc->on_top++;
    cg_emit(c, CGOP_MATCH_MAPPING, 0);
    jump_to_fail_pop(c, pc, CGOP_POP_JUMP_IF_FALSE);
    if (!size && !rest) {
        pc->on_top--;
        cg_emit(c, CGOP_POP_TOP, 0);
        return;
    }
    if (size) {
        cg_emit(c, CGOP_GET_LEN, 0);
        load_int(c, size);
        cg_emit(c, CGOP_COMPARE_OP, CMP_GE);
        jump_to_fail_pop(c, pc, CGOP_POP_JUMP_IF_FALSE);
    }
    mapping_keys(c, p, pc);
    cg_emit(c, CGOP_BUILD_TUPLE, size);
    cg_emit(c, CGOP_MATCH_KEYS, 0);
    /* [subject, keys, values-or-None] */
    pc->on_top += 2;
    cg_emit(c, CGOP_COPY, 1);
    cg_load_const(c, rt_None);
    cg_emit(c, CGOP_IS_OP, 1);
    jump_to_fail_pop(c, pc, CGOP_POP_JUMP_IF_FALSE);
    cg_emit(c, CGOP_UNPACK_SEQUENCE, size);
    pc->on_top += size - 1;
    for (int i = 0; i < size; i++) {
        pc->on_top--;
        subpattern(c, pats->items[i], pc);
    }
    pc->on_top -= 2;
    if (rest) {
        /* rest = dict(subject), then del rest[key] for each key. */
        cg_emit(c, CGOP_BUILD_MAP, 0);          /* [subject, keys, {}] */
        cg_emit(c, CGOP_SWAP, 3);               /* [{}, keys, subject] */
        cg_emit(c, CGOP_DICT_UPDATE, 2);        /* [copy, keys] */
        cg_emit(c, CGOP_UNPACK_SEQUENCE, size); /* [copy, keys...] */
        for (int n = size; n; n--) {
            cg_emit(c, CGOP_COPY, 1 + n);       /* [copy, keys..., copy] */
            cg_emit(c, CGOP_SWAP, 2);           /* [copy, keys..., copy, key] */
            cg_emit(c, CGOP_DELETE_SUBSCR, 0);  /* [copy, keys...] */
        }
        store_name(c, pc, rest);
    } else {
        cg_emit(c, CGOP_POP_TOP, 0);
        cg_emit(c, CGOP_POP_TOP, 0);
    }
}

/* Reorder the captures of an alternative (top nstores items) to the
 * order of the first alternative's, as CPython does. */
static void align_stores(Compiler *c, PatCtx *pc, const Value *control, int ncontrol)
{
    for (int icontrol = ncontrol - 1; icontrol >= 0; icontrol--) {
        Value name = control[icontrol];
        int istores = cg_value_index(pc->stores, pc->nstores, name);
        if (istores < 0)
            pat_error(c, pc, "%s", "alternative patterns bind different names");
        if (icontrol == istores)
            continue;
        int rotations = istores + 1;
        /* stores[:rotations] move to just before index icontrol-istores. */
        Value *tmp = cg_alloc(c, (size_t)rotations * sizeof(Value));
        memcpy(tmp, pc->stores, (size_t)rotations * sizeof(Value));
        memmove(pc->stores, pc->stores + rotations, (size_t)(pc->nstores - rotations) * sizeof(Value));
        int at = icontrol - istores;
        memmove(pc->stores + at + rotations, pc->stores + at,
                (size_t)(pc->nstores - rotations - at) * sizeof(Value));
        memcpy(pc->stores + at, tmp, (size_t)rotations * sizeof(Value));
        while (rotations--)
            rotate(c, icontrol + 1);
    }
}

static void pattern_or(Compiler *c, const Pattern *p, PatCtx *pc)
{
    const AstList *alts = &p->u.list.patterns;
    int end = cg_new_label(c);
    PatCtx old = *pc;
    Value *control = NULL;
    int ncontrol = 0;
    for (int i = 0; i < alts->n; i++) {
        const Pattern *alt = alts->items[i];
        pc->stores = NULL;
        pc->nstores = pc->capstores = 0;
        pc->allow_irrefutable = i == alts->n - 1 && old.allow_irrefutable;
        pc->fail_pop = NULL;
        pc->fail_pop_size = pc->cap_fail_pop = 0;
        pc->on_top = 0;
        cg_emit(c, CGOP_COPY, 1);
        compile_pattern(c, alt, pc);
        if (i == 0) {
            control = pc->stores;
            ncontrol = pc->nstores;
        } else if (pc->nstores != ncontrol) {
            pat_error(c, pc, "%s", "alternative patterns bind different names");
        } else if (ncontrol) {
            align_stores(c, pc, control, ncontrol);
        }
        cg_emit(c, CGOP_JUMP, end);
        emit_and_reset_fail_pop(c, pc);
    }
    *pc = old;
    /* No alternative matched: pop the subject copy and fail. */
    cg_emit(c, CGOP_POP_TOP, 0);
    jump_to_fail_pop(c, pc, CGOP_JUMP);
    cg_place(c, end);
    /* Rotate each new capture under the other stores, the subject copy and
     * whatever else sits on top. */
    int nrots = ncontrol + 1 + pc->on_top + pc->nstores;
    for (int i = 0; i < ncontrol; i++) {
        rotate(c, nrots);
        add_store(c, pc, control[i]);
    }
    cg_emit(c, CGOP_POP_TOP, 0);
}

static void compile_pattern(Compiler *c, const Pattern *p, PatCtx *pc)
{
    pc->line = p->lineno;
    pc->col = p->col;
    c->u->loc = cg_line_loc(p->lineno);
    switch (p->kind) {
    case P_VALUE: pattern_value(c, p, pc); break;
    case P_SINGLETON: pattern_singleton(c, p, pc); break;
    case P_SEQUENCE: pattern_sequence(c, p, pc); break;
    case P_MAPPING: pattern_mapping(c, p, pc); break;
    case P_CLASS: pattern_class(c, p, pc); break;
    case P_STAR: store_name(c, pc, p->name); break;
    case P_AS: pattern_as(c, p, pc); break;
    case P_OR: pattern_or(c, p, pc); break;
    }
}

/* ---- the statement --------------------------------------------------------------- */

void cg_match(Compiler *c, const Stmt *s)
{
    Unit *u = c->u;
    cg_expr(c, s->u.match.subject);
    int end = cg_new_label(c);
    const AstList *cases = &s->u.match.cases;
    int n = cases->n;
    const MatchCase *last = cases->items[n - 1];
    /* A trailing `case _:` needs no pattern code. */
    int has_default = is_wildcard(last->pattern) && n > 1;
    PatCtx pc;
    for (int i = 0; i < n - has_default; i++) {
        const MatchCase *m = cases->items[i];
        u->loc = cg_line_loc(m->pattern->lineno);
        bool keep_subject = i != n - has_default - 1;
        if (keep_subject)
            cg_emit(c, CGOP_COPY, 1);
        memset(&pc, 0, sizeof pc);
        /* Irrefutable cases must be guarded, last, or both. */
        pc.allow_irrefutable = m->guard != NULL || i == n - 1;
        compile_pattern(c, m->pattern, &pc);
        for (int k = 0; k < pc.nstores; k++)
            cg_nameop(c, pc.stores[k], CTX_STORE, m->pattern->lineno, m->pattern->col);
        pc.nstores = 0;
        if (m->guard) {
            ensure_fail_pop(c, &pc, 0);
            cg_jump_if(c, m->guard, pc.fail_pop[0], false);
        }
        if (keep_subject)
            cg_emit(c, CGOP_POP_TOP, 0);
        cg_body(c, &m->body);
        cg_emit(c, CGOP_JUMP, end);
        u->loc = cg_line_loc(m->pattern->lineno);
        emit_and_reset_fail_pop(c, &pc);
    }
    if (has_default) {
        u->loc = cg_line_loc(last->pattern->lineno);
        if (n == 1)
            cg_emit(c, CGOP_POP_TOP, 0);
        else
            cg_emit(c, CGOP_NOP, 0);
        if (last->guard)
            cg_jump_if(c, last->guard, end, false);
        cg_body(c, &last->body);
    }
    cg_place(c, end);
}
