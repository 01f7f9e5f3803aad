/* stdlib/array.c — the array module, after Modules/arraymodule.c: typed
 * arrays of machine values (typecodes b B u h H i I l L q Q f d, with the
 * sizes of CPython on x86-64 Linux: 'u' is a 4-byte wchar_t, l/L are 8
 * bytes), their sequence protocol, the buffer protocol (memoryview and
 * bytes share or copy the items), pickling through _array_reconstructor,
 * and CPython's messages, including each typecode's own overflow wording
 * (which comes from the PyArg_Parse format CPython converts items with). */
#include <stdlib.h>
#include <string.h>

#include "runtime/buffer.h"
#include "runtime/containers.h"
#include "runtime/containers_int.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "stdlib/modsupport.h"
#include "stdlib/native.h"
#include "vm/vm.h"

typedef struct ArrDescr {
    char code;
    uint8_t size;
    char kind;       /* 'i' signed int, 'u' unsigned int, 'f' float, 'w' wide char */
    const char *format; /* the buffer format memoryview sees */
    int mformat;     /* the machine format code of __reduce_ex__ (little-endian host) */
} ArrDescr;

static const ArrDescr descrs[] = {
    {'b', 1, 'i', "b", 1},  {'B', 1, 'u', "B", 0},  {'u', 4, 'w', "w", 20},
    {'h', 2, 'i', "h", 4},  {'H', 2, 'u', "H", 2},  {'i', 4, 'i', "i", 8},
    {'I', 4, 'u', "I", 6},  {'l', 8, 'i', "l", 12}, {'L', 8, 'u', "L", 10},
    {'q', 8, 'i', "q", 12}, {'Q', 8, 'u', "Q", 10}, {'f', 4, 'f', "f", 14},
    {'d', 8, 'f', "d", 16},
};
#define NDESCRS (sizeof descrs / sizeof *descrs)

static const ArrDescr *find_descr(uint32_t c)
{
    for (size_t i = 0; i < NDESCRS; i++)
        if ((uint32_t)descrs[i].code == c)
            return &descrs[i];
    return NULL;
}

typedef struct Array {
    Obj hdr;
    const ArrDescr *d;
    uint8_t *data;      /* malloc'd, cap items */
    size_t len, cap;    /* in items */
    RtExports *exports; /* lasting buffer exports: resizing is refused */
} Array;

static Type array_type, arrayiter_type;
static inline Array *AR(Value v) { return (Array *)v_obj(v); }
static bool is_array(Value v) { return rt_isinstance_type(v, &array_type); }

static void array_finalize(VM *vm, Obj *o)
{
    Array *a = (Array *)o;
    free(a->data);
    a->data = NULL;
    a->len = a->cap = 0;
    rt_exports_unref(a->exports);
    a->exports = NULL;
}

/* A new empty array of type t (array.array or a subclass). */
static Array *array_alloc(VM *vm, Type *t, const ArrDescr *d)
{
    Array *a = rt_alloc(vm, t, sizeof(Array));
    if (!a)
        return NULL;
    a->d = d;
    a->data = NULL;
    a->len = a->cap = 0;
    a->exports = NULL;
    return a;
}

/* As bytearray does: views only the collector still holds do not block. */
static bool check_resizable(VM *vm, Array *a)
{
    if (a->exports && a->exports->count > 0)
        rt_gc_collect(vm);
    if (a->exports && a->exports->count > 0) {
        rt_raise(vm, &rt_exc_BufferError, "cannot resize an array that is exporting buffers");
        return false;
    }
    return true;
}

static bool array_resize(VM *vm, Array *a, size_t n)
{
    if (n == a->len)
        return true;
    if (!check_resizable(vm, a))
        return false;
    size_t sz = a->d->size;
    if (n > (SIZE_MAX / 2) / sz) {
        rt_no_memory(vm);
        return false;
    }
    if (n > a->cap || n < a->cap / 4) {
        size_t cap = n < 16 ? n : n + (n >> 4) + 6;
        uint8_t *p = realloc(a->data, cap ? cap * sz : 1);
        if (!p) {
            rt_no_memory(vm);
            return false;
        }
        a->data = p;
        a->cap = cap;
    }
    if (n > a->len)
        memset(a->data + a->len * sz, 0, (n - a->len) * sz);
    a->len = n;
    return true;
}

/* ---- items --------------------------------------------------------------------------- */

static Value get_item(VM *vm, const ArrDescr *d, const uint8_t *p)
{
    union { int8_t i8; uint8_t u8; int16_t i16; uint16_t u16; int32_t i32; uint32_t u32;
            int64_t i64; uint64_t u64; float f; double dd; } u;
    memcpy(&u, p, d->size);
    switch (d->code) {
    case 'b': return v_from_small(u.i8);
    case 'B': return v_from_small(u.u8);
    case 'h': return v_from_small(u.i16);
    case 'H': return v_from_small(u.u16);
    case 'i': return v_from_small(u.i32);
    case 'I': return rt_int_from_u64(vm, u.u32);
    case 'l': case 'q': return rt_int_from_i64(vm, u.i64);
    case 'L': case 'Q': return rt_int_from_u64(vm, u.u64);
    case 'f': return rt_float_new(vm, u.f);
    case 'd': return rt_float_new(vm, u.dd);
    default: /* 'u' */
        if (u.u32 > 0x10FFFF)
            return rt_raise(vm, &rt_exc_ValueError,
                            "character U+%x is not in range [U+0000; U+10ffff]", u.u32);
        return rt_str_char(vm, u.u32);
    }
}

/* n's value when it fits 64 bits: *neg, and the magnitude in *mag. */
static bool int_parts(VM *vm, Value n, bool *neg, uint64_t *mag, bool *fits)
{
    *neg = rt_int_sign(n) < 0;
    *fits = false;
    if (v_is_small(n) || n == rt_True || n == rt_False) {
        int64_t x = n == rt_True ? 1 : n == rt_False ? 0 : v_small(n);
        *mag = x < 0 ? 0 - (uint64_t)x : (uint64_t)x;
        *fits = true;
        return true;
    }
    Value m = *neg ? rt_int_neg(vm, n) : n;
    if (!m)
        return false;
    if (rt_int_bit_length(m) > 64)
        return true;
    Value hi = rt_int_binop(vm, BIN_RSHIFT, m, v_from_small(32));
    Value lo = rt_int_binop(vm, BIN_AND, m, rt_int_from_i64(vm, 0xffffffff));
    if (!hi || !lo)
        return false;
    *mag = (uint64_t)v_small(hi) << 32 | (uint64_t)v_small(lo);
    *fits = true;
    return true;
}

static bool overflow(VM *vm, const char *msg)
{
    rt_raise(vm, &rt_exc_OverflowError, "%s", msg);
    return false;
}

/* A signed value in [lo, hi], else the message of its typecode. */
static bool check_signed(VM *vm, bool neg, uint64_t mag, bool fits, int64_t lo, int64_t hi,
                         const char *what, const char *toolarge, int64_t *out)
{
    if (!fits || (!neg && mag > (uint64_t)INT64_MAX) || (neg && mag > (uint64_t)INT64_MAX + 1))
        return overflow(vm, toolarge);
    int64_t x = neg ? (int64_t)(0 - mag) : (int64_t)mag;
    if (x < lo || x > hi) {
        rt_raise(vm, &rt_exc_OverflowError, "%s is %s", what,
                 x < lo ? "less than minimum" : "greater than maximum");
        return false;
    }
    *out = x;
    return true;
}

#define LONG_MSG "Python int too large to convert to C long"

/* Convert v for an integer typecode and store it at p. */
static bool set_int(VM *vm, const ArrDescr *d, uint8_t *p, Value v)
{
    Value n = rt_is_int(v) ? v : VNULL;
    if (!n) {
        if (v_is_small(v) || !rt_lookup_type_attr(v_type(v), vm->names.__index__)) {
            rt_raise(vm, &rt_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                     rt_type_name(v));
            return false;
        }
        if (!(n = rt_index(vm, v)))
            return false;
    }
    bool neg, fits;
    uint64_t mag = 0;
    if (!int_parts(vm, n, &neg, &mag, &fits))
        return false;
    int64_t x = 0;
    uint64_t u = 0;
    switch (d->code) {
    case 'b':
        if (!check_signed(vm, neg, mag, fits, INT16_MIN, INT16_MAX, "signed short integer", LONG_MSG, &x) ||
            !check_signed(vm, neg, mag, fits, INT8_MIN, INT8_MAX, "signed char", LONG_MSG, &x))
            return false;
        *(int8_t *)p = (int8_t)x;
        return true;
    case 'B':
        if (!check_signed(vm, neg, mag, fits, 0, UINT8_MAX, "unsigned byte integer", LONG_MSG, &x))
            return false;
        *p = (uint8_t)x;
        return true;
    case 'h':
        if (!check_signed(vm, neg, mag, fits, INT16_MIN, INT16_MAX, "signed short integer", LONG_MSG, &x))
            return false;
        memcpy(p, &(int16_t){(int16_t)x}, 2);
        return true;
    case 'H':
        if (!check_signed(vm, neg, mag, fits, INT32_MIN, INT32_MAX, "signed integer", LONG_MSG, &x) ||
            !check_signed(vm, neg, mag, fits, 0, UINT16_MAX, "unsigned short", LONG_MSG, &x))
            return false;
        memcpy(p, &(uint16_t){(uint16_t)x}, 2);
        return true;
    case 'i':
        if (!check_signed(vm, neg, mag, fits, INT32_MIN, INT32_MAX, "signed integer", LONG_MSG, &x))
            return false;
        memcpy(p, &(int32_t){(int32_t)x}, 4);
        return true;
    case 'l':
    case 'q':
        if (!check_signed(vm, neg, mag, fits, INT64_MIN, INT64_MAX, "", d->code == 'l' ? LONG_MSG : "int too big to convert", &x))
            return false;
        memcpy(p, &x, 8);
        return true;
    case 'I':
    case 'L':
        if (neg && (mag || !fits))
            return overflow(vm, "can't convert negative value to unsigned int");
        if (!fits)
            return overflow(vm, "Python int too large to convert to C unsigned long");
        u = mag;
        if (d->code == 'I') {
            if (u > UINT32_MAX)
                return overflow(vm, "unsigned int is greater than maximum");
            memcpy(p, &(uint32_t){(uint32_t)u}, 4);
        } else {
            memcpy(p, &u, 8);
        }
        return true;
    default: /* 'Q' */
        if (neg && (mag || !fits))
            return overflow(vm, "can't convert negative int to unsigned");
        if (!fits)
            return overflow(vm, "int too big to convert");
        memcpy(p, &mag, 8);
        return true;
    }
}

/* Convert v for the array's typecode and store it at p (CPython's setitem). */
static bool set_item(VM *vm, const ArrDescr *d, uint8_t *p, Value v)
{
    if (d->kind == 'f') {
        double x;
        if (!rt_is_float(v) && !rt_is_int(v) &&
            (v_is_small(v) || (!rt_lookup_type_attr(v_type(v), rt_str_intern_cstr(vm, "__float__")) &&
                               !rt_lookup_type_attr(v_type(v), vm->names.__index__)))) {
            rt_raise(vm, &rt_exc_TypeError, "must be real number, not %s", rt_type_name(v));
            return false;
        }
        if (rt_is_float(v) || rt_is_int(v)) {
            if (!rt_to_double(vm, v, &x))
                return false;
        } else {
            Value f = rt_call_method(vm, v, rt_lookup_type_attr(v_type(v), rt_str_intern_cstr(vm, "__float__"))
                                                ? "__float__" : "__index__", 0, NULL);
            if (!f || !rt_to_double(vm, f, &x))
                return false;
        }
        if (d->code == 'f')
            memcpy(p, &(float){(float)x}, 4);
        else
            memcpy(p, &x, 8);
        return true;
    }
    if (d->kind == 'w') {
        if (!v_is_str(v)) {
            rt_raise(vm, &rt_exc_TypeError, "array item must be unicode character");
            return false;
        }
        Str *s = v_str(v);
        if (s->nchars != 1) {
            rt_raise(vm, &rt_exc_TypeError, "array item must be unicode character");
            return false;
        }
        uint32_t cp;
        rt_utf8_decode(s->data, s->len, &cp);
        memcpy(p, &cp, 4);
        return true;
    }
    return set_int(vm, d, p, v);
}

static bool array_append(VM *vm, Array *a, Value v)
{
    uint8_t tmp[8];
    if (!set_item(vm, a->d, tmp, v) || !array_resize(vm, a, a->len + 1))
        return false;
    memcpy(a->data + (a->len - 1) * a->d->size, tmp, a->d->size);
    return true;
}

/* ---- bulk conversions ----------------------------------------------------------------- */

static bool from_bytes(VM *vm, Array *a, const uint8_t *p, size_t n)
{
    size_t sz = a->d->size;
    if (n % sz) {
        rt_raise(vm, &rt_exc_ValueError, "bytes length not a multiple of item size");
        return false;
    }
    size_t old = a->len;
    /* p may point into a's own buffer (a.frombytes(a)): copy first. */
    uint8_t *copy = malloc(n ? n : 1);
    if (!copy) {
        rt_no_memory(vm);
        return false;
    }
    memcpy(copy, p, n);
    bool ok = array_resize(vm, a, old + n / sz);
    if (ok)
        memcpy(a->data + old * sz, copy, n);
    free(copy);
    return ok;
}

static bool from_unicode(VM *vm, Array *a, Value s)
{
    Str *st = v_str(s);
    size_t old = a->len;
    if (!array_resize(vm, a, old + st->nchars))
        return false;
    const char *c = st->data;
    for (size_t i = 0; i < st->nchars; i++) {
        uint32_t cp = 0;
        c += rt_utf8_decode(c, (size_t)(st->data + st->len - c), &cp);
        memcpy(a->data + (old + i) * 4, &cp, 4);
    }
    return true;
}

static Value to_unicode(VM *vm, Array *a)
{
    StrBuf b;
    sb_init(&b);
    for (size_t i = 0; i < a->len; i++) {
        uint32_t cp;
        memcpy(&cp, a->data + i * 4, 4);
        if (cp > 0x10FFFF) {
            sb_free(&b);
            return rt_raise(vm, &rt_exc_ValueError,
                            "character U+%x is not in range [U+0000; U+10ffff]", cp);
        }
        char out[4];
        size_t k = rt_utf8_encode(cp, out);
        if (!sb_add(vm, &b, out, k)) {
            sb_free(&b);
            return VNULL;
        }
    }
    return sb_finish(vm, &b);
}

/* Items of any iterable appended one by one (partial on error, as CPython). */
static bool extend_iter(VM *vm, Array *a, Value iterable)
{
    Value it = rt_iter(vm, iterable);
    if (!it)
        return false;
    for (;;) {
        Value x = rt_next(vm, it);
        if (!x)
            return !vm->exc;
        if (!array_append(vm, a, x))
            return false;
    }
}

static bool extend_array(VM *vm, Array *a, Array *b)
{
    if (a->d != b->d) {
        rt_raise(vm, &rt_exc_TypeError, "can only extend with array of same kind");
        return false;
    }
    return from_bytes(vm, a, b->data, b->len * b->d->size);
}

static Value array_list(VM *vm, Array *a)
{
    Value l = rt_list_new(vm, a->len);
    if (!l)
        return VNULL;
    for (size_t i = 0; i < a->len; i++) {
        Value x = get_item(vm, a->d, a->data + i * a->d->size);
        if (!x || !rt_list_append(vm, l, x))
            return VNULL;
    }
    return l;
}

/* ---- construction ----------------------------------------------------------------------- */

static const char *const bad_typecode =
    "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)";

static const ArrDescr *typecode_arg(VM *vm, const char *fname, Value c)
{
    if (!v_is_str(c) || v_str(c)->nchars != 1) {
        rt_raise(vm, &rt_exc_TypeError, "%s argument 1 must be a unicode character, not %s",
                 fname, rt_type_name(c));
        return NULL;
    }
    uint32_t cp = 0;
    rt_utf8_decode(v_str(c)->data, v_str(c)->len, &cp);
    const ArrDescr *d = find_descr(cp);
    if (!d)
        rt_raise(vm, &rt_exc_ValueError, "%s", bad_typecode);
    return d;
}

static Value array_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (type == &array_type && kwnames && v_tuple(kwnames)->len)
        return rt_raise(vm, &rt_exc_TypeError, "array.array() takes no keyword arguments");
    if (argc < 1 || argc > 2)
        return rt_raise(vm, &rt_exc_TypeError, "array() takes at %s %d argument%s (%d given)",
                        argc < 1 ? "least" : "most", argc < 1 ? 1 : 2, argc < 1 ? "" : "s", argc);
    const ArrDescr *d = typecode_arg(vm, "array()", argv[0]);
    if (!d)
        return VNULL;
    Value init = argc > 1 ? argv[1] : VNULL;
    if (init && v_is_str(init) && d->code != 'u')
        return rt_raise(vm, &rt_exc_TypeError,
                        "cannot use a str to initialize an array with typecode '%c'", d->code);
    if (init && is_array(init) && AR(init)->d->code == 'u' && d->code != 'u')
        return rt_raise(vm, &rt_exc_TypeError,
                        "cannot use a unicode array to initialize an array with typecode '%c'", d->code);
    Array *a = array_alloc(vm, type, d);
    if (!a)
        return VNULL;
    Value self = v_from(a);
    if (!init)
        return self;
    bool ok;
    if (v_is_str(init)) {
        ok = from_unicode(vm, a, init);
    } else if (is_array(init) && AR(init)->d == d) {
        ok = extend_array(vm, a, AR(init));
    } else if (v_is(init, &rt_bytes_type) || rt_is_bytearray(init)) {
        RtBuffer b;
        if (!rt_get_buffer(vm, init, &b, 0))
            return VNULL;
        ok = from_bytes(vm, a, b.ptr, b.len);
        rt_buffer_release(vm, &b);
    } else {
        ok = extend_iter(vm, a, init);
    }
    return ok ? self : VNULL;
}

static Value new_like(VM *vm, const ArrDescr *d, const uint8_t *p, size_t n)
{
    Array *a = array_alloc(vm, &array_type, d);
    if (!a || !array_resize(vm, a, n))
        return VNULL;
    if (n)
        memcpy(a->data, p, n * d->size);
    return v_from(a);
}

/* ---- sequence protocol --------------------------------------------------------------------- */

static int64_t array_len(VM *vm, Value v) { return (int64_t)AR(v)->len; }

static bool index_arg(VM *vm, Value key, int64_t *out)
{
    if (!rt_is_int(key) && (v_is_small(key) || !rt_lookup_type_attr(v_type(key), vm->names.__index__))) {
        rt_raise(vm, &rt_exc_TypeError, "array indices must be integers");
        return false;
    }
    return ct_index_value(vm, key, "array", out);
}

static Value array_getitem(VM *vm, Value v, Value key)
{
    Array *a = AR(v);
    size_t sz = a->d->size;
    if (v_is(key, &rt_slice_type)) {
        int64_t start, stop, step;
        int64_t n = rt_slice_indices(vm, key, (int64_t)a->len, &start, &stop, &step);
        if (n < 0)
            return VNULL;
        if (step == 1)
            return new_like(vm, a->d, a->data + start * sz, (size_t)n);
        Array *r = array_alloc(vm, &array_type, a->d);
        if (!r || !array_resize(vm, r, (size_t)n))
            return VNULL;
        for (int64_t i = 0, j = start; i < n; i++, j += step)
            memcpy(r->data + i * sz, a->data + j * sz, sz);
        return v_from(r);
    }
    int64_t i;
    if (!index_arg(vm, key, &i))
        return VNULL;
    if (i < 0)
        i += (int64_t)a->len;
    if (i < 0 || i >= (int64_t)a->len)
        return rt_raise(vm, &rt_exc_IndexError, "array index out of range");
    return get_item(vm, a->d, a->data + i * sz);
}

static int del_slice(VM *vm, Array *a, int64_t start, int64_t n, int64_t step)
{
    size_t sz = a->d->size;
    if (n <= 0)
        return 0;
    if (!check_resizable(vm, a))
        return -1;
    if (step < 0) {
        start += (n - 1) * step;
        step = -step;
    }
    /* Keep every item not at start + k*step for k < n. */
    size_t w = (size_t)start;
    for (size_t r = (size_t)start; r < a->len; r++) {
        if (r < (size_t)(start + n * step) && (r - (size_t)start) % (size_t)step == 0)
            continue;
        memmove(a->data + w * sz, a->data + r * sz, sz);
        w++;
    }
    return array_resize(vm, a, w) ? 0 : -1;
}

static int array_setitem(VM *vm, Value v, Value key, Value x)
{
    Array *a = AR(v);
    size_t sz = a->d->size;
    if (v_is(key, &rt_slice_type)) {
        int64_t start, stop, step;
        int64_t n = rt_slice_indices(vm, key, (int64_t)a->len, &start, &stop, &step);
        if (n < 0)
            return -1;
        if (!x)
            return del_slice(vm, a, start, n, step);
        if (!is_array(x)) {
            rt_raise(vm, &rt_exc_TypeError, "can only assign array (not \"%s\") to array slice",
                     rt_type_name(x));
            return -1;
        }
        Array *b = AR(x);
        if (b->d != a->d) {
            rt_raise(vm, &rt_exc_TypeError, "bad argument type for built-in operation");
            return -1;
        }
        size_t m = b->len;
        uint8_t *copy = malloc(m * sz + 1);
        if (!copy) {
            rt_no_memory(vm);
            return -1;
        }
        memcpy(copy, b->data, m * sz);
        int rc = 0;
        if (step == 1) {
            if (stop < start)
                stop = start;
            size_t tail = a->len - (size_t)stop, old = a->len;
            size_t newlen = old - (size_t)(stop - start) + m;
            if (newlen > old && !array_resize(vm, a, newlen))
                rc = -1;
            else if (newlen != old && !check_resizable(vm, a))
                rc = -1;
            if (rc == 0) {
                memmove(a->data + (start + m) * sz, a->data + stop * sz, tail * sz);
                memcpy(a->data + start * sz, copy, m * sz);
                if (newlen < old && !array_resize(vm, a, newlen))
                    rc = -1;
            }
        } else if ((int64_t)m != n) {
            rt_raise(vm, &rt_exc_ValueError,
                     "attempt to assign array of size %zu to extended slice of size %lld", m,
                     (long long)n);
            rc = -1;
        } else {
            for (int64_t i = 0, j = start; i < n; i++, j += step)
                memcpy(a->data + j * sz, copy + i * sz, sz);
        }
        free(copy);
        return rc;
    }
    int64_t i;
    if (!index_arg(vm, key, &i))
        return -1;
    if (i < 0)
        i += (int64_t)a->len;
    if (i < 0 || i >= (int64_t)a->len) {
        rt_raise(vm, &rt_exc_IndexError, "array assignment index out of range");
        return -1;
    }
    if (!x)
        return del_slice(vm, a, i, 1, 1);
    return set_item(vm, a->d, a->data + i * sz, x) ? 0 : -1;
}

static int array_contains(VM *vm, Value v, Value x)
{
    Array *a = AR(v);
    for (size_t i = 0; i < a->len; i++) {
        Value y = get_item(vm, a->d, a->data + i * a->d->size);
        if (!y)
            return -1;
        int eq = rt_eq(vm, y, x);
        if (eq != 0)
            return eq;
    }
    return 0;
}

static Value array_repr(VM *vm, Value v)
{
    Array *a = AR(v);
    const char *name = mp_type_short_name(v);
    if (a->len == 0)
        return rt_str_printf(vm, "%s('%c')", name, a->d->code);
    Value body = a->d->code == 'u' ? to_unicode(vm, a) : array_list(vm, a);
    Value r = body ? rt_repr(vm, body) : VNULL;
    if (!r)
        return VNULL;
    return rt_str_printf(vm, "%s('%c', %s)", name, a->d->code, v_cstr(r));
}

static Value array_richcompare(VM *vm, Value x, Value y, CmpOp op)
{
    if (!is_array(x) || !is_array(y))
        return rt_NotImplemented;
    Array *a = AR(x), *b = AR(y);
    if ((op == CMP_EQ || op == CMP_NE) && a->len != b->len)
        return rt_bool(op == CMP_NE);
    size_t i;
    for (i = 0; i < a->len && i < b->len; i++) {
        Value p = get_item(vm, a->d, a->data + i * a->d->size);
        Value q = p ? get_item(vm, b->d, b->data + i * b->d->size) : VNULL;
        if (!q)
            return VNULL;
        int eq = rt_eq(vm, p, q);
        if (eq < 0)
            return VNULL;
        if (!eq) {
            if (op == CMP_EQ)
                return rt_False;
            if (op == CMP_NE)
                return rt_True;
            return rt_compare(vm, p, q, op);
        }
    }
    int64_t la = (int64_t)a->len, lb = (int64_t)b->len;
    switch (op) {
    case CMP_LT: return rt_bool(la < lb);
    case CMP_LE: return rt_bool(la <= lb);
    case CMP_EQ: return rt_bool(la == lb);
    case CMP_NE: return rt_bool(la != lb);
    case CMP_GT: return rt_bool(la > lb);
    default: return rt_bool(la >= lb);
    }
}

static Value array_concat(VM *vm, Value x, Value y)
{
    if (!is_array(x))
        return rt_NotImplemented;
    if (!is_array(y))
        return rt_raise(vm, &rt_exc_TypeError, "can only append array (not \"%s\") to array",
                        rt_type_name(y));
    Array *a = AR(x), *b = AR(y);
    if (a->d != b->d)
        return rt_raise(vm, &rt_exc_TypeError, "bad argument type for built-in operation");
    Value r = new_like(vm, a->d, a->data, a->len);
    if (!r || !from_bytes(vm, AR(r), b->data, b->len * b->d->size))
        return VNULL;
    return r;
}

static Value array_iconcat(VM *vm, Value x, Value y)
{
    if (!is_array(y))
        return rt_raise(vm, &rt_exc_TypeError, "can only extend array with array (not \"%s\")",
                        rt_type_name(y));
    return extend_array(vm, AR(x), AR(y)) ? x : VNULL;
}

static bool repeat_into(VM *vm, Array *a, const uint8_t *src, size_t n, int64_t k)
{
    if (k < 0)
        k = 0;
    size_t sz = a->d->size;
    if (n && (uint64_t)k > (SIZE_MAX / 4) / (n * sz)) {
        rt_no_memory(vm);
        return false;
    }
    uint8_t *copy = malloc(n * sz + 1);
    if (!copy) {
        rt_no_memory(vm);
        return false;
    }
    memcpy(copy, src, n * sz);
    bool ok = array_resize(vm, a, n * (size_t)k);
    for (int64_t i = 0; ok && i < k; i++)
        memcpy(a->data + (size_t)i * n * sz, copy, n * sz);
    free(copy);
    return ok;
}

static Value array_repeat(VM *vm, Value x, Value y)
{
    Value self = is_array(x) ? x : y, other = self == x ? y : x;
    int64_t k;
    int r = ct_repeat_operand(vm, self, other, &k);
    if (r <= 0)
        return r == 0 ? rt_NotImplemented : VNULL;
    Array *a = AR(self);
    Array *n = array_alloc(vm, &array_type, a->d);
    if (!n || !repeat_into(vm, n, a->data, a->len, k))
        return VNULL;
    return v_from(n);
}

static Value array_irepeat(VM *vm, Value x, Value y)
{
    int64_t k;
    int r = ct_repeat_operand(vm, x, y, &k);
    if (r <= 0)
        return r == 0 ? rt_NotImplemented : VNULL;
    Array *a = AR(x);
    if (a->len == 0 || k == 1)
        return x;
    return repeat_into(vm, a, a->data, a->len, k) ? x : VNULL;
}

static bool array_getbuffer(VM *vm, Value v, RtBuffer *buf, int flags)
{
    Array *a = AR(v);
    static uint8_t empty[8];
    *buf = (RtBuffer){a->data ? a->data : empty, a->len * a->d->size, false, a->d->size,
                      a->d->format, v, NULL};
    if (flags & RT_BUF_EXPORT) {
        if (!a->exports) {
            if (!(a->exports = calloc(1, sizeof *a->exports))) {
                rt_no_memory(vm);
                return false;
            }
            a->exports->refs = 1; /* the array's own reference */
        }
        rt_exports_retain(a->exports);
        buf->exports = a->exports;
    }
    return true;
}

/* ---- iterator ---------------------------------------------------------------------------- */

typedef struct ArrayIter {
    Obj hdr;
    Value array; /* VNULL once exhausted */
    size_t index;
} ArrayIter;

static void arrayiter_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((ArrayIter *)o)->array); }

static Value arrayiter_next(VM *vm, Value self)
{
    ArrayIter *it = (ArrayIter *)v_obj(self);
    if (!it->array)
        return VNULL;
    Array *a = AR(it->array);
    if (it->index >= a->len) {
        it->array = VNULL;
        return VNULL;
    }
    return get_item(vm, a->d, a->data + it->index++ * a->d->size);
}

static Value array_iter(VM *vm, Value self)
{
    ArrayIter *it = rt_alloc(vm, &arrayiter_type, sizeof(ArrayIter));
    if (!it)
        return VNULL;
    it->array = self;
    it->index = 0;
    return v_from(it);
}

static Type arrayiter_type = {
    .name = "array.arrayiterator", .instance_size = sizeof(ArrayIter),
    .trace = arrayiter_trace, .iter = ct_iter_self, .next = arrayiter_next,
};

/* ---- methods ----------------------------------------------------------------------------- */

#define SELF AR(argv[0])

/* The wording of CPython's methods that take their defining class
 * (extend, fromfile, tofile, __reduce_ex__). */
static bool exact_positional(VM *vm, const char *name, int n, int want)
{
    if (n == want)
        return true;
    rt_raise(vm, &rt_exc_TypeError, "%s() takes exactly %d positional argument%s (%d given)", name,
             want, want == 1 ? "" : "s", n);
    return false;
}

static Value m_append(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_onearg(vm, "array.append", argc - 1))
        return VNULL;
    return array_append(vm, SELF, argv[1]) ? rt_None : VNULL;
}

static Value m_extend(VM *vm, int argc, Value *argv, Value kw)
{
    if (!exact_positional(vm, "extend", argc - 1, 1))
        return VNULL;
    Value x = argv[1];
    if (is_array(x))
        return extend_array(vm, SELF, AR(x)) ? rt_None : VNULL;
    return extend_iter(vm, SELF, x) ? rt_None : VNULL;
}

static Value m_insert(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_nargs(vm, "insert", argc - 1, 2, 2))
        return VNULL;
    Array *a = SELF;
    int64_t i;
    if (!ct_as_ssize(vm, argv[1], &i))
        return VNULL;
    uint8_t tmp[8];
    if (!set_item(vm, a->d, tmp, argv[2]))
        return VNULL;
    int64_t n = (int64_t)a->len;
    if (i < 0 && (i += n) < 0)
        i = 0;
    if (i > n)
        i = n;
    if (!array_resize(vm, a, a->len + 1))
        return VNULL;
    size_t sz = a->d->size;
    memmove(a->data + (i + 1) * sz, a->data + i * sz, (size_t)(n - i) * sz);
    memcpy(a->data + i * sz, tmp, sz);
    return rt_None;
}

static Value m_pop(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_nargs(vm, "pop", argc - 1, 0, 1))
        return VNULL;
    Array *a = SELF;
    int64_t i = -1;
    if (argc > 1 && !ct_as_ssize(vm, argv[1], &i))
        return VNULL;
    if (a->len == 0)
        return rt_raise(vm, &rt_exc_IndexError, "pop from empty array");
    if (i < 0)
        i += (int64_t)a->len;
    if (i < 0 || i >= (int64_t)a->len)
        return rt_raise(vm, &rt_exc_IndexError, "pop index out of range");
    Value x = get_item(vm, a->d, a->data + i * a->d->size);
    if (!x || del_slice(vm, a, i, 1, 1) < 0)
        return VNULL;
    return x;
}

/* First index of x in [start, stop), -1 if absent, -2 on error. */
static int64_t find(VM *vm, Array *a, Value x, int64_t start, int64_t stop)
{
    for (int64_t i = start; i < stop && i < (int64_t)a->len; i++) {
        Value y = get_item(vm, a->d, a->data + i * a->d->size);
        if (!y)
            return -2;
        int eq = rt_eq(vm, y, x);
        if (eq < 0)
            return -2;
        if (eq)
            return i;
    }
    return -1;
}

static Value m_remove(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_onearg(vm, "array.remove", argc - 1))
        return VNULL;
    int64_t i = find(vm, SELF, argv[1], 0, (int64_t)SELF->len);
    if (i == -2)
        return VNULL;
    if (i < 0)
        return rt_raise(vm, &rt_exc_ValueError, "array.remove(x): x not in array");
    return del_slice(vm, SELF, i, 1, 1) < 0 ? VNULL : rt_None;
}

static Value m_index(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_nargs(vm, "index", argc - 1, 1, 3))
        return VNULL;
    Array *a = SELF;
    int64_t n = (int64_t)a->len, start = 0, stop = INT64_MAX;
    if (argc > 2 && !ct_slice_arg(vm, argv[2], &start))
        return VNULL;
    if (argc > 3 && !ct_slice_arg(vm, argv[3], &stop))
        return VNULL;
    if (start < 0 && (start += n) < 0)
        start = 0;
    if (stop < 0 && (stop += n) < 0)
        stop = 0;
    int64_t i = find(vm, a, argv[1], start, stop);
    if (i == -2)
        return VNULL;
    if (i < 0)
        return rt_raise(vm, &rt_exc_ValueError, "array.index(x): x not in array");
    return rt_int_from_i64(vm, i);
}

static Value m_count(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_onearg(vm, "array.count", argc - 1))
        return VNULL;
    Array *a = SELF;
    int64_t c = 0;
    for (size_t i = 0; i < a->len; i++) {
        Value y = get_item(vm, a->d, a->data + i * a->d->size);
        int eq = y ? rt_eq(vm, y, argv[1]) : -1;
        if (eq < 0)
            return VNULL;
        c += eq;
    }
    return rt_int_from_i64(vm, c);
}

static Value m_reverse(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_noargs(vm, "array.reverse", argc - 1))
        return VNULL;
    Array *a = SELF;
    size_t sz = a->d->size;
    uint8_t tmp[8];
    for (size_t i = 0, j = a->len; i + 1 < j; i++, j--) {
        memcpy(tmp, a->data + i * sz, sz);
        memcpy(a->data + i * sz, a->data + (j - 1) * sz, sz);
        memcpy(a->data + (j - 1) * sz, tmp, sz);
    }
    return rt_None;
}

static Value m_byteswap(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_noargs(vm, "array.byteswap", argc - 1))
        return VNULL;
    Array *a = SELF;
    size_t sz = a->d->size;
    for (size_t i = 0; i < a->len; i++) {
        uint8_t *p = a->data + i * sz;
        for (size_t k = 0; k < sz / 2; k++) {
            uint8_t t = p[k];
            p[k] = p[sz - 1 - k];
            p[sz - 1 - k] = t;
        }
    }
    return rt_None;
}

static Value m_buffer_info(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_noargs(vm, "array.buffer_info", argc - 1))
        return VNULL;
    Array *a = SELF;
    return rt_tuple_pack(vm, 2, rt_int_from_u64(vm, (uint64_t)(uintptr_t)a->data),
                         rt_int_from_i64(vm, (int64_t)a->len));
}

static Value m_tobytes(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_noargs(vm, "array.tobytes", argc - 1))
        return VNULL;
    return rt_bytes_new(vm, SELF->data, SELF->len * SELF->d->size);
}

static Value m_frombytes(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_onearg(vm, "array.frombytes", argc - 1))
        return VNULL;
    RtBuffer b;
    if (!rt_get_buffer(vm, argv[1], &b, 0))
        return VNULL;
    if (b.itemsize != 1) {
        rt_buffer_release(vm, &b);
        return rt_raise(vm, &rt_exc_TypeError, "a bytes-like object is required");
    }
    bool ok = from_bytes(vm, SELF, b.ptr, b.len);
    rt_buffer_release(vm, &b);
    return ok ? rt_None : VNULL;
}

static Value m_tolist(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_noargs(vm, "array.tolist", argc - 1))
        return VNULL;
    return array_list(vm, SELF);
}

static Value m_fromlist(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_onearg(vm, "array.fromlist", argc - 1))
        return VNULL;
    Value l = argv[1];
    if (!rt_isinstance_type(l, &rt_list_type))
        return rt_raise(vm, &rt_exc_TypeError, "arg must be list");
    Array *a = SELF;
    size_t old = a->len, n = v_list(l)->len;
    if (!array_resize(vm, a, old + n))
        return VNULL;
    for (size_t i = 0; i < n; i++) {
        if (i >= v_list(l)->len || !set_item(vm, a->d, a->data + (old + i) * a->d->size, v_list(l)->items[i])) {
            if (!vm->exc)
                rt_raise(vm, &rt_exc_RuntimeError, "list changed size during iteration");
            Value pending = vm->exc;
            vm->exc = VNULL;
            array_resize(vm, a, old);
            vm->exc = pending;
            return VNULL;
        }
    }
    return rt_None;
}

static Value m_fromunicode(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_onearg(vm, "array.fromunicode", argc - 1))
        return VNULL;
    if (!v_is_str(argv[1]))
        return rt_raise(vm, &rt_exc_TypeError, "fromunicode() argument must be str, not %s",
                        rt_type_name(argv[1]));
    if (SELF->d->code != 'u')
        return rt_raise(vm, &rt_exc_ValueError,
                        "fromunicode() may only be called on unicode type arrays");
    return from_unicode(vm, SELF, argv[1]) ? rt_None : VNULL;
}

static Value m_tounicode(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_noargs(vm, "array.tounicode", argc - 1))
        return VNULL;
    if (SELF->d->code != 'u')
        return rt_raise(vm, &rt_exc_ValueError,
                        "tounicode() may only be called on unicode type arrays");
    return to_unicode(vm, SELF);
}

static Value m_fromfile(VM *vm, int argc, Value *argv, Value kw)
{
    if (!exact_positional(vm, "fromfile", argc - 1, 2))
        return VNULL;
    Array *a = SELF;
    int64_t n;
    if (!ct_as_ssize(vm, argv[2], &n))
        return VNULL;
    if (n < 0)
        return rt_raise(vm, &rt_exc_ValueError, "negative count");
    Value nb = rt_int_from_i64(vm, n * (int64_t)a->d->size);
    Value b = nb ? rt_call_method(vm, argv[1], "read", 1, &nb) : VNULL;
    if (!b)
        return VNULL;
    if (!v_is(b, &rt_bytes_type))
        return rt_raise(vm, &rt_exc_TypeError, "read() didn't return bytes");
    size_t len = rt_bytes_view(b).len, full = len - len % a->d->size;
    if (!from_bytes(vm, a, rt_bytes_view(b).data, full))
        return VNULL;
    if ((int64_t)len != n * (int64_t)a->d->size)
        return rt_raise(vm, &rt_exc_EOFError, "read() didn't return enough bytes");
    return rt_None;
}

static Value m_tofile(VM *vm, int argc, Value *argv, Value kw)
{
    if (!exact_positional(vm, "tofile", argc - 1, 1))
        return VNULL;
    Array *a = SELF;
    /* CPython writes in blocks of 64 KiB. */
    size_t total = a->len * a->d->size, block = 64 * 1024;
    for (size_t off = 0; off < total; off += block) {
        size_t k = total - off < block ? total - off : block;
        Value b = rt_bytes_new(vm, a->data + off, k);
        if (!b || !rt_call_method(vm, argv[1], "write", 1, &b))
            return VNULL;
    }
    return rt_None;
}

static Value m_copy(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_noargs(vm, "array.__copy__", argc - 1))
        return VNULL;
    return new_like(vm, SELF->d, SELF->data, SELF->len);
}

static Value m_deepcopy(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_onearg(vm, "array.__deepcopy__", argc - 1))
        return VNULL;
    return new_like(vm, SELF->d, SELF->data, SELF->len);
}

static Value m_reduce_ex(VM *vm, int argc, Value *argv, Value kw)
{
    if (!exact_positional(vm, "__reduce_ex__", argc - 1, 1))
        return VNULL;
    Array *a = SELF;
    int64_t proto;
    if (!ct_as_ssize(vm, argv[1], &proto))
        return VNULL;
    Value dict = rt_getattr_opt(vm, argv[0], vm->names.__dict__);
    if (!dict) {
        if (vm->exc)
            return VNULL;
        dict = rt_None;
    }
    Value type = v_from(v_type(argv[0]));
    Value code = rt_str_char(vm, (uint32_t)a->d->code);
    if (!code)
        return VNULL;
    if (proto < 3) {
        Value l = array_list(vm, a);
        Value args = l ? rt_tuple_pack(vm, 2, code, l) : VNULL;
        return args ? rt_tuple_pack(vm, 3, type, args, dict) : VNULL;
    }
    Value mod = mp_native_module(vm, "array");
    Value recon = mod ? rt_getattr(vm, mod, rt_str_intern_cstr(vm, "_array_reconstructor")) : VNULL;
    Value bytes = recon ? rt_bytes_new(vm, a->data, a->len * a->d->size) : VNULL;
    Value args = bytes ? rt_tuple_pack(vm, 4, type, code, v_from_small(a->d->mformat), bytes) : VNULL;
    return args ? rt_tuple_pack(vm, 3, recon, args, dict) : VNULL;
}

static Value get_typecode(VM *vm, Value self) { return rt_str_char(vm, (uint32_t)AR(self)->d->code); }
static Value get_itemsize(VM *vm, Value self) { return v_from_small(AR(self)->d->size); }

static const NativeDef array_methods[] = {
    {"append", m_append, 0},
    {"buffer_info", m_buffer_info, 0},
    {"byteswap", m_byteswap, 0},
    {"count", m_count, 0},
    {"extend", m_extend, 0},
    {"frombytes", m_frombytes, 0},
    {"fromfile", m_fromfile, 0},
    {"fromlist", m_fromlist, 0},
    {"fromunicode", m_fromunicode, 0},
    {"index", m_index, 0},
    {"insert", m_insert, 0},
    {"pop", m_pop, 0},
    {"remove", m_remove, 0},
    {"reverse", m_reverse, 0},
    {"tobytes", m_tobytes, 0},
    {"tofile", m_tofile, 0},
    {"tolist", m_tolist, 0},
    {"tounicode", m_tounicode, 0},
    {"__copy__", m_copy, 0},
    {"__deepcopy__", m_deepcopy, 0},
    {"__reduce_ex__", m_reduce_ex, 0},
    {NULL, NULL, 0},
};

static const GetSetDef array_getsets[] = {
    {"typecode", get_typecode, NULL},
    {"itemsize", get_itemsize, NULL},
    {NULL, NULL, NULL},
};

static Type array_type = {
    .name = "array.array", .instance_size = sizeof(Array), .finalize = array_finalize,
    .repr = array_repr, .richcompare = array_richcompare, .iter = array_iter,
    .getitem = array_getitem, .setitem = array_setitem, .len = array_len,
    .contains = array_contains, .new = array_new, .flags = TF_BASETYPE,
    .getbuffer = array_getbuffer,
    .binop = {[BIN_ADD] = array_concat, [BIN_MUL] = array_repeat},
    .inplace = {[BIN_ADD] = array_iconcat, [BIN_MUL] = array_irepeat},
};

/* ---- _array_reconstructor ------------------------------------------------------------------ */

/* One item of machine format code mf (CPython's enum machine_format_code)
 * at p, as a Python value. */
static Value decode_mformat(VM *vm, int mf, const uint8_t *p, size_t size)
{
    bool big = mf % 2 == 1 && mf >= 2;
    uint8_t b[8];
    for (size_t i = 0; i < size; i++)
        b[i] = p[big ? size - 1 - i : i];
    if (mf >= 14 && mf <= 17) {
        if (size == 4) {
            float f;
            memcpy(&f, b, 4);
            return rt_float_new(vm, f);
        }
        double d;
        memcpy(&d, b, 8);
        return rt_float_new(vm, d);
    }
    uint64_t u = 0;
    for (size_t i = 0; i < size; i++)
        u |= (uint64_t)b[i] << (8 * i);
    bool is_signed = mf <= 1 ? mf == 1 : ((mf - 2) / 2) % 2 == 1;
    if (is_signed && size < 8 && (u >> (8 * size - 1)) & 1)
        u |= ~(uint64_t)0 << (8 * size);
    return is_signed ? rt_int_from_i64(vm, (int64_t)u) : rt_int_from_u64(vm, u);
}

/* UTF-16/32 text (machine formats 18-21) as a str; a lone surrogate is
 * kept as its code point, as CPython's surrogatepass does for 'u' arrays. */
static Value decode_utf(VM *vm, int mf, const uint8_t *p, size_t n)
{
    bool big = mf % 2 == 1;
    size_t w = mf < 20 ? 2 : 4;
    StrBuf b;
    sb_init(&b);
    for (size_t i = 0; i + w <= n; i += w) {
        uint32_t c = 0;
        for (size_t k = 0; k < w; k++)
            c |= (uint32_t)p[i + (big ? w - 1 - k : k)] << (8 * k);
        if (w == 2 && c >= 0xD800 && c < 0xDC00 && i + 4 <= n) {
            uint32_t lo = big ? (uint32_t)p[i + 2] << 8 | p[i + 3] : (uint32_t)p[i + 3] << 8 | p[i + 2];
            if (lo >= 0xDC00 && lo < 0xE000) {
                c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        if (c > 0x10FFFF) {
            sb_free(&b);
            return rt_raise(vm, &rt_exc_ValueError,
                            "character U+%x is not in range [U+0000; U+10ffff]", c);
        }
        char out[4];
        if (!sb_add(vm, &b, out, rt_utf8_encode(c, out))) {
            sb_free(&b);
            return VNULL;
        }
    }
    return sb_finish(vm, &b);
}

static size_t mformat_size(int mf)
{
    static const uint8_t sizes[] = {1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 8, 8, 8, 8, 4, 4, 8, 8, 2, 2, 4, 4};
    return sizes[mf];
}

static Value array_reconstructor(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_nargs(vm, "_array_reconstructor", argc, 4, 4))
        return VNULL;
    Value type = argv[0], items = argv[3];
    if (!rt_is_type(type))
        return rt_raise(vm, &rt_exc_TypeError, "first argument must be a type object, not %s",
                        rt_type_name(type));
    if (!rt_is_subtype((Type *)v_obj(type), &array_type))
        return rt_raise(vm, &rt_exc_TypeError, "%s is not a subtype of array.array",
                        ((Type *)v_obj(type))->name);
    if (!v_is_str(argv[1]) || v_str(argv[1])->nchars != 1)
        return rt_raise(vm, &rt_exc_TypeError,
                        "_array_reconstructor() argument 2 must be a unicode character, not %s",
                        rt_type_name(argv[1]));
    uint32_t cp = 0;
    rt_utf8_decode(v_str(argv[1])->data, v_str(argv[1])->len, &cp);
    const ArrDescr *d = find_descr(cp);
    if (!d)
        return rt_raise(vm, &rt_exc_ValueError, "second argument must be a valid type code");
    int64_t mf;
    if (!ct_as_ssize(vm, argv[2], &mf))
        return VNULL;
    if (mf < 0 || mf > 21)
        return rt_raise(vm, &rt_exc_ValueError, "third argument must be a valid machine format code.");
    if (!v_is(items, &rt_bytes_type))
        return rt_raise(vm, &rt_exc_TypeError, "fourth argument should be bytes, not %s",
                        rt_type_name(items));
    BView bv = rt_bytes_view(items);
    Value args[2] = {argv[1], VNULL};
    if (mf == d->mformat) {
        Value r = rt_call(vm, type, 1, args, VNULL);
        if (!r)
            return VNULL;
        if (!is_array(r))
            return r;
        return from_bytes(vm, AR(r), bv.data, bv.len) ? r : VNULL;
    }
    size_t size = mformat_size((int)mf);
    if (bv.len % size)
        return rt_raise(vm, &rt_exc_ValueError, "string length not a multiple of item size");
    Value l;
    if (mf >= 18) {
        l = decode_utf(vm, (int)mf, bv.data, bv.len);
    } else {
        l = rt_list_new(vm, bv.len / size);
        for (size_t i = 0; l && i < bv.len / size; i++) {
            Value x = decode_mformat(vm, (int)mf, bv.data + i * size, size);
            if (!x || !rt_list_append(vm, l, x))
                return VNULL;
        }
    }
    if (!l)
        return VNULL;
    /* CPython rebuilds integers with the (last) typecode of the format's
     * size and signedness, text as 'u', floats with the typecode given. */
    if (mf >= 18) {
        args[0] = rt_str_char(vm, 'u');
    } else if (mf < 14) {
        bool is_signed = mf <= 1 ? mf == 1 : ((mf - 2) / 2) % 2 == 1;
        for (size_t i = 0; i < NDESCRS; i++)
            if (descrs[i].kind == (is_signed ? 'i' : 'u') && descrs[i].size == size)
                args[0] = rt_str_char(vm, (uint32_t)descrs[i].code);
    }
    if (!args[0])
        return VNULL;
    args[1] = l;
    return rt_call(vm, type, 2, args, VNULL);
}

static const NativeDef array_functions[] = {
    {"_array_reconstructor", array_reconstructor, 0},
    {NULL, NULL, 0},
};

Value mp_array_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "array", &d);
    bool first = !array_type.dict;
    if (!m || !mp_type_ready(vm, &array_type, d) || !mp_type_ready(vm, &arrayiter_type, NULL) ||
        !rt_add_functions(vm, d, array_functions, rt_str_intern_cstr(vm, "array")))
        return VNULL;
    if (first && (!rt_add_methods(vm, &array_type, array_methods) ||
                  !rt_add_getsets(vm, &array_type, array_getsets)))
        return VNULL;
    Value codes = rt_str_from_cstr(vm, "bBuhHiIlLqQfd");
    if (!codes || !rt_dict_set_cstr(vm, d, "typecodes", codes) ||
        !rt_dict_set_cstr(vm, d, "ArrayType", v_from(&array_type)))
        return VNULL;
    return m;
}
