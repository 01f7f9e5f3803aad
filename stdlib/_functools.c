/* stdlib/_functools.c — the _functools module behind CPython's
 * functools.py, after Modules/_functoolsmodule.c: reduce, partial (with the
 * flattening of nested partials, read-only func/args/keywords, an instance
 * __dict__ and CPython's repr), cmp_to_key's KeyWrapper and
 * _lru_cache_wrapper (the engine of functools.lru_cache: CPython's cache
 * keys, hit/miss counts and least-recently-used eviction). */
#include <string.h>

#include "stdlib/modsupport.h"
#include "stdlib/native.h"

/* ---- reduce ------------------------------------------------------------------------ */

static Value ft_reduce(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!mp_no_kw(vm, "reduce", kwnames) || !mp_check_positional(vm, "reduce", argc, 2, 3))
        return VNULL;
    Value func = argv[0];
    Value it = rt_iter(vm, argv[1]);
    if (!it) {
        if (rt_exc_clear_if(vm, &rt_exc_TypeError))
            rt_raise(vm, &rt_exc_TypeError, "reduce() arg 2 must support iteration");
        return VNULL;
    }
    Value result = argc == 3 ? argv[2] : VNULL;
    for (;;) {
        Value x = rt_next(vm, it);
        if (!x)
            break;
        result = result ? rt_call2(vm, func, result, x) : x;
        if (!result)
            return VNULL;
    }
    if (vm->exc)
        return VNULL;
    if (!result)
        return rt_raise(vm, &rt_exc_TypeError, "reduce() of empty iterable with no initial value");
    return result;
}

/* ---- partial ----------------------------------------------------------------------- */

typedef struct Partial {
    Obj hdr;
    Value func, args, kw; /* callable, tuple, dict */
    Dict *dict;           /* attributes set on the partial; NULL until one is */
} Partial;

static void partial_trace(VM *vm, Obj *o)
{
    Partial *p = (Partial *)o;
    rt_gc_mark(vm, p->func);
    rt_gc_mark(vm, p->args);
    rt_gc_mark(vm, p->kw);
    rt_gc_mark_obj(vm, (Obj *)p->dict);
}

static Value partial_call(VM *vm, Value self, int argc, Value *argv, Value kwnames);

/* Where a partial (or an instance of a subclass) keeps its attributes. */
static Dict **partial_dict_ptr(Value self)
{
    Dict **dp = rt_instance_dict_ptr(self);
    return dp ? dp : &((Partial *)v_obj(self))->dict;
}

static Value partial_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (argc < 1)
        return rt_raise(vm, &rt_exc_TypeError, "type 'partial' takes at least one argument");
    Value func = argv[0];
    Value pargs = rt_empty_tuple, pkw = VNULL;
    /* A partial of a partial (without attributes of its own) is flattened. */
    if (v_type(func)->call == partial_call && !*partial_dict_ptr(func)) {
        Partial *inner = (Partial *)v_obj(func);
        pargs = inner->args;
        pkw = inner->kw;
        func = inner->func;
    }
    if (!v_type(func)->call)
        return rt_raise(vm, &rt_exc_TypeError, "the first argument must be callable");
    size_t n0 = v_tuple(pargs)->len;
    Value args = rt_tuple_new(vm, n0 + (size_t)argc - 1);
    Value kw = args ? (pkw ? rt_dict_copy(vm, v_dict(pkw)) : rt_dict_new(vm)) : VNULL;
    if (!kw)
        return VNULL;
    memcpy(v_tuple(args)->items, v_tuple(pargs)->items, n0 * sizeof(Value));
    memcpy(v_tuple(args)->items + n0, argv + 1, ((size_t)argc - 1) * sizeof(Value));
    size_t nkw = kwnames ? v_tuple(kwnames)->len : 0;
    for (size_t i = 0; i < nkw; i++)
        if (!rt_dict_set(vm, v_dict(kw), v_tuple(kwnames)->items[i], argv[argc + i]))
            return VNULL;
    /* Subclasses get their own layout (with the class's dict slot). */
    Partial *p = rt_alloc(vm, type, type->instance_size);
    if (!p)
        return VNULL;
    p->func = func;
    p->args = args;
    p->kw = kw;
    return v_from(p);
}

static Value partial_call(VM *vm, Value self, int argc, Value *argv, Value kwnames)
{
    Partial *p = (Partial *)v_obj(self);
    Tuple *pa = v_tuple(p->args);
    Dict *pk = v_dict(p->kw);
    size_t nkw = kwnames ? v_tuple(kwnames)->len : 0;
    if (pk->used == 0 && pa->len == 0)
        return rt_call(vm, p->func, argc, argv, nkw ? kwnames : VNULL);
    /* Merge the keywords: the partial's, overridden by the call's. */
    Value kw = pk->used ? rt_dict_copy(vm, pk) : rt_dict_new(vm);
    if (!kw)
        return VNULL;
    for (size_t i = 0; i < nkw; i++)
        if (!rt_dict_set(vm, v_dict(kw), v_tuple(kwnames)->items[i], argv[argc + i]))
            return VNULL;
    size_t npos = pa->len + (size_t)argc, nk = v_dict(kw)->used;
    Value all = rt_tuple_new(vm, npos + nk);
    Value names = all && nk ? rt_tuple_new(vm, nk) : VNULL;
    if (!all || (nk && !names))
        return VNULL;
    memcpy(v_tuple(all)->items, pa->items, pa->len * sizeof(Value));
    if (argc) /* argv may be NULL when there are no call arguments */
        memcpy(v_tuple(all)->items + pa->len, argv, (size_t)argc * sizeof(Value));
    Value k, v;
    size_t i = 0;
    for (size_t pos = 0; rt_dict_next(v_dict(kw), &pos, &k, &v); i++) {
        v_tuple(names)->items[i] = k;
        v_tuple(all)->items[npos + i] = v;
    }
    return rt_call(vm, p->func, (int)npos, v_tuple(all)->items, names);
}

static Value partial_repr(VM *vm, Value self)
{
    Partial *p = (Partial *)v_obj(self);
    if (!rt_enter_c(vm, "partial repr"))
        return VNULL;
    StrBuf b;
    sb_init(&b);
    Type *t = v_type(self);
    Value r = rt_repr(vm, p->func);
    bool ok = r && sb_adds(vm, &b, (t->flags & TF_CLASS) ? v_cstr(t->name_str) : t->name) &&
              sb_addc(vm, &b, '(') && sb_add_value_str(vm, &b, r);
    Tuple *a = v_tuple(p->args);
    for (size_t i = 0; ok && i < a->len; i++)
        ok = (r = rt_repr(vm, a->items[i])) && sb_adds(vm, &b, ", ") && sb_add_value_str(vm, &b, r);
    Value k, v;
    for (size_t pos = 0; ok && rt_dict_next(v_dict(p->kw), &pos, &k, &v);) {
        Value ks = rt_str(vm, k);
        ok = ks && (r = rt_repr(vm, v)) && sb_adds(vm, &b, ", ") && sb_add_value_str(vm, &b, ks) &&
             sb_addc(vm, &b, '=') && sb_add_value_str(vm, &b, r);
    }
    rt_leave_c(vm);
    if (!ok || !sb_addc(vm, &b, ')')) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

static Value partial_field(Partial *p, const char *n)
{
    if (strcmp(n, "func") == 0)
        return p->func;
    if (strcmp(n, "args") == 0)
        return p->args;
    if (strcmp(n, "keywords") == 0)
        return p->kw;
    return VNULL;
}

/* Attributes of an object that keeps its own instance dict at *dp (partial
 * and the lru_cache wrapper, as CPython's): get, set and delete through it,
 * creating it on first use. */
static Value own_dict_getattr(VM *vm, Value self, Value name, Dict **dp)
{
    if (name == vm->names.__dict__) {
        if (!*dp && !(*dp = rt_dict_alloc(vm)))
            return VNULL;
        return v_from(*dp);
    }
    if (*dp) {
        Value v = rt_dict_get_str(*dp, name);
        if (v)
            return v;
    }
    return rt_generic_getattr(vm, self, name);
}

static int own_dict_setattr(VM *vm, Value self, Value name, Value v, Dict **dp,
                            const char *not_a_dict)
{
    if (name == vm->names.__dict__) {
        if (!v || !v_is(v, &rt_dict_type)) {
            rt_raise(vm, &rt_exc_TypeError, not_a_dict, v ? rt_type_name(v) : "NoneType");
            return -1;
        }
        *dp = v_dict(v);
        return 0;
    }
    if (!*dp && !(*dp = rt_dict_alloc(vm)))
        return -1;
    if (v)
        return rt_dict_set(vm, *dp, name, v) ? 0 : -1;
    int r = rt_dict_del(vm, *dp, name);
    if (r == 0)
        rt_raise(vm, &rt_exc_AttributeError, "'%s' object has no attribute '%s'",
                 rt_type_name(self), v_cstr(name));
    return r > 0 ? 0 : -1;
}

static Value partial_getattr(VM *vm, Value self, Value name)
{
    Value f = partial_field((Partial *)v_obj(self), v_cstr(name));
    if (f)
        return f;
    return own_dict_getattr(vm, self, name, partial_dict_ptr(self));
}

static int partial_setattr(VM *vm, Value self, Value name, Value v)
{
    if (partial_field((Partial *)v_obj(self), v_cstr(name))) {
        rt_raise(vm, &rt_exc_AttributeError, "readonly attribute");
        return -1;
    }
    return own_dict_setattr(vm, self, name, v, partial_dict_ptr(self),
                            "setting partial object's dictionary to a non-dict");
}

/* partial.__reduce__(): (type, (func,), (func, args, keywords, __dict__ or
 * None)), restored by __setstate__ as CPython's. */
static Value partial_reduce(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc != 1)
        return rt_raise(vm, &rt_exc_TypeError, "__reduce__() takes no arguments (%d given)", argc - 1);
    Partial *p = (Partial *)v_obj(argv[0]);
    Dict *d = *partial_dict_ptr(argv[0]);
    Value st = rt_tuple_pack(vm, 4, p->func, p->args, p->kw, d ? v_from(d) : rt_None);
    Value fa = st ? rt_tuple_pack(vm, 1, p->func) : VNULL;
    return fa ? rt_tuple_pack(vm, 3, v_from(v_type(argv[0])), fa, st) : VNULL;
}

/* The state's instance dict must be a dict here (CPython takes any object). */
static Value partial_setstate(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc != 2)
        return rt_raise(vm, &rt_exc_TypeError, "__setstate__() takes exactly one argument (%d given)", argc - 1);
    Value st = argv[1];
    Value *it = rt_isinstance_type(st, &rt_tuple_type) ? v_tuple(st)->items : NULL;
    if (!it || v_tuple(st)->len != 4 || !v_type(it[0])->call ||
        !rt_isinstance_type(it[1], &rt_tuple_type) ||
        (it[2] != rt_None && !rt_isinstance_type(it[2], &rt_dict_type)) ||
        (it[3] != rt_None && !rt_isinstance_type(it[3], &rt_dict_type)))
        return rt_raise(vm, &rt_exc_TypeError, "invalid partial state");
    Value args = rt_tuple_from(vm, v_tuple(it[1])->len, v_tuple(it[1])->items);
    Value kwd = !args                        ? VNULL
                : it[2] == rt_None           ? rt_dict_new(vm)
                : v_is(it[2], &rt_dict_type) ? it[2]
                                             : rt_dict_copy(vm, v_dict(it[2]));
    if (!kwd)
        return VNULL;
    Partial *p = (Partial *)v_obj(argv[0]);
    p->func = it[0];
    p->args = args;
    p->kw = kwd;
    *partial_dict_ptr(argv[0]) = it[3] == rt_None ? NULL : v_dict(it[3]);
    return rt_None;
}

static const NativeDef partial_methods[] = {
    {"__reduce__", partial_reduce, 0},
    {"__setstate__", partial_setstate, 0},
    {NULL, NULL, 0},
};

static Type partial_type = {
    .name = "functools.partial", .instance_size = sizeof(Partial), .trace = partial_trace,
    .call = partial_call, .repr = partial_repr, .getattr = partial_getattr,
    .setattr = partial_setattr, .flags = TF_BASETYPE | TF_WEAKREF,
};

/* ---- cmp_to_key -------------------------------------------------------------------- */

typedef struct KeyWrapper {
    Obj hdr;
    Value cmp, obj; /* obj: VNULL for the K "class" cmp_to_key returns */
} KeyWrapper;

static void keywrapper_trace(VM *vm, Obj *o)
{
    rt_gc_mark(vm, ((KeyWrapper *)o)->cmp);
    rt_gc_mark(vm, ((KeyWrapper *)o)->obj);
}

static Type keywrapper_type;

static Value keywrapper_make(VM *vm, Value cmp, Value obj)
{
    KeyWrapper *k = rt_alloc(vm, &keywrapper_type, sizeof(KeyWrapper));
    if (!k)
        return VNULL;
    k->cmp = cmp;
    k->obj = obj;
    return v_from(k);
}

static Value keywrapper_call(VM *vm, Value self, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"obj", NULL};
    Value obj;
    if (!rt_parse_args(vm, "K", argc, argv, kwnames, names, 0, 1, &obj))
        return VNULL;
    return keywrapper_make(vm, ((KeyWrapper *)v_obj(self))->cmp, obj);
}

static Value keywrapper_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if (!v_is(b, &keywrapper_type))
        return rt_raise(vm, &rt_exc_TypeError, "other argument must be K instance");
    KeyWrapper *x = (KeyWrapper *)v_obj(a), *y = (KeyWrapper *)v_obj(b);
    if (!x->obj || !y->obj)
        return rt_raise(vm, &rt_exc_AttributeError, "object");
    Value r = rt_call2(vm, x->cmp, x->obj, y->obj);
    return r ? rt_compare(vm, r, v_from_small(0), op) : VNULL;
}

static int64_t keywrapper_hash(VM *vm, Value v)
{
    rt_raise(vm, &rt_exc_TypeError, "unhashable type: '%s'", rt_type_name(v));
    return -1;
}

static Value keywrapper_getattr(VM *vm, Value self, Value name)
{
    KeyWrapper *k = (KeyWrapper *)v_obj(self);
    if (strcmp(v_cstr(name), "obj") == 0) {
        if (!k->obj)
            return rt_raise(vm, &rt_exc_AttributeError, "obj");
        return k->obj;
    }
    return rt_generic_getattr(vm, self, name);
}

static int keywrapper_setattr(VM *vm, Value self, Value name, Value v)
{
    if (strcmp(v_cstr(name), "obj") == 0) {
        ((KeyWrapper *)v_obj(self))->obj = v;
        return 0;
    }
    return rt_generic_setattr(vm, self, name, v);
}

static Type keywrapper_type = {
    .name = "functools.KeyWrapper", .instance_size = sizeof(KeyWrapper),
    .trace = keywrapper_trace, .call = keywrapper_call, .richcompare = keywrapper_richcompare,
    .hash = keywrapper_hash, .getattr = keywrapper_getattr, .setattr = keywrapper_setattr,
};

static Value ft_cmp_to_key(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"mycmp", NULL};
    Value cmp;
    if (!rt_parse_args(vm, "cmp_to_key", argc, argv, kwnames, names, 0, 1, &cmp))
        return VNULL;
    return keywrapper_make(vm, cmp, VNULL);
}

/* ---- _lru_cache_wrapper --------------------------------------------------------------- */

/* The cache is a dict in recency order: a hit moves its key to the end, a
 * full cache evicts its first key (CPython keeps a linked list beside the
 * dict; the order of evictions is the same). */
typedef struct LruCache {
    Obj hdr;
    Value func, cache, kwd_mark, cache_info_type;
    Dict *dict;       /* attributes (update_wrapper's); NULL until one is set */
    int64_t maxsize;  /* -1: unbounded, 0: no caching */
    int64_t hits, misses;
    bool typed;
} LruCache;

static void lru_trace(VM *vm, Obj *o)
{
    LruCache *c = (LruCache *)o;
    rt_gc_mark(vm, c->func);
    rt_gc_mark(vm, c->cache);
    rt_gc_mark(vm, c->kwd_mark);
    rt_gc_mark(vm, c->cache_info_type);
    rt_gc_mark_obj(vm, (Obj *)c->dict);
}

static Type lru_type;

static inline LruCache *LRU(Value v) { return (LruCache *)v_obj(v); }

/* CPython's lru_cache_make_key: the lone int/str argument itself, else a
 * tuple of the arguments, kwd_mark and the keyword pairs, then the types
 * when typed. */
static Value lru_make_key(VM *vm, LruCache *c, int argc, Value *argv, Value kwnames)
{
    size_t nkw = kwnames ? v_tuple(kwnames)->len : 0;
    if (!c->typed && !nkw) {
        if (argc == 1 && (v_is_small(argv[0]) || v_is(argv[0], &rt_int_type) || v_is_str(argv[0])))
            return argv[0];
        return rt_tuple_from(vm, (size_t)argc, argv);
    }
    size_t n = (size_t)argc + (nkw ? nkw * 2 + 1 : 0) + (c->typed ? (size_t)argc + nkw : 0);
    Value key = rt_tuple_new(vm, n);
    if (!key)
        return VNULL;
    Value *k = v_tuple(key)->items;
    size_t j = 0;
    for (int i = 0; i < argc; i++)
        k[j++] = argv[i];
    if (nkw) {
        k[j++] = c->kwd_mark;
        for (size_t i = 0; i < nkw; i++) {
            k[j++] = v_tuple(kwnames)->items[i];
            k[j++] = argv[argc + i];
        }
    }
    if (c->typed) {
        for (int i = 0; i < argc; i++)
            k[j++] = v_from(v_type(argv[i]));
        for (size_t i = 0; i < nkw; i++)
            k[j++] = v_from(v_type(argv[argc + i]));
    }
    return key;
}

static Value lru_call(VM *vm, Value self, int argc, Value *argv, Value kwnames)
{
    LruCache *c = LRU(self);
    if (kwnames && v_tuple(kwnames)->len == 0)
        kwnames = VNULL;
    if (c->maxsize == 0) {
        c->misses++;
        return rt_call(vm, c->func, argc, argv, kwnames);
    }
    Value key = lru_make_key(vm, c, argc, argv, kwnames);
    if (!key || rt_hash(vm, key) == -1)
        return VNULL;
    Dict *cache = v_dict(c->cache);
    bool err = false;
    Value r = rt_dict_get(vm, cache, key, &err);
    if (err)
        return VNULL;
    if (r) {
        c->hits++;
        if (c->maxsize > 0 && (rt_dict_del(vm, cache, key) < 0 || !rt_dict_set(vm, cache, key, r)))
            return VNULL;
        return r;
    }
    c->misses++;
    Value result = rt_call(vm, c->func, argc, argv, kwnames);
    if (!result)
        return VNULL;
    if (c->maxsize > 0) {
        /* The call may have cached this key itself (recursion). */
        if (rt_dict_get(vm, cache, key, &err) || err)
            return err ? VNULL : result;
        if ((int64_t)cache->used >= c->maxsize) {
            Value oldkey, oldval;
            size_t pos = 0;
            if (rt_dict_next(cache, &pos, &oldkey, &oldval) && rt_dict_del(vm, cache, oldkey) < 0)
                return VNULL;
        }
    }
    return rt_dict_set(vm, cache, key, result) ? result : VNULL;
}

static Value lru_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"user_function", "maxsize", "typed", "cache_info_type", NULL};
    Value a[4];
    if (!rt_parse_args(vm, "lru_cache", argc, argv, kwnames, names, 0, 4, a))
        return VNULL;
    int typed = rt_truthy(vm, a[2]);
    if (typed < 0)
        return VNULL;
    if (!v_type(a[0])->call)
        return rt_raise(vm, &rt_exc_TypeError, "the first argument must be callable");
    int64_t maxsize = -1;
    if (a[1] != rt_None) {
        if (!rt_is_int(a[1]) && !rt_lookup_type_attr(v_type(a[1]), vm->names.__index__))
            return rt_raise(vm, &rt_exc_TypeError, "maxsize should be integer or None");
        if (!rt_as_i64(vm, rt_index(vm, a[1]), &maxsize)) {
            vm->exc = VNULL;
            maxsize = rt_int_sign(a[1]) < 0 ? 0 : INT64_MAX;
        }
        if (maxsize < 0)
            maxsize = 0;
    }
    Value cache = rt_dict_new(vm);
    Value mark = cache ? rt_instance_new(vm, &rt_object_type) : VNULL; /* a fresh object() */
    LruCache *c = mark ? rt_alloc(vm, type, type->instance_size) : NULL;
    if (!c)
        return VNULL;
    c->func = a[0];
    c->maxsize = maxsize;
    c->typed = typed;
    c->cache = cache;
    c->kwd_mark = mark;
    c->cache_info_type = a[3];
    return v_from(c);
}

static Value lru_cache_info(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "_lru_cache_wrapper.cache_info", argc - 1, 0, 0))
        return VNULL;
    LruCache *c = LRU(argv[0]);
    Value args[4] = {rt_int_from_i64(vm, c->hits), rt_int_from_i64(vm, c->misses),
                     c->maxsize < 0 ? rt_None : rt_int_from_i64(vm, c->maxsize),
                     rt_int_from_i64(vm, (int64_t)v_dict(c->cache)->used)};
    return rt_call(vm, c->cache_info_type, 4, args, VNULL);
}

static Value lru_cache_clear(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "_lru_cache_wrapper.cache_clear", argc - 1, 0, 0))
        return VNULL;
    LruCache *c = LRU(argv[0]);
    c->hits = c->misses = 0;
    return rt_call_method(vm, c->cache, "clear", 0, NULL) ? rt_None : VNULL;
}

static Value lru_reduce(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "_lru_cache_wrapper.__reduce__", argc - 1, 0, 0))
        return VNULL;
    return rt_getattr(vm, argv[0], vm->names.__qualname__);
}

static Value lru_copy(VM *vm, int argc, Value *argv, Value kw)
{
    return argv[0];
}

/* Bound like a function when looked up on an instance. */
static Value lru_descr_get(VM *vm, Value self, Value obj, Type *owner)
{
    if (!obj || obj == rt_None)
        return self;
    return rt_method_new(vm, self, obj);
}

static Dict **lru_dict_ptr(Value self)
{
    Dict **dp = rt_instance_dict_ptr(self);
    return dp ? dp : &LRU(self)->dict;
}

static Value lru_getattr(VM *vm, Value self, Value name)
{
    return own_dict_getattr(vm, self, name, lru_dict_ptr(self));
}

static int lru_setattr(VM *vm, Value self, Value name, Value v)
{
    return own_dict_setattr(vm, self, name, v, lru_dict_ptr(self),
                            "__dict__ must be set to a dictionary, not a '%s'");
}

static const NativeDef lru_methods[] = {
    {"cache_info", lru_cache_info, 0},
    {"cache_clear", lru_cache_clear, 0},
    {"__reduce__", lru_reduce, 0},
    {"__copy__", lru_copy, 0},
    {"__deepcopy__", lru_copy, 0},
    {NULL, NULL, 0},
};

static Type lru_type = {
    .name = "functools._lru_cache_wrapper", .instance_size = sizeof(LruCache),
    .trace = lru_trace, .call = lru_call, .descr_get = lru_descr_get, .getattr = lru_getattr,
    .setattr = lru_setattr, .flags = TF_BASETYPE,
};

/* ---- the module -------------------------------------------------------------------- */

static const NativeDef functools_functions[] = {
    {"reduce", ft_reduce, NF_KEYWORDS},
    {"cmp_to_key", ft_cmp_to_key, NF_KEYWORDS},
    {NULL, NULL, 0},
};

Value mp_functools_module_init(VM *vm)
{
    partial_type.new = partial_new;
    lru_type.new = lru_new;
    Dict *d;
    Value m = mp_new_module(vm, "_functools", &d);
    if (!m || !rt_add_functions(vm, d, functools_functions, rt_str_intern_cstr(vm, "_functools")))
        return VNULL;
    if (!mp_type_ready(vm, &partial_type, d) || !mp_type_ready(vm, &keywrapper_type, NULL) ||
        !mp_type_ready(vm, &lru_type, d))
        return VNULL;
    if (!rt_dict_get_cstr(vm, partial_type.dict, "__reduce__") &&
        !rt_add_methods(vm, &partial_type, partial_methods))
        return VNULL;
    if (!rt_dict_get_cstr(vm, lru_type.dict, "cache_info") &&
        !rt_add_methods(vm, &lru_type, lru_methods))
        return VNULL;
    return m;
}
