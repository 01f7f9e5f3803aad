/* runtime/bytearray.c — the mutable byte string.  Every read-only method is
 * bytes' own (runtime/bytes.c works on a view of either type and makes its
 * results of the receiver's type); this file adds storage, the mutating
 * methods and item/slice assignment.  Memory stays put while a memoryview
 * holds an export (buffer.h), as CPython's ob_exports.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/callable.h"
#include "runtime/containers_int.h"
#include "runtime/buffer.h"

static void ba_finalize(VM *vm, Obj *o)
{
    ByteArray *a = (ByteArray *)o;
    free(a->data);
    a->data = NULL;
    rt_exports_unref(a->exports);
    a->exports = NULL;
    a->len = a->cap = 0;
}

/* Capacity for n bytes plus the NUL; CPython-like over-allocation on growth. */
static bool ba_reserve(VM *vm, ByteArray *a, size_t n)
{
    if (n + 1 <= a->cap)
        return true;
    size_t cap = n + 1 + (a->len ? (n >> 3) + 8 : 0);
    uint8_t *d = realloc(a->data, cap);
    if (!d) {
        rt_no_memory(vm);
        return false;
    }
    a->data = d;
    a->cap = cap;
    return true;
}

Value rt_bytearray_new(VM *vm, const uint8_t *data, size_t len)
{
    ByteArray *a = rt_alloc(vm, &rt_bytearray_type, sizeof(ByteArray));
    if (!a)
        return VNULL;
    a->len = a->cap = 0;
    a->data = NULL;
    a->exports = NULL;
    if (!ba_reserve(vm, a, len))
        return VNULL;
    if (len) {
        if (data)
            memcpy(a->data, data, len);
        else
            memset(a->data, 0, len);
    }
    a->len = len;
    a->data[len] = 0;
    return v_from(a);
}

/* Views nobody references any more still hold their export until the
 * collector finalizes them (CPython frees them at once by refcounting):
 * collect before refusing, so only live views block a resize. */
static bool check_exports(VM *vm, ByteArray *a)
{
    if (a->exports && a->exports->count > 0)
        rt_gc_collect(vm);
    if (a->exports && a->exports->count > 0) {
        rt_raise(vm, &rt_exc_BufferError, "Existing exports of data: object cannot be re-sized");
        return false;
    }
    return true;
}

bool rt_bytearray_resize(VM *vm, Value v, size_t len)
{
    ByteArray *a = v_bytearray(v);
    if (len == a->len)
        return true;
    if (!check_exports(vm, a) || !ba_reserve(vm, a, len))
        return false;
    if (len > a->len)
        memset(a->data + a->len, 0, len - a->len);
    a->len = len;
    a->data[len] = 0;
    return true;
}

/* Replace a[lo:hi] by n bytes from src (src may point into a itself). */
static bool ba_splice(VM *vm, Value v, size_t lo, size_t hi, const uint8_t *src, size_t n)
{
    ByteArray *a = v_bytearray(v);
    size_t old = hi - lo;
    if (n != old && !check_exports(vm, a))
        return false;
    uint8_t *tmp = NULL;
    if (n && src >= a->data && src < a->data + a->cap) { /* self-assignment: copy first */
        if (!(tmp = malloc(n)))
            return rt_no_memory(vm), false;
        memcpy(tmp, src, n);
        src = tmp;
    }
    size_t tail = a->len - hi;
    if (n > old && !ba_reserve(vm, a, a->len + (n - old))) {
        free(tmp);
        return false;
    }
    memmove(a->data + lo + n, a->data + hi, tail);
    if (n)
        memcpy(a->data + lo, src, n);
    a->len = lo + n + tail;
    a->data[a->len] = 0;
    free(tmp);
    return true;
}

/* ---- slots ----------------------------------------------------------------------- */

static Value ba_repr(VM *vm, Value v)
{
    const char *tn = rt_type_name(v);
    size_t n = strlen(tn);
    char prefix[128];
    if (n > sizeof prefix - 2)
        n = sizeof prefix - 2;
    memcpy(prefix, tn, n);
    prefix[n] = '(';
    prefix[n + 1] = 0;
    ByteArray *a = v_bytearray(v);
    return rt_bytes_repr_data(vm, a->data, a->len, prefix, ")");
}

static Value ba_richcompare(VM *vm, Value a, Value b, CmpOp op) { return rt_bytes_like_compare(vm, a, b, op); }

static int64_t ba_len(VM *vm, Value v) { return (int64_t)v_bytearray(v)->len; }

static bool byte_value(VM *vm, Value x, uint8_t *out)
{
    if (!rt_is_int(x) && (v_is_small(x) || !rt_lookup_type_attr(v_type(x), vm->names.__index__))) {
        rt_raise(vm, &rt_exc_TypeError, "'%s' object cannot be interpreted as an integer", rt_type_name(x));
        return false;
    }
    Value iv = rt_index(vm, x);
    int64_t c;
    if (!iv)
        return false;
    if (!rt_as_i64(vm, iv, &c) || c < 0 || c > 255) {
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_ValueError, "byte must be in range(0, 256)");
        return false;
    }
    *out = (uint8_t)c;
    return true;
}

static const char ASSIGN_MSG[] = "can assign only bytes, buffers, or iterables of ints in range(0, 256)";

/* The bytes of a slice assignment's right-hand side, malloc'd. */
static bool assigned_bytes(VM *vm, Value x, uint8_t **out, size_t *n)
{
    if (rt_is_int(x) || v_is_str(x) || (!rt_has_buffer(x) && !v_type(x)->iter && !v_type(x)->getitem)) {
        rt_raise(vm, &rt_exc_TypeError, ASSIGN_MSG);
        return false;
    }
    return rt_bytes_from_object(vm, x, out, n, "bytearray");
}

static int ba_del_slice(VM *vm, Value v, int64_t start, int64_t step, int64_t n)
{
    ByteArray *a = v_bytearray(v);
    if (n <= 0)
        return 0;
    if (!check_exports(vm, a))
        return -1;
    if (step < 0) {
        start = start + (n - 1) * step;
        step = -step;
    }
    size_t dst = (size_t)start;
    int64_t removed = 0;
    for (size_t src = (size_t)start; src < a->len; src++) {
        if (removed < n && src == (size_t)(start + removed * step)) {
            removed++;
            continue;
        }
        a->data[dst++] = a->data[src];
    }
    a->len = dst;
    a->data[dst] = 0;
    return 0;
}

static int ba_assign_slice(VM *vm, Value v, Value slice, Value x)
{
    int64_t start, stop, step;
    int64_t n = rt_slice_indices(vm, slice, (int64_t)v_bytearray(v)->len, &start, &stop, &step);
    if (n < 0)
        return -1;
    if (x == VNULL)
        return ba_del_slice(vm, v, start, step, n);
    uint8_t *src;
    size_t m;
    if (!assigned_bytes(vm, x, &src, &m))
        return -1;
    int rc = 0;
    ByteArray *a = v_bytearray(v);
    if (step == 1) {
        if (stop < start)
            stop = start;
        if ((size_t)stop > a->len) /* the right-hand side's code may have shrunk it */
            stop = (int64_t)a->len;
        if ((size_t)start > a->len)
            start = stop;
        rc = ba_splice(vm, v, (size_t)start, (size_t)stop, src, m) ? 0 : -1;
    } else if (m == 0) { /* CPython's quirk: an empty value deletes an extended slice */
        rc = ba_del_slice(vm, v, start, step, n);
    } else if ((int64_t)m != n) {
        rt_raise(vm, &rt_exc_ValueError, "attempt to assign bytes of size %zu to extended slice of size %lld", m,
                 (long long)n);
        rc = -1;
    } else {
        for (int64_t i = 0, j = start; i < n && (size_t)j < a->len; i++, j += step)
            a->data[j] = src[i];
    }
    free(src);
    return rc;
}

static int ba_setitem(VM *vm, Value v, Value key, Value x)
{
    if (v_is(key, &rt_slice_type))
        return ba_assign_slice(vm, v, key, x);
    if (!rt_is_int(key) && (v_is_small(key) || !rt_lookup_type_attr(v_type(key), vm->names.__index__))) {
        rt_raise(vm, &rt_exc_TypeError, "bytearray indices must be integers or slices, not %s", rt_type_name(key));
        return -1;
    }
    int64_t i;
    if (!ct_index_value(vm, key, "bytearray", &i))
        return -1;
    uint8_t c = 0;
    if (x && !byte_value(vm, x, &c))
        return -1;
    ByteArray *a = v_bytearray(v);
    if (i < 0)
        i += (int64_t)a->len;
    if (i < 0 || i >= (int64_t)a->len) {
        rt_raise(vm, &rt_exc_IndexError, "bytearray index out of range");
        return -1;
    }
    if (x) {
        a->data[i] = c;
        return 0;
    }
    return ba_splice(vm, v, (size_t)i, (size_t)i + 1, NULL, 0) ? 0 : -1;
}

static bool ba_extend(VM *vm, Value v, Value x)
{
    if (!rt_has_buffer(x) && (v_is_small(x) || (!v_type(x)->iter && !v_type(x)->getitem))) {
        rt_raise(vm, &rt_exc_TypeError, "can't extend bytearray with %s", rt_type_name(x));
        return false;
    }
    uint8_t *src;
    size_t m;
    if (!rt_bytes_from_object(vm, x, &src, &m, "bytearray"))
        return false;
    size_t end = v_bytearray(v)->len;
    bool ok = ba_splice(vm, v, end, end, src, m);
    free(src);
    return ok;
}

static Value ba_iadd(VM *vm, Value a, Value b)
{
    if (!rt_has_buffer(b))
        return rt_raise(vm, &rt_exc_TypeError, "can't concat %s to bytearray", rt_type_name(b));
    return ba_extend(vm, a, b) ? a : VNULL;
}

static Value ba_imul(VM *vm, Value a, Value b)
{
    if (!rt_is_int(b) && (v_is_small(b) || !rt_lookup_type_attr(v_type(b), vm->names.__index__)))
        return rt_raise(vm, &rt_exc_TypeError, "can't multiply sequence by non-int of type '%s'", rt_type_name(b));
    Value iv = rt_index(vm, b);
    int64_t k;
    if (!iv || !rt_as_i64(vm, iv, &k))
        return VNULL;
    ByteArray *x = v_bytearray(a);
    size_t n = x->len;
    if (k <= 0 || n == 0)
        return rt_bytearray_resize(vm, a, 0) ? a : VNULL;
    if ((uint64_t)k > ((uint64_t)1 << 40) / n)
        return rt_no_memory(vm);
    if (!rt_bytearray_resize(vm, a, n * (size_t)k))
        return VNULL;
    for (int64_t i = 1; i < k; i++)
        memcpy(x->data + (size_t)i * n, x->data, n);
    return a;
}

static bool ba_getbuffer(VM *vm, Value v, RtBuffer *buf, int flags)
{
    ByteArray *a = v_bytearray(v);
    *buf = (RtBuffer){a->data ? a->data : (uint8_t *)"", a->len, false, 1, "B", v, NULL};
    if (flags & RT_BUF_EXPORT) {
        if (!a->exports) {
            if (!(a->exports = calloc(1, sizeof *a->exports))) {
                rt_no_memory(vm);
                return false;
            }
            a->exports->refs = 1; /* the bytearray's own reference */
        }
        rt_exports_retain(a->exports);
        buf->exports = a->exports;
    }
    return true;
}

/* The contents bytearray(...) makes of its arguments (a new bytearray). */
static Value ba_from_args(VM *vm, int argc, Value *argv, Value kwnames);

/* A subclass with its own __init__ gets its contents there (CPython's
 * bytearray.__new__ ignores its arguments; __init__ fills the object). */
static Value ba_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (type != &rt_bytearray_type) {
        Value init = rt_lookup_type_attr(type, vm->names.__init__);
        if (init && !v_is(init, &rt_native_type))
            return rt_bytearray_new(vm, NULL, 0);
    }
    return ba_from_args(vm, argc, argv, kwnames);
}

/* bytearray.__init__(self, source=..., encoding=..., errors=...): replaces the contents. */
static Value m_init(VM *vm, int argc, Value *argv, Value kwnames)
{
    Value src = ba_from_args(vm, argc - 1, argv + 1, kwnames);
    if (!src)
        return VNULL;
    size_t n = v_bytearray(src)->len;
    if (!rt_bytearray_resize(vm, argv[0], n))
        return VNULL;
    if (n)
        memcpy(v_bytearray(argv[0])->data, v_bytearray(src)->data, n);
    return rt_None;
}

/* bytearray(), bytearray(n), bytearray(iterable_of_ints), bytearray(buffer),
 * bytearray(str, encoding[, errors]) */
static Value ba_from_args(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"source", "encoding", "errors", NULL};
    Value a[3];
    if (!rt_parse_args(vm, "bytearray", argc, argv, kwnames, names, 0, 0, a))
        return VNULL;
    Value x = a[0];
    if (!x) {
        if (a[1] || a[2])
            return rt_raise(vm, &rt_exc_TypeError,
                            a[1] ? "encoding without a string argument" : "errors without a string argument");
        return rt_bytearray_new(vm, NULL, 0);
    }
    if (v_is_str(x)) {
        if (!a[1])
            return rt_raise(vm, &rt_exc_TypeError, "string argument without an encoding");
        if (!v_is_str(a[1]))
            return rt_raise(vm, &rt_exc_TypeError, "bytearray() argument 'encoding' must be str, not %s",
                            rt_type_name(a[1]));
        if (a[2] && !v_is_str(a[2]))
            return rt_raise(vm, &rt_exc_TypeError, "bytearray() argument 'errors' must be str, not %s",
                            rt_type_name(a[2]));
        Value b = rt_str_encode(vm, x, v_cstr(a[1]), a[2] ? v_cstr(a[2]) : "strict");
        if (!b)
            return VNULL;
        BView bv = rt_bytes_view(b);
        return rt_bytearray_new(vm, bv.data, bv.len);
    }
    if (a[1] || a[2])
        return rt_raise(vm, &rt_exc_TypeError,
                        a[1] ? "encoding without a string argument" : "errors without a string argument");
    uint8_t *data;
    size_t n;
    if (!rt_bytes_from_object(vm, x, &data, &n, "bytearray"))
        return VNULL;
    Value r = rt_bytearray_new(vm, data, n);
    free(data);
    return r;
}

/* ---- methods ------------------------------------------------------------------------ */

static Value m_append(VM *vm, int argc, Value *argv, Value kw)
{
    uint8_t c;
    if (!ct_onearg(vm, "bytearray.append", argc - 1) || !byte_value(vm, argv[1], &c))
        return VNULL;
    size_t end = v_bytearray(argv[0])->len;
    return ba_splice(vm, argv[0], end, end, &c, 1) ? rt_None : VNULL;
}

static Value m_extend(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_onearg(vm, "bytearray.extend", argc - 1))
        return VNULL;
    return ba_extend(vm, argv[0], argv[1]) ? rt_None : VNULL;
}

static Value m_insert(VM *vm, int argc, Value *argv, Value kw)
{
    int64_t i;
    uint8_t c;
    if (!rt_check_nargs(vm, "insert", argc - 1, 2, 2) || !ct_index_value(vm, argv[1], "bytearray", &i) ||
        !byte_value(vm, argv[2], &c))
        return VNULL;
    int64_t n = (int64_t)v_bytearray(argv[0])->len;
    if (i < 0)
        i = i + n < 0 ? 0 : i + n;
    if (i > n)
        i = n;
    return ba_splice(vm, argv[0], (size_t)i, (size_t)i, &c, 1) ? rt_None : VNULL;
}

static Value m_pop(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_nargs(vm, "pop", argc - 1, 0, 1))
        return VNULL;
    int64_t i = -1;
    if (argc > 1 && !ct_index_value(vm, argv[1], "bytearray", &i))
        return VNULL;
    ByteArray *a = v_bytearray(argv[0]);
    if (a->len == 0)
        return rt_raise(vm, &rt_exc_IndexError, "pop from empty bytearray");
    if (i < 0)
        i += (int64_t)a->len;
    if (i < 0 || i >= (int64_t)a->len)
        return rt_raise(vm, &rt_exc_IndexError, "pop index out of range");
    uint8_t c = a->data[i];
    return ba_splice(vm, argv[0], (size_t)i, (size_t)i + 1, NULL, 0) ? v_from_small(c) : VNULL;
}

static Value m_remove(VM *vm, int argc, Value *argv, Value kw)
{
    uint8_t c;
    if (!ct_onearg(vm, "bytearray.remove", argc - 1) || !byte_value(vm, argv[1], &c))
        return VNULL;
    ByteArray *a = v_bytearray(argv[0]);
    const uint8_t *f = a->len ? memchr(a->data, c, a->len) : NULL;
    if (!f)
        return rt_raise(vm, &rt_exc_ValueError, "value not found in bytearray");
    size_t i = (size_t)(f - a->data);
    return ba_splice(vm, argv[0], i, i + 1, NULL, 0) ? rt_None : VNULL;
}

static Value m_reverse(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_noargs(vm, "bytearray.reverse", argc - 1))
        return VNULL;
    ByteArray *a = v_bytearray(argv[0]);
    for (size_t i = 0, j = a->len; i + 1 < j; i++, j--) {
        uint8_t t = a->data[i];
        a->data[i] = a->data[j - 1];
        a->data[j - 1] = t;
    }
    return rt_None;
}

static Value m_clear(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_noargs(vm, "bytearray.clear", argc - 1))
        return VNULL;
    return rt_bytearray_resize(vm, argv[0], 0) ? rt_None : VNULL;
}

static Value m_copy(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_noargs(vm, "bytearray.copy", argc - 1))
        return VNULL;
    ByteArray *a = v_bytearray(argv[0]);
    return rt_bytearray_new(vm, a->data, a->len);
}

static Value m_alloc(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_noargs(vm, "bytearray.__alloc__", argc - 1))
        return VNULL;
    return v_from_small((int64_t)v_bytearray(argv[0])->cap);
}

static const NativeDef ba_methods[] = {
    {"append", m_append, 0},
    {"extend", m_extend, 0},
    {"insert", m_insert, 0},
    {"pop", m_pop, 0},
    {"remove", m_remove, 0},
    {"reverse", m_reverse, 0},
    {"clear", m_clear, 0},
    {"copy", m_copy, 0},
    {"__alloc__", m_alloc, 0},
    {"__init__", m_init, NF_KEYWORDS},
    {NULL, NULL, 0},
};

Type rt_bytearray_type = {
    .name = "bytearray",
    .instance_size = sizeof(ByteArray),
    .finalize = ba_finalize,
    .repr = ba_repr,
    .richcompare = ba_richcompare,
    .iter = rt_bytes_like_iter,
    .getitem = rt_bytes_like_getitem,
    .setitem = ba_setitem,
    .len = ba_len,
    .contains = rt_bytes_like_contains,
    .binop = {[BIN_ADD] = rt_bytes_like_add, [BIN_MUL] = rt_bytes_like_mul, [BIN_MOD] = rt_bytes_like_mod},
    .inplace = {[BIN_ADD] = ba_iadd, [BIN_MUL] = ba_imul},
    .new = ba_new,
    .getbuffer = ba_getbuffer,
};

bool rt_bytearray_init(VM *vm)
{
    rt_bytearray_type.flags |= TF_BASETYPE;
    return rt_type_ready(vm, &rt_bytearray_type) && rt_add_methods(vm, &rt_bytearray_type, rt_bytes_shared_methods) &&
           rt_add_methods(vm, &rt_bytearray_type, ba_methods);
}
