/* runtime/runtime.c — start-up and shut-down of the runtime. */
#include <string.h>

#include "runtime/objimpl.h"
#include "runtime/complex.h"
#include "runtime/weakref.h"

/* __init__ of the mutable builtins, for classes deriving from them (their
 * own constructors take the contents directly). */
static Value list_init(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"iterable", NULL};
    Value a[1];
    if (!rt_parse_args(vm, "list", argc - 1, argv + 1, kwnames, names, 1, 0, a))
        return VNULL;
    v_list(argv[0])->len = 0;
    if (a[0] && !rt_list_extend(vm, argv[0], a[0]))
        return VNULL;
    return rt_None;
}

static Value dict_init(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (argc > 2)
        return rt_raise(vm, &rt_exc_TypeError, "dict expected at most 1 argument, got %d",
                        argc - 1);
    Dict *d = v_dict(argv[0]);
    if (argc == 2 && !rt_dict_update(vm, d, argv[1]))
        return VNULL;
    if (kwnames) {
        Tuple *kw = v_tuple(kwnames);
        for (size_t i = 0; i < kw->len; i++)
            if (!rt_dict_set(vm, d, kw->items[i], argv[argc + i]))
                return VNULL;
    }
    return rt_None;
}

static Value set_init(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "set", argc - 1, 0, 1))
        return VNULL;
    if (argc == 2) {
        Value it = rt_iter(vm, argv[1]);
        if (!it)
            return VNULL;
        Value x;
        while ((x = rt_next(vm, it)))
            if (!rt_set_add(vm, argv[0], x))
                return VNULL;
        if (vm->exc)
            return VNULL;
    }
    return rt_None;
}

static bool add_init(VM *vm, Type *t, NativeFn fn)
{
    if (rt_dict_get_str(t->dict, vm->names.__init__))
        return true;
    const NativeDef defs[] = {{"__init__", fn, NF_KEYWORDS}, {NULL, NULL, 0}};
    return rt_add_methods(vm, t, defs);
}

bool rt_init(VM *vm)
{
    if (!vm->next_gc)
        vm->next_gc = (size_t)4 << 20; /* GC_MIN_HEAP (runtime/gc.c) */
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
    rt_gc_add_root(vm, &rt_empty_tuple);
    if (!rt_object_init(vm) || !rt_int_init(vm) || !rt_complex_init(vm) || !rt_str_init(vm) || !rt_containers_init(vm) ||
        !rt_func_init(vm) || !rt_exceptions_init(vm) || !rt_weakref_init(vm))
        return false;
    /* Builtins classes may derive from (see rt_to_subclass). */
    Type *const bases[] = {&rt_list_type, &rt_dict_type, &rt_set_type, &rt_tuple_type,
                           &rt_str_type, &rt_bytes_type, &rt_float_type, &rt_frozenset_type};
    for (size_t i = 0; i < sizeof bases / sizeof *bases; i++)
        bases[i]->flags |= TF_BASETYPE;
    if (!add_init(vm, &rt_list_type, list_init) || !add_init(vm, &rt_dict_type, dict_init) ||
        !add_init(vm, &rt_set_type, set_init))
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
