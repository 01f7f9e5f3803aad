/* runtime/unionobj.c — types.UnionType: `int | str`, `T | None` (PEP 604),
 * made by type.__or__/__ror__, usable with isinstance() and issubclass(). */
#include <string.h>

#include "runtime/objimpl.h"

typedef struct Union {
    Obj hdr;
    Value args; /* tuple, deduplicated, nested unions flattened */
} Union;

static void union_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((Union *)o)->args); }

static bool is_alias(Value v) { return rt_isinstance_type(v, &rt_genericalias_type); }

/* What may stand beside `|` in a union. */
static bool unionable(Value v)
{
    return v == rt_None || rt_is_type(v) || v_is(v, &rt_union_type) || is_alias(v);
}

static bool add_arg(VM *vm, Value list, Value v)
{
    if (v == rt_None)
        v = v_from(&rt_none_type);
    if (v_is(v, &rt_union_type)) {
        Tuple *a = v_tuple(((Union *)v_obj(v))->args);
        for (size_t i = 0; i < a->len; i++)
            if (!add_arg(vm, list, a->items[i]))
                return false;
        return true;
    }
    List *l = v_list(list);
    for (size_t i = 0; i < l->len; i++)
        if (l->items[i] == v)
            return true;
    return rt_list_append(vm, list, v);
}

Value rt_union_or(VM *vm, Value a, Value b)
{
    if (!unionable(a) || !unionable(b))
        return rt_NotImplemented;
    Value l = rt_list_new(vm, 0);
    if (!l || !add_arg(vm, l, a) || !add_arg(vm, l, b))
        return VNULL;
    if (v_list(l)->len == 1)
        return v_list(l)->items[0];
    Union *u = rt_alloc(vm, &rt_union_type, sizeof(Union));
    if (!u)
        return VNULL;
    u->args = rt_tuple_from(vm, v_list(l)->len, v_list(l)->items);
    return u->args ? v_from(u) : VNULL;
}

Value rt_union_args(Value u) { return ((Union *)v_obj(u))->args; }

static Value union_repr(VM *vm, Value v)
{
    Tuple *a = v_tuple(((Union *)v_obj(v))->args);
    StrBuf b;
    sb_init(&b);
    for (size_t i = 0; i < a->len; i++) {
        Value x = a->items[i];
        bool ok = !i || sb_adds(vm, &b, " | ");
        if (ok && x == v_from(&rt_none_type)) {
            ok = sb_adds(vm, &b, "None");
        } else if (ok && rt_is_type(x)) {
            Type *t = (Type *)v_obj(x);
            Value mod = rt_getattr(vm, x, vm->names.__module__);
            ok = mod != VNULL;
            if (ok && v_is_str(mod) && strcmp(v_cstr(mod), "builtins") != 0)
                ok = sb_add_value_str(vm, &b, mod) && sb_addc(vm, &b, '.');
            ok = ok && sb_add_value_str(vm, &b, t->qualname ? t->qualname : t->name_str);
        } else if (ok) {
            Value r = rt_repr(vm, x);
            ok = r && sb_add_value_str(vm, &b, r);
        }
        if (!ok) {
            sb_free(&b);
            return VNULL;
        }
    }
    return sb_finish(vm, &b);
}

/* Equal when they hold the same set of arguments. */
static Value union_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if ((op != CMP_EQ && op != CMP_NE) || !v_is(b, &rt_union_type))
        return rt_NotImplemented;
    Tuple *x = v_tuple(((Union *)v_obj(a))->args), *y = v_tuple(((Union *)v_obj(b))->args);
    bool eq = x->len == y->len;
    for (size_t i = 0; eq && i < x->len; i++) {
        bool found = false;
        for (size_t j = 0; j < y->len && !found; j++)
            found = x->items[i] == y->items[j];
        eq = found;
    }
    return rt_bool(op == CMP_EQ ? eq : !eq);
}

static int64_t union_hash(VM *vm, Value v)
{
    Tuple *a = v_tuple(((Union *)v_obj(v))->args);
    uint64_t h = 0x345678;
    for (size_t i = 0; i < a->len; i++) {
        int64_t x = rt_hash(vm, a->items[i]);
        if (x == -1)
            return -1;
        h ^= (uint64_t)x; /* order-independent, as frozenset(args) */
    }
    return (int64_t)h == -1 ? -2 : (int64_t)h;
}

static Value union_getattr(VM *vm, Value obj, Value name)
{
    if (!strcmp(v_cstr(name), "__args__"))
        return ((Union *)v_obj(obj))->args;
    if (!strcmp(v_cstr(name), "__parameters__"))
        return rt_empty_tuple;
    return rt_generic_getattr(vm, obj, name);
}

Type rt_union_type = {
    .name = "types.UnionType",
    .instance_size = sizeof(Union),
    .trace = union_trace,
    .repr = union_repr,
    .hash = union_hash,
    .richcompare = union_richcompare,
    .getattr = union_getattr,
    .binop = {[BIN_OR] = rt_union_or},
};

bool rt_union_init(VM *vm)
{
    if (!rt_type_ready(vm, &rt_union_type))
        return false;
    /* tp_name "types.UnionType" (messages), __name__ "UnionType" */
    rt_union_type.name_str = rt_str_intern_cstr(vm, "UnionType");
    rt_union_type.qualname = rt_union_type.name_str;
    rt_union_type.module = rt_str_intern_cstr(vm, "types");
    return rt_union_type.name_str && rt_union_type.module;
}
