/* runtime/runtime.c — start-up and shut-down of the runtime. */
#include <string.h>

#include "runtime/objimpl.h"

bool rt_init(VM *vm)
{
    if (!vm->next_gc)
        vm->next_gc = (size_t)8 << 20;
    if (!vm->recursion_limit)
        vm->recursion_limit = 1000;
    vm->handled = rt_None;
    vm->exc = VNULL;
    /* Interned names first: every init below uses them. */
#define X(n)                                                   \
    if (!(vm->names.n = rt_str_intern_cstr(vm, #n)))           \
        return false;
    RT_NAMES(X)
#undef X
    rt_gc_add_root(&rt_empty_tuple);
    if (!rt_object_init(vm) || !rt_int_init(vm) || !rt_str_init(vm) || !rt_containers_init(vm) ||
        !rt_func_init(vm) || !rt_exceptions_init(vm))
        return false;
    rt_type_cache_clear();
    return true;
}

void rt_finish(VM *vm)
{
    vm->exc = VNULL;
    rt_gc_free_all(vm);
    rt_type_cache_clear();
}
