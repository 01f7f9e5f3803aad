/* vm/class.c — builtins.__build_class__: run a class body with a fresh
 * namespace as its locals, then make the class (runtime's rt_class_new). */
#include "vm/frame.h"

Value vm_build_class(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (kwnames && v_tuple(kwnames)->len > 0)
        return rt_raise(vm, &rt_exc_NotImplementedError,
                        "class keyword arguments (such as metaclass=) are not supported by minipy");
    if (argc < 2) return rt_raise(vm, &rt_exc_TypeError, "__build_class__: not enough arguments");
    if (!v_is(argv[0], &rt_function_type))
        return rt_raise(vm, &rt_exc_TypeError, "__build_class__: func must be a function");
    if (!v_is_str(argv[1]))
        return rt_raise(vm, &rt_exc_TypeError, "__build_class__: name is not a string");
    Function *fn = (Function *)v_obj(argv[0]);
    Value name = argv[1];
    Value bases = rt_tuple_from(vm, (size_t)argc - 2, argv + 2);
    if (!bases) return VNULL;
    Dict *ns = rt_dict_alloc(vm);
    if (!ns) return VNULL;

    Code *c = fn->code;
    Frame *f = vm_push_frame(vm, c, vm->stack_top, 0);
    if (!f) return VNULL;
    vm_frame_set_func(f, fn);
    f->locals = v_from(ns);
    vm_fill_closure(fn, f->slots);
    f->is_entry = true;
    Value r = vm_eval(vm, f, false);
    vm_pop_frame(vm, f);
    if (!r) return VNULL;

    /* The body stores its __class__ cell (for zero-argument super()) as
     * __classcell__; it is not a class attribute. */
    Value cell = rt_dict_get_str(ns, vm->names.__classcell__);
    if (cell && rt_dict_del(vm, ns, vm->names.__classcell__) < 0) return VNULL;
    Value cls = rt_class_new(vm, name, bases, ns);
    if (!cls) return VNULL;
    if (cell && v_is(cell, &rt_cell_type)) ((Cell *)v_obj(cell))->v = cls;
    return cls;
}
