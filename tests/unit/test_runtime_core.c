/* tests/unit/test_runtime_core.c — the collector (frees garbage, keeps
 * reachable objects, marks deep structures without C recursion), generic
 * operations and exception formatting. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/callable.h"
#include "vm/vm.h"

static VM vm;

static void setup(void)
{
    VMConfig cfg;
    memset(&cfg, 0, sizeof cfg);
    char *argv[] = {"minipy", NULL};
    cr_assert(vm_init(&vm, &cfg, 1, argv), "vm_init failed");
}

static void teardown(void) { vm_free(&vm); }

static const char *text(Value s)
{
    static char out[4096];
    snprintf(out, sizeof out, "%s", s && v_is_str(s) ? v_cstr(s) : "<null>");
    return out;
}

static const char *exc_line(void)
{
    Value line = vm.exc ? rt_exc_format_line(&vm, vm.exc) : VNULL;
    vm.exc = VNULL;
    return text(line);
}

TestSuite(gc, .init = setup, .fini = teardown);

Test(gc, frees_unreachable_objects)
{
    rt_gc_collect(&vm);
    size_t before = rt_gc_count_objects(&vm);
    for (int i = 0; i < 1000; i++)
        cr_assert(rt_list_new(&vm, 4));
    cr_assert_geq(rt_gc_count_objects(&vm), before + 1000);
    rt_gc_collect(&vm);
    /* The C stack is scanned conservatively: a stale copy of the last
     * pointer or two may survive in a register or a dead slot, no more. */
    cr_assert_lt(rt_gc_count_objects(&vm), before + 8);
}

Test(gc, keeps_reachable_objects)
{
    static Value keep;
    rt_gc_add_root(&vm, &keep);
    keep = rt_list_new(&vm, 0);
    for (int i = 0; i < 100; i++)
        cr_assert(rt_list_append(&vm, keep, rt_str_printf(&vm, "item %d", i)));
    rt_gc_collect(&vm);
    rt_gc_collect(&vm);
    cr_assert_eq(v_list(keep)->len, 100);
    cr_assert_str_eq(v_cstr(v_list(keep)->items[42]), "item 42");
    keep = VNULL;
}

Test(gc, c_locals_are_roots)
{
    Value s = rt_str_printf(&vm, "young %d", 7);
    rt_gc_collect(&vm);
    cr_assert_str_eq(v_cstr(s), "young 7");
}

Test(gc, deep_nesting_marks_without_recursion)
{
    static Value keep;
    rt_gc_add_root(&vm, &keep);
    Value inner = rt_list_new(&vm, 1);
    keep = inner;
    for (int i = 0; i < 1000000; i++) {
        Value outer = rt_list_new(&vm, 1);
        cr_assert(rt_list_append(&vm, outer, keep));
        keep = outer;
    }
    rt_gc_collect(&vm);
    size_t depth = 0;
    for (Value v = keep; v_list(v)->len; v = v_list(v)->items[0])
        depth++;
    cr_assert_eq(depth, 1000000);
    keep = VNULL;
    rt_gc_collect(&vm);
}

TestSuite(ops, .init = setup, .fini = teardown);

Test(ops, binary_op_type_error)
{
    cr_assert_eq(rt_binary_op(&vm, BIN_ADD, v_from_small(1), rt_str_from_cstr(&vm, "x")), VNULL);
    cr_assert_str_eq(exc_line(), "TypeError: unsupported operand type(s) for +: 'int' and 'str'");
    cr_assert_eq(rt_inplace_op(&vm, BIN_SUB, rt_None, v_from_small(1)), VNULL);
    cr_assert_str_eq(exc_line(), "TypeError: unsupported operand type(s) for -=: 'NoneType' and 'int'");
    cr_assert_eq(rt_unary_op(&vm, UN_NEG, rt_str_from_cstr(&vm, "x")), VNULL);
    cr_assert_str_eq(exc_line(), "TypeError: bad operand type for unary -: 'str'");
}

Test(ops, compare_and_hash)
{
    cr_assert_eq(rt_compare(&vm, rt_None, v_from_small(1), CMP_LT), VNULL);
    cr_assert_str_eq(exc_line(),
                     "TypeError: '<' not supported between instances of 'NoneType' and 'int'");
    cr_assert_eq(rt_compare_bool(&vm, rt_None, rt_None, CMP_EQ), 1);
    cr_assert_eq(rt_hash(&vm, rt_list_new(&vm, 0)), -1);
    cr_assert_str_eq(exc_line(), "TypeError: unhashable type: 'list'");
}

Test(ops, attribute_errors)
{
    Value name = rt_str_intern_cstr(&vm, "nope");
    cr_assert_eq(rt_getattr(&vm, v_from_small(3), name), VNULL);
    cr_assert_str_eq(exc_line(), "AttributeError: 'int' object has no attribute 'nope'");
    cr_assert_eq(rt_getattr(&vm, v_from(&rt_int_type), name), VNULL);
    cr_assert_str_eq(exc_line(), "AttributeError: type object 'int' has no attribute 'nope'");
    cr_assert_eq(rt_setattr(&vm, v_from_small(3), name, rt_None), -1);
    cr_assert_str_eq(exc_line(), "AttributeError: 'int' object has no attribute 'nope'");
    cr_assert_eq(rt_setattr(&vm, v_from(&rt_int_type), name, rt_None), -1);
    cr_assert_str_eq(exc_line(), "TypeError: cannot set 'nope' attribute of immutable type 'int'");
    cr_assert_eq(rt_getitem(&vm, v_from_small(3), v_from_small(0)), VNULL);
    cr_assert_str_eq(exc_line(), "TypeError: 'int' object is not subscriptable");
    cr_assert_eq(rt_len(&vm, v_from_small(3)), -1);
    cr_assert_str_eq(exc_line(), "TypeError: object of type 'int' has no len()");
    cr_assert_eq(rt_call(&vm, v_from_small(3), 0, NULL, VNULL), VNULL);
    cr_assert_str_eq(exc_line(), "TypeError: 'int' object is not callable");
}

Test(ops, reprs)
{
    cr_assert_str_eq(text(rt_repr(&vm, rt_None)), "None");
    cr_assert_str_eq(text(rt_repr(&vm, v_from(&rt_int_type))), "<class 'int'>");
    cr_assert_str_eq(text(rt_repr(&vm, v_from(&rt_exc_ValueError))), "<class 'ValueError'>");
}

TestSuite(exceptions, .init = setup, .fini = teardown);

Test(exceptions, format_line)
{
    rt_raise(&vm, &rt_exc_ValueError, "bad value %d", 42);
    cr_assert_str_eq(exc_line(), "ValueError: bad value 42");
    rt_raise_str(&vm, &rt_exc_KeyError, rt_str_from_cstr(&vm, "k"));
    cr_assert_str_eq(exc_line(), "KeyError: 'k'");
    rt_raise_value(&vm, v_from(&rt_exc_StopIteration));
    cr_assert_str_eq(exc_line(), "StopIteration");
    rt_raise_oserror(&vm, 2, "x");
    cr_assert(rt_isinstance_type(vm.exc, &rt_exc_FileNotFoundError));
    cr_assert_str_eq(exc_line(), "FileNotFoundError: [Errno 2] No such file or directory: 'x'");
    rt_raise_value(&vm, v_from_small(3));
    cr_assert_str_eq(exc_line(), "TypeError: exceptions must derive from BaseException");
}

Test(exceptions, repr)
{
    Value e = rt_exc_new(&vm, &rt_exc_ValueError, rt_tuple_pack(&vm, 1, rt_str_from_cstr(&vm, "x")));
    cr_assert_str_eq(text(rt_repr(&vm, e)), "ValueError('x')");
    e = rt_exc_new(&vm, &rt_exc_KeyError, VNULL);
    cr_assert_str_eq(text(rt_repr(&vm, e)), "KeyError()");
}

Test(exceptions, context_chaining_and_printing)
{
    rt_raise(&vm, &rt_exc_KeyError, "first");
    Value first = vm.exc;
    vm.exc = VNULL;
    vm.handled = first;
    rt_raise(&vm, &rt_exc_ValueError, "second");
    Value second = vm.exc;
    vm.exc = VNULL;
    vm.handled = rt_None;
    cr_assert_eq(((Exception *)v_obj(second))->context, first);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    rt_print_exception(&vm, second, f);
    fclose(f);
    cr_assert_str_eq(buf, "KeyError: 'first'\n\nDuring handling of the above exception, another "
                          "exception occurred:\n\nValueError: second\n");
    free(buf);
}

Test(exceptions, recursion_guard)
{
    int n = 0;
    while (rt_enter_c(&vm, " while testing"))
        n++;
    cr_assert_gt(n, 100);
    vm.c_depth = 0;
    cr_assert_str_eq(exc_line(), "RecursionError: maximum recursion depth exceeded while testing");
}
