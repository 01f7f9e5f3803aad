/* tests/unit/test_runtime_list.c — list append/insert/pop, slices, and the
 * stability of sort. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/containers_int.h"
#include "vm/vm.h"

static VM vm;

static void setup(void)
{
    VMConfig cfg;
    memset(&cfg, 0, sizeof cfg);
    char *argv[] = {"minipy", NULL};
    cr_assert(vm_init(&vm, &cfg, 1, argv), "vm_init failed");
}

static void teardown(void)
{
    vm_free(&vm);
}

static const char *repr(Value v)
{
    static char out[4096];
    Value s = v ? rt_repr(&vm, v) : VNULL;
    if (!s) {
        Value line = vm.exc ? rt_exc_format_line(&vm, vm.exc) : VNULL;
        vm.exc = VNULL;
        snprintf(out, sizeof out, "%s", line ? v_cstr(line) : "<error>");
        return out;
    }
    snprintf(out, sizeof out, "%s", v_cstr(s));
    return out;
}

static Value meth(Value obj, const char *name, int argc, Value *argv)
{
    return rt_call_method(&vm, obj, name, argc, argv);
}

static Value ints(int n, ...)
{
    Value l = rt_list_new(&vm, 0);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) rt_list_append(&vm, l, v_from_small(va_arg(ap, int)));
    va_end(ap);
    return l;
}

static Value slice(Value a, Value b, Value c) { return rt_slice_new(&vm, a, b, c); }
#define I(x) v_from_small(x)
#define N rt_None

TestSuite(list, .init = setup, .fini = teardown);

Test(list, append_insert_pop)
{
    Value l = rt_list_new(&vm, 0);
    for (int i = 0; i < 1000; i++) cr_assert(rt_list_append(&vm, l, I(i)));
    cr_assert_eq(v_list(l)->len, 1000);
    cr_assert_geq(v_list(l)->cap, 1000);
    Value args[2] = {I(0), I(-1)};
    meth(l, "insert", 2, args);
    cr_assert_eq(v_list(l)->items[0], I(-1));
    args[0] = I(-100000);
    args[1] = I(-2);
    meth(l, "insert", 2, args);
    cr_assert_eq(v_list(l)->items[0], I(-2));
    cr_assert_eq(meth(l, "pop", 0, NULL), I(999));
    args[0] = I(0);
    cr_assert_eq(meth(l, "pop", 1, args), I(-2));
    args[0] = I(5000);
    cr_assert_str_eq(repr(meth(l, "pop", 1, args)), "IndexError: pop index out of range");
    Value e = rt_list_new(&vm, 0);
    cr_assert_str_eq(repr(meth(e, "pop", 0, NULL)), "IndexError: pop from empty list");
    cr_assert_eq(v_list(l)->len, 1000);
}

Test(list, getitem_and_errors)
{
    Value l = ints(3, 1, 2, 3);
    cr_assert_eq(rt_getitem(&vm, l, I(-1)), I(3));
    cr_assert_str_eq(repr(rt_getitem(&vm, l, I(3))), "IndexError: list index out of range");
    cr_assert_str_eq(repr(rt_getitem(&vm, l, rt_str_from_cstr(&vm, "a"))),
                     "TypeError: list indices must be integers or slices, not str");
    cr_assert_eq(rt_setitem(&vm, l, I(7), I(0)), -1);
    cr_assert_str_eq(repr(VNULL), "IndexError: list assignment index out of range");
}

Test(list, slices)
{
    Value l = ints(6, 0, 1, 2, 3, 4, 5);
    cr_assert_str_eq(repr(rt_getitem(&vm, l, slice(I(1), I(4), N))), "[1, 2, 3]");
    cr_assert_str_eq(repr(rt_getitem(&vm, l, slice(N, N, I(-2)))), "[5, 3, 1]");
    cr_assert_str_eq(repr(rt_getitem(&vm, l, slice(I(-100), I(100), I(4)))), "[0, 4]");
    cr_assert_str_eq(repr(rt_getitem(&vm, l, slice(N, N, I(0)))), "ValueError: slice step cannot be zero");
    /* l[1:3] = [9, 9, 9, 9] */
    cr_assert_eq(rt_setitem(&vm, l, slice(I(1), I(3), N), ints(4, 9, 9, 9, 9)), 0);
    cr_assert_str_eq(repr(l), "[0, 9, 9, 9, 9, 3, 4, 5]");
    /* l[::2] = [...] of the wrong size */
    cr_assert_eq(rt_setitem(&vm, l, slice(N, N, I(2)), ints(3, 1, 2, 3)), -1);
    cr_assert_str_eq(repr(VNULL), "ValueError: attempt to assign sequence of size 3 to extended slice of size 4");
    cr_assert_eq(rt_setitem(&vm, l, slice(N, N, I(2)), ints(4, 1, 2, 3, 4)), 0);
    cr_assert_str_eq(repr(l), "[1, 9, 2, 9, 3, 3, 4, 5]");
    /* del l[::3], del l[:2] */
    cr_assert_eq(rt_delitem(&vm, l, slice(N, N, I(3))), 0);
    cr_assert_str_eq(repr(l), "[9, 2, 3, 3, 5]");
    cr_assert_eq(rt_delitem(&vm, l, slice(N, I(2), N)), 0);
    cr_assert_str_eq(repr(l), "[3, 3, 5]");
    /* l[:] = l */
    cr_assert_eq(rt_setitem(&vm, l, slice(N, N, N), l), 0);
    cr_assert_str_eq(repr(l), "[3, 3, 5]");
    cr_assert_eq(rt_setitem(&vm, l, slice(I(1), I(1), N), l), 0);
    cr_assert_str_eq(repr(l), "[3, 3, 3, 5, 3, 5]");
}

Test(list, sort_ints_and_stability)
{
    Value l = ints(10, 5, 3, 9, 1, 1, 0, -4, 8, 2, 7);
    cr_assert_eq(rt_list_sort(&vm, l, rt_None, false), rt_None);
    cr_assert_str_eq(repr(l), "[-4, 0, 1, 1, 2, 3, 5, 7, 8, 9]");
    cr_assert_eq(rt_list_sort(&vm, l, rt_None, true), rt_None);
    cr_assert_str_eq(repr(l), "[9, 8, 7, 5, 3, 2, 1, 1, 0, -4]");
    /* stability: sort 2000 (key, index) tuples by key only */
    Value big = rt_list_new(&vm, 0);
    for (int i = 0; i < 2000; i++)
        rt_list_append(&vm, big, rt_tuple_pack(&vm, 2, I((i * 7919) % 13), I(i)));
    Value keys = rt_list_new(&vm, 0);
    for (int i = 0; i < 2000; i++) rt_list_append(&vm, keys, v_tuple(v_list(big)->items[i])->items[0]);
    cr_assert(ct_sort_values(&vm, v_list(big)->items, v_list(keys)->items, 2000, false));
    for (int i = 1; i < 2000; i++) {
        Tuple *a = v_tuple(v_list(big)->items[i - 1]), *b = v_tuple(v_list(big)->items[i]);
        cr_assert_leq(v_small(a->items[0]), v_small(b->items[0]));
        if (a->items[0] == b->items[0]) cr_assert_lt(v_small(a->items[1]), v_small(b->items[1]));
    }
}

Test(list, sort_errors_and_strings)
{
    Value l = rt_list_new(&vm, 0);
    rt_list_append(&vm, l, I(1));
    rt_list_append(&vm, l, rt_str_from_cstr(&vm, "a"));
    cr_assert_eq(rt_list_sort(&vm, l, rt_None, false), VNULL);
    cr_assert_str_eq(repr(VNULL), "TypeError: '<' not supported between instances of 'str' and 'int'");
    Value s = rt_list_new(&vm, 0);
    const char *w[] = {"pear", "apple", "fig", "apple2", "Zed", "é", "e"};
    for (int i = 0; i < 7; i++) rt_list_append(&vm, s, rt_str_from_cstr(&vm, w[i]));
    rt_list_sort(&vm, s, rt_None, false);
    cr_assert_str_eq(repr(s), "['Zed', 'apple', 'apple2', 'e', 'fig', 'pear', 'é']");
}

Test(list, repr_recursion_and_ops)
{
    Value l = ints(2, 1, 2);
    rt_list_append(&vm, l, l);
    cr_assert_str_eq(repr(l), "[1, 2, [...]]");
    Value t = rt_tuple_pack(&vm, 1, I(1));
    cr_assert_str_eq(repr(t), "(1,)");
    cr_assert_str_eq(repr(rt_binary_op(&vm, BIN_ADD, ints(1, 1), t)),
                     "TypeError: can only concatenate list (not \"tuple\") to list");
    cr_assert_str_eq(repr(rt_binary_op(&vm, BIN_MUL, ints(2, 1, 2), I(3))), "[1, 2, 1, 2, 1, 2]");
    cr_assert_eq(rt_hash(&vm, rt_tuple_pack(&vm, 2, I(1), I(2))), -3550055125485641917LL);
}
