/* vm/class.c — builtins.__build_class__(func, name, *bases, metaclass=, **kw),
 * as CPython's: resolve __mro_entries__ of non-class bases (PEP 560), find
 * the metaclass, ask its __prepare__ for the namespace, run the class body
 * with that namespace as its locals, then call the metaclass. */
#include "vm/frame.h"
#include "runtime/objimpl.h"

/* Replace bases that are not classes by their __mro_entries__(bases). */
static Value update_bases(VM *vm, Value bases, bool *changed)
{
    Tuple *bt = v_tuple(bases);
    Value out = VNULL;
    for (size_t i = 0; i < bt->len; i++) {
        Value b = bt->items[i];
        Value meth = VNULL;
        if (!rt_is_type(b)) {
            meth = rt_getattr_opt(vm, b, vm->names.__mro_entries__);
            if (!meth && vm->exc) return VNULL;
        }
        if (!meth) {
            if (out && !rt_list_append(vm, out, b)) return VNULL;
            continue;
        }
        if (!out) {
            out = rt_list_new(vm, 0);
            for (size_t j = 0; out && j < i; j++)
                if (!rt_list_append(vm, out, bt->items[j])) return VNULL;
            if (!out) return VNULL;
        }
        Value r = rt_call1(vm, meth, bases);
        if (!r) return VNULL;
        if (!v_is(r, &rt_tuple_type))
            return rt_raise(vm, &rt_exc_TypeError, "__mro_entries__ must return a tuple");
        for (size_t j = 0; j < v_tuple(r)->len; j++)
            if (!rt_list_append(vm, out, v_tuple(r)->items[j])) return VNULL;
    }
    *changed = out != VNULL;
    return out ? rt_tuple_from(vm, v_list(out)->len, v_list(out)->items) : bases;
}

/* Run the class body with ns as its locals. */
static bool run_body(VM *vm, Function *fn, Value ns)
{
    Code *c = fn->code;
    Frame *f = vm_push_frame(vm, c, vm->stack_top, 0);
    if (!f) return false;
    vm_frame_set_func(f, fn);
    f->locals = ns;
    vm_fill_closure(fn, f->slots);
    f->is_entry = true;
    Value r = vm_eval(vm, f, false);
    vm_pop_frame(vm, f);
    return r != VNULL;
}

/* The keyword arguments but metaclass=, as (values, names). */
static Value other_keywords(VM *vm, Value *kwv, Value kwnames, Value *meta, Value *vals)
{
    Tuple *kn = v_tuple(kwnames);
    Value names = rt_list_new(vm, 0), values = rt_list_new(vm, 0);
    if (!names || !values) return VNULL;
    for (size_t i = 0; i < kn->len; i++) {
        if (rt_str_equal(kn->items[i], vm->names.metaclass)) {
            *meta = kwv[i];
            continue;
        }
        if (!rt_list_append(vm, names, kn->items[i]) || !rt_list_append(vm, values, kwv[i]))
            return VNULL;
    }
    *vals = values;
    return rt_tuple_from(vm, v_list(names)->len, v_list(names)->items);
}

/* A call with positional args then the keywords (kwnames may be empty). */
static Value call_kw(VM *vm, Value f, int argc, Value *argv, Value kwvals, Value kwnames)
{
    size_t nkw = v_tuple(kwnames)->len;
    Value args = rt_tuple_new(vm, (size_t)argc + nkw);
    if (!args) return VNULL;
    for (int i = 0; i < argc; i++) v_tuple(args)->items[i] = argv[i];
    for (size_t i = 0; i < nkw; i++) v_tuple(args)->items[argc + i] = v_list(kwvals)->items[i];
    return rt_call(vm, f, argc, v_tuple(args)->items, nkw ? kwnames : VNULL);
}

Value vm_build_class(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (argc < 2) return rt_raise(vm, &rt_exc_TypeError, "__build_class__: not enough arguments");
    if (!v_is(argv[0], &rt_function_type))
        return rt_raise(vm, &rt_exc_TypeError, "__build_class__: func must be a function");
    if (!v_is_str(argv[1]))
        return rt_raise(vm, &rt_exc_TypeError, "__build_class__: name is not a string");
    Function *fn = (Function *)v_obj(argv[0]);
    Value name = argv[1];
    Value orig_bases = rt_tuple_from(vm, (size_t)argc - 2, argv + 2);
    if (!orig_bases) return VNULL;
    bool changed = false;
    Value bases = update_bases(vm, orig_bases, &changed);
    if (!bases) return VNULL;

    Value meta = VNULL, kwvals = VNULL;
    Value kw = other_keywords(vm, argv + argc, kwnames ? kwnames : rt_empty_tuple, &meta, &kwvals);
    if (!kw) return VNULL;
    if (!meta)
        meta = v_tuple(bases)->len ? v_from(v_type(v_tuple(bases)->items[0]))
                                   : v_from(&rt_type_type);
    if (rt_is_type(meta)) {
        Type *winner = rt_calculate_metaclass(vm, (Type *)v_obj(meta), bases);
        if (!winner) return VNULL;
        meta = v_from(winner);
    }

    Value ns;
    Value prep = rt_getattr_opt(vm, meta, vm->names.__prepare__);
    if (!prep && vm->exc) return VNULL;
    if (prep) {
        Value pargs[2] = {name, bases};
        ns = call_kw(vm, prep, 2, pargs, kwvals, kw);
        if (!ns) return VNULL;
        if (!v_type(ns)->getitem) {
            const char *mn = rt_is_type(meta) ? ((Type *)v_obj(meta))->name : "<metaclass>";
            return rt_raise(vm, &rt_exc_TypeError, "%s.__prepare__() must return a mapping, not %s",
                            mn, rt_type_name(ns));
        }
    } else if (!(ns = rt_dict_new(vm))) {
        return VNULL;
    }
    if (!run_body(vm, fn, ns)) return VNULL;
    if (changed && rt_setitem(vm, ns, vm->names.__orig_bases__, orig_bases) < 0) return VNULL;

    /* The body leaves its __class__ cell (for zero-argument super()) in the
     * namespace as __classcell__; type.__new__ fills it. */
    Value cell = rt_isinstance_type(ns, &rt_dict_type)
                     ? rt_dict_get_str(v_dict(ns), vm->names.__classcell__)
                     : VNULL;
    Value cargs[3] = {name, bases, ns};
    Value cls = call_kw(vm, meta, 3, cargs, kwvals, kw);
    if (!cls) return VNULL;
    if (cell && v_is(cell, &rt_cell_type) && rt_is_type(cls)) {
        Value cv = ((Cell *)v_obj(cell))->v;
        if (!cv) {
            Value r = rt_repr(vm, name);
            Value rc = r ? rt_repr(vm, cls) : VNULL;
            if (!rc) return VNULL;
            return rt_raise(vm, &rt_exc_RuntimeError,
                            "__class__ not set defining %s as %s. Was __classcell__ propagated to "
                            "type.__new__?",
                            v_cstr(r), v_cstr(rc));
        }
        if (cv != cls) {
            Value a = rt_repr(vm, cv), b = a ? rt_repr(vm, name) : VNULL;
            Value c = b ? rt_repr(vm, cls) : VNULL;
            if (!c) return VNULL;
            return rt_raise(vm, &rt_exc_TypeError, "__class__ set to %s defining %s as %s",
                            v_cstr(a), v_cstr(b), v_cstr(c));
        }
    }
    return cls;
}
