/* tests/unit/test_runtime_dict.c — the compact dict: insert, lookup,
 * delete, resize, insertion order, version bumps, many keys. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "runtime/object.h"
#include "runtime/state.h"
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
    Value s = rt_repr(&vm, v);
    snprintf(out, sizeof out, "%s", s ? v_cstr(s) : "<error>");
    return out;
}

TestSuite(dict, .init = setup, .fini = teardown);

Test(dict, insert_lookup_delete)
{
    Dict *d = rt_dict_alloc(&vm);
    cr_assert(rt_dict_set(&vm, d, v_from_small(1), v_from_small(10)));
    cr_assert(rt_dict_set_cstr(&vm, d, "a", v_from_small(20)));
    bool err;
    cr_assert_eq(rt_dict_get(&vm, d, v_from_small(1), &err), v_from_small(10));
    cr_assert_not(err);
    cr_assert_eq(rt_dict_get_cstr(&vm, d, "a"), v_from_small(20));
    /* a non-interned str with the same text finds the interned key */
    Value a2 = rt_str_new(&vm, "a", 1);
    cr_assert_eq(rt_dict_get(&vm, d, a2, &err), v_from_small(20));
    cr_assert_eq(rt_dict_get(&vm, d, v_from_small(2), &err), VNULL);
    cr_assert_not(err);
    cr_assert_eq(d->used, 2);
    cr_assert_eq(rt_dict_del(&vm, d, v_from_small(1)), 1);
    cr_assert_eq(rt_dict_del(&vm, d, v_from_small(1)), 0);
    cr_assert_eq(d->used, 1);
    cr_assert_eq(rt_dict_get(&vm, d, v_from_small(1), &err), VNULL);
    cr_assert_str_eq(repr(v_from(d)), "{'a': 20}");
}

Test(dict, unhashable_key)
{
    Dict *d = rt_dict_alloc(&vm);
    Value l = rt_list_new(&vm, 0);
    cr_assert_not(rt_dict_set(&vm, d, l, rt_None));
    cr_assert(vm.exc);
    Value line = rt_exc_format_line(&vm, vm.exc);
    cr_assert_str_eq(v_cstr(line), "TypeError: unhashable type: 'list'");
    vm.exc = VNULL;
}

Test(dict, order_and_reinsert)
{
    Dict *d = rt_dict_alloc(&vm);
    for (int i = 0; i < 10; i++) rt_dict_set(&vm, d, v_from_small(9 - i), v_from_small(i));
    rt_dict_del(&vm, d, v_from_small(5));
    rt_dict_set(&vm, d, v_from_small(5), rt_None);
    rt_dict_set(&vm, d, v_from_small(9), rt_True); /* update keeps the position */
    cr_assert_str_eq(repr(v_from(d)),
                     "{9: True, 8: 1, 7: 2, 6: 3, 4: 5, 3: 6, 2: 7, 1: 8, 0: 9, 5: None}");
    size_t pos = 0, n = 0;
    Value k, v;
    while (rt_dict_next(d, &pos, &k, &v)) n++;
    cr_assert_eq(n, 10);
}

Test(dict, version_bumps)
{
    Dict *d = rt_dict_alloc(&vm);
    Value key = rt_str_intern_cstr(&vm, "x");
    uint32_t v0 = d->version;
    rt_dict_set_str(&vm, d, key, v_from_small(1));
    uint32_t v1 = d->version;
    cr_assert_neq(v0, v1);
    int64_t pos = rt_dict_find_str(d, key);
    cr_assert_geq(pos, 0);
    rt_dict_set_str(&vm, d, key, v_from_small(2)); /* value change: no bump */
    cr_assert_eq(d->version, v1);
    cr_assert_eq(d->entries[pos].value, v_from_small(2));
    rt_dict_del(&vm, d, key);
    cr_assert_neq(d->version, v1);
    cr_assert_eq(rt_dict_find_str(d, key), -1);
}

Test(dict, many_keys_resize_and_delete)
{
    Dict *d = rt_dict_alloc(&vm);
    const int N = 100000;
    for (int i = 0; i < N; i++) cr_assert(rt_dict_set(&vm, d, v_from_small(i * 7), v_from_small(i)));
    cr_assert_eq(d->used, (size_t)N);
    bool err;
    for (int i = 0; i < N; i++) cr_assert_eq(rt_dict_get(&vm, d, v_from_small(i * 7), &err), v_from_small(i));
    for (int i = 0; i < N; i += 2) cr_assert_eq(rt_dict_del(&vm, d, v_from_small(i * 7)), 1);
    cr_assert_eq(d->used, (size_t)N / 2);
    for (int i = 0; i < N; i++) {
        Value r = rt_dict_get(&vm, d, v_from_small(i * 7), &err);
        cr_assert_eq(r, i % 2 ? v_from_small(i) : VNULL);
    }
    /* string keys */
    Dict *s = rt_dict_alloc(&vm);
    char buf[32];
    for (int i = 0; i < N; i++) {
        snprintf(buf, sizeof buf, "k%d", i);
        cr_assert(rt_dict_set(&vm, s, rt_str_from_cstr(&vm, buf), v_from_small(i)));
    }
    for (int i = 0; i < N; i += 997) {
        snprintf(buf, sizeof buf, "k%d", i);
        cr_assert_eq(rt_dict_get_str(s, rt_str_from_cstr(&vm, buf)), v_from_small(i));
    }
    /* first key is still first after all the resizes */
    size_t pos = 0;
    Value k;
    cr_assert(rt_dict_next(s, &pos, &k, NULL));
    cr_assert_str_eq(v_cstr(k), "k0");
}

Test(dict, copy_update_equality)
{
    Dict *d = rt_dict_alloc(&vm);
    for (int i = 0; i < 20; i++) rt_dict_set(&vm, d, v_from_small(i), v_from_small(i * i));
    rt_dict_del(&vm, d, v_from_small(3));
    Value c = rt_dict_copy(&vm, d);
    cr_assert(c);
    cr_assert_eq(rt_eq(&vm, c, v_from(d)), 1);
    Value pairs = rt_list_new(&vm, 0);
    rt_list_append(&vm, pairs, rt_tuple_pack(&vm, 2, v_from_small(3), v_from_small(-1)));
    cr_assert(rt_dict_update(&vm, v_dict(c), pairs));
    cr_assert_eq(rt_eq(&vm, c, v_from(d)), 0);
    Value keys = rt_dict_keys_list(&vm, v_dict(c));
    cr_assert_eq(v_list(keys)->len, 20);
    cr_assert_eq(v_list(keys)->items[19], v_from_small(3));
}
