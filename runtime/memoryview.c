/* runtime/memoryview.c — memoryview: a one-dimensional, possibly strided
 * window on another object's buffer (runtime/buffer.h), without copying.
 * Each view holds its own lasting export of the underlying buffer, so a
 * bytearray cannot be resized while any view (or slice of one) is alive and
 * unreleased.  Item formats are the struct module's native single
 * characters; multi-dimensional casts are refused with NotImplementedError.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/callable.h"
#include "runtime/containers_int.h"
#include "runtime/buffer.h"

typedef struct MemoryView {
    Obj hdr;
    Value obj;          /* the exporter (memoryview.obj) */
    RtBuffer buf;       /* the lasting export of obj's whole buffer */
    uint8_t *start;     /* the first item */
    int64_t n;          /* items (shape[0]); ndim is 0 when scalar */
    int64_t stride;     /* bytes from one item to the next (negative: reversed) */
    uint32_t itemsize;
    char format[2];     /* one struct-module character */
    uint8_t ndim;
    bool readonly, released;
} MemoryView;

static inline MemoryView *v_mv(Value v) { return (MemoryView *)v_obj(v); }

static void mv_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((MemoryView *)o)->obj); }

static void mv_finalize(VM *vm, Obj *o)
{
    MemoryView *m = (MemoryView *)o;
    if (!m->released) {
        m->released = true;
        rt_buffer_release(vm, &m->buf);
    }
}

static bool alive(VM *vm, MemoryView *m)
{
    if (m->released) {
        rt_raise(vm, &rt_exc_ValueError, "operation forbidden on released memoryview object");
        return false;
    }
    return true;
}

/* As CPython sets its flags at creation: one item, or items back to back. */
static bool contiguous(MemoryView *m) { return m->ndim == 0 || m->n == 1 || m->stride == (int64_t)m->itemsize; }

/* ---- formats ------------------------------------------------------------------------ */

/* Native size of a struct format character, 0 if unsupported. */
static uint32_t fmt_size(char f)
{
    switch (f) {
    case 'B': case 'b': case 'c': case '?': return 1;
    case 'H': case 'h': return 2;
    case 'I': case 'i': case 'f': return 4;
    case 'L': case 'l': case 'Q': case 'q': case 'd': case 'n': case 'N': case 'P': return 8;
    default: return 0;
    }
}

/* The item at p as a Python value. */
static Value unpack(VM *vm, char f, const uint8_t *p)
{
    union { uint8_t b[8]; uint16_t u16; int16_t i16; uint32_t u32; int32_t i32; uint64_t u64; int64_t i64; float fl; double d; } u;
    memcpy(u.b, p, fmt_size(f));
    switch (f) {
    case 'B': return v_from_small(u.b[0]);
    case 'b': return v_from_small((int8_t)u.b[0]);
    case 'c': return rt_bytes_new(vm, p, 1);
    case '?': return rt_bool(u.b[0] != 0);
    case 'H': return v_from_small(u.u16);
    case 'h': return v_from_small(u.i16);
    case 'I': return v_from_small(u.u32);
    case 'i': return v_from_small(u.i32);
    case 'L': case 'Q': case 'N': case 'P': return rt_int_from_u64(vm, u.u64);
    case 'l': case 'q': case 'n': return rt_int_from_i64(vm, u.i64);
    case 'f': return rt_float_new(vm, u.fl);
    default: return rt_float_new(vm, u.d);
    }
}

static Value bad_item(VM *vm, bool type_error, char f)
{
    return rt_raise(vm, type_error ? &rt_exc_TypeError : &rt_exc_ValueError, "memoryview: invalid %s for format '%c'",
                    type_error ? "type" : "value", f);
}

/* Store x at p in format f, with CPython's messages. */
static bool pack(VM *vm, char f, uint8_t *p, Value x)
{
    union { uint8_t b[8]; uint16_t u16; int16_t i16; uint32_t u32; int32_t i32; uint64_t u64; int64_t i64; float fl; double d; } u;
    switch (f) {
    case 'c': {
        if (!v_is(x, &rt_bytes_type) || rt_bytes_view(x).len != 1)
            return bad_item(vm, !v_is(x, &rt_bytes_type), f), false;
        *p = rt_bytes_view(x).data[0];
        return true;
    }
    case '?': {
        int t = rt_truthy(vm, x);
        if (t < 0)
            return false;
        *p = (uint8_t)t;
        return true;
    }
    case 'f': case 'd': {
        double d;
        if (!rt_is_float(x) && !rt_is_int(x))
            return bad_item(vm, true, f), false;
        if (!rt_to_double(vm, x, &d))
            return false;
        if (f == 'f') {
            u.fl = (float)d;
            if (isinf(u.fl) && !isinf(d)) {
                rt_raise(vm, &rt_exc_OverflowError, "float too large to pack with f format");
                return false;
            }
        } else {
            u.d = d;
        }
        memcpy(p, u.b, fmt_size(f));
        return true;
    }
    default: break;
    }
    if (!rt_is_int(x) && (v_is_small(x) || !rt_lookup_type_attr(v_type(x), vm->names.__index__)))
        return bad_item(vm, true, f), false;
    Value iv = rt_index(vm, x);
    if (!iv)
        return false;
    bool is_unsigned = f == 'B' || f == 'H' || f == 'I' || f == 'L' || f == 'Q' || f == 'N' || f == 'P';
    uint32_t size = fmt_size(f);
    int64_t i = 0;
    uint64_t w = 0;
    if (is_unsigned && size == 8 && rt_int_sign(iv) >= 0 && !rt_as_i64(vm, iv, &i)) {
        /* above INT64_MAX: through the decimal text, checked against 2**64 */
        vm->exc = VNULL;
        Value s = rt_str(vm, iv);
        char *end;
        if (!s)
            return false;
        errno = 0;
        w = strtoull(v_cstr(s), &end, 10);
        if (*end || errno == ERANGE)
            return bad_item(vm, false, f), false;
        memcpy(p, &w, 8);
        return true;
    }
    if (!rt_as_i64(vm, iv, &i)) {
        vm->exc = VNULL;
        return bad_item(vm, false, f), false;
    }
    if (is_unsigned) {
        if (i < 0 || (size < 8 && (uint64_t)i >> (size * 8)))
            return bad_item(vm, false, f), false;
        w = (uint64_t)i;
    } else {
        int64_t lim = size < 8 ? (int64_t)1 << (size * 8 - 1) : 0;
        if (size < 8 && (i < -lim || i >= lim))
            return bad_item(vm, false, f), false;
        w = (uint64_t)i;
    }
    switch (size) {
    case 1: u.b[0] = (uint8_t)w; break;
    case 2: u.u16 = (uint16_t)w; break;
    case 4: u.u32 = (uint32_t)w; break;
    default: u.u64 = w; break;
    }
    memcpy(p, u.b, size);
    return true;
}

/* ---- construction ------------------------------------------------------------------- */

static MemoryView *mv_alloc(VM *vm, Value obj)
{
    MemoryView *m = rt_alloc(vm, &rt_memoryview_type, sizeof(MemoryView));
    if (m)
        m->obj = obj;
    return m;
}

/* A new view sharing m's export (one more lasting export of the base). */
static MemoryView *mv_copy(VM *vm, MemoryView *m)
{
    MemoryView *c = mv_alloc(vm, m->obj);
    if (!c)
        return NULL;
    Obj hdr = c->hdr;
    *c = *m;
    c->hdr = hdr;
    rt_exports_retain(c->buf.exports);
    return c;
}

Value rt_memoryview_new(VM *vm, Value obj)
{
    if (v_is(obj, &rt_memoryview_type)) {
        if (!alive(vm, v_mv(obj)))
            return VNULL;
        MemoryView *c = mv_copy(vm, v_mv(obj));
        return c ? v_from(c) : VNULL;
    }
    if (!rt_has_buffer(obj))
        return rt_raise(vm, &rt_exc_TypeError, "memoryview: a bytes-like object is required, not '%s'",
                        rt_type_name(obj));
    MemoryView *m = mv_alloc(vm, obj);
    if (!m)
        return VNULL;
    if (!rt_get_buffer(vm, obj, &m->buf, RT_BUF_EXPORT)) {
        m->released = true;
        return VNULL;
    }
    m->start = m->buf.ptr;
    m->itemsize = m->buf.itemsize;
    m->n = (int64_t)(m->buf.len / m->buf.itemsize);
    m->stride = (int64_t)m->itemsize;
    m->format[0] = m->buf.format[0];
    m->ndim = 1;
    m->readonly = m->buf.readonly;
    return v_from(m);
}

static Value mv_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"object", NULL};
    Value a[1];
    if (!rt_parse_args(vm, "memoryview", argc, argv, kwnames, names, 0, 1, a))
        return VNULL;
    return rt_memoryview_new(vm, a[0]);
}

/* The view's bytes in logical order (a copy when strided). */
static Value mv_tobytes_value(VM *vm, MemoryView *m)
{
    if (contiguous(m))
        return rt_bytes_new(vm, m->start, (size_t)m->n * m->itemsize);
    Value r = rt_bytes_like_new(vm, rt_None, NULL, (size_t)m->n * m->itemsize); /* zeroed bytes */
    if (!r)
        return VNULL;
    uint8_t *o = (uint8_t *)rt_bytes_view(r).data;
    for (int64_t i = 0; i < m->n; i++)
        memcpy(o + (size_t)i * m->itemsize, m->start + i * m->stride, m->itemsize);
    return r;
}

/* Exporting a view: contiguous ones only (bytes(view) of a strided view
 * copies through tobytes in rt_bytes_from_object). */
static bool mv_getbuffer(VM *vm, Value v, RtBuffer *buf, int flags)
{
    MemoryView *m = v_mv(v);
    if (!alive(vm, m))
        return false;
    if (!contiguous(m)) {
        rt_raise(vm, &rt_exc_BufferError, "memoryview: underlying buffer is not C-contiguous");
        return false;
    }
    if ((flags & RT_BUF_WRITABLE) && m->readonly) {
        rt_raise(vm, &rt_exc_TypeError, "memoryview: underlying buffer is not writable");
        return false;
    }
    *buf = (RtBuffer){m->start, (size_t)m->n * m->itemsize, m->readonly, m->itemsize, m->format, v, NULL};
    if (flags & RT_BUF_EXPORT) {
        rt_exports_retain(m->buf.exports);
        buf->exports = m->buf.exports;
    }
    return true;
}

/* ---- sequence protocol ---------------------------------------------------------------- */

static int64_t mv_len(VM *vm, Value v)
{
    MemoryView *m = v_mv(v);
    if (!alive(vm, m))
        return -1;
    return m->ndim == 0 ? 1 : m->n;
}

/* An item index (int or __index__), bounds-checked. */
static bool item_index(VM *vm, MemoryView *m, Value key, int64_t *out)
{
    if (!rt_is_int(key) && (v_is_small(key) || !rt_lookup_type_attr(v_type(key), vm->names.__index__))) {
        rt_raise(vm, &rt_exc_TypeError, "memoryview: invalid slice key");
        return false;
    }
    int64_t i;
    if (!ct_index_value(vm, key, "memoryview", &i))
        return false;
    if (i < 0)
        i += m->n;
    if (i < 0 || i >= m->n) {
        rt_raise(vm, &rt_exc_IndexError, "index out of bounds on dimension 1");
        return false;
    }
    *out = i;
    return true;
}

static Value mv_getitem(VM *vm, Value v, Value key)
{
    MemoryView *m = v_mv(v);
    if (!alive(vm, m))
        return VNULL;
    if (m->ndim == 0) {
        if (key == rt_Ellipsis)
            return v;
        if (v_is(key, &rt_tuple_type) && v_tuple(key)->len == 0)
            return unpack(vm, m->format[0], m->start);
        return rt_raise(vm, &rt_exc_TypeError, "invalid indexing of 0-dim memory");
    }
    if (v_is(key, &rt_slice_type)) {
        int64_t start, stop, step;
        int64_t n = rt_slice_indices(vm, key, m->n, &start, &stop, &step);
        if (n < 0)
            return VNULL;
        MemoryView *c = mv_copy(vm, m);
        if (!c)
            return VNULL;
        c->start = m->start + start * m->stride;
        c->n = n;
        c->stride = m->stride * step;
        return v_from(c);
    }
    if (v_is(key, &rt_tuple_type)) { /* a multi-index: one index per dimension */
        Tuple *t = v_tuple(key);
        for (size_t k = 0; k < t->len; k++)
            if (v_is(t->items[k], &rt_slice_type))
                return rt_raise(vm, &rt_exc_NotImplementedError, "multi-dimensional slicing is not implemented");
        if (t->len == 0)
            return rt_raise(vm, &rt_exc_NotImplementedError, "sub-views are not implemented");
        if (t->len > 1)
            return rt_raise(vm, &rt_exc_TypeError, "cannot index 1-dimension view with %zu-element tuple", t->len);
        key = t->items[0];
    }
    int64_t i;
    if (!item_index(vm, m, key, &i))
        return VNULL;
    return unpack(vm, m->format[0], m->start + i * m->stride);
}

static int mv_setitem(VM *vm, Value v, Value key, Value x)
{
    MemoryView *m = v_mv(v);
    if (!alive(vm, m))
        return -1;
    if (m->readonly) {
        rt_raise(vm, &rt_exc_TypeError, "cannot modify read-only memory");
        return -1;
    }
    if (!x) {
        rt_raise(vm, &rt_exc_TypeError, "cannot delete memory");
        return -1;
    }
    if (m->ndim == 0) {
        if (key == rt_Ellipsis || (v_is(key, &rt_tuple_type) && v_tuple(key)->len == 0))
            return pack(vm, m->format[0], m->start, x) ? 0 : -1;
        rt_raise(vm, &rt_exc_TypeError, "invalid indexing of 0-dim memory");
        return -1;
    }
    if (v_is(key, &rt_slice_type)) {
        int64_t start, stop, step;
        int64_t n = rt_slice_indices(vm, key, m->n, &start, &stop, &step);
        if (n < 0)
            return -1;
        RtBuffer src;
        Value copy = VNULL;
        if (v_is(x, &rt_memoryview_type)) { /* possibly strided: its items in order */
            MemoryView *xm = v_mv(x);
            if (!alive(vm, xm) || !(copy = mv_tobytes_value(vm, xm)))
                return -1;
            BView cb = rt_bytes_view(copy);
            src = (RtBuffer){(uint8_t *)cb.data, cb.len, true, xm->itemsize, xm->format, copy, NULL};
        } else if (!rt_get_buffer(vm, x, &src, 0)) {
            return -1;
        }
        if (src.itemsize != m->itemsize || src.format[0] != m->format[0] || (int64_t)(src.len / src.itemsize) != n) {
            rt_raise(vm, &rt_exc_ValueError, "memoryview assignment: lvalue and rvalue have different structures");
            return -1;
        }
        /* memmove semantics: the source may overlap the destination */
        uint8_t *tmp = malloc(src.len + 1);
        if (!tmp) {
            rt_no_memory(vm);
            return -1;
        }
        memcpy(tmp, src.ptr, src.len);
        for (int64_t k = 0; k < n; k++)
            memcpy(m->start + (start + k * step) * m->stride, tmp + (size_t)k * m->itemsize, m->itemsize);
        free(tmp);
        return 0;
    }
    int64_t i;
    if (!item_index(vm, m, key, &i))
        return -1;
    return pack(vm, m->format[0], m->start + i * m->stride, x) ? 0 : -1;
}

static Value mv_tolist_value(VM *vm, MemoryView *m)
{
    if (m->ndim == 0)
        return unpack(vm, m->format[0], m->start);
    Value l = rt_list_new(vm, 0);
    if (!l)
        return VNULL;
    for (int64_t i = 0; i < m->n; i++) {
        Value x = unpack(vm, m->format[0], m->start + i * m->stride);
        if (!x || !rt_list_append(vm, l, x))
            return VNULL;
    }
    return l;
}

/* Equality by value, item by item, as CPython's memory_richcompare. */
static Value mv_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if (op != CMP_EQ && op != CMP_NE)
        return rt_NotImplemented;
    if (!v_is(a, &rt_memoryview_type)) {
        Value t = a;
        a = b;
        b = t;
    }
    if (a == b)
        return rt_bool(op == CMP_EQ);
    MemoryView *m = v_mv(a);
    if (m->released || (v_is(b, &rt_memoryview_type) && v_mv(b)->released))
        return rt_bool(op == CMP_NE);
    if (!rt_has_buffer(b))
        return rt_NotImplemented;
    Value other = b;
    if (!v_is(b, &rt_memoryview_type) && !(other = rt_memoryview_new(vm, b)))
        return VNULL;
    Value la = mv_tolist_value(vm, m), lb = mv_tolist_value(vm, v_mv(other));
    if (other != b)
        mv_finalize(vm, v_obj(other));
    if (!la || !lb)
        return VNULL;
    int eq = rt_eq(vm, la, lb);
    if (eq < 0)
        return VNULL;
    return rt_bool(op == CMP_EQ ? eq : !eq);
}

static int64_t mv_hash(VM *vm, Value v)
{
    MemoryView *m = v_mv(v);
    if (!alive(vm, m))
        return -1;
    if (!m->readonly) {
        rt_raise(vm, &rt_exc_ValueError, "cannot hash writable memoryview object");
        return -1;
    }
    if (m->format[0] != 'B' && m->format[0] != 'b' && m->format[0] != 'c') {
        rt_raise(vm, &rt_exc_ValueError, "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
        return -1;
    }
    Value b = mv_tobytes_value(vm, m);
    return b ? rt_hash(vm, b) : -1;
}

static Value mv_repr(VM *vm, Value v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "<%smemory at %p>", v_mv(v)->released ? "released " : "", (void *)v_obj(v));
    return rt_str_new(vm, buf, strlen(buf));
}

/* ---- methods ------------------------------------------------------------------------------ */

#define SELF_ALIVE(name)                                                   \
    MemoryView *m = v_mv(argv[0]);                                         \
    if (!alive(vm, m))                                                     \
        return VNULL

static Value m_tobytes(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"self", "order", NULL};
    Value a[2];
    if (!rt_parse_args(vm, "tobytes", argc, argv, kw, names, 1, 1, a))
        return VNULL;
    SELF_ALIVE("tobytes");
    return mv_tobytes_value(vm, m);
}

static Value m_tolist(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_noargs(vm, "memoryview.tolist", argc - 1))
        return VNULL;
    SELF_ALIVE("tolist");
    return mv_tolist_value(vm, m);
}

static Value m_hex(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"self", "sep", "bytes_per_sep", NULL};
    Value a[3];
    if (!rt_parse_args(vm, "hex", argc, argv, kw, names, 1, 1, a))
        return VNULL;
    SELF_ALIVE("hex");
    Value b = mv_tobytes_value(vm, m);
    if (!b)
        return VNULL;
    BView bv = rt_bytes_view(b);
    return rt_hex_view(vm, bv.data, bv.len, a[1], a[2]);
}

static Value m_release(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_noargs(vm, "memoryview.release", argc - 1))
        return VNULL;
    mv_finalize(vm, v_obj(argv[0]));
    return rt_None;
}

static Value m_enter(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_noargs(vm, "memoryview.__enter__", argc - 1))
        return VNULL;
    SELF_ALIVE("__enter__");
    (void)m;
    return argv[0];
}

static Value m_exit(VM *vm, int argc, Value *argv, Value kw)
{
    mv_finalize(vm, v_obj(argv[0]));
    return rt_None;
}

static Value m_toreadonly(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_noargs(vm, "memoryview.toreadonly", argc - 1))
        return VNULL;
    SELF_ALIVE("toreadonly");
    MemoryView *c = mv_copy(vm, m);
    if (!c)
        return VNULL;
    c->readonly = true;
    return v_from(c);
}

static bool is_byte_format(char f) { return f == 'B' || f == 'b' || f == 'c'; }

/* cast(format[, shape]): 1-D (or 0-dim with shape []) only. */
static Value m_cast(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"self", "format", "shape", NULL};
    Value a[3];
    if (!rt_parse_args(vm, "cast", argc, argv, kw, names, 1, 2, a))
        return VNULL;
    SELF_ALIVE("cast");
    if (!v_is_str(a[1]))
        return rt_raise(vm, &rt_exc_TypeError, "cast() argument 'format' must be str, not %s", rt_type_name(a[1]));
    if (!contiguous(m))
        return rt_raise(vm, &rt_exc_TypeError, "memoryview: casts are restricted to C-contiguous views");
    const char *f = v_cstr(a[1]);
    if (f[0] == '@')
        f++;
    uint32_t size = strlen(f) == 1 ? fmt_size(f[0]) : 0;
    if (!size)
        return rt_raise(vm, &rt_exc_ValueError,
                        "memoryview: destination format must be a native single character format prefixed with an "
                        "optional '@'");
    if (!is_byte_format(f[0]) && !is_byte_format(m->format[0]))
        return rt_raise(vm, &rt_exc_TypeError, "memoryview: cannot cast between two non-byte formats");
    size_t nbytes = (size_t)m->n * m->itemsize;
    int64_t n = -1;
    bool scalar = false;
    if (a[2]) {
        if (!v_is(a[2], &rt_list_type) && !v_is(a[2], &rt_tuple_type))
            return rt_raise(vm, &rt_exc_TypeError, "shape must be a list or a tuple");
        Value seq = a[2];
        size_t k = v_is(seq, &rt_list_type) ? v_list(seq)->len : v_tuple(seq)->len;
        Value *items = v_is(seq, &rt_list_type) ? v_list(seq)->items : v_tuple(seq)->items;
        if (k > 1)
            return rt_raise(vm, &rt_exc_NotImplementedError,
                            "multi-dimensional memoryview casts are not supported by minipy");
        if (k == 0) {
            scalar = true;
            if (nbytes != size)
                return rt_raise(vm, &rt_exc_TypeError, "memoryview: product(shape) * itemsize != buffer size");
        } else {
            if (!rt_is_int(items[0]) || !rt_as_i64(vm, items[0], &n))
                return vm->exc ? VNULL
                               : rt_raise(vm, &rt_exc_TypeError, "memoryview.cast(): elements of shape must be integers");
            if (n <= 0)
                return rt_raise(vm, &rt_exc_ValueError, "memoryview.cast(): elements of shape must be integers > 0");
            if ((size_t)n * size != nbytes)
                return rt_raise(vm, &rt_exc_TypeError, "memoryview: product(shape) * itemsize != buffer size");
        }
    } else {
        if (m->ndim == 0)
            return rt_raise(vm, &rt_exc_TypeError, "memoryview: cast must be 1D -> ND or ND -> 1D");
        if (nbytes % size)
            return rt_raise(vm, &rt_exc_TypeError, "memoryview: length is not a multiple of itemsize");
        n = (int64_t)(nbytes / size);
    }
    MemoryView *c = mv_copy(vm, m);
    if (!c)
        return VNULL;
    c->format[0] = f[0];
    c->itemsize = size;
    c->n = scalar ? 1 : n;
    c->stride = size;
    c->ndim = scalar ? 0 : 1;
    return v_from(c);
}

static const NativeDef mv_methods[] = {
    {"tobytes", m_tobytes, NF_KEYWORDS},
    {"tolist", m_tolist, 0},
    {"hex", m_hex, NF_KEYWORDS},
    {"release", m_release, 0},
    {"__enter__", m_enter, 0},
    {"__exit__", m_exit, 0},
    {"toreadonly", m_toreadonly, 0},
    {"cast", m_cast, NF_KEYWORDS},
    {NULL, NULL, 0},
};

/* ---- attributes ------------------------------------------------------------------------- */

#define GETTER(name, expr)                                   \
    static Value get_##name(VM *vm, Value v)                 \
    {                                                        \
        MemoryView *m = v_mv(v);                             \
        if (!alive(vm, m))                                   \
            return VNULL;                                    \
        return (expr);                                       \
    }

static Value int_tuple(VM *vm, MemoryView *m, int64_t x)
{
    if (m->ndim == 0)
        return rt_tuple_new(vm, 0);
    Value t = rt_tuple_new(vm, 1);
    if (t)
        v_tuple(t)->items[0] = rt_int_from_i64(vm, x);
    return t;
}

GETTER(obj, m->obj)
GETTER(nbytes, rt_int_from_i64(vm, m->n * (int64_t)m->itemsize))
GETTER(itemsize, v_from_small(m->itemsize))
GETTER(format, rt_str_new(vm, m->format, 1))
GETTER(readonly, rt_bool(m->readonly))
GETTER(ndim, v_from_small(m->ndim))
GETTER(shape, int_tuple(vm, m, m->n))
GETTER(strides, int_tuple(vm, m, m->stride))
GETTER(suboffsets, rt_tuple_new(vm, 0))
GETTER(c_contiguous, rt_bool(contiguous(m)))
GETTER(f_contiguous, rt_bool(contiguous(m)))
GETTER(contiguous, rt_bool(contiguous(m)))

static const GetSetDef mv_getsets[] = {
    {"obj", get_obj, NULL},
    {"nbytes", get_nbytes, NULL},
    {"itemsize", get_itemsize, NULL},
    {"format", get_format, NULL},
    {"readonly", get_readonly, NULL},
    {"ndim", get_ndim, NULL},
    {"shape", get_shape, NULL},
    {"strides", get_strides, NULL},
    {"suboffsets", get_suboffsets, NULL},
    {"c_contiguous", get_c_contiguous, NULL},
    {"f_contiguous", get_f_contiguous, NULL},
    {"contiguous", get_contiguous, NULL},
    {NULL, NULL, NULL},
};

Value rt_memoryview_tobytes(VM *vm, Value v)
{
    return alive(vm, v_mv(v)) ? mv_tobytes_value(vm, v_mv(v)) : VNULL;
}

/* iter(view): items by index, re-checked each step (the view may be released). */
typedef struct MemIter {
    Obj hdr;
    Value view; /* VNULL once exhausted */
    int64_t pos;
} MemIter;

static void mi_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((MemIter *)o)->view); }

static Value mi_next(VM *vm, Value it)
{
    MemIter *i = (MemIter *)v_obj(it);
    if (!i->view)
        return VNULL;
    MemoryView *m = v_mv(i->view);
    if (!alive(vm, m))
        return VNULL;
    if (i->pos >= m->n) {
        i->view = VNULL;
        return VNULL;
    }
    return unpack(vm, m->format[0], m->start + i->pos++ * m->stride);
}

static Value mi_self(VM *vm, Value v) { return v; }

static Type memiter_type = {
    .name = "memory_iterator",
    .instance_size = sizeof(MemIter),
    .trace = mi_trace,
    .iter = mi_self,
    .next = mi_next,
};

static Value mv_iter(VM *vm, Value v)
{
    MemoryView *m = v_mv(v);
    if (!alive(vm, m))
        return VNULL;
    if (m->ndim == 0)
        return rt_raise(vm, &rt_exc_TypeError, "invalid indexing of 0-dim memory");
    MemIter *i = rt_alloc(vm, &memiter_type, sizeof(MemIter));
    if (!i)
        return VNULL;
    i->view = v;
    i->pos = 0;
    return v_from(i);
}

Type rt_memoryview_type = {
    .name = "memoryview",
    .instance_size = sizeof(MemoryView),
    .trace = mv_trace,
    .finalize = mv_finalize,
    .repr = mv_repr,
    .hash = mv_hash,
    .richcompare = mv_richcompare,
    .getitem = mv_getitem,
    .iter = mv_iter,
    .setitem = mv_setitem,
    .len = mv_len,
    .new = mv_new,
    .getbuffer = mv_getbuffer,
};

bool rt_memoryview_init(VM *vm)
{
    return rt_type_ready(vm, &rt_memoryview_type) && rt_type_ready(vm, &memiter_type) && rt_add_methods(vm, &rt_memoryview_type, mv_methods) &&
           rt_add_getsets(vm, &rt_memoryview_type, mv_getsets);
}
