/* runtime/buffer.h — the buffer protocol (bytes-like objects), bytearray and
 * memoryview.  (runtime/bytes.c, runtime/bytearray.c, runtime/memoryview.c)
 *
 * A type exports its memory through Type.getbuffer: it fills an RtBuffer
 * describing a contiguous one-dimensional array.  Transient views (a bytes
 * method reading its argument, file.write) ask without RT_BUF_EXPORT and
 * must not call back into Python while they hold the pointer; a holder that
 * keeps the view (memoryview) asks with RT_BUF_EXPORT and later calls
 * rt_buffer_release, so a resizable exporter (bytearray) can refuse to move
 * its memory while an export exists ("Existing exports of data").
 *
 * The count of lasting exports lives in a small malloc'd record shared by
 * the exporter and its holders (each owns a reference), so releasing a view
 * never touches the exporter object itself: a finalizer may run after the
 * exporter's own was run in the same collection.
 */
#ifndef MINIPY_BUFFER_H
#define MINIPY_BUFFER_H
#include "runtime/object.h"

typedef struct RtExports {
    int64_t count; /* live lasting exports */
    int64_t refs;  /* owners of this record: the exporter and each holder */
} RtExports;

typedef struct RtBuffer {
    uint8_t *ptr;
    size_t len;          /* in bytes */
    bool readonly;
    uint32_t itemsize;
    const char *format;  /* struct-module code of one item: "B" for bytes */
    Value obj;           /* the exporter */
    RtExports *exports;  /* RT_BUF_EXPORT of a resizable exporter: the record held */
} RtBuffer;

enum {
    RT_BUF_WRITABLE = 1 << 0, /* fail with TypeError if read-only */
    RT_BUF_EXPORT = 1 << 1,   /* a lasting view: pair with rt_buffer_release */
};

/* Does v's type export a buffer (its own or an inherited getbuffer)? */
bool rt_has_buffer(Value v);
/* Fill *buf for v.  Not bytes-like: TypeError "a bytes-like object is
 * required, not 'T'".  false: exception pending. */
bool rt_get_buffer(VM *vm, Value v, RtBuffer *buf, int flags);
void rt_buffer_release(VM *vm, RtBuffer *buf);
/* A bytes copy of any bytes-like object (a memoryview in logical order). */
Value rt_buffer_to_bytes(VM *vm, Value v);
/* Take one more lasting export through an existing record (NULL: none). */
void rt_exports_retain(RtExports *e);
/* Drop an owner's reference to the record (frees it at zero). */
void rt_exports_unref(RtExports *e);

/* ---- bytearray (runtime/bytearray.c) -------------------------------------- */

typedef struct ByteArray {
    Obj hdr;
    size_t len, cap;   /* data has cap bytes, data[len] == 0 when cap > len */
    uint8_t *data;     /* malloc'd, or NULL when cap == 0 */
    RtExports *exports; /* lasting views (NULL until the first): resizing is refused */
} ByteArray;

extern Type rt_bytearray_type, rt_memoryview_type;
static inline bool rt_is_bytearray(Value v) { return rt_isinstance_type(v, &rt_bytearray_type); }
static inline ByteArray *v_bytearray(Value v) { return (ByteArray *)v_obj(v); }

Value rt_bytearray_new(VM *vm, const uint8_t *data, size_t len);
/* Set the length (growing leaves new bytes zero).  Refused while exported. */
bool rt_bytearray_resize(VM *vm, Value ba, size_t len);
bool rt_bytearray_init(VM *vm);   /* called by rt_bytes_type_init */
bool rt_memoryview_init(VM *vm);  /* called by rt_bytes_type_init */
Value rt_memoryview_new(VM *vm, Value obj);      /* memoryview(obj) */
Value rt_memoryview_tobytes(VM *vm, Value view); /* its bytes in logical order */

/* ---- shared with bytes.c ----------------------------------------------------- */

/* The receiver's bytes: a bytes or bytearray (or subclass instance). */
typedef struct BView {
    const uint8_t *data;
    size_t len;
} BView;
BView rt_bytes_view(Value v);
/* A new bytes or bytearray, chosen by like's type, of len bytes copied from
 * data (data may be NULL: zero-filled). */
Value rt_bytes_like_new(VM *vm, Value like, const uint8_t *data, size_t len);
/* repr of bytes content: b'...' */
Value rt_bytes_repr_data(VM *vm, const uint8_t *p, size_t n, const char *prefix, const char *suffix);
/* The methods bytes and bytearray share (bytes.c). */
struct NativeDef;
extern const struct NativeDef *const rt_bytes_shared_methods;
/* Slots shared by bytes and bytearray. */
Value rt_bytes_like_getitem(VM *vm, Value v, Value key);
int rt_bytes_like_contains(VM *vm, Value v, Value item);
Value rt_bytes_like_add(VM *vm, Value a, Value b);
Value rt_bytes_like_mul(VM *vm, Value a, Value b);
Value rt_bytes_like_mod(VM *vm, Value a, Value b);
Value rt_bytes_like_iter(VM *vm, Value v);
Value rt_bytes_like_compare(VM *vm, Value a, Value b, CmpOp op);
/* Bytes from a buffer, an iterable of ints or an int count (bytes(x) and
 * bytearray(x) for non-str x): a new malloc'd array in *out. */
bool rt_bytes_from_object(VM *vm, Value x, uint8_t **out, size_t *len, const char *tname);
Value rt_bytes_fromhex(VM *vm, Value cls, Value s);
/* bytes.hex(sep, bytes_per_sep) over any bytes (sepv/perv may be VNULL). */
Value rt_hex_view(VM *vm, const uint8_t *p, size_t n, Value sepv, Value perv);

#endif
