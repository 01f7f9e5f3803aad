/* stdlib/atexit.c — the atexit module (after CPython's Modules/atexitmodule.c):
 * functions registered here run, last registered first, when the program
 * ends (vm/main.c calls mp_atexit_run), before the final flush.  An
 * exception in one is reported as "Exception ignored in atexit callback"
 * and the others still run.  The list lives in vm->atexit_callbacks. */
#include <string.h>

#include "runtime/containers.h"
#include "runtime/errors.h"
#include "stdlib/modsupport.h"
#include "stdlib/native.h"

static Value callbacks(VM *vm)
{
    if (!vm->atexit_callbacks)
        vm->atexit_callbacks = rt_list_new(vm, 0);
    return vm->atexit_callbacks;
}

static Value at_register(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (argc < 1)
        return rt_raise(vm, &rt_exc_TypeError, "register() takes at least 1 argument (0 given)");
    Type *t = v_type(argv[0]);
    if (!t->call || ((t->flags & TF_CLASS) && !rt_lookup_type_attr(t, vm->names.__call__)))
        return rt_raise(vm, &rt_exc_TypeError, "the first argument must be callable");
    size_t nkw = kwnames ? v_tuple(kwnames)->len : 0;
    Value args = rt_tuple_from(vm, (size_t)argc - 1, argv + 1);
    Value kw = args ? rt_dict_new(vm) : VNULL;
    if (!kw)
        return VNULL;
    for (size_t i = 0; i < nkw; i++)
        if (!rt_dict_set(vm, v_dict(kw), v_tuple(kwnames)->items[i], argv[argc + (int)i]))
            return VNULL;
    Value entry = rt_tuple_pack(vm, 3, argv[0], args, kw);
    Value l = entry ? callbacks(vm) : VNULL;
    if (!l || !rt_list_append(vm, l, entry))
        return VNULL;
    return argv[0];
}

static Value at_unregister(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "unregister", argc, 1, 1))
        return VNULL;
    Value l = callbacks(vm);
    if (!l)
        return VNULL;
    /* Compared with ==, as CPython; the list may change under a custom __eq__. */
    for (size_t i = 0; i < v_list(l)->len;) {
        int eq = rt_eq(vm, v_tuple(v_list(l)->items[i])->items[0], argv[0]);
        if (eq < 0)
            return VNULL;
        if (eq && i < v_list(l)->len) {
            List *lp = v_list(l);
            memmove(lp->items + i, lp->items + i + 1, (lp->len - i - 1) * sizeof *lp->items);
            lp->len--;
        } else {
            i++;
        }
    }
    return rt_None;
}

/* func(*args, **kw), with the keyword values after the positional ones in
 * one tuple (GC-owned storage for the call's argument vector). */
static Value call_entry(VM *vm, Value func, Tuple *args, Dict *kw)
{
    if (kw->used == 0)
        return rt_call(vm, func, (int)args->len, args->items, VNULL);
    Value all = rt_tuple_new(vm, args->len + kw->used);
    Value names = all ? rt_tuple_new(vm, kw->used) : VNULL;
    if (!names)
        return VNULL;
    for (size_t i = 0; i < args->len; i++)
        v_tuple(all)->items[i] = args->items[i];
    Value k, v;
    size_t n = 0;
    for (size_t pos = 0; rt_dict_next(kw, &pos, &k, &v) && n < kw->used; n++) {
        v_tuple(names)->items[n] = k;
        v_tuple(all)->items[args->len + n] = v;
    }
    return rt_call(vm, func, (int)args->len, v_tuple(all)->items, names);
}

void mp_atexit_run(VM *vm)
{
    Value l = vm->atexit_callbacks;
    if (!l)
        return;
    /* Take the list: callbacks registered while running go to a new one. */
    vm->atexit_callbacks = VNULL;
    for (size_t k = v_list(l)->len; k > 0; k--) {
        if (k > v_list(l)->len)
            continue;
        Tuple *e = v_tuple(v_list(l)->items[k - 1]);
        Value func = e->items[0];
        Tuple *args = v_tuple(e->items[1]);
        Dict *kw = v_dict(e->items[2]);
        Value r = call_entry(vm, func, args, kw);
        if (!r)
            rt_write_unraisable_msg(vm, "in atexit callback", func);
    }
}

static Value at_run_exitfuncs(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_run_exitfuncs", argc, 0, 0))
        return VNULL;
    mp_atexit_run(vm);
    return rt_None;
}

static Value at_clear(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_clear", argc, 0, 0))
        return VNULL;
    vm->atexit_callbacks = VNULL;
    return rt_None;
}

static Value at_ncallbacks(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_ncallbacks", argc, 0, 0))
        return VNULL;
    return rt_int_from_i64(vm, vm->atexit_callbacks ? (int64_t)v_list(vm->atexit_callbacks)->len : 0);
}

static const NativeDef atexit_functions[] = {
    {"register", at_register, NF_KEYWORDS},
    {"unregister", at_unregister, 0},
    {"_run_exitfuncs", at_run_exitfuncs, 0},
    {"_clear", at_clear, 0},
    {"_ncallbacks", at_ncallbacks, 0},
    {NULL, NULL, 0},
};

Value mp_atexit_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "atexit", &d);
    if (!m || !rt_add_functions(vm, d, atexit_functions, rt_str_intern_cstr(vm, "atexit")))
        return VNULL;
    return m;
}
