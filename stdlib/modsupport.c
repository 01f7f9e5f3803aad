/* stdlib/modsupport.c — see modsupport.h. */
#include "stdlib/modsupport.h"

bool mp_no_kw(VM *vm, const char *fname, Value kwnames)
{
    if (!kwnames || v_tuple(kwnames)->len == 0)
        return true;
    rt_raise(vm, &rt_exc_TypeError, "%s() takes no keyword arguments", fname);
    return false;
}

/* rt_type_ready splits a dotted tp_name into __module__ and __name__. */
bool mp_type_ready(VM *vm, Type *t, Dict *d)
{
    if (!t->dict && !rt_type_ready(vm, t))
        return false;
    return !d || rt_dict_set_str(vm, d, t->name_str, v_from(t));
}

const char *mp_type_short_name(Value v)
{
    Type *t = v_type(v);
    return t->name_str ? v_cstr(t->name_str) : t->name;
}

bool mp_as_ssize(VM *vm, Value v, int64_t *out)
{
    Value i = rt_index(vm, v);
    if (!i)
        return false;
    if (!rt_as_i64(vm, i, out)) {
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C ssize_t");
        return false;
    }
    return true;
}
