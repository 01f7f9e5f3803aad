/* runtime/memoryview.c — memoryview: a strided, possibly multi-dimensional
 * window on another object's buffer (runtime/buffer.h), without copying.
 * Each view holds its own lasting export of the underlying buffer, so a
 * bytearray cannot be resized while any view (or slice of one) is alive and
 * unreleased.  Item formats are the struct module's native single
 * characters.  Views of several dimensions come from cast(format, shape)
 * (exporters are one-dimensional); like CPython 3.11 they index by tuples,
 * slice along the first dimension and refuse sub-views.
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

#define MV_MAXDIM 64 /* CPython's PyBUF_MAX_NDIM */
#define MV_INLINE 3  /* dimensions kept in the object; more go to `ext` */

typedef struct MemoryView {
    Obj hdr;
    Value obj;          /* the exporter (memoryview.obj) */
    RtBuffer buf;       /* the lasting export of obj's whole buffer */
    uint8_t *start;     /* the first item */
    int64_t dims[2 * MV_INLINE]; /* shape then strides, for ndim <= MV_INLINE */
    int64_t *ext;       /* malloc'd shape then strides (MV_MAXDIM each), or NULL */
    uint32_t itemsize;
    char format[2];     /* one struct-module character */
    uint8_t ndim;       /* 0: a scalar view */
    bool readonly, released;
    bool at;            /* cast() was given the format as '@X': format shows it so */
} MemoryView;

static inline MemoryView *v_mv(Value v) { return (MemoryView *)v_obj(v); }
/* shape[k]; strides[k] in bytes (negative: reversed) */
static inline int64_t *SHAPE(MemoryView *m) { return m->ext ? m->ext : m->dims; }
static inline int64_t *STRIDES(MemoryView *m) { return m->ext ? m->ext + MV_MAXDIM : m->dims + MV_INLINE; }

static void mv_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((MemoryView *)o)->obj); }

/* release(): the export goes back; the view's own fields stay readable. */
static void mv_release(VM *vm, MemoryView *m)
{
    if (!m->released) {
        m->released = true;
        rt_buffer_release(vm, &m->buf);
    }
}

static void mv_finalize(VM *vm, Obj *o)
{
    MemoryView *m = (MemoryView *)o;
    mv_release(vm, m);
    free(m->ext);
    m->ext = NULL;
}

/* Room for ndim dimensions (the contents are left to the caller). */
static bool set_ndim(VM *vm, MemoryView *m, int ndim)
{
    if (ndim > MV_INLINE && !m->ext && !(m->ext = malloc(2 * MV_MAXDIM * sizeof(int64_t)))) {
        rt_no_memory(vm);
        return false;
    }
    m->ndim = (uint8_t)ndim;
    return true;
}

/* Items in the view: the product of the shape (1 for a scalar). */
static int64_t nitems(MemoryView *m)
{
    int64_t n = 1;
    for (int k = 0; k < m->ndim; k++)
        n *= SHAPE(m)[k];
    return n;
}

/* C (row-major) or Fortran order contiguity, as PyBuffer_IsContiguous. */
static bool contig_order(MemoryView *m, bool fortran)
{
    int64_t sd = m->itemsize;
    /* CPython's init_flags: one dimension by its single stride alone */
    if (m->ndim == 1)
        return SHAPE(m)[0] == 1 || STRIDES(m)[0] == sd;
    for (int k = 0; k < m->ndim; k++)
        if (SHAPE(m)[k] == 0)
            return true;
    for (int j = 0; j < m->ndim; j++) {
        int k = fortran ? j : m->ndim - 1 - j;
        if (SHAPE(m)[k] > 1 && STRIDES(m)[k] != sd)
            return false;
        sd *= SHAPE(m)[k];
    }
    return true;
}

static bool alive(VM *vm, MemoryView *m)
{
    if (m->released) {
        rt_raise(vm, &rt_exc_ValueError, "operation forbidden on released memoryview object");
        return false;
    }
    return true;
}

static bool contiguous(MemoryView *m) { return contig_order(m, false); }

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
    if (!fmt_size(f))
        return rt_raise(vm, &rt_exc_NotImplementedError, "memoryview: format %c not supported", f);
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
    c->ext = NULL;
    c->released = true; /* until the export is taken below */
    if (!set_ndim(vm, c, m->ndim))
        return NULL;
    memcpy(SHAPE(c), SHAPE(m), m->ndim * sizeof(int64_t));
    memcpy(STRIDES(c), STRIDES(m), m->ndim * sizeof(int64_t));
    rt_exports_retain(c->buf.exports);
    c->released = false;
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
    m->ext = NULL;
    m->ndim = 1;
    SHAPE(m)[0] = (int64_t)(m->buf.len / m->buf.itemsize);
    STRIDES(m)[0] = (int64_t)m->itemsize;
    m->format[0] = m->buf.format[0];
    m->readonly = m->buf.readonly;
    m->at = false;
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

/* Copy the items of dimensions k.. from p to *o, in C order (or Fortran
 * order: the first index varies fastest). */
static void gather(MemoryView *m, int k, const uint8_t *p, uint8_t **o, bool fortran)
{
    if (k == m->ndim) {
        memcpy(*o, p, m->itemsize);
        *o += m->itemsize;
        return;
    }
    int d = fortran ? m->ndim - 1 - k : k;
    for (int64_t i = 0; i < SHAPE(m)[d]; i++)
        gather(m, k + 1, p + i * STRIDES(m)[d], o, fortran);
}

static Value mv_bytes_order(VM *vm, MemoryView *m, bool fortran)
{
    size_t n = (size_t)nitems(m) * m->itemsize;
    if (contig_order(m, fortran)) /* memory order is the order asked for */
        return rt_bytes_new(vm, m->start, n);
    Value r = rt_bytes_like_new(vm, rt_None, NULL, n); /* zeroed bytes */
    if (!r)
        return VNULL;
    uint8_t *o = (uint8_t *)rt_bytes_view(r).data;
    gather(m, 0, m->start, &o, fortran);
    return r;
}

/* The view's bytes in logical (C) order (a copy when strided). */
static Value mv_tobytes_value(VM *vm, MemoryView *m) { return mv_bytes_order(vm, m, false); }

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
    *buf = (RtBuffer){m->start, (size_t)nitems(m) * m->itemsize, m->readonly, m->itemsize, m->format, v, NULL};
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
    return m->ndim == 0 ? 1 : SHAPE(m)[0];
}

static bool is_index(VM *vm, Value key)
{
    return rt_is_int(key) || (!v_is_small(key) && rt_lookup_type_attr(v_type(key), vm->names.__index__));
}

/* A tuple of only integers (CPython's is_multiindex), or only slices. */
static bool tuple_all(VM *vm, Value key, bool slices)
{
    if (!v_is(key, &rt_tuple_type))
        return false;
    Tuple *t = v_tuple(key);
    for (size_t k = 0; k < t->len; k++)
        if (slices ? !v_is(t->items[k], &rt_slice_type) : !is_index(vm, t->items[k]))
            return false;
    return true;
}

/* The address of item key[k] along dimension k, bounds-checked. */
static bool index_dim(VM *vm, MemoryView *m, int k, Value key, uint8_t **p)
{
    int64_t i;
    Value iv = rt_index(vm, key);
    if (!iv)
        return false;
    if (!rt_as_i64(vm, iv, &i)) {
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_IndexError, "cannot fit 'int' into an index-sized integer");
        return false;
    }
    if (i < 0)
        i += SHAPE(m)[k];
    if (i < 0 || i >= SHAPE(m)[k]) {
        rt_raise(vm, &rt_exc_IndexError, "index out of bounds on dimension %d", k + 1);
        return false;
    }
    *p += i * STRIDES(m)[k];
    return true;
}

/* The item a full multi-index names (CPython's ptr_from_tuple). */
static bool multi_index(VM *vm, MemoryView *m, Tuple *t, uint8_t **p)
{
    if (t->len < m->ndim) {
        rt_raise(vm, &rt_exc_NotImplementedError, "sub-views are not implemented");
        return false;
    }
    if (t->len > m->ndim) {
        rt_raise(vm, &rt_exc_TypeError, "cannot index %d-dimension view with %zu-element tuple",
                 m->ndim, t->len);
        return false;
    }
    *p = m->start;
    for (int k = 0; k < m->ndim; k++)
        if (!index_dim(vm, m, k, t->items[k], p))
            return false;
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
    uint8_t *p = m->start;
    if (is_index(vm, key)) {
        if (m->ndim > 1)
            return rt_raise(vm, &rt_exc_NotImplementedError, "multi-dimensional sub-views are not implemented");
        if (!index_dim(vm, m, 0, key, &p))
            return VNULL;
        return unpack(vm, m->format[0], p);
    }
    if (v_is(key, &rt_slice_type)) { /* along the first dimension */
        int64_t start, stop, step;
        int64_t n = rt_slice_indices(vm, key, SHAPE(m)[0], &start, &stop, &step);
        if (n < 0)
            return VNULL;
        MemoryView *c = mv_copy(vm, m);
        if (!c)
            return VNULL;
        c->start = m->start + start * STRIDES(m)[0];
        SHAPE(c)[0] = n;
        STRIDES(c)[0] = STRIDES(m)[0] * step;
        return v_from(c);
    }
    if (tuple_all(vm, key, false))
        return multi_index(vm, m, v_tuple(key), &p) ? unpack(vm, m->format[0], p) : VNULL;
    if (tuple_all(vm, key, true))
        return rt_raise(vm, &rt_exc_NotImplementedError, "multi-dimensional slicing is not implemented");
    return rt_raise(vm, &rt_exc_TypeError, "memoryview: invalid slice key");
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
    uint8_t *p = m->start;
    if (is_index(vm, key)) {
        if (m->ndim > 1) {
            rt_raise(vm, &rt_exc_NotImplementedError, "sub-views are not implemented");
            return -1;
        }
        if (!index_dim(vm, m, 0, key, &p))
            return -1;
        return pack(vm, m->format[0], p, x) ? 0 : -1;
    }
    if (v_is(key, &rt_slice_type) && m->ndim == 1) {
        int64_t start, stop, step;
        int64_t n = rt_slice_indices(vm, key, SHAPE(m)[0], &start, &stop, &step);
        if (n < 0)
            return -1;
        RtBuffer src;
        Value copy = VNULL;
        if (v_is(x, &rt_memoryview_type)) { /* possibly strided: its items in order */
            MemoryView *xm = v_mv(x);
            if (!alive(vm, xm) || !(copy = mv_tobytes_value(vm, xm)))
                return -1;
            if (xm->ndim != 1) {
                rt_raise(vm, &rt_exc_ValueError, "memoryview assignment: lvalue and rvalue have different structures");
                return -1;
            }
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
            memcpy(m->start + (start + k * step) * STRIDES(m)[0], tmp + (size_t)k * m->itemsize, m->itemsize);
        free(tmp);
        return 0;
    }
    if (tuple_all(vm, key, false)) {
        if (v_tuple(key)->len < m->ndim) {
            rt_raise(vm, &rt_exc_NotImplementedError, "sub-views are not implemented");
            return -1;
        }
        return multi_index(vm, m, v_tuple(key), &p) && pack(vm, m->format[0], p, x) ? 0 : -1;
    }
    if (v_is(key, &rt_slice_type) || tuple_all(vm, key, true)) {
        rt_raise(vm, &rt_exc_NotImplementedError,
                 "memoryview slice assignments are currently restricted to ndim = 1");
        return -1;
    }
    rt_raise(vm, &rt_exc_TypeError, "memoryview: invalid slice key");
    return -1;
}

/* Nested lists of the items of dimensions k.. at p. */
static Value tolist_dim(VM *vm, MemoryView *m, int k, const uint8_t *p)
{
    if (k == m->ndim)
        return unpack(vm, m->format[0], p);
    Value l = rt_list_new(vm, 0);
    if (!l)
        return VNULL;
    for (int64_t i = 0; i < SHAPE(m)[k]; i++) {
        Value x = tolist_dim(vm, m, k + 1, p + i * STRIDES(m)[k]);
        if (!x || !rt_list_append(vm, l, x))
            return VNULL;
    }
    return l;
}

static Value mv_tolist_value(VM *vm, MemoryView *m)
{
    if (!fmt_size(m->format[0]))
        return rt_raise(vm, &rt_exc_NotImplementedError, "memoryview: format %c not supported", m->format[0]);
    return tolist_dim(vm, m, 0, m->start);
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
    MemoryView *o = v_mv(other);
    bool same_shape = m->ndim == o->ndim;
    for (int k = 0; same_shape && k < m->ndim; k++)
        same_shape = SHAPE(m)[k] == SHAPE(o)[k];
    if (!same_shape) {
        if (other != b)
            mv_release(vm, o);
        return rt_bool(op == CMP_NE);
    }
    /* Items a format the struct module cannot unpack: NotImplemented,
     * as CPython's unpack_cmp gives up on them. */
    if (!fmt_size(m->format[0]) || !fmt_size(o->format[0])) {
        if (other != b)
            mv_release(vm, o);
        return rt_NotImplemented;
    }
    Value la = mv_tolist_value(vm, m), lb = mv_tolist_value(vm, o);
    if (other != b)
        mv_release(vm, o);
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
    /* The exporter must be hashable itself (CPython keeps its error). */
    if (m->obj && rt_hash(vm, m->obj) == -1 && vm->exc)
        return -1;
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
    bool fortran = false;
    if (a[1] && a[1] != rt_None) {
        const char *o = v_is_str(a[1]) ? v_cstr(a[1]) : "";
        if (strcmp(o, "C") && strcmp(o, "F") && strcmp(o, "A"))
            return rt_raise(vm, &rt_exc_ValueError, "order must be 'C', 'F' or 'A'");
        /* 'A': memory order, which is Fortran's only for a view that is
         * Fortran- but not C-contiguous */
        fortran = o[0] == 'F' || (o[0] == 'A' && !contiguous(m) && contig_order(m, true));
    }
    return mv_bytes_order(vm, m, fortran);
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
    mv_release(vm, v_mv(argv[0]));
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
    mv_release(vm, v_mv(argv[0]));
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

/* The shape argument of cast() into shape[] (CPython's copy_shape). */
static bool cast_shape(VM *vm, Value seq, int64_t *shape, int *ndim)
{
    size_t k = v_is(seq, &rt_list_type) ? v_list(seq)->len : v_tuple(seq)->len;
    Value *items = v_is(seq, &rt_list_type) ? v_list(seq)->items : v_tuple(seq)->items;
    for (size_t i = 0; i < k; i++) {
        int64_t x;
        if (!rt_is_int(items[i])) {
            rt_raise(vm, &rt_exc_TypeError, "memoryview.cast(): elements of shape must be integers");
            return false;
        }
        if (!rt_as_i64(vm, items[i], &x) || x <= 0) {
            vm->exc = VNULL;
            rt_raise(vm, &rt_exc_ValueError, "memoryview.cast(): elements of shape must be integers > 0");
            return false;
        }
        shape[i] = x;
    }
    *ndim = (int)k;
    return true;
}

/* cast(format[, shape]): a C-contiguous view as another format, 1-D, or
 * (with shape) 1-D to N-D and N-D to 1-D, with CPython's checks in order. */
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
    Value shape = a[2] && a[2] != rt_None ? a[2] : VNULL;
    bool zeros = false;
    for (int k = 0; k < m->ndim; k++)
        zeros |= SHAPE(m)[k] == 0 || STRIDES(m)[k] == 0;
    if ((shape || m->ndim != 1) && zeros)
        return rt_raise(vm, &rt_exc_TypeError, "memoryview: cannot cast view with zeros in shape or strides");
    int ndim = 1;
    if (shape) {
        if (!v_is(shape, &rt_list_type) && !v_is(shape, &rt_tuple_type))
            return rt_raise(vm, &rt_exc_TypeError, "shape must be a list or a tuple");
        size_t k = v_is(shape, &rt_list_type) ? v_list(shape)->len : v_tuple(shape)->len;
        if (k > MV_MAXDIM)
            return rt_raise(vm, &rt_exc_ValueError, "memoryview: number of dimensions must not exceed 64");
        if (m->ndim != 1 && k != 1)
            return rt_raise(vm, &rt_exc_TypeError, "memoryview: cast must be 1D -> ND or ND -> 1D");
    }
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
    size_t nbytes = (size_t)nitems(m) * m->itemsize;
    if (nbytes % size)
        return rt_raise(vm, &rt_exc_TypeError, "memoryview: length is not a multiple of itemsize");
    int64_t dims[MV_MAXDIM];
    if (shape) {
        if (!cast_shape(vm, shape, dims, &ndim))
            return VNULL;
        uint64_t n = size;
        for (int k = 0; k < ndim; k++) {
            if (n > (uint64_t)INT64_MAX / (uint64_t)dims[k])
                return rt_raise(vm, &rt_exc_ValueError, "memoryview.cast(): product(shape) > SSIZE_MAX");
            n *= (uint64_t)dims[k];
        }
        if (n != nbytes)
            return rt_raise(vm, &rt_exc_TypeError, "memoryview: product(shape) * itemsize != buffer size");
    } else {
        dims[0] = (int64_t)(nbytes / size);
    }
    MemoryView *c = mv_copy(vm, m);
    if (!c || !set_ndim(vm, c, ndim))
        return VNULL;
    c->format[0] = f[0];
    c->at = f != v_cstr(a[1]);
    c->itemsize = size;
    int64_t sd = size;
    for (int k = ndim - 1; k >= 0; k--) { /* C order */
        SHAPE(c)[k] = dims[k];
        STRIDES(c)[k] = sd;
        sd *= dims[k];
    }
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

static Value int_tuple(VM *vm, MemoryView *m, const int64_t *xs)
{
    Value t = rt_tuple_new(vm, m->ndim);
    for (int k = 0; t && k < m->ndim; k++) {
        Value x = rt_int_from_i64(vm, xs[k]);
        if (!x)
            return VNULL;
        v_tuple(t)->items[k] = x;
    }
    return t;
}

GETTER(obj, m->obj)
GETTER(nbytes, rt_int_from_i64(vm, nitems(m) * (int64_t)m->itemsize))
GETTER(itemsize, v_from_small(m->itemsize))
GETTER(format, m->at ? rt_str_printf(vm, "@%c", m->format[0]) : rt_str_new(vm, m->format, 1))
GETTER(readonly, rt_bool(m->readonly))
GETTER(ndim, v_from_small(m->ndim))
GETTER(shape, int_tuple(vm, m, SHAPE(m)))
GETTER(strides, int_tuple(vm, m, STRIDES(m)))
GETTER(suboffsets, rt_tuple_new(vm, 0))
GETTER(c_contiguous, rt_bool(contiguous(m)))
GETTER(f_contiguous, rt_bool(contig_order(m, true)))
GETTER(contiguous, rt_bool(contiguous(m) || contig_order(m, true)))

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
    if (i->pos >= SHAPE(m)[0]) {
        i->view = VNULL;
        return VNULL;
    }
    return unpack(vm, m->format[0], m->start + i->pos++ * STRIDES(m)[0]);
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
    if (m->ndim > 1)
        return rt_raise(vm, &rt_exc_NotImplementedError, "multi-dimensional sub-views are not implemented");
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
