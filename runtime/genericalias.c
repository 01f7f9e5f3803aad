/* runtime/genericalias.c — types.GenericAlias (list[int]), after CPython's
 * Objects/genericaliasobject.c: a subclassable type (collections.abc's
 * _CallableGenericAlias derives from it) whose attributes, but for a few
 * of its own, come from the origin class; __parameters__ are the type
 * variables among the arguments, which __getitem__ substitutes. */
#include <string.h>
#include "runtime/containers_int.h"
#include "runtime/objimpl.h"

typedef struct GenericAlias {
    Obj hdr;
    Value origin;     /* the class */
    Value args;       /* tuple */
    Value parameters; /* tuple, computed on first use; VNULL before */
} GenericAlias;

static GenericAlias *GA(Value v) { return (GenericAlias *)v_obj(v); }

static void alias_trace(VM *vm, Obj *o)
{
    GenericAlias *a = (GenericAlias *)o;
    rt_gc_mark(vm, a->origin);
    rt_gc_mark(vm, a->args);
    rt_gc_mark(vm, a->parameters);
}

static Value alias_make(VM *vm, Type *t, Value origin, Value args)
{
    Value tup = v_is(args, &rt_tuple_type) ? args : rt_tuple_pack(vm, 1, args);
    if (!tup)
        return VNULL;
    GenericAlias *a = rt_alloc(vm, t, t->instance_size);
    if (!a)
        return VNULL;
    a->origin = origin;
    a->args = tup;
    a->parameters = VNULL;
    return v_from(a);
}

Value rt_generic_alias_new(VM *vm, Value origin, Value args)
{
    return alias_make(vm, &rt_genericalias_type, origin, args);
}

static Value alias_new(VM *vm, Type *t, int argc, Value *argv, Value kwnames)
{
    if (kwnames && v_tuple(kwnames)->len)
        return rt_raise(vm, &rt_exc_TypeError, "GenericAlias() takes no keyword arguments");
    if (argc != 2)
        return rt_raise(vm, &rt_exc_TypeError, "GenericAlias expected 2 arguments, got %d", argc);
    return alias_make(vm, t, argv[0], argv[1]);
}

/* CPython's ga_repr_item: classes by (module.)qualname, ... as "...". */
static bool alias_repr_item(VM *vm, StrBuf *b, Value v)
{
    if (v == rt_Ellipsis) return sb_adds(vm, b, "...");
    if (rt_is_type(v)) {
        Type *t = (Type *)v_obj(v);
        if (t->module && v_is_str(t->module) && strcmp(v_cstr(t->module), "builtins") != 0) {
            if (!sb_add_value_str(vm, b, t->module) || !sb_addc(vm, b, '.')) return false;
        }
        return sb_add_value_str(vm, b, t->qualname ? t->qualname : t->name_str);
    }
    Value r = rt_repr(vm, v);
    return r && sb_add_value_str(vm, b, r);
}

static Value alias_repr(VM *vm, Value v)
{
    GenericAlias *a = GA(v);
    StrBuf b;
    sb_init(&b);
    bool ok = alias_repr_item(vm, &b, a->origin) && sb_addc(vm, &b, '[');
    Tuple *t = v_tuple(a->args);
    for (size_t i = 0; ok && i < t->len; i++) {
        if (i) ok = sb_add(vm, &b, ", ", 2);
        ok = ok && alias_repr_item(vm, &b, t->items[i]);
    }
    if (ok && t->len == 0) ok = sb_add(vm, &b, "()", 2);
    if (!ok || !sb_addc(vm, &b, ']')) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

/* Calling list[int]() makes a list and records the alias on it when it can. */
static Value alias_call(VM *vm, Value self, int argc, Value *argv, Value kwnames)
{
    Value r = rt_call(vm, GA(self)->origin, argc, argv, kwnames);
    if (!r) return VNULL;
    Value name = rt_str_intern_cstr(vm, "__orig_class__");
    if (!name) return VNULL;
    if (rt_setattr(vm, r, name, self) < 0 && !rt_exc_clear_if(vm, &rt_exc_AttributeError) &&
        !rt_exc_clear_if(vm, &rt_exc_TypeError))
        return VNULL;
    return r;
}

static Value alias_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if (!rt_isinstance_type(a, &rt_genericalias_type) || !rt_isinstance_type(b, &rt_genericalias_type) ||
        (op != CMP_EQ && op != CMP_NE))
        return rt_NotImplemented;
    int r = rt_eq(vm, GA(a)->origin, GA(b)->origin);
    if (r > 0) r = rt_eq(vm, GA(a)->args, GA(b)->args);
    if (r < 0) return VNULL;
    return rt_bool(op == CMP_EQ ? r : !r);
}

static int64_t alias_hash(VM *vm, Value v)
{
    int64_t h0 = rt_hash(vm, GA(v)->origin);
    if (h0 == -1) return -1;
    int64_t h1 = rt_hash(vm, GA(v)->args);
    if (h1 == -1) return -1;
    int64_t h = h0 ^ h1;
    return h == -1 ? -2 : h;
}

/* Does v have attribute `name` (errors other than AttributeError pass)? */
static int has_attr(VM *vm, Value v, const char *name, Value *out)
{
    Value n = rt_str_intern_cstr(vm, name);
    Value r = n ? rt_getattr(vm, v, n) : VNULL;
    if (r) {
        if (out) *out = r;
        return 1;
    }
    return rt_exc_clear_if(vm, &rt_exc_AttributeError) ? 0 : -1;
}

/* The type variables among args, in order, each once (_Py_make_parameters). */
static Value make_parameters(VM *vm, Value args)
{
    Value params = rt_list_new(vm, 0);
    if (!params) return VNULL;
    Tuple *t = v_tuple(args);
    for (size_t i = 0; i < t->len; i++) {
        Value x = t->items[i], sub;
        if (rt_is_type(x)) continue;
        int h = has_attr(vm, x, "__typing_subst__", NULL);
        if (h < 0) return VNULL;
        Value found[1] = {x};
        Value *items = found;
        size_t n = 1;
        if (!h) {
            h = has_attr(vm, x, "__parameters__", &sub);
            if (h < 0) return VNULL;
            if (!h || !v_is(sub, &rt_tuple_type)) continue;
            items = v_tuple(sub)->items;
            n = v_tuple(sub)->len;
        }
        for (size_t k = 0; k < n; k++) {
            int in = rt_contains(vm, params, items[k]);
            if (in < 0 || (!in && !rt_list_append(vm, params, items[k]))) return VNULL;
        }
    }
    return rt_tuple_from(vm, v_list(params)->len, v_list(params)->items);
}

static Value alias_parameters(VM *vm, GenericAlias *a)
{
    if (!a->parameters) a->parameters = make_parameters(vm, a->args);
    return a->parameters;
}

/* CPython's attr_exceptions: the names the alias answers itself; every
 * other attribute is the origin's. */
static bool own_attribute(const char *n)
{
    static const char *const own[] = {
        "__class__", "__origin__", "__args__", "__unpacked__", "__parameters__",
        "__typing_unpacked_tuple_args__", "__mro_entries__", "__reduce_ex__", "__reduce__",
        "__copy__", "__deepcopy__", NULL};
    for (int i = 0; own[i]; i++)
        if (!strcmp(n, own[i])) return true;
    return false;
}

static Value alias_getattr(VM *vm, Value obj, Value name)
{
    GenericAlias *a = GA(obj);
    const char *n = v_cstr(name);
    if (!own_attribute(n)) return rt_getattr(vm, a->origin, name);
    if (!strcmp(n, "__origin__")) return a->origin;
    if (!strcmp(n, "__args__")) return a->args;
    if (!strcmp(n, "__parameters__")) return alias_parameters(vm, a);
    if (!strcmp(n, "__unpacked__")) return rt_False;
    if (!strcmp(n, "__typing_unpacked_tuple_args__")) return rt_None;
    return rt_generic_getattr(vm, obj, name);
}

/* alias[items]: each parameter replaced by its item; arguments that have
 * parameters of their own are subscripted in turn (_Py_subs_parameters,
 * without the TypeVarTuple/ParamSpec cases). */
static Value alias_getitem(VM *vm, Value self, Value item)
{
    GenericAlias *a = GA(self);
    Value params = alias_parameters(vm, a);
    if (!params) return VNULL;
    Tuple *p = v_tuple(params);
    if (p->len == 0) {
        Value r = rt_repr(vm, self);
        return r ? rt_raise(vm, &rt_exc_TypeError, "%s is not a generic class", v_cstr(r)) : VNULL;
    }
    Value items = v_is(item, &rt_tuple_type) ? item : rt_tuple_pack(vm, 1, item);
    if (!items) return VNULL;
    Tuple *it = v_tuple(items);
    if (it->len != p->len) {
        Value r = rt_repr(vm, self);
        return r ? rt_raise(vm, &rt_exc_TypeError, "Too %s arguments for %s; actual %zu, expected %zu",
                            it->len > p->len ? "many" : "few", v_cstr(r), it->len, p->len)
                 : VNULL;
    }
    Tuple *args = v_tuple(a->args);
    Value out = rt_list_new(vm, 0);
    if (!out) return VNULL;
    for (size_t i = 0; i < args->len; i++) {
        Value x = args->items[i], r = x;
        size_t k = 0;
        while (k < p->len && p->items[k] != x) k++;
        if (k < p->len) {
            r = it->items[k];
        } else if (!rt_is_type(x)) {
            Value sub;
            int h = has_attr(vm, x, "__parameters__", &sub);
            if (h < 0) return VNULL;
            if (h && v_is(sub, &rt_tuple_type) && v_tuple(sub)->len) {
                Tuple *s = v_tuple(sub);
                Value subitems = rt_tuple_new(vm, s->len);
                if (!subitems) return VNULL;
                for (size_t j = 0; j < s->len; j++) {
                    size_t m = 0;
                    while (m < p->len && p->items[m] != s->items[j]) m++;
                    v_tuple(subitems)->items[j] = m < p->len ? it->items[m] : s->items[j];
                }
                if (!(r = rt_getitem(vm, x, s->len == 1 ? v_tuple(subitems)->items[0] : subitems)))
                    return VNULL;
            }
        }
        if (!rt_list_append(vm, out, r)) return VNULL;
    }
    Value newargs = rt_tuple_from(vm, v_list(out)->len, v_list(out)->items);
    return newargs ? alias_make(vm, v_type(self), a->origin, newargs) : VNULL;
}

static Value ga_mro_entries(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__mro_entries__", argc - 1, 1, 1)) return VNULL;
    return rt_tuple_pack(vm, 1, GA(argv[0])->origin);
}

static Value ga_instancecheck(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_raise(vm, &rt_exc_TypeError, "isinstance() argument 2 cannot be a parameterized generic");
}

static Value ga_subclasscheck(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_raise(vm, &rt_exc_TypeError, "issubclass() argument 2 cannot be a parameterized generic");
}

static Value ga_reduce(VM *vm, int argc, Value *argv, Value kw)
{
    GenericAlias *a = GA(argv[0]);
    Value args = rt_tuple_pack(vm, 2, a->origin, a->args);
    return args ? rt_tuple_pack(vm, 2, v_from(v_type(argv[0])), args) : VNULL;
}

static Value ga_dir(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_call_method(vm, GA(argv[0])->origin, "__dir__", 0, NULL);
}

static const NativeDef alias_methods[] = {
    {"__mro_entries__", ga_mro_entries, 0},
    {"__instancecheck__", ga_instancecheck, 0},
    {"__subclasscheck__", ga_subclasscheck, 0},
    {"__reduce__", ga_reduce, 0},
    {"__dir__", ga_dir, 0},
    {NULL, NULL, 0},
};

Type rt_genericalias_type = {
    .name = "types.GenericAlias",
    .flags = TF_BASETYPE,
    .instance_size = sizeof(GenericAlias),
    .trace = alias_trace,
    .repr = alias_repr,
    .hash = alias_hash,
    .richcompare = alias_richcompare,
    .getattr = alias_getattr,
    .getitem = alias_getitem,
    .call = alias_call,
    .new = alias_new,
    .binop = {[BIN_OR] = rt_union_or}, /* list[int] | None (runtime/unionobj.c) */
};

bool rt_genericalias_init(VM *vm)
{
    return rt_type_ready(vm, &rt_genericalias_type) &&
           rt_add_methods(vm, &rt_genericalias_type, alias_methods);
}
