/* stdlib/_weakref.c — the _weakref module: CPython's names over the weak
 * references of runtime/weakref.c (weakref.py and _weakrefset.py, CPython's
 * pure-Python modules, build WeakValueDictionary, WeakKeyDictionary, WeakSet
 * and finalize on it). */
#include "runtime/callable.h"
#include "runtime/state.h"
#include "runtime/weakref.h"
#include "stdlib/native.h"

static Value wr_getweakrefcount(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "getweakrefcount", argc, 1, 1))
        return VNULL;
    return v_from_small(v_is_obj(argv[0]) ? (int64_t)rt_weakref_count(vm, v_obj(argv[0])) : 0);
}

static Value wr_getweakrefs(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "getweakrefs", argc, 1, 1))
        return VNULL;
    return v_is_obj(argv[0]) ? rt_weakref_list(vm, v_obj(argv[0])) : rt_list_new(vm, 0);
}

static Value wr_proxy(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "proxy", argc, 1, 2))
        return VNULL;
    return rt_weakproxy_new(vm, argv[0], argc > 1 ? argv[1] : VNULL);
}

/* _remove_dead_weakref(dict, key): del dict[key] if its value is a dead
 * reference (weakref.py's callbacks use it). */
static Value wr_remove_dead(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_remove_dead_weakref", argc, 2, 2))
        return VNULL;
    if (!v_is(argv[0], &rt_dict_type))
        return rt_raise(vm, &rt_exc_TypeError, "_remove_dead_weakref() argument 1 must be dict, not %s",
                        rt_type_name(argv[0]));
    bool err = false;
    Value v = rt_dict_get(vm, v_dict(argv[0]), argv[1], &err);
    if (err)
        return VNULL;
    if (v && rt_isinstance_type(v, &rt_weakref_type) && !rt_weakref_get((WeakRef *)v_obj(v))
        && rt_dict_del(vm, v_dict(argv[0]), argv[1]) < 0)
        return VNULL;
    return rt_None;
}

static const NativeDef weakref_functions[] = {
    {"getweakrefcount", wr_getweakrefcount, 0},
    {"getweakrefs", wr_getweakrefs, 0},
    {"proxy", wr_proxy, 0},
    {"_remove_dead_weakref", wr_remove_dead, 0},
    {NULL, NULL, 0},
};

Value mp_weakref_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_weakref", &d);
    if (!m || !rt_add_functions(vm, d, weakref_functions, rt_str_intern_cstr(vm, "_weakref")))
        return VNULL;
    if (!rt_dict_set_cstr(vm, d, "ref", v_from(&rt_weakref_type))
        || !rt_dict_set_cstr(vm, d, "ReferenceType", v_from(&rt_weakref_type))
        || !rt_dict_set_cstr(vm, d, "ProxyType", v_from(&rt_weakproxy_type))
        || !rt_dict_set_cstr(vm, d, "CallableProxyType", v_from(&rt_weakcallableproxy_type)))
        return VNULL;
    return m;
}
