/* stdlib/structseq.c — see structseq.h.  Behaviour follows CPython's
 * Objects/structseq.c: the constructor takes (sequence, dict=None), repr
 * names the visible fields, fields are read-only, pickling goes through
 * __reduce__ (type, (visible tuple, dict of the hidden fields)). */
#include <stdio.h>
#include <string.h>

#include "runtime/objimpl.h"
#include "stdlib/structseq.h"

/* The classes made so far and their descriptions (rooted slots). */
#define MAX_TYPES 24
static struct {
    Value cls;
    Value names; /* tuple: the interned field names ("" for unnamed) */
    const StructSeqDesc *desc;
} registry[MAX_TYPES];
static int nregistered;

static int find_index(Value obj_or_type)
{
    Type *t = rt_is_type(obj_or_type) ? (Type *)v_obj(obj_or_type) : v_type(obj_or_type);
    Tuple *mro = v_tuple(t->mro);
    for (size_t k = 0; k < mro->len; k++)
        for (int i = 0; i < nregistered; i++)
            if (registry[i].cls == mro->items[k]) return i;
    return -1;
}

static const StructSeqDesc *find_desc(Value obj_or_type, Value *cls_out)
{
    Type *t = rt_is_type(obj_or_type) ? (Type *)v_obj(obj_or_type) : v_type(obj_or_type);
    Tuple *mro = v_tuple(t->mro);
    for (size_t k = 0; k < mro->len; k++)
        for (int i = 0; i < nregistered; i++)
            if (registry[i].cls == mro->items[k]) {
                if (cls_out) *cls_out = registry[i].cls;
                return registry[i].desc;
            }
    return NULL;
}

/* CPython's tp_name, "os.stat_result": reprs and messages use it. */
static bool full_name(const StructSeqDesc *d, char *buf, size_t size)
{
    return (size_t)snprintf(buf, size, "%s.%s", d->module, d->name) < size;
}

/* Visible fields become the tuple; the hidden ones go in the instance dict. */
static Value build(VM *vm, Value cls, const StructSeqDesc *d, const Value *values)
{
    int idx = find_index(cls);
    Value vis = rt_tuple_from(vm, (size_t)d->nvisible, values);
    /* the tuple re-homed into the class, as tuple.__new__(cls, ...) does */
    Value self = vis ? rt_to_subclass(vm, vis, (Type *)v_obj(cls)) : VNULL;
    if (!self) return VNULL;
    Dict **dp = rt_instance_dict_ptr(self);
    if (!dp) return rt_raise(vm, &rt_exc_SystemError, "struct sequence without a dict");
    if (!*dp) {
        Dict *nd = rt_dict_alloc(vm);
        if (!nd) return VNULL;
        *dp = nd;
    }
    Tuple *names = v_tuple(registry[idx].names);
    for (int i = d->nvisible; i < d->nfields; i++)
        if (d->fields[i][0] && !rt_dict_set_str(vm, *dp, names->items[i], values[i])) return VNULL;
    return self;
}

Value mp_structseq_new(VM *vm, Value cls, const Value *values)
{
    const StructSeqDesc *d = find_desc(cls, NULL);
    return build(vm, cls, d, values);
}

/* T(sequence, dict=None) */
static Value ss_new(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"sequence", "dict", NULL};
    Value a[3], cls;
    if (argc < 1) return rt_raise(vm, &rt_exc_TypeError, "structseq.__new__(): not enough arguments");
    a[0] = argv[0];
    if (!rt_parse_args(vm, "structseq", argc - 1, argv + 1, kwnames, names, 0, 1, a + 1)) return VNULL;
    const StructSeqDesc *d = find_desc(a[0], &cls);
    if (!d) return rt_raise(vm, &rt_exc_TypeError, "not a struct sequence type");
    char tname[128];
    full_name(d, tname, sizeof tname);
    Value seq = rt_list_from_iter(vm, a[1]);
    if (!seq) {
        if (rt_exc_clear_if(vm, &rt_exc_TypeError))
            rt_raise(vm, &rt_exc_TypeError, "constructor requires a sequence");
        return VNULL;
    }
    Value dict = a[2] && a[2] != rt_None ? a[2] : VNULL;
    if (dict && !v_isa(dict, &rt_dict_type))
        return rt_raise(vm, &rt_exc_TypeError, "%s() takes a dict as second arg, if any", tname);
    size_t n = v_list(seq)->len;
    if (n < (size_t)d->nvisible) {
        if (d->nvisible == d->nfields)
            return rt_raise(vm, &rt_exc_TypeError, "%s() takes a %d-sequence (%zu-sequence given)",
                            tname, d->nvisible, n);
        return rt_raise(vm, &rt_exc_TypeError, "%s() takes an at least %d-sequence (%zu-sequence given)",
                        tname, d->nvisible, n);
    }
    if (n > (size_t)d->nfields) {
        if (d->nvisible == d->nfields)
            return rt_raise(vm, &rt_exc_TypeError, "%s() takes a %d-sequence (%zu-sequence given)",
                            tname, d->nvisible, n);
        return rt_raise(vm, &rt_exc_TypeError, "%s() takes an at most %d-sequence (%zu-sequence given)",
                        tname, d->nfields, n);
    }
    Value vals = rt_tuple_new(vm, (size_t)d->nfields);
    if (!vals) return VNULL;
    Value *items = v_tuple(vals)->items;
    for (int i = 0; i < d->nfields; i++) {
        if ((size_t)i < n) {
            items[i] = v_list(seq)->items[i];
        } else if (dict && d->fields[i][0]) {
            bool err = false;
            Value v = rt_dict_get(vm, v_dict(dict), rt_str_intern_cstr(vm, d->fields[i]), &err);
            if (err) return VNULL;
            items[i] = v ? v : rt_None;
        }
    }
    if (d->complete) d->complete(items);
    return build(vm, a[0], d, items);
}

static Value ss_repr(VM *vm, int argc, Value *argv, Value kwnames)
{
    const StructSeqDesc *d = find_desc(argv[0], NULL);
    Tuple *t = v_tuple(argv[0]);
    char tname[128];
    full_name(d, tname, sizeof tname);
    StrBuf b;
    sb_init(&b);
    if (!sb_adds(vm, &b, tname) || !sb_addc(vm, &b, '(')) goto fail;
    /* As CPython: the i-th visible value is shown under the i-th *named*
     * field (so stat_result shows its int times as st_atime=...). */
    int named = 0;
    for (size_t i = 0; i < t->len; i++) {
        while (named < d->nfields && !d->fields[named][0]) named++;
        Value r = rt_repr(vm, t->items[i]);
        if (!r || (i && !sb_adds(vm, &b, ", ")) ||
            !sb_adds(vm, &b, named < d->nfields ? d->fields[named] : "?") || !sb_addc(vm, &b, '=') ||
            !sb_add_value_str(vm, &b, r))
            goto fail;
        named++;
    }
    if (!sb_addc(vm, &b, ')')) goto fail;
    return sb_finish(vm, &b);
fail:
    sb_free(&b);
    return VNULL;
}

static Value ss_reduce(VM *vm, int argc, Value *argv, Value kwnames)
{
    const StructSeqDesc *d = find_desc(argv[0], NULL);
    Value vis = rt_tuple_from(vm, v_tuple(argv[0])->len, v_tuple(argv[0])->items);
    Value hidden = vis ? rt_dict_new(vm) : VNULL;
    if (!hidden) return VNULL;
    Dict **dp = rt_instance_dict_ptr(argv[0]);
    for (int i = d->nvisible; i < d->nfields; i++) {
        if (!d->fields[i][0]) continue;
        Value v = dp && *dp ? rt_dict_get_cstr(vm, *dp, d->fields[i]) : VNULL;
        if (!rt_dict_set_cstr(vm, v_dict(hidden), d->fields[i], v ? v : rt_None)) return VNULL;
    }
    Value args = rt_tuple_pack(vm, 2, vis, hidden);
    return args ? rt_tuple_pack(vm, 2, v_from(v_type(argv[0])), args) : VNULL;
}

static Value ss_setattr(VM *vm, int argc, Value *argv, Value kwnames)
{
    const StructSeqDesc *d = find_desc(argv[0], NULL);
    if (argc < 2 || !v_is_str(argv[1])) return rt_raise(vm, &rt_exc_TypeError, "attribute name must be string");
    for (int i = 0; i < d->nfields; i++)
        if (d->fields[i][0] && strcmp(d->fields[i], v_cstr(argv[1])) == 0)
            return rt_raise(vm, &rt_exc_AttributeError, "readonly attribute");
    char tname[128];
    full_name(d, tname, sizeof tname);
    return rt_raise(vm, &rt_exc_AttributeError, "'%s' object has no attribute '%s'", tname, v_cstr(argv[1]));
}

/* The getter of visible field i: a native bound to i (argv[0]) called with the instance. */
static Value ss_field(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (argc != 2 || !rt_isinstance_type(argv[1], &rt_tuple_type))
        return rt_raise(vm, &rt_exc_TypeError, "descriptor needs a struct sequence");
    return v_tuple(argv[1])->items[v_small(argv[0])];
}

static bool add_method(VM *vm, Dict *ns, const char *name, NativeFn fn, uint32_t flags)
{
    Value f = rt_native_new(vm, name, fn, flags | NF_METHOD, VNULL);
    return f && rt_dict_set_cstr(vm, ns, name, f);
}

Value mp_structseq_type(VM *vm, const StructSeqDesc *d)
{
    if (nregistered == MAX_TYPES) return rt_raise(vm, &rt_exc_SystemError, "too many struct sequence types");
    Value nsv = rt_dict_new(vm);
    if (!nsv) return VNULL;
    Dict *ns = v_dict(nsv);
    int unnamed = 0, nmatch = 0;
    for (int i = 0; i < d->nfields; i++) unnamed += !d->fields[i][0];
    Value match = rt_tuple_new(vm, (size_t)d->nvisible);
    if (!match) return VNULL;
    for (int i = 0; i < d->nvisible; i++) {
        if (!d->fields[i][0]) continue;
        Value name = rt_str_intern_cstr(vm, d->fields[i]);
        Value get = rt_native_new(vm, d->fields[i], ss_field, 0, v_from_small(i));
        Value prop = get ? rt_call1(vm, v_from(&rt_property_type), get) : VNULL;
        if (!prop || !rt_dict_set(vm, ns, name, prop)) return VNULL;
        v_tuple(match)->items[nmatch++] = name;
    }
    match = rt_tuple_from(vm, (size_t)nmatch, v_tuple(match)->items);
    if (!match) return VNULL;
    Value newf = rt_native_new(vm, "__new__", ss_new, NF_KEYWORDS, VNULL);
    Value snew = newf ? rt_wrapper_new(vm, &rt_staticmethod_type, newf) : VNULL;
    if (!snew || !rt_dict_set_cstr(vm, ns, "__new__", snew) ||
        !rt_dict_set_cstr(vm, ns, "__module__", rt_str_intern_cstr(vm, d->module)) ||
        !rt_dict_set_cstr(vm, ns, "__match_args__", match) ||
        !rt_dict_set_cstr(vm, ns, "n_fields", v_from_small(d->nfields)) ||
        !rt_dict_set_cstr(vm, ns, "n_sequence_fields", v_from_small(d->nvisible)) ||
        !rt_dict_set_cstr(vm, ns, "n_unnamed_fields", v_from_small(unnamed)) ||
        !add_method(vm, ns, "__repr__", ss_repr, 0) || !add_method(vm, ns, "__reduce__", ss_reduce, 0) ||
        !add_method(vm, ns, "__setattr__", ss_setattr, 0) || !add_method(vm, ns, "__delattr__", ss_setattr, 0))
        return VNULL;
    Value bases = rt_tuple_pack(vm, 1, v_from(&rt_tuple_type));
    Value cls = bases ? rt_class_new(vm, rt_str_intern_cstr(vm, d->name), bases, ns) : VNULL;
    if (!cls) return VNULL;
    Value names = rt_tuple_new(vm, (size_t)d->nfields);
    if (!names) return VNULL;
    for (int i = 0; i < d->nfields; i++)
        v_tuple(names)->items[i] = rt_str_intern_cstr(vm, d->fields[i]);
    registry[nregistered].desc = d;
    registry[nregistered].cls = cls;
    registry[nregistered].names = names;
    rt_gc_add_root(vm, &registry[nregistered].cls);
    rt_gc_add_root(vm, &registry[nregistered].names);
    nregistered++;
    return cls;
}
