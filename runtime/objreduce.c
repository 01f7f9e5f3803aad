/* runtime/objreduce.c — object.__reduce_ex__, object.__reduce__ and
 * object.__getstate__, the defaults copy and pickle start from (after
 * CPython's Objects/typeobject.c): protocol 2 and up build
 * (copyreg.__newobj__, (cls, *args), state, listitems, dictitems); lower
 * protocols are copyreg._reduce_ex's. */
#include <string.h>
#include "runtime/containers_int.h"
#include "runtime/objimpl.h"

/* copyreg.<name>, imported through builtins.__import__ (runtime/ does not
 * reach the import system directly). */
static Value copyreg_attr(VM *vm, const char *name)
{
    Value imp = rt_dict_get_cstr(vm, vm->builtins, "__import__");
    if (!imp) return rt_raise(vm, &rt_exc_ImportError, "__import__ not found");
    Value mod = rt_str_intern_cstr(vm, "copyreg");
    if (!mod || !(mod = rt_call(vm, imp, 1, &mod, VNULL))) return VNULL;
    Value n = rt_str_intern_cstr(vm, name);
    return n ? rt_getattr(vm, mod, n) : VNULL;
}

/* type(obj).<name> looked up on the type, or VNULL without exception. */
static Value type_attr(VM *vm, Value obj, const char *name)
{
    Value n = rt_str_intern_cstr(vm, name);
    return n ? rt_lookup_type_attr(v_type(obj), n) : VNULL;
}

/* Does obj's class keep a value it cannot give back through __dict__ or
 * slots (a builtin's instance other than object's)? */
static bool has_native_state(Value obj)
{
    Type *t = v_type(obj);
    while (t && (t->flags & TF_CLASS))
        t = t->base;
    return t && t != &rt_object_type;
}

/* The default state: the instance dict (None when empty), then a dict of
 * the slot values when there are any: (dict_or_None, slots). */
static Value getstate_default(VM *vm, Value obj, bool required)
{
    if (required && has_native_state(obj))
        return rt_raise(vm, &rt_exc_TypeError, "cannot pickle '%s' object", rt_type_name(obj));
    Dict **dp = rt_instance_dict_ptr(obj);
    Value state = rt_None;
    if (dp && *dp && (*dp)->used && !(state = rt_dict_copy(vm, *dp))) return VNULL;
    Value slotnames_fn = copyreg_attr(vm, "_slotnames");
    Value cls = v_from(v_type(obj));
    Value names = slotnames_fn ? rt_call(vm, slotnames_fn, 1, &cls, VNULL) : VNULL;
    if (!names) return VNULL;
    if (!v_is(names, &rt_list_type))
        return rt_raise(vm, &rt_exc_TypeError, "copyreg._slotnames didn't return a list or None");
    if (v_list(names)->len == 0) return state;
    Value slots = rt_dict_new(vm);
    if (!slots) return VNULL;
    for (size_t i = 0; i < v_list(names)->len; i++) {
        Value name = v_list(names)->items[i];
        Value v = rt_getattr(vm, obj, name);
        if (!v) {
            if (!rt_exc_clear_if(vm, &rt_exc_AttributeError)) return VNULL;
            continue;
        }
        if (rt_setitem(vm, slots, name, v) < 0) return VNULL;
    }
    if (v_dict(slots)->used == 0) return state;
    return rt_tuple_pack(vm, 2, state, slots);
}

static Value getstate(VM *vm, Value obj, bool required)
{
    Value own = type_attr(vm, obj, "__getstate__");
    if (!own || own == rt_dict_get_cstr(vm, rt_object_type.dict, "__getstate__")) return getstate_default(vm, obj, required);
    return rt_call_method(vm, obj, "__getstate__", 0, NULL);
}

/* (args, kwargs) from __getnewargs_ex__ or __getnewargs__; VNULL for absent. */
static bool new_arguments(VM *vm, Value obj, Value *args, Value *kwargs)
{
    *args = *kwargs = VNULL;
    if (type_attr(vm, obj, "__getnewargs_ex__")) {
        Value r = rt_call_method(vm, obj, "__getnewargs_ex__", 0, NULL);
        if (!r) return false;
        if (!v_is(r, &rt_tuple_type)) {
            rt_raise(vm, &rt_exc_TypeError, "__getnewargs_ex__ should return a tuple, not '%s'",
                     rt_type_name(r));
            return false;
        }
        if (v_tuple(r)->len != 2) {
            rt_raise(vm, &rt_exc_ValueError,
                     "__getnewargs_ex__ should return a tuple of length 2, not %zu",
                     v_tuple(r)->len);
            return false;
        }
        *args = v_tuple(r)->items[0];
        *kwargs = v_tuple(r)->items[1];
        if (!v_is(*args, &rt_tuple_type)) {
            rt_raise(vm, &rt_exc_TypeError,
                     "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '%s'",
                     rt_type_name(*args));
            return false;
        }
        if (!v_is(*kwargs, &rt_dict_type)) {
            rt_raise(vm, &rt_exc_TypeError,
                     "second item of the tuple returned by __getnewargs_ex__ must be a dict, not '%s'",
                     rt_type_name(*kwargs));
            return false;
        }
        return true;
    }
    if (type_attr(vm, obj, "__getnewargs__")) {
        Value r = rt_call_method(vm, obj, "__getnewargs__", 0, NULL);
        if (!r) return false;
        if (!v_is(r, &rt_tuple_type)) {
            rt_raise(vm, &rt_exc_TypeError, "__getnewargs__ should return a tuple, not '%s'",
                     rt_type_name(r));
            return false;
        }
        *args = r;
    }
    return true;
}

static Value reduce_newobj(VM *vm, Value obj)
{
    if (!v_type(obj)->new)
        return rt_raise(vm, &rt_exc_TypeError, "cannot pickle '%s' object", rt_type_name(obj));
    Value args, kwargs;
    if (!new_arguments(vm, obj, &args, &kwargs)) return VNULL;
    bool hasargs = args != VNULL;
    Value cls = v_from(v_type(obj)), newobj, newargs;
    if (!kwargs || v_dict(kwargs)->used == 0) {
        if (!(newobj = copyreg_attr(vm, "__newobj__"))) return VNULL;
        size_t n = args ? v_tuple(args)->len : 0;
        if (!(newargs = rt_tuple_new(vm, n + 1))) return VNULL;
        v_tuple(newargs)->items[0] = cls;
        for (size_t i = 0; i < n; i++) v_tuple(newargs)->items[i + 1] = v_tuple(args)->items[i];
    } else {
        if (!(newobj = copyreg_attr(vm, "__newobj_ex__"))) return VNULL;
        if (!(newargs = rt_tuple_pack(vm, 3, cls, args, kwargs))) return VNULL;
    }
    bool is_list = rt_isinstance_type(obj, &rt_list_type), is_dict = rt_isinstance_type(obj, &rt_dict_type);
    Value state = getstate(vm, obj, !(hasargs || is_list || is_dict));
    if (!state) return VNULL;
    Value listitems = rt_None, dictitems = rt_None;
    if (is_list && !(listitems = rt_iter(vm, obj))) return VNULL;
    if (is_dict) {
        Value items = rt_call_method(vm, obj, "items", 0, NULL);
        if (!items || !(dictitems = rt_iter(vm, items))) return VNULL;
    }
    return rt_tuple_pack(vm, 5, newobj, newargs, state, listitems, dictitems);
}

static Value common_reduce(VM *vm, Value obj, int64_t proto)
{
    if (proto >= 2) return reduce_newobj(vm, obj);
    Value f = copyreg_attr(vm, "_reduce_ex");
    if (!f) return VNULL;
    Value a[2] = {obj, rt_int_from_i64(vm, proto)};
    return a[1] ? rt_call(vm, f, 2, a, VNULL) : VNULL;
}

static Value object_reduce(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "__reduce__", argc - 1, 0, 0)) return VNULL;
    return common_reduce(vm, argv[0], 0);
}

static Value object_reduce_ex(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "__reduce_ex__", argc - 1, 1, 1)) return VNULL;
    int64_t proto;
    if (!rt_as_i64(vm, argv[1], &proto)) return VNULL;
    Value own = type_attr(vm, argv[0], "__reduce__");
    if (own && own != rt_dict_get_cstr(vm, rt_object_type.dict, "__reduce__"))
        return rt_call_method(vm, argv[0], "__reduce__", 0, NULL);
    return common_reduce(vm, argv[0], proto);
}

static Value object_getstate(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "__getstate__", argc - 1, 0, 0)) return VNULL;
    return getstate_default(vm, argv[0], false);
}

static const NativeDef reduce_methods[] = {
    {"__reduce_ex__", object_reduce_ex, 0},
    {"__reduce__", object_reduce, 0},
    {"__getstate__", object_getstate, 0},
    {NULL, NULL, 0},
};

bool rt_object_reduce_init(VM *vm)
{
    return rt_add_methods(vm, &rt_object_type, reduce_methods);
}
