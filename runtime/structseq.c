/* runtime/structseq.c — struct sequence types (CPython's Objects/structseq.c):
 * a class deriving from tuple, built at run time from a description.
 *
 * Each field is a property whose getter is a native function carrying the
 * field's place: a small int (the tuple index) for the fields in the
 * sequence, the field's name for the extra ones, whose values live in the
 * instance dict under that name (the property, a data descriptor, shadows
 * the entry, so they read like the others and cannot be assigned).  The
 * methods find the fields again by walking the class dict in order, so the
 * class needs no hidden attribute. */
#include <string.h>

#include "runtime/callable.h"
#include "runtime/containers.h"
#include "runtime/state.h"
#include "runtime/str.h"
#include "runtime/structseq.h"

static Value field_get(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc != 2)
        return rt_raise(vm, &rt_exc_TypeError, "expected 1 argument, got %d", argc - 1);
    Value place = argv[0], obj = argv[1];
    if (!rt_isinstance_type(obj, &rt_tuple_type))
        return rt_raise(vm, &rt_exc_TypeError, "descriptor requires a struct sequence, not '%s'", rt_type_name(obj));
    if (v_is_small(place)) {
        Tuple *t = v_tuple(obj);
        int64_t i = v_small(place);
        return i < (int64_t)t->len ? t->items[i] : rt_None;
    }
    Value d = rt_getattr_cstr(vm, obj, "__dict__");
    if (!d)
        return VNULL;
    Value v = rt_dict_get_str(v_dict(d), place);
    return v ? v : rt_None;
}

/* Assigning or deleting a field: CPython's member descriptors say this. */
static Value field_set(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_raise(vm, &rt_exc_AttributeError, "readonly attribute");
}

/* The field's place if the class-dict value v is one of our properties. */
static Value field_place(Value v)
{
    if (!v_is(v, &rt_property_type))
        return VNULL;
    Value fget = ((Wrapper *)v_obj(v))->fget;
    if (!fget || !v_is(fget, &rt_native_type))
        return VNULL;
    NativeFunction *f = (NativeFunction *)v_obj(fget);
    return f->fn == field_get ? f->self : VNULL;
}

/* The class's fields in order: names into *names (a list), and how many
 * are in the sequence. */
static bool class_fields(VM *vm, Type *t, Value *names, size_t *nseq)
{
    while (t && t->dict && !rt_dict_get_cstr(vm, t->dict, "n_sequence_fields"))
        t = t->base;
    if (!t || !t->dict) {
        rt_raise(vm, &rt_exc_TypeError, "not a struct sequence type");
        return false;
    }
    Value list = rt_list_new(vm, 0), keys = rt_list_from_iter(vm, v_from(t->dict));
    if (!list || !keys)
        return false;
    *nseq = 0;
    for (size_t i = 0; i < v_list(keys)->len; i++) {
        Value k = v_list(keys)->items[i];
        Value v = rt_dict_get_str(t->dict, k);
        Value place = v ? field_place(v) : VNULL;
        if (!place)
            continue;
        if (v_is_small(place))
            (*nseq)++;
        if (!rt_list_append(vm, list, k))
            return false;
    }
    *names = list;
    return true;
}

static const char *type_module(VM *vm, Type *t)
{
    Value m = t->dict ? rt_dict_get_cstr(vm, t->dict, "__module__") : VNULL;
    return m && v_is_str(m) ? v_cstr(m) : "builtins";
}

static Value instance_dict(VM *vm, Value obj) { return rt_getattr_cstr(vm, obj, "__dict__"); }

/* struct_time(sequence, dict=None) */
static Value ss_new(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"sequence", "dict", NULL};
    if (argc < 1 || !rt_is_type(argv[0]))
        return rt_raise(vm, &rt_exc_TypeError, "structseq.__new__(X): X is not a type object");
    Type *t = (Type *)v_obj(argv[0]);
    Value a[2];
    if (!rt_parse_args(vm, "structseq", argc - 1, argv + 1, kw, names, 0, 1, a))
        return VNULL;
    Value fields;
    size_t nseq;
    if (!class_fields(vm, t, &fields, &nseq))
        return VNULL;
    size_t nfields = v_list(fields)->len;
    Value seq = rt_tuple_from_iter(vm, a[0]);
    if (!seq) {
        if (!rt_exc_clear_if(vm, &rt_exc_TypeError))
            return VNULL;
        return rt_raise(vm, &rt_exc_TypeError, "constructor requires a sequence");
    }
    size_t len = v_tuple(seq)->len;
    const char *tname = t->name;
    const char *mod = type_module(vm, t);
    if (len < nseq || len > nfields) {
        const char *how = nseq == nfields ? "a" : len < nseq ? "an at least" : "an at most";
        return rt_raise(vm, &rt_exc_TypeError, "%s.%s() takes %s %zu-sequence (%zu-sequence given)", mod, tname, how,
                        len < nseq ? nseq : nfields, len);
    }
    Value dict = a[1] && a[1] != rt_None ? a[1] : VNULL;
    if (dict && !rt_isinstance_type(dict, &rt_dict_type))
        return rt_raise(vm, &rt_exc_TypeError, "%s.%s() takes a dict as second arg, if any", mod, tname);
    Value tnew = rt_dict_get_str(rt_tuple_type.dict, vm->names.__new__);
    Value visible = rt_tuple_from(vm, nseq, v_tuple(seq)->items);
    Value args[2] = {argv[0], visible};
    Value obj = tnew && visible ? rt_call(vm, tnew, 2, args, VNULL) : VNULL;
    Value d = obj ? instance_dict(vm, obj) : VNULL;
    if (!d)
        return VNULL;
    for (size_t i = nseq; i < nfields; i++) {
        Value name = v_list(fields)->items[i];
        Value v = i < len ? v_tuple(seq)->items[i] : VNULL;
        if (!v && dict) {
            bool err = false;
            v = rt_dict_get(vm, v_dict(dict), name, &err);
            if (err)
                return VNULL;
        }
        if (!rt_dict_set_str(vm, v_dict(d), name, v ? v : rt_None))
            return VNULL;
    }
    return obj;
}

static Value ss_repr(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__repr__", argc - 1, 0, 0))
        return VNULL;
    Value self = argv[0];
    Type *t = v_type(self);
    Value fields;
    size_t nseq;
    if (!class_fields(vm, t, &fields, &nseq))
        return VNULL;
    StrBuf b;
    sb_init(&b);
    /* CPython prints tp_name: "module.name", or the bare name of a type
     * made without a module (sys's asyncgen_hooks). */
    const char *mod = type_module(vm, t);
    bool ok = strcmp(mod, "builtins") ? sb_printf(vm, &b, "%s.%s(", mod, t->name)
                                      : sb_printf(vm, &b, "%s(", t->name);
    Tuple *tup = v_tuple(self);
    for (size_t i = 0; ok && i < nseq && i < tup->len; i++) {
        Value r = rt_repr(vm, tup->items[i]);
        ok = r && sb_printf(vm, &b, "%s%s=", i ? ", " : "", v_cstr(v_list(fields)->items[i])) &&
             sb_add_value_str(vm, &b, r);
    }
    if (!ok || !sb_addc(vm, &b, ')')) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

/* (type, (visible items, {extra field: value})) */
static Value ss_reduce(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__reduce__", argc - 1, 0, 0))
        return VNULL;
    Value self = argv[0];
    Value fields;
    size_t nseq;
    if (!class_fields(vm, v_type(self), &fields, &nseq))
        return VNULL;
    Tuple *tup = v_tuple(self);
    Value visible = rt_tuple_from(vm, tup->len, tup->items);
    Value extra = rt_dict_new(vm), d = instance_dict(vm, self);
    if (!visible || !extra || !d)
        return VNULL;
    for (size_t i = nseq; i < v_list(fields)->len; i++) {
        Value name = v_list(fields)->items[i];
        Value v = rt_dict_get_str(v_dict(d), name);
        if (!rt_dict_set_str(vm, v_dict(extra), name, v ? v : rt_None))
            return VNULL;
    }
    Value inner = rt_tuple_pack(vm, 2, visible, extra);
    return inner ? rt_tuple_pack(vm, 2, v_from(v_type(self)), inner) : VNULL;
}

static const NativeDef ss_methods[] = {
    {"__repr__", ss_repr, 0},
    {"__reduce__", ss_reduce, 0},
    {NULL, NULL, 0},
};

Value rt_structseq_type_new(VM *vm, const RtStructSeqDesc *desc)
{
    const char *dot = strrchr(desc->name, '.');
    const char *shortname = dot ? dot + 1 : desc->name;
    Value ns = rt_dict_new(vm);
    Value module = dot ? rt_str_new(vm, desc->name, (size_t)(dot - desc->name)) : rt_str_from_cstr(vm, "builtins");
    if (!ns || !module || !rt_dict_set_cstr(vm, v_dict(ns), "__module__", module))
        return VNULL;
    if (desc->doc) {
        Value doc = rt_str_from_cstr(vm, desc->doc);
        if (!doc || !rt_dict_set_cstr(vm, v_dict(ns), "__doc__", doc))
            return VNULL;
    }
    int nfields = 0;
    while (desc->fields[nfields])
        nfields++;
    Value match = rt_tuple_new(vm, (size_t)desc->n_in_sequence);
    if (!match)
        return VNULL;
    Value setter = rt_native_new(vm, "readonly", field_set, 0, VNULL);
    if (!setter)
        return VNULL;
    for (int i = 0; i < nfields; i++) {
        Value name = rt_str_intern_cstr(vm, desc->fields[i]);
        Value place = i < desc->n_in_sequence ? v_from_small(i) : name;
        Value getter = name ? rt_native_new(vm, desc->fields[i], field_get, 0, place) : VNULL;
        Value pargs[3] = {getter, setter, setter};
        Value prop = getter ? rt_call(vm, v_from(&rt_property_type), 3, pargs, VNULL) : VNULL;
        if (!prop || !rt_dict_set_str(vm, v_dict(ns), name, prop))
            return VNULL;
        if (i < desc->n_in_sequence)
            v_tuple(match)->items[i] = name;
    }
    Value newf = rt_native_new(vm, "__new__", ss_new, NF_KEYWORDS, VNULL);
    Value snew = newf ? rt_wrapper_new(vm, &rt_staticmethod_type, newf) : VNULL;
    if (!snew || !rt_dict_set_cstr(vm, v_dict(ns), "__new__", snew) ||
        !rt_dict_set_cstr(vm, v_dict(ns), "__match_args__", match) ||
        !rt_dict_set_cstr(vm, v_dict(ns), "n_sequence_fields", v_from_small(desc->n_in_sequence)) ||
        !rt_dict_set_cstr(vm, v_dict(ns), "n_fields", v_from_small(nfields)) ||
        !rt_dict_set_cstr(vm, v_dict(ns), "n_unnamed_fields", v_from_small(0)))
        return VNULL;
    Value name = rt_str_from_cstr(vm, shortname);
    Value bases = rt_tuple_pack(vm, 1, v_from(&rt_tuple_type));
    Value cls = name && bases ? rt_class_new(vm, name, bases, v_dict(ns)) : VNULL;
    if (!cls)
        return VNULL;
    Type *t = (Type *)v_obj(cls);
    for (const NativeDef *m = ss_methods; m->name; m++) {
        Value f = rt_native_new(vm, m->name, m->fn, NF_METHOD, VNULL);
        if (!f)
            return VNULL;
        ((NativeFunction *)v_obj(f))->module = cls;
        if (!rt_dict_set_str(vm, t->dict, rt_str_intern_cstr(vm, m->name), f))
            return VNULL;
    }
    rt_type_modified(vm, t, VNULL);
    return cls;
}

Value rt_structseq_new(VM *vm, Value type, const Value *values)
{
    Type *t = (Type *)v_obj(type);
    Value fields;
    size_t nseq;
    if (!class_fields(vm, t, &fields, &nseq))
        return VNULL;
    Value tnew = rt_dict_get_str(rt_tuple_type.dict, vm->names.__new__);
    Value visible = rt_tuple_from(vm, nseq, values);
    Value args[2] = {type, visible};
    Value obj = tnew && visible ? rt_call(vm, tnew, 2, args, VNULL) : VNULL;
    Value d = obj ? instance_dict(vm, obj) : VNULL;
    if (!d)
        return VNULL;
    for (size_t i = nseq; i < v_list(fields)->len; i++)
        if (!rt_dict_set_str(vm, v_dict(d), v_list(fields)->items[i], values[i]))
            return VNULL;
    return obj;
}
