/* stdlib/_io_memio.c — _io.BytesIO and _io.StringIO, in-memory streams
 * (CPython's Modules/_io/bytesio.c and stringio.c).  StringIO keeps code
 * points (positions are characters) and translates newlines on write, as
 * CPython does. */
#include <stdlib.h>
#include <string.h>

#include "stdlib/_io.h"
#include "stdlib/_io_codecs.h"
#include "runtime/buffer.h"
#include "runtime/containers.h"
#include "runtime/errors.h"
#include "runtime/gc.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "stdlib/modsupport.h"

/* ---- BytesIO ------------------------------------------------------------------------------ */

typedef struct BytesIO {
    IOObj io;
    uint8_t *buf;
    size_t len, cap, pos;
    bool closed;
    RtExports *exports;   /* getbuffer() views: resizing is refused while any lives */
} BytesIO;

/* getbuffer()'s exporter (CPython's _io._BytesIOBuffer): a view of the
 * BytesIO's memory. */
typedef struct BytesIOBuf {
    Obj hdr;
    Value source;
} BytesIOBuf;

static Type bytesiobuf_type;

static void bytesio_finalize(VM *vm, Obj *o)
{
    BytesIO *b = (BytesIO *)o;
    if (b->buf)
        rt_free(vm, b->buf, b->cap);
    b->buf = NULL;
    if (b->exports)
        rt_exports_unref(b->exports);
    b->exports = NULL;
}

static BytesIO *bio(VM *vm, Value v)
{
    if (!v_isa(v, &mp_bytesio_type) && !rt_isinstance_type(v, &mp_bytesio_type)) {
        rt_raise(vm, &rt_exc_TypeError, "descriptor requires a '_io.BytesIO' object but received '%s'",
                 rt_type_name(v));
        return NULL;
    }
    return (BytesIO *)v_obj(v);
}

static BytesIO *bio_open(VM *vm, Value v)
{
    BytesIO *b = bio(vm, v);
    if (b && b->closed) {
        io_closed_error(vm);
        return NULL;
    }
    return b;
}

static bool exported(BytesIO *b) { return b->exports && b->exports->count > 0; }

static bool check_exports(VM *vm, BytesIO *b)
{
    if (exported(b)) {
        rt_raise(vm, &rt_exc_BufferError, "Existing exports of data: object cannot be re-sized");
        return false;
    }
    return true;
}

static bool bio_reserve(VM *vm, BytesIO *b, size_t n)
{
    if (n <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < n)
        cap = cap < (1u << 20) ? cap * 2 : cap + cap / 4;
    uint8_t *p = b->buf ? rt_realloc(vm, b->buf, b->cap, cap) : rt_malloc(vm, cap);
    if (!p)
        return false;
    b->buf = p;
    b->cap = cap;
    return true;
}

static bool bio_write_bytes(VM *vm, BytesIO *b, const uint8_t *p, size_t n)
{
    if (!n)
        return true;
    size_t end = b->pos + n;
    if (!bio_reserve(vm, b, end))
        return false;
    if (b->pos > b->len)
        memset(b->buf + b->len, 0, b->pos - b->len);
    memmove(b->buf + b->pos, p, n);
    b->pos = end;
    if (end > b->len)
        b->len = end;
    return true;
}

/* BytesIO(initial_bytes): the contents replace what b holds. */
static bool bytesio_setup(VM *vm, BytesIO *b, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"initial_bytes", NULL};
    Value a[1];
    if (!rt_parse_args(vm, "BytesIO", argc, argv, kwnames, names, 0, 0, a))
        return false;
    b->len = b->pos = 0;
    if (a[0] && a[0] != rt_None) {
        RtBuffer buf;
        if (!rt_get_buffer(vm, a[0], &buf, 0) || !bio_write_bytes(vm, b, buf.ptr, buf.len))
            return false;
        b->pos = 0;
    }
    return true;
}

/* Built at once, except for a Python subclass with its own __init__: that
 * one gets an empty object its super().__init__(...) fills. */
static Value bytesio_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    BytesIO *b = rt_alloc(vm, type, type->instance_size);
    if (!b)
        return VNULL;
    if ((type->flags & TF_CLASS) && v_is(rt_lookup_type_attr(type, vm->names.__init__), &rt_function_type))
        return v_from(b);
    return bytesio_setup(vm, b, argc, argv, kwnames) ? v_from(b) : VNULL;
}

static Value bytesio_init(VM *vm, int argc, Value *argv, Value kw)
{
    BytesIO *b = bio_open(vm, argv[0]);
    return b && bytesio_setup(vm, b, argc - 1, argv + 1, kw) ? rt_None : VNULL;
}

static Value bio_getvalue(VM *vm, int argc, Value *argv, Value kw)
{
    BytesIO *b = bio_open(vm, argv[0]);
    return b ? rt_bytes_new(vm, b->buf, b->len) : VNULL;
}

static bool bytesiobuf_getbuffer(VM *vm, Value v, RtBuffer *buf, int flags)
{
    BytesIO *b = (BytesIO *)v_obj(((BytesIOBuf *)v_obj(v))->source);
    *buf = (RtBuffer){b->buf ? b->buf : (uint8_t *)"", b->len, false, 1, "B", v, NULL};
    if (flags & RT_BUF_EXPORT) {
        if (!b->exports) {
            if (!(b->exports = calloc(1, sizeof *b->exports))) {
                rt_no_memory(vm);
                return false;
            }
            b->exports->refs = 1;
        }
        rt_exports_retain(b->exports);
        buf->exports = b->exports;
    }
    return true;
}

static void bytesiobuf_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((BytesIOBuf *)o)->source); }

static Type bytesiobuf_type = {
    .name = "_io._BytesIOBuffer",
    .instance_size = sizeof(BytesIOBuf),
    .trace = bytesiobuf_trace,
    .getbuffer = bytesiobuf_getbuffer,
};

static Value bio_getbuffer(VM *vm, int argc, Value *argv, Value kw)
{
    BytesIO *b = bio_open(vm, argv[0]);
    if (!b)
        return VNULL;
    BytesIOBuf *e = rt_alloc(vm, &bytesiobuf_type, sizeof(BytesIOBuf));
    if (!e)
        return VNULL;
    e->source = argv[0];
    return rt_memoryview_new(vm, v_from(e));
}

static Value bio_read_n(VM *vm, BytesIO *b, int64_t n)
{
    size_t avail = b->pos < b->len ? b->len - b->pos : 0;
    if (n < 0 || (size_t)n > avail)
        n = (int64_t)avail;
    Value r = rt_bytes_new(vm, b->buf + b->pos, (size_t)n);
    b->pos += (size_t)n;
    return r;
}

static Value bio_read(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "read", argc - 1, 0, 1))
        return VNULL;
    BytesIO *b = bio_open(vm, argv[0]);
    int64_t n;
    if (!b || !io_size_arg(vm, argc > 1 ? argv[1] : VNULL, &n))
        return VNULL;
    return bio_read_n(vm, b, n);
}

static Value bio_read1(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "read1", argc - 1, 0, 1))
        return VNULL;
    return bio_read(vm, argc, argv, kw);
}

static Value bio_readline_n(VM *vm, BytesIO *b, int64_t limit)
{
    size_t avail = b->pos < b->len ? b->len - b->pos : 0;
    if (limit >= 0 && (size_t)limit < avail)
        avail = (size_t)limit;
    uint8_t *nl = avail ? memchr(b->buf + b->pos, '\n', avail) : NULL;
    size_t k = nl ? (size_t)(nl - (b->buf + b->pos)) + 1 : avail;
    Value r = rt_bytes_new(vm, b->buf + b->pos, k);
    b->pos += k;
    return r;
}

static Value bio_readline(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "readline", argc - 1, 0, 1))
        return VNULL;
    BytesIO *b = bio_open(vm, argv[0]);
    int64_t n;
    if (!b || !io_size_arg(vm, argc > 1 ? argv[1] : VNULL, &n))
        return VNULL;
    return bio_readline_n(vm, b, n);
}

static Value bio_readlines(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "readlines", argc - 1, 0, 1))
        return VNULL;
    BytesIO *b = bio_open(vm, argv[0]);
    int64_t hint;
    if (!b || !io_size_arg(vm, argc > 1 ? argv[1] : VNULL, &hint))
        return VNULL;
    Value list = rt_list_new(vm, 0);
    if (!list)
        return VNULL;
    int64_t total = 0;
    for (;;) {
        Value line = bio_readline_n(vm, b, -1);
        if (!line)
            return VNULL;
        size_t n = ((Bytes *)v_obj(line))->len;
        if (!n)
            break;
        if (!rt_list_append(vm, list, line))
            return VNULL;
        total += (int64_t)n;
        if (hint > 0 && total >= hint)
            break;
    }
    return list;
}

static Value bio_readinto(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "readinto", argc - 1, 1, 1))
        return VNULL;
    BytesIO *b = bio_open(vm, argv[0]);
    if (!b)
        return VNULL;
    RtBuffer buf;
    if (!rt_get_buffer(vm, argv[1], &buf, RT_BUF_WRITABLE)) {
        if (rt_exc_matches(vm, vm->exc, &rt_exc_TypeError)) {
            vm->exc = VNULL;
            return rt_raise(vm, &rt_exc_TypeError,
                            "readinto() argument must be read-write bytes-like object, not %s",
                            rt_type_name(argv[1]));
        }
        return VNULL;
    }
    size_t avail = b->pos < b->len ? b->len - b->pos : 0;
    size_t n = buf.len < avail ? buf.len : avail;
    memcpy(buf.ptr, b->buf + b->pos, n);
    b->pos += n;
    return rt_int_from_i64(vm, (int64_t)n);
}

static Value bio_write(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "write", argc - 1, 1, 1))
        return VNULL;
    BytesIO *b = bio_open(vm, argv[0]);
    if (!b || !check_exports(vm, b))
        return VNULL;
    RtBuffer buf;
    if (!rt_get_buffer(vm, argv[1], &buf, 0) || !bio_write_bytes(vm, b, buf.ptr, buf.len))
        return VNULL;
    return rt_int_from_i64(vm, (int64_t)buf.len);
}

static Value bio_writelines(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "writelines", argc - 1, 1, 1))
        return VNULL;
    if (!bio_open(vm, argv[0]))
        return VNULL;
    Value it = rt_iter(vm, argv[1]);
    if (!it)
        return VNULL;
    Value item;
    while ((item = rt_next(vm, it))) {
        Value a[2] = {argv[0], item};
        if (!bio_write(vm, 2, a, VNULL))
            return VNULL;
    }
    return vm->exc ? VNULL : rt_None;
}

static Value bio_seek(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "seek", argc - 1, 1, 2))
        return VNULL;
    BytesIO *b = bio_open(vm, argv[0]);
    int64_t pos, whence = 0;
    if (!b || !mp_as_ssize(vm, argv[1], &pos) || (argc > 2 && !mp_as_ssize(vm, argv[2], &whence)))
        return VNULL;
    if (pos < 0 && whence == 0)
        return rt_raise(vm, &rt_exc_ValueError, "negative seek value %lld", (long long)pos);
    if (whence == 1)
        pos = pos > INT64_MAX - (int64_t)b->pos ? INT64_MAX : pos + (int64_t)b->pos;
    else if (whence == 2)
        pos = pos > INT64_MAX - (int64_t)b->len ? INT64_MAX : pos + (int64_t)b->len;
    else if (whence != 0)
        return rt_raise(vm, &rt_exc_ValueError, "invalid whence (%lld, should be 0, 1 or 2)", (long long)whence);
    if (pos < 0)
        pos = 0;
    b->pos = (size_t)pos;
    return rt_int_from_i64(vm, pos);
}

static Value bio_tell(VM *vm, int argc, Value *argv, Value kw)
{
    BytesIO *b = bio_open(vm, argv[0]);
    return b ? rt_int_from_i64(vm, (int64_t)b->pos) : VNULL;
}

static Value bio_truncate(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "truncate", argc - 1, 0, 1))
        return VNULL;
    BytesIO *b = bio_open(vm, argv[0]);
    if (!b || !check_exports(vm, b))
        return VNULL;
    int64_t size = (int64_t)b->pos;
    if (argc > 1 && argv[1] != rt_None && !io_size_arg(vm, argv[1], &size))
        return VNULL;
    if (size < 0)
        return rt_raise(vm, &rt_exc_ValueError, "negative size value %lld", (long long)size);
    if ((size_t)size < b->len)
        b->len = (size_t)size;
    return rt_int_from_i64(vm, size);
}

static Value bio_true(VM *vm, int argc, Value *argv, Value kw)
{
    return bio_open(vm, argv[0]) ? rt_True : VNULL;
}

static Value bio_false(VM *vm, int argc, Value *argv, Value kw)
{
    return bio_open(vm, argv[0]) ? rt_False : VNULL;
}

static Value bio_flush(VM *vm, int argc, Value *argv, Value kw)
{
    return bio_open(vm, argv[0]) ? rt_None : VNULL;
}

static Value bio_close(VM *vm, int argc, Value *argv, Value kw)
{
    BytesIO *b = bio(vm, argv[0]);
    if (!b || !check_exports(vm, b))
        return VNULL;
    b->closed = b->io.iobase_closed = true;
    if (b->buf)
        rt_free(vm, b->buf, b->cap);
    b->buf = NULL;
    b->len = b->cap = b->pos = 0;
    return rt_None;
}

static Value bio_closed_get(VM *vm, Value self)
{
    BytesIO *b = bio(vm, self);
    return b ? rt_bool(b->closed) : VNULL;
}

static Value bytesio_next(VM *vm, Value self)
{
    if (v_obj(self)->type->flags & TF_CLASS) {
        Value line = io_call(vm, self, "readline", 0, NULL);
        if (!line)
            return VNULL;
        return rt_len(vm, line) > 0 ? line : VNULL;
    }
    BytesIO *b = bio_open(vm, self);
    if (!b)
        return VNULL;
    Value line = bio_readline_n(vm, b, -1);
    return line && ((Bytes *)v_obj(line))->len ? line : VNULL;
}

static bool memio_del_needed(VM *vm, Obj *o) { return false; }

static const NativeDef bytesio_methods[] = {
    {"getvalue", bio_getvalue, 0},
    {"getbuffer", bio_getbuffer, 0},
    {"read", bio_read, 0},
    {"read1", bio_read1, 0},
    {"readline", bio_readline, 0},
    {"readlines", bio_readlines, 0},
    {"readinto", bio_readinto, 0},
    {"write", bio_write, 0},
    {"writelines", bio_writelines, 0},
    {"seek", bio_seek, 0},
    {"tell", bio_tell, 0},
    {"truncate", bio_truncate, 0},
    {"readable", bio_true, 0},
    {"writable", bio_true, 0},
    {"seekable", bio_true, 0},
    {"isatty", bio_false, 0},
    {"flush", bio_flush, 0},
    {"close", bio_close, 0},
    {"__init__", bytesio_init, NF_KEYWORDS},
    {NULL, NULL, 0},
};

static const GetSetDef bytesio_getsets[] = {
    {"closed", bio_closed_get, NULL},
    {NULL, NULL, NULL},
};

Type mp_bytesio_type = {
    .name = "_io.BytesIO",
    .base = &mp_bufferediobase_type,
    .instance_size = sizeof(BytesIO),
    .finalize = bytesio_finalize,
    .new = bytesio_new,
    .next = bytesio_next,
    .del = io_del,
    .del_needed = memio_del_needed,
    .flags = TF_BASETYPE | TF_FINALIZE,
};

/* ---- StringIO ---------------------------------------------------------------------------------- */

typedef struct StringIO {
    IOObj io;
    uint32_t *buf;
    size_t len, cap, pos;
    bool closed, ok;
    bool readuniversal, readtranslate;
    Value readnl;          /* str or VNULL */
    const char *writenl;   /* "\r" / "\r\n", or NULL: no translation */
    bool has_decoder;      /* universal newlines: translate on write */
    bool pendingcr;
    uint8_t seennl;
} StringIO;

static void stringio_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((StringIO *)o)->readnl); }

static void stringio_finalize(VM *vm, Obj *o)
{
    StringIO *s = (StringIO *)o;
    if (s->buf)
        rt_free(vm, s->buf, s->cap * sizeof *s->buf);
    s->buf = NULL;
}

static StringIO *sio(VM *vm, Value v)
{
    if (!v_isa(v, &mp_stringio_type) && !rt_isinstance_type(v, &mp_stringio_type)) {
        rt_raise(vm, &rt_exc_TypeError, "descriptor requires a '_io.StringIO' object but received '%s'",
                 rt_type_name(v));
        return NULL;
    }
    StringIO *s = (StringIO *)v_obj(v);
    if (!s->ok) {
        rt_raise(vm, &rt_exc_ValueError, "I/O operation on uninitialized object");
        return NULL;
    }
    return s;
}

static StringIO *sio_open(VM *vm, Value v)
{
    StringIO *s = sio(vm, v);
    if (s && s->closed) {
        rt_raise(vm, &rt_exc_ValueError, "I/O operation on closed file");
        return NULL;
    }
    return s;
}

static bool sio_reserve(VM *vm, StringIO *s, size_t n)
{
    if (n <= s->cap)
        return true;
    size_t cap = s->cap ? s->cap : 32;
    while (cap < n)
        cap = cap < (1u << 20) ? cap * 2 : cap + cap / 4;
    uint32_t *p = s->buf ? rt_realloc(vm, s->buf, s->cap * sizeof *p, cap * sizeof *p)
                         : rt_malloc(vm, cap * sizeof *p);
    if (!p)
        return false;
    s->buf = p;
    s->cap = cap;
    return true;
}

static Value sio_make_str(VM *vm, const uint32_t *p, size_t n)
{
    StrBuf b;
    sb_init(&b);
    for (size_t i = 0; i < n; i++) {
        char o[4];
        uint32_t c = p[i];
        size_t k;
        if (c < 0x80) {
            o[0] = (char)c;
            k = 1;
        } else if (c < 0x800) {
            o[0] = (char)(0xC0 | (c >> 6));
            o[1] = (char)(0x80 | (c & 0x3F));
            k = 2;
        } else if (c < 0x10000) {
            o[0] = (char)(0xE0 | (c >> 12));
            o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
            o[2] = (char)(0x80 | (c & 0x3F));
            k = 3;
        } else {
            o[0] = (char)(0xF0 | (c >> 18));
            o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
            o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
            o[3] = (char)(0x80 | (c & 0x3F));
            k = 4;
        }
        if (!sb_add(vm, &b, o, k)) {
            sb_free(&b);
            return VNULL;
        }
    }
    return sb_finish(vm, &b);
}

/* Append minipy UTF-8 text at the position (padding a gap with NULs). */
static bool sio_put(VM *vm, StringIO *s, const char *t, size_t n)
{
    size_t nchars = io_count_chars(t, n);
    if (!nchars)
        return true;
    size_t end = s->pos + nchars;
    if (!sio_reserve(vm, s, end))
        return false;
    if (s->pos > s->len)
        memset(s->buf + s->len, 0, (s->pos - s->len) * sizeof *s->buf);
    const unsigned char *p = (const unsigned char *)t;
    size_t o = s->pos;
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        uint32_t cp;
        if (c < 0x80) {
            cp = c;
            i++;
        } else if (c < 0xE0) {
            cp = ((c & 0x1F) << 6) | (p[i + 1] & 0x3F);
            i += 2;
        } else if (c < 0xF0) {
            cp = ((c & 0x0F) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3F);
            i += 3;
        } else {
            cp = ((c & 0x07) << 18) | ((p[i + 1] & 0x3Fu) << 12) | ((p[i + 2] & 0x3Fu) << 6) | (p[i + 3] & 0x3F);
            i += 4;
        }
        s->buf[o++] = cp;
    }
    s->pos = end;
    if (end > s->len)
        s->len = end;
    return true;
}

static bool sio_write_str(VM *vm, StringIO *s, Value str)
{
    const char *t = v_cstr(str);
    size_t n = v_str(str)->len;
    StrBuf dec, tr;
    sb_init(&dec);
    sb_init(&tr);
    bool ok = true;
    if (s->has_decoder) {
        if (!(ok = io_nl_process(vm, s->readtranslate, &s->pendingcr, &s->seennl, t, n, true, &dec)))
            goto out;
        t = dec.data ? dec.data : "";
        n = dec.len;
    }
    if (s->writenl && memchr(t, '\n', n)) {
        for (size_t i = 0; i < n && ok; i++)
            ok = t[i] == '\n' ? sb_adds(vm, &tr, s->writenl) : sb_addc(vm, &tr, t[i]);
        if (!ok)
            goto out;
        t = tr.data;
        n = tr.len;
    }
    ok = sio_put(vm, s, t, n);
out:
    sb_free(&dec);
    sb_free(&tr);
    return ok;
}

/* StringIO(initial_value, newline) into s (blank or being set up again). */
static Value stringio_setup(VM *vm, StringIO *s, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"initial_value", "newline", NULL};
    Value a[2];
    if (!rt_parse_args(vm, "StringIO", argc, argv, kwnames, names, 0, 0, a))
        return VNULL;
    Value nl = a[1] ? a[1] : rt_str_intern_cstr(vm, "\n");
    if (nl != rt_None && !v_is_str(nl))
        return rt_raise(vm, &rt_exc_TypeError, "newline must be str or None, not %s", rt_type_name(nl));
    if (nl != rt_None) {
        const char *n = v_cstr(nl);
        if (v_str(nl)->len && strcmp(n, "\n") && strcmp(n, "\r") && strcmp(n, "\r\n")) {
            Value r = rt_repr(vm, nl);
            return r ? rt_raise(vm, &rt_exc_ValueError, "illegal newline value: %s", v_cstr(r)) : VNULL;
        }
    }
    if (a[0] && a[0] != rt_None && !v_is_str(a[0]))
        return rt_raise(vm, &rt_exc_TypeError, "initial_value must be str or None, not %s", rt_type_name(a[0]));
    Value self = v_from(s);
    s->len = s->pos = 0;
    s->readnl = VNULL;
    s->writenl = NULL;
    s->readuniversal = nl == rt_None || v_str(nl)->len == 0;
    s->readtranslate = nl == rt_None;
    if (nl != rt_None && v_str(nl)->len)
        s->readnl = nl;
    if (nl != rt_None && v_cstr(nl)[0] == '\r')
        s->writenl = !strcmp(v_cstr(nl), "\r") ? "\r" : "\r\n";
    s->has_decoder = s->readuniversal;
    s->ok = true;
    if (a[0] && a[0] != rt_None) {
        if (!sio_write_str(vm, s, a[0]))
            return VNULL;
        s->pos = 0;
    }
    return self;
}

/* Built at once, except for a Python subclass with its own __init__: that
 * one gets a blank object its super().__init__(...) sets up. */
static Value stringio_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    StringIO *s = rt_alloc(vm, type, type->instance_size);
    if (!s)
        return VNULL;
    if ((type->flags & TF_CLASS) && v_is(rt_lookup_type_attr(type, vm->names.__init__), &rt_function_type))
        return v_from(s);
    return stringio_setup(vm, s, argc, argv, kwnames);
}

static Value stringio_init(VM *vm, int argc, Value *argv, Value kw)
{
    Value r = stringio_setup(vm, (StringIO *)v_obj(argv[0]), argc - 1, argv + 1, kw);
    return r ? rt_None : VNULL;
}

static Value sio_getvalue(VM *vm, int argc, Value *argv, Value kw)
{
    StringIO *s = sio_open(vm, argv[0]);
    return s ? sio_make_str(vm, s->buf, s->len) : VNULL;
}

static Value sio_read(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "read", argc - 1, 0, 1))
        return VNULL;
    StringIO *s = sio_open(vm, argv[0]);
    int64_t n;
    if (!s || !io_size_arg(vm, argc > 1 ? argv[1] : VNULL, &n))
        return VNULL;
    size_t avail = s->pos < s->len ? s->len - s->pos : 0;
    if (n < 0 || (size_t)n > avail)
        n = (int64_t)avail;
    Value r = sio_make_str(vm, s->buf + s->pos, (size_t)n);
    s->pos += (size_t)n;
    return r;
}

static Value sio_readline_n(VM *vm, StringIO *s, int64_t limit)
{
    size_t avail = s->pos < s->len ? s->len - s->pos : 0;
    if (limit >= 0 && (size_t)limit < avail)
        avail = (size_t)limit;
    const uint32_t *p = s->buf + s->pos;
    size_t k = avail;
    if (s->readtranslate) {
        for (size_t i = 0; i < avail; i++)
            if (p[i] == '\n') {
                k = i + 1;
                break;
            }
    } else if (s->readuniversal) {
        for (size_t i = 0; i < avail; i++) {
            if (p[i] == '\n') {
                k = i + 1;
                break;
            }
            if (p[i] == '\r') {
                k = i + 1 + (i + 1 < avail && p[i + 1] == '\n');
                break;
            }
        }
    } else {
        const char *nl = v_cstr(s->readnl);
        size_t nlen = strlen(nl);
        for (size_t i = 0; i + nlen <= avail; i++) {
            size_t j = 0;
            while (j < nlen && p[i + j] == (uint32_t)(unsigned char)nl[j])
                j++;
            if (j == nlen) {
                k = i + nlen;
                break;
            }
        }
    }
    Value r = sio_make_str(vm, p, k);
    s->pos += k;
    return r;
}

static Value sio_readline(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "readline", argc - 1, 0, 1))
        return VNULL;
    StringIO *s = sio_open(vm, argv[0]);
    int64_t n;
    if (!s || !io_size_arg(vm, argc > 1 ? argv[1] : VNULL, &n))
        return VNULL;
    return sio_readline_n(vm, s, n);
}

static Value sio_write(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "write", argc - 1, 1, 1))
        return VNULL;
    StringIO *s = sio_open(vm, argv[0]);
    if (!s)
        return VNULL;
    if (!v_is_str(argv[1]))
        return rt_raise(vm, &rt_exc_TypeError, "string argument expected, got '%s'", rt_type_name(argv[1]));
    if (!sio_write_str(vm, s, argv[1]))
        return VNULL;
    return rt_int_from_i64(vm, (int64_t)v_str(argv[1])->nchars);
}

static Value sio_seek(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "seek", argc - 1, 1, 2))
        return VNULL;
    StringIO *s = sio_open(vm, argv[0]);
    int64_t pos, whence = 0;
    if (!s || !mp_as_ssize(vm, argv[1], &pos) || (argc > 2 && !mp_as_ssize(vm, argv[2], &whence)))
        return VNULL;
    if (whence != 0 && whence != 1 && whence != 2)
        return rt_raise(vm, &rt_exc_ValueError, "Invalid whence (%lld, should be 0, 1 or 2)", (long long)whence);
    if (pos < 0 && whence == 0)
        return rt_raise(vm, &rt_exc_ValueError, "Negative seek position %lld", (long long)pos);
    if (whence != 0 && pos != 0)
        return rt_raise(vm, &rt_exc_OSError, "Can't do nonzero cur-relative seeks");
    if (whence == 1)
        pos = (int64_t)s->pos;
    else if (whence == 2)
        pos = (int64_t)s->len;
    s->pos = (size_t)pos;
    return rt_int_from_i64(vm, pos);
}

static Value sio_tell(VM *vm, int argc, Value *argv, Value kw)
{
    StringIO *s = sio_open(vm, argv[0]);
    return s ? rt_int_from_i64(vm, (int64_t)s->pos) : VNULL;
}

static Value sio_truncate(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "truncate", argc - 1, 0, 1))
        return VNULL;
    StringIO *s = sio_open(vm, argv[0]);
    if (!s)
        return VNULL;
    int64_t size = (int64_t)s->pos;
    if (argc > 1 && argv[1] != rt_None && !mp_as_ssize(vm, argv[1], &size))
        return VNULL;
    if (size < 0)
        return rt_raise(vm, &rt_exc_ValueError, "Negative size value %lld", (long long)size);
    if ((size_t)size < s->len)
        s->len = (size_t)size;
    return rt_int_from_i64(vm, size);
}

static Value sio_true(VM *vm, int argc, Value *argv, Value kw)
{
    return sio_open(vm, argv[0]) ? rt_True : VNULL;
}

static Value sio_close(VM *vm, int argc, Value *argv, Value kw)
{
    StringIO *s = sio(vm, argv[0]);
    if (!s)
        return VNULL;
    s->closed = s->io.iobase_closed = true;
    if (s->buf)
        rt_free(vm, s->buf, s->cap * sizeof *s->buf);
    s->buf = NULL;
    s->len = s->cap = 0;
    return rt_None;
}

static Value sio_closed_get(VM *vm, Value self)
{
    StringIO *s = sio(vm, self);
    return s ? rt_bool(s->closed) : VNULL;
}

static Value sio_line_buffering_get(VM *vm, Value self)
{
    StringIO *s = sio_open(vm, self);
    return s ? rt_False : VNULL;
}

static Value sio_newlines_get(VM *vm, Value self)
{
    StringIO *s = sio_open(vm, self);
    if (!s)
        return VNULL;
    return s->has_decoder ? io_newlines_value(vm, s->seennl) : rt_None;
}

static Value stringio_next(VM *vm, Value self)
{
    Value line;
    if (v_obj(self)->type->flags & TF_CLASS) {
        line = io_call(vm, self, "readline", 0, NULL);
        if (line && !v_is_str(line))
            return rt_raise(vm, &rt_exc_OSError, "readline() should have returned a str object, not '%s'",
                            rt_type_name(line));
    } else {
        StringIO *s = sio_open(vm, self);
        line = s ? sio_readline_n(vm, s, -1) : VNULL;
    }
    return line && v_str(line)->len ? line : VNULL;
}

static Value stringio_repr(VM *vm, Value self)
{
    return rt_str_printf(vm, "<%s object at %p>", v_type(self)->name, (void *)v_obj(self));
}

static const NativeDef stringio_methods[] = {
    {"getvalue", sio_getvalue, 0},
    {"read", sio_read, 0},
    {"readline", sio_readline, 0},
    {"write", sio_write, 0},
    {"seek", sio_seek, 0},
    {"tell", sio_tell, 0},
    {"truncate", sio_truncate, 0},
    {"readable", sio_true, 0},
    {"writable", sio_true, 0},
    {"seekable", sio_true, 0},
    {"close", sio_close, 0},
    {"__init__", stringio_init, NF_KEYWORDS},
    {NULL, NULL, 0},
};

static const GetSetDef stringio_getsets[] = {
    {"closed", sio_closed_get, NULL},
    {"line_buffering", sio_line_buffering_get, NULL},
    {"newlines", sio_newlines_get, NULL},
    {NULL, NULL, NULL},
};

Type mp_stringio_type = {
    .name = "_io.StringIO",
    .base = &mp_textiobase_type,
    .instance_size = sizeof(StringIO),
    .trace = stringio_trace,
    .finalize = stringio_finalize,
    .repr = stringio_repr,
    .new = stringio_new,
    .next = stringio_next,
    .del = io_del,
    .del_needed = memio_del_needed,
    .flags = TF_BASETYPE | TF_FINALIZE,
};

static Value bytesio_repr(VM *vm, Value self)
{
    return rt_str_printf(vm, "<%s object at %p>", v_type(self)->name, (void *)v_obj(self));
}

bool io_memio_init(VM *vm, Dict *d)
{
    mp_bytesio_type.repr = bytesio_repr;
    return mp_type_ready(vm, &bytesiobuf_type, NULL) &&
           io_add_type(vm, d, &mp_bytesio_type, bytesio_methods, bytesio_getsets) &&
           io_add_type(vm, d, &mp_stringio_type, stringio_methods, stringio_getsets);
}
