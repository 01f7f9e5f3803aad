/* stdlib/_functools.c — the _functools module behind CPython's
 * functools.py, after Modules/_functoolsmodule.c: reduce, partial (with the
 * flattening of nested partials, read-only func/args/keywords, an instance
 * __dict__ and CPython's repr) and cmp_to_key's KeyWrapper.
 * _lru_cache_wrapper is not provided: functools.py then uses its own
 * pure-Python lru_cache. */
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

static Value partial_getattr(VM *vm, Value self, Value name)
{
    Value f = partial_field((Partial *)v_obj(self), v_cstr(name));
    if (f)
        return f;
    Dict **dp = partial_dict_ptr(self);
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

static int partial_setattr(VM *vm, Value self, Value name, Value v)
{
    if (partial_field((Partial *)v_obj(self), v_cstr(name))) {
        rt_raise(vm, &rt_exc_AttributeError, "readonly attribute");
        return -1;
    }
    Dict **dp = partial_dict_ptr(self);
    if (name == vm->names.__dict__) {
        if (!v || !v_is(v, &rt_dict_type)) {
            rt_raise(vm, &rt_exc_TypeError, "setting partial object's dictionary to a non-dict");
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

static Type partial_type = {
    .name = "functools.partial", .instance_size = sizeof(Partial), .trace = partial_trace,
    .call = partial_call, .repr = partial_repr, .getattr = partial_getattr,
    .setattr = partial_setattr, .flags = TF_BASETYPE,
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

/* ---- the module -------------------------------------------------------------------- */

static const NativeDef functools_functions[] = {
    {"reduce", ft_reduce, NF_KEYWORDS},
    {"cmp_to_key", ft_cmp_to_key, NF_KEYWORDS},
    {NULL, NULL, 0},
};

Value mp_functools_module_init(VM *vm)
{
    partial_type.new = partial_new;
    Dict *d;
    Value m = mp_new_module(vm, "_functools", &d);
    if (!m || !rt_add_functions(vm, d, functools_functions, rt_str_intern_cstr(vm, "_functools")))
        return VNULL;
    if (!mp_type_ready(vm, &partial_type, d) || !mp_type_ready(vm, &keywrapper_type, NULL))
        return VNULL;
    return m;
}
