/* tests/unit/test_marshal.c — vm/marshal.c: every constant type round-trips,
 * output is deterministic, and truncated/garbage input never crashes. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/compiler.h"
#include "runtime/callable.h"
#include "vm/marshal.h"
#include "vm/verify.h"
#include "vm/vm.h"

static VM vm;

static void setup(void)
{
    VMConfig cfg = {0};
    char *argv[] = {"test_marshal", NULL};
    cr_assert(vm_init(&vm, &cfg, 1, argv), "vm_init");
}

static void teardown(void) { vm_free(&vm); }

TestSuite(marshal, .init = setup, .fini = teardown);

static StrBuf dump(Value v)
{
    StrBuf b;
    sb_init(&b);
    cr_assert(vm_marshal_dump(&vm, v, &b), "dump failed");
    return b;
}

static Value load(StrBuf *b)
{
    const char *why = NULL;
    Value v = vm_marshal_load(&vm, (const uint8_t *)b->data, b->len, &why);
    cr_assert(v, "load failed: %s", why ? why : "?");
    return v;
}

/* Round trip, equality, and dump(load(dump(v))) == dump(v). */
static void roundtrip(Value v)
{
    StrBuf a = dump(v);
    Value back = load(&a);
    if (!v_is(v, &rt_code_type) && !(v_is(v, &rt_float_type) && isnan(v_f(v))))
        cr_assert_eq(rt_eq(&vm, v, back), 1, "round trip changed the value");
    cr_assert_eq(v_type(v), v_type(back));
    StrBuf b = dump(back);
    cr_assert_eq(a.len, b.len);
    cr_assert(memcmp(a.data, b.data, a.len) == 0, "second dump differs");
    sb_free(&a);
    sb_free(&b);
}

static Value str(const char *s) { return rt_str_from_cstr(&vm, s); }

static Code *compile(const char *src)
{
    Code *c = cg_compile_source(&vm, src, strlen(src), "<test>", PARSE_FILE, 0);
    cr_assert(c, "compile failed");
    return c;
}

static const char *sample_src =
    "import sys\n"
    "X = (1, 2.5, 'three', b'four', None, True, False, ..., -7, 10**30, -(10**25))\n"
    "def f(a, b=2, *args, c, d=4, **kw):\n"
    "    def g(y):\n"
    "        return a + y\n"
    "    try:\n"
    "        return [g(i) for i in range(a) if i in {1, 2, 3}]\n"
    "    except (ValueError, TypeError) as e:\n"
    "        raise RuntimeError('x') from e\n"
    "    finally:\n"
    "        pass\n"
    "class C:\n"
    "    z = 'héllo wörld'\n"
    "    def m(self):\n"
    "        with open('x') as fh:\n"
    "            yield fh\n"
    "print(f'{X!r:>10}', 1 if X else 2)\n";

Test(marshal, singletons_and_numbers)
{
    Value vals[] = {rt_None, rt_True, rt_False, rt_Ellipsis, v_from_small(0), v_from_small(-1),
                    v_from_small(INT32_MAX), v_from_small(INT32_MIN), v_from_small((int64_t)1 << 40),
                    v_from_small(-((int64_t)1 << 50)), v_from_small(SMALL_MAX), v_from_small(SMALL_MIN)};
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++)
        roundtrip(vals[i]);
    roundtrip(rt_int_from_string(&vm, "123456789012345678901234567890123", 33, 10));
    roundtrip(rt_int_from_string(&vm, "-98765432109876543210987654321", 30, 10));
    roundtrip(rt_int_from_i64(&vm, INT64_MAX));
    roundtrip(rt_int_from_i64(&vm, INT64_MIN));
    double ds[] = {0.0, -0.0, 1.5, -2.25e300, 5e-324, INFINITY, -INFINITY, NAN};
    for (size_t i = 0; i < sizeof ds / sizeof *ds; i++)
        roundtrip(rt_float_new(&vm, ds[i]));
    /* -0.0 keeps its sign */
    StrBuf b = dump(rt_float_new(&vm, -0.0));
    cr_assert(signbit(v_f(load(&b))));
    sb_free(&b);
}

Test(marshal, strings_bytes_containers)
{
    roundtrip(str(""));
    roundtrip(str("hello"));
    roundtrip(str("h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80"));
    roundtrip(rt_str_intern_cstr(&vm, "interned_name"));
    roundtrip(rt_bytes_new(&vm, (const uint8_t *)"a\0b\xff", 4));
    roundtrip(rt_bytes_new(&vm, NULL, 0));
    roundtrip(rt_empty_tuple);
    Value inner = rt_tuple_pack(&vm, 3, v_from_small(1), str("x"), rt_None);
    Value outer = rt_tuple_pack(&vm, 3, inner, inner, rt_float_new(&vm, 2.5));
    roundtrip(outer);
    Value l = rt_list_new(&vm, 0);
    rt_list_append(&vm, l, outer);
    rt_list_append(&vm, l, str("y"));
    roundtrip(l);
    Value d = rt_dict_new(&vm);
    rt_dict_set(&vm, v_dict(d), str("k"), l);
    rt_dict_set(&vm, v_dict(d), v_from_small(3), rt_None);
    roundtrip(d);
    Value s = rt_set_new(&vm, &rt_set_type), fs = rt_set_new(&vm, &rt_frozenset_type);
    for (int i = 0; i < 50; i++) {
        rt_set_add(&vm, s, v_from_small(i * 7919 % 101));
        rt_set_add(&vm, fs, rt_str_printf(&vm, "s%d", i));
    }
    roundtrip(s);
    roundtrip(fs);
}

Test(marshal, interned_names_stay_interned)
{
    Value n = rt_str_intern_cstr(&vm, "some_identifier");
    StrBuf b = dump(rt_tuple_pack(&vm, 2, n, n));
    Value t = load(&b);
    cr_assert(v_str(v_tuple(t)->items[0])->interned);
    cr_assert_eq(v_tuple(t)->items[0], n, "re-interned to the same object");
    sb_free(&b);
}

Test(marshal, shared_strings_written_once)
{
    Value a = str("a fairly long string that is shared");
    StrBuf one = dump(rt_tuple_pack(&vm, 1, a));
    StrBuf two = dump(rt_tuple_pack(&vm, 2, a, str("a fairly long string that is shared")));
    cr_assert_lt(two.len, one.len + 10, "second copy should be a reference");
    sb_free(&one);
    sb_free(&two);
}

Test(marshal, code_roundtrip_and_determinism)
{
    Code *c1 = compile(sample_src), *c2 = compile(sample_src);
    StrBuf a = dump(v_from(c1)), b = dump(v_from(c2));
    cr_assert_eq(a.len, b.len);
    cr_assert(memcmp(a.data, b.data, a.len) == 0, "same source, different bytes");
    Value back = load(&a);
    cr_assert(v_is(back, &rt_code_type));
    Code *c = (Code *)v_obj(back);
    cr_assert_eq(c->ninsns, c1->ninsns);
    cr_assert(memcmp(c->insns, c1->insns, c->ninsns * sizeof(Insn)) == 0);
    cr_assert(memcmp(c->lines, c1->lines, c->ninsns * sizeof(uint32_t)) == 0);
    cr_assert_eq(c->nexc, c1->nexc);
    cr_assert_eq(c->stacksize, c1->stacksize);
    cr_assert_eq(c->flags, c1->flags);
    cr_assert_null(vm_verify_code(&vm, c), "loaded code fails the verifier: %s",
                   vm_verify_code(&vm, c));
    roundtrip(back);
    sb_free(&a);
    sb_free(&b);
}

Test(marshal, frozenset_order_independent)
{
    Value f1 = rt_set_new(&vm, &rt_frozenset_type), f2 = rt_set_new(&vm, &rt_frozenset_type);
    for (int i = 0; i < 40; i++) {
        rt_set_add(&vm, f1, rt_str_printf(&vm, "k%d", i));
        rt_set_add(&vm, f2, rt_str_printf(&vm, "k%d", 39 - i));
    }
    StrBuf a = dump(f1), b = dump(f2);
    cr_assert_eq(a.len, b.len);
    cr_assert(memcmp(a.data, b.data, a.len) == 0);
    sb_free(&a);
    sb_free(&b);
}

Test(marshal, unmarshallable_and_too_deep)
{
    StrBuf b;
    sb_init(&b);
    cr_assert_not(vm_marshal_dump(&vm, vm.builtins_module, &b));
    cr_assert(rt_exc_matches(&vm, vm.exc, &rt_exc_ValueError));
    vm.exc = VNULL;
    Value l = rt_list_new(&vm, 0);
    rt_list_append(&vm, l, l); /* a cycle */
    cr_assert_not(vm_marshal_dump(&vm, l, &b));
    cr_assert(rt_exc_matches(&vm, vm.exc, &rt_exc_ValueError));
    vm.exc = VNULL;
    sb_free(&b);
}

static void expect_fail(const uint8_t *data, size_t len)
{
    const char *why = NULL;
    Value v = vm_marshal_load(&vm, data, len, &why);
    cr_assert_null((void *)v);
    cr_assert(why != NULL);
    cr_assert_eq(vm.exc, VNULL, "load must not leave an exception");
}

Test(marshal, hostile_headers)
{
    expect_fail((const uint8_t *)"", 0);
    expect_fail((const uint8_t *)"Z", 1);                          /* unknown tag */
    expect_fail((const uint8_t *)"(\xff\xff\xff\xff", 5);          /* huge count */
    expect_fail((const uint8_t *)"u\x05\x00\x00\x00ab", 7);        /* short str */
    expect_fail((const uint8_t *)"u\x02\x00\x00\x00\xc3\x28", 7);  /* bad UTF-8 */
    expect_fail((const uint8_t *)"r\x00\x00\x00\x00", 5);          /* ref before any str */
    expect_fail((const uint8_t *)"NN", 2);                          /* trailing data */
    expect_fail((const uint8_t *)"l\x00\x02\x00\x00\x00zz", 8);    /* bad big int digits */
    expect_fail((const uint8_t *)"{\x01\x00\x00\x00[\x00\x00\x00\x00N", 11); /* unhashable key */
    /* nesting far beyond the limit */
    size_t n = 5 * (MARSHAL_MAX_DEPTH + 10);
    uint8_t *deep = malloc(n + 1);
    for (size_t i = 0; i < n; i += 5)
        memcpy(deep + i, "(\x01\x00\x00\x00", 5);
    deep[n] = 'N';
    expect_fail(deep, n + 1);
    free(deep);
}

/* Decoding must never crash: truncations at every length, bit flips at
 * every byte, random garbage.  Whatever decodes as code is then fed to the
 * verifier, which must not crash either. */
static void try_load(const uint8_t *data, size_t len)
{
    const char *why = NULL;
    Value v = vm_marshal_load(&vm, data, len, &why);
    cr_assert(v || why);
    cr_assert_eq(vm.exc, VNULL);
    if (v && v_is(v, &rt_code_type))
        (void)vm_verify_code(&vm, (Code *)v_obj(v));
}

Test(marshal, fuzz_truncate_flip_random)
{
    Code *c = compile(sample_src);
    StrBuf a = dump(v_from(c));
    uint8_t *buf = malloc(a.len + 64);
    for (size_t len = 0; len < a.len; len++) {
        memcpy(buf, a.data, len);
        try_load(buf, len);
    }
    for (size_t i = 0; i < a.len; i++) {
        for (int bit = 0; bit < 8; bit += 3) {
            memcpy(buf, a.data, a.len);
            buf[i] ^= (uint8_t)(1 << bit);
            try_load(buf, a.len);
        }
    }
    srand(12345);
    for (int round = 0; round < 3000; round++) {
        size_t len = (size_t)(rand() % 64);
        for (size_t i = 0; i < len; i++)
            buf[i] = (uint8_t)(round % 3 == 0 ? "NTFi(u[{<>cbrlg."[rand() % 16] : rand());
        try_load(buf, len);
    }
    free(buf);
    sb_free(&a);
}

/* Found by tests/fuzz/fuzz_pyc: a line delta near 2^63 overflowed the int64
 * line counter (UB) before the range check; it must be refused cleanly. */
Test(marshal, huge_line_delta)
{
    Code *c = compile("x = 1\n");
    StrBuf a = dump(v_from(c));
    /* 'c', eleven u32 header fields (ninsns is the tenth), the instructions,
     * then the line deltas as varints. */
    uint32_t ninsns;
    memcpy(&ninsns, a.data + 1 + 9 * 4, 4);
    size_t lines_at = 1 + 11 * 4 + (size_t)ninsns * 4;
    cr_assert_lt(lines_at, a.len);
    cr_assert_lt((uint8_t)a.data[lines_at], 0x80, "first delta is one byte");
    static const uint8_t huge[] = {0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
    size_t len = a.len - 1 + sizeof huge;
    uint8_t *buf = malloc(len);
    memcpy(buf, a.data, lines_at);
    memcpy(buf + lines_at, huge, sizeof huge);
    memcpy(buf + lines_at + sizeof huge, a.data + lines_at + 1, a.len - lines_at - 1);
    const char *why = NULL;
    cr_assert_null(vm_marshal_load(&vm, buf, len, &why));
    cr_assert_str_eq(why ? why : "(loaded)", "bad line number");
    cr_assert_null(vm.exc);
    free(buf);
    sb_free(&a);
}
