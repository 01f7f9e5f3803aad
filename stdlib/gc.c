/* stdlib/gc.c — the gc module, over minipy's tracing collector
 * (runtime/gc.h).  CPython's names and signatures; where CPython's
 * generational reference-count cycle collector has no counterpart here, the
 * closest honest answer:
 *   - collect() runs a full collection, then the finalizers it queued, and
 *     returns the number of objects freed (CPython: unreachable found);
 *   - every collection is a full one: get_stats() reports them under the
 *     oldest generation; get_count()[0] counts objects allocated since;
 *   - thresholds are kept and returned; a first threshold of 0 turns
 *     automatic collection off, as in CPython (minipy's own trigger is the
 *     heap growth policy of runtime/gc.h, not object counts);
 *   - `garbage` stays empty: cycles with __del__ are collected (PEP 442). */
#include <stdlib.h>
#include <string.h>

#include "runtime/callable.h"
#include "runtime/complex.h"
#include "runtime/state.h"
#include "stdlib/native.h"

#define DEBUG_STATS 1
#define DEBUG_COLLECTABLE 2
#define DEBUG_UNCOLLECTABLE 4
#define DEBUG_SAVEALL 32
#define DEBUG_LEAK (DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL)

static Value gc_module_dict_get(VM *vm, const char *name)
{
    Value m = rt_dict_get_cstr(vm, vm->modules, "gc");
    if (!m || !v_is(m, &rt_module_type))
        return VNULL;
    return rt_dict_get_cstr(vm, ((Module *)v_obj(m))->dict, name);
}

/* Calls every gc.callbacks entry with (phase, info), as CPython does. */
static bool run_callbacks(VM *vm, const char *phase, size_t collected)
{
    Value cbs = gc_module_dict_get(vm, "callbacks");
    if (!cbs || !v_is(cbs, &rt_list_type) || v_list(cbs)->len == 0)
        return true;
    Dict *info = rt_dict_alloc(vm);
    Value ph = rt_str_from_cstr(vm, phase);
    if (!info || !ph || !rt_dict_set_cstr(vm, info, "generation", v_from_small(2))
        || !rt_dict_set_cstr(vm, info, "collected", v_from_small((int64_t)collected))
        || !rt_dict_set_cstr(vm, info, "uncollectable", v_from_small(0)))
        return false;
    /* A copy: a callback may change the list. */
    Value list = rt_list_from(vm, v_list(cbs)->len, v_list(cbs)->items);
    if (!list)
        return false;
    for (size_t i = 0; i < v_list(list)->len; i++)
        if (!rt_call2(vm, v_list(list)->items[i], ph, v_from(info)))
            rt_write_unraisable(vm, v_list(list)->items[i]);
    return true;
}

static Value gc_collect(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"generation", NULL};
    Value gen = VNULL;
    if (!rt_parse_args(vm, "collect", argc, argv, kwnames, names, 0, 0, &gen))
        return VNULL;
    if (gen) {
        int64_t g;
        if (!rt_as_i64(vm, gen, &g))
            return VNULL;
        if (g < 0 || g > 2)
            return rt_raise(vm, &rt_exc_ValueError, "invalid generation");
    }
    if (!run_callbacks(vm, "start", 0))
        return VNULL;
    size_t freed = rt_gc_collect(vm);
    rt_gc_run_finalizers(vm);
    if (!run_callbacks(vm, "stop", freed))
        return VNULL;
    return rt_int_from_i64(vm, (int64_t)freed);
}

static Value gc_enable(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "enable", argc, 0, 0))
        return VNULL;
    vm->gc.enabled = true;
    vm->gc.automatic = vm->gc.threshold[0] != 0;
    return rt_None;
}

static Value gc_disable(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "disable", argc, 0, 0))
        return VNULL;
    vm->gc.enabled = vm->gc.automatic = false;
    return rt_None;
}

static Value gc_isenabled(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "isenabled", argc, 0, 0))
        return VNULL;
    return rt_bool(vm->gc.enabled);
}

static Value gc_get_count(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "get_count", argc, 0, 0))
        return VNULL;
    return rt_tuple_pack(vm, 3, rt_int_from_i64(vm, (int64_t)vm->gc.allocations), v_from_small(0),
                         v_from_small(0));
}

static Value gc_get_threshold(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "get_threshold", argc, 0, 0))
        return VNULL;
    return rt_tuple_pack(vm, 3, v_from_small(vm->gc.threshold[0]), v_from_small(vm->gc.threshold[1]),
                         v_from_small(vm->gc.threshold[2]));
}

static Value gc_set_threshold(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (kwnames && v_tuple(kwnames)->len)
        return rt_raise(vm, &rt_exc_TypeError, "set_threshold() takes no keyword arguments");
    if (argc < 1)
        return rt_raise(vm, &rt_exc_TypeError, "set_threshold() takes at least 1 argument (0 given)");
    if (argc > 3)
        return rt_raise(vm, &rt_exc_TypeError, "set_threshold() takes at most 3 arguments (%d given)",
                        argc);
    int th[3] = {vm->gc.threshold[0], vm->gc.threshold[1], vm->gc.threshold[2]};
    for (int i = 0; i < argc; i++) {
        int64_t t;
        if (!rt_is_int(argv[i]))
            return rt_raise(vm, &rt_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                            rt_type_name(argv[i]));
        if (!rt_as_i64(vm, argv[i], &t) || t > INT32_MAX || t < INT32_MIN)
            return rt_raise(vm, &rt_exc_OverflowError, "signed integer is greater than maximum");
        th[i] = (int)t;
    }
    memcpy(vm->gc.threshold, th, sizeof th);
    vm->gc.automatic = vm->gc.enabled && th[0] != 0;
    return rt_None;
}

static Value gc_get_stats(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "get_stats", argc, 0, 0))
        return VNULL;
    const GcStats *s = rt_gc_stats(vm);
    Value list = rt_list_new(vm, 0);
    if (!list)
        return VNULL;
    for (int g = 0; g < 3; g++) {
        Dict *d = rt_dict_alloc(vm);
        if (!d)
            return VNULL;
        size_t colls = g == 2 ? s->collections : 0, coll = g == 2 ? s->collected : 0;
        if (!rt_dict_set_cstr(vm, d, "collections", rt_int_from_i64(vm, (int64_t)colls))
            || !rt_dict_set_cstr(vm, d, "collected", rt_int_from_i64(vm, (int64_t)coll))
            || !rt_dict_set_cstr(vm, d, "uncollectable", v_from_small(0))
            || !rt_list_append(vm, list, v_from(d)))
            return VNULL;
    }
    return list;
}

/* CPython tracks containers only: atoms and containers of atoms are not. */
static bool is_atomic(Value v)
{
    if (!v_is_obj(v))
        return true;
    Type *t = v_type(v);
    return t == &rt_str_type || t == &rt_bytes_type || t == &rt_float_type || t == &rt_int_type
           || t == &rt_bool_type || t == &rt_none_type || t == &rt_complex_type;
}

static Value gc_is_tracked(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "is_tracked", argc, 1, 1))
        return VNULL;
    Value v = argv[0];
    if (is_atomic(v) || !v_type(v)->trace)
        return rt_False;
    if (v_is(v, &rt_dict_type)) {
        Value k, val;
        for (size_t pos = 0; rt_dict_next(v_dict(v), &pos, &k, &val);)
            if (!is_atomic(k) || !is_atomic(val))
                return rt_True;
        return rt_False;
    }
    if (v_is(v, &rt_tuple_type) && v_tuple(v)->len == 0)
        return rt_False;
    return rt_True;
}

static Value gc_is_finalized(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "is_finalized", argc, 1, 1))
        return VNULL;
    return rt_False;
}

static Value gc_freeze(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "freeze", argc, 0, 0))
        return VNULL;
    rt_gc_freeze(vm, true);
    return rt_None;
}

static Value gc_unfreeze(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "unfreeze", argc, 0, 0))
        return VNULL;
    rt_gc_freeze(vm, false);
    return rt_None;
}

static Value gc_get_freeze_count(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "get_freeze_count", argc, 0, 0))
        return VNULL;
    return rt_int_from_i64(vm, (int64_t)vm->gc.nfrozen);
}

/* ---- heap walks ------------------------------------------------------------- */

/* A growing array of objects, rooted (conservatively) while it is filled
 * and turned into a list. */
typedef struct {
    Value *items;
    size_t n, cap;
    const Value *targets;  /* get_referrers: the objects looked for */
    int ntargets;
    Obj **scratch;         /* get_referrers: one object's referents */
    size_t scratch_cap;
} Found;

static void found_add(Found *f, Value v)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64;
        Value *p = realloc(f->items, cap * sizeof *p);
        if (!p)
            abort();
        f->items = p;
        f->cap = cap;
    }
    f->items[f->n++] = v;
}

static Value found_to_list(VM *vm, Found *f)
{
    GcRoot root;
    rt_gc_push_values(vm, &root, &f->items, &f->n);
    Value list = rt_list_new(vm, 0);
    for (size_t i = 0; list && i < f->n; i++)
        if (!rt_list_append(vm, list, f->items[i]))
            list = VNULL;
    rt_gc_pop_root(vm, &root);
    free(f->items);
    free(f->scratch);
    return list;
}

static bool is_container(VM *vm, Obj *o)
{
    Type *t = o->type;
    return t && t->trace && !is_atomic(v_from(o)) && t != &rt_code_type;
}

static bool add_object(VM *vm, Obj *o, void *ctx)
{
    if (is_container(vm, o))
        found_add(ctx, v_from(o));
    return true;
}

static Value gc_get_objects(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"generation", NULL};
    Value gen = VNULL;
    if (!rt_parse_args(vm, "get_objects", argc, argv, kwnames, names, 0, 0, &gen))
        return VNULL;
    if (gen && gen != rt_None) {
        int64_t g;
        if (!rt_as_i64(vm, gen, &g))
            return VNULL;
        if (g < 0)
            return rt_raise(vm, &rt_exc_ValueError, "generation parameter must be greater than 0");
        if (g > 2)
            return rt_raise(vm, &rt_exc_ValueError, "generation parameter cannot be greater than 2");
        if (g != 2)
            return rt_list_new(vm, 0); /* everything lives in the oldest generation */
    }
    Found f = {0};
    rt_gc_each_object(vm, add_object, &f);
    return found_to_list(vm, &f);
}

static Value gc_get_referents(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (kwnames && v_tuple(kwnames)->len)
        return rt_raise(vm, &rt_exc_TypeError, "get_referents() takes no keyword arguments");
    Found f = {0};
    for (int i = 0; i < argc; i++) {
        if (!v_is_obj(argv[i]))
            continue;
        size_t n = rt_gc_referents(vm, v_obj(argv[i]), &f.scratch, &f.scratch_cap);
        for (size_t k = 0; k < n; k++)
            found_add(&f, v_from(f.scratch[k]));
    }
    return found_to_list(vm, &f);
}

static bool add_referrer(VM *vm, Obj *o, void *ctx)
{
    Found *f = ctx;
    if (!is_container(vm, o))
        return true;
    size_t n = rt_gc_referents(vm, o, &f->scratch, &f->scratch_cap);
    for (size_t k = 0; k < n; k++)
        for (int t = 0; t < f->ntargets; t++)
            if (v_from(f->scratch[k]) == f->targets[t]) {
                found_add(f, v_from(o));
                return true;
            }
    return true;
}

static Value gc_get_referrers(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (kwnames && v_tuple(kwnames)->len)
        return rt_raise(vm, &rt_exc_TypeError, "get_referrers() takes no keyword arguments");
    Found f = {.targets = argv, .ntargets = argc};
    rt_gc_each_object(vm, add_referrer, &f);
    return found_to_list(vm, &f);
}

static Value gc_set_debug(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "set_debug", argc, 1, 1))
        return VNULL;
    int64_t flags;
    if (!rt_as_i64(vm, argv[0], &flags))
        return VNULL;
    vm->gc.debug = (int)flags;
    return rt_None;
}

static Value gc_get_debug(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "get_debug", argc, 0, 0))
        return VNULL;
    return v_from_small(vm->gc.debug);
}

static const NativeDef gc_functions[] = {
    {"collect", gc_collect, NF_KEYWORDS},
    {"enable", gc_enable, 0},
    {"disable", gc_disable, 0},
    {"isenabled", gc_isenabled, 0},
    {"get_count", gc_get_count, 0},
    {"get_threshold", gc_get_threshold, 0},
    {"set_threshold", gc_set_threshold, NF_KEYWORDS},
    {"get_stats", gc_get_stats, 0},
    {"is_tracked", gc_is_tracked, 0},
    {"is_finalized", gc_is_finalized, 0},
    {"freeze", gc_freeze, 0},
    {"unfreeze", gc_unfreeze, 0},
    {"get_freeze_count", gc_get_freeze_count, 0},
    {"get_objects", gc_get_objects, NF_KEYWORDS},
    {"get_referents", gc_get_referents, NF_KEYWORDS},
    {"get_referrers", gc_get_referrers, NF_KEYWORDS},
    {"set_debug", gc_set_debug, 0},
    {"get_debug", gc_get_debug, 0},
    {NULL, NULL, 0},
};

Value mp_gc_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "gc", &d);
    if (!m || !rt_add_functions(vm, d, gc_functions, rt_str_intern_cstr(vm, "gc")))
        return VNULL;
    Value callbacks = rt_list_new(vm, 0), garbage = rt_list_new(vm, 0);
    if (!callbacks || !garbage || !rt_dict_set_cstr(vm, d, "callbacks", callbacks)
        || !rt_dict_set_cstr(vm, d, "garbage", garbage))
        return VNULL;
    static const struct { const char *name; int value; } consts[] = {
        {"DEBUG_STATS", DEBUG_STATS}, {"DEBUG_COLLECTABLE", DEBUG_COLLECTABLE},
        {"DEBUG_UNCOLLECTABLE", DEBUG_UNCOLLECTABLE}, {"DEBUG_SAVEALL", DEBUG_SAVEALL},
        {"DEBUG_LEAK", DEBUG_LEAK},
    };
    for (size_t i = 0; i < sizeof consts / sizeof *consts; i++)
        if (!rt_dict_set_cstr(vm, d, consts[i].name, v_from_small(consts[i].value)))
            return VNULL;
    return m;
}
