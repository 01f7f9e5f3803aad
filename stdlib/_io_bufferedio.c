/* stdlib/_io_bufferedio.c — _io.BufferedReader, BufferedWriter,
 * BufferedRandom and BufferedRWPair (CPython's Modules/_io/bufferedio.c).
 *
 * One buffer per object holds either a read window or pending writes, never
 * both (Buffered in _io.h): a write after reads first moves the raw stream
 * back over the unread part; a read after writes first flushes them.  Over
 * an exact FileIO the raw calls go straight to the descriptor. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stdlib/_io.h"
#include "runtime/buffer.h"
#include "runtime/containers.h"
#include "runtime/errors.h"
#include "runtime/gc.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "stdlib/modsupport.h"

static Buffered *live_buffered;

Buffered *io_buffered_live_first(void) { return live_buffered; }

static void link_live(Buffered *b)
{
    b->prev_live = NULL;
    b->next_live = live_buffered;
    if (live_buffered)
        live_buffered->prev_live = b;
    live_buffered = b;
}

static void buffered_trace(VM *vm, Obj *o)
{
    rt_gc_mark(vm, ((Buffered *)o)->raw);
}

/* Off the live list once closed, detached or freed: the list then holds
 * only objects whose finalizer has not run (_io.c's io_close_dependents). */
void io_buffered_forget(Buffered *b)
{
    if (b->prev_live)
        b->prev_live->next_live = b->next_live;
    else if (live_buffered == b)
        live_buffered = b->next_live;
    if (b->next_live)
        b->next_live->prev_live = b->prev_live;
    b->prev_live = b->next_live = NULL;
}

static void buffered_finalize(VM *vm, Obj *o)
{
    Buffered *b = (Buffered *)o;
    io_buffered_forget(b);
    if (b->buf)
        rt_free(vm, b->buf, b->buffer_size);
    b->buf = NULL;
}

static bool is_buffered(Value v)
{
    return v_isa(v, &mp_bufreader_type) || v_isa(v, &mp_bufwriter_type) ||
           v_isa(v, &mp_bufrandom_type) || rt_isinstance_type(v, &mp_bufreader_type) ||
           rt_isinstance_type(v, &mp_bufwriter_type) || rt_isinstance_type(v, &mp_bufrandom_type);
}

/* CHECK_INITIALIZED */
static Buffered *buf_self(VM *vm, Value v)
{
    if (!is_buffered(v)) {
        rt_raise(vm, &rt_exc_TypeError, "descriptor requires a buffered object, not '%s'",
                 rt_type_name(v));
        return NULL;
    }
    Buffered *b = (Buffered *)v_obj(v);
    if (!b->ok) {
        if (b->detached)
            rt_raise(vm, &rt_exc_ValueError, "raw stream has been detached");
        else
            rt_raise(vm, &rt_exc_ValueError, "I/O operation on uninitialized object");
        return NULL;
    }
    return b;
}

/* -1 error, 0 open, 1 closed */
static int raw_closed(VM *vm, Buffered *b)
{
    if (b->fast_raw)
        return ((FileIO *)v_obj(b->raw))->fd < 0;
    Value c = rt_getattr_cstr(vm, b->raw, "closed");
    return c ? rt_truthy(vm, c) : -1;
}

/* CHECK_CLOSED(self, msg) */
static Buffered *open_buf(VM *vm, Value v, const char *msg)
{
    Buffered *b = buf_self(vm, v);
    if (!b)
        return NULL;
    int c = raw_closed(vm, b);
    if (c < 0)
        return NULL;
    if (c) {
        /* CPython lets a read with data left in the window go on. */
        if (b->read_end > b->pos && !strncmp(msg, "read", 4) && strcmp(msg, "readline of closed file"))
            return b;
        rt_raise(vm, &rt_exc_ValueError, "%s", msg);
        return NULL;
    }
    return b;
}

/* ---- raw calls ----------------------------------------------------------------------- */

/* Bytes read into dst: >= 0, -2 when a non-blocking raw had nothing, -1 error. */
static int64_t raw_read(VM *vm, Buffered *b, uint8_t *dst, size_t n)
{
    int64_t r;
    if (b->fast_raw) {
        r = io_fileio_readinto(vm, (FileIO *)v_obj(b->raw), dst, n);
    } else {
        Value ba = rt_bytearray_new(vm, NULL, n);
        if (!ba)
            return -1;
        Value mv = rt_memoryview_new(vm, ba);
        if (!mv)
            return -1;
        Value res = io_call(vm, b->raw, "readinto", 1, &mv);
        if (!res)
            return -1;
        io_call(vm, mv, "release", 0, NULL);
        vm->exc = VNULL;
        if (res == rt_None)
            return -2;
        if (!mp_as_ssize(vm, res, &r))
            return -1;
        if (r < 0 || (size_t)r > n) {
            rt_raise(vm, &rt_exc_OSError, "raw readinto() returned invalid length %lld (should have been between 0 and %zu)",
                     (long long)r, n);
            return -1;
        }
        memcpy(dst, v_bytearray(ba)->data, (size_t)r);
    }
    if (r > 0 && b->abs_pos >= 0)
        b->abs_pos += r;
    return r;
}

static int64_t raw_write(VM *vm, Buffered *b, const uint8_t *src, size_t n)
{
    int64_t r;
    if (b->fast_raw) {
        r = io_fileio_write(vm, (FileIO *)v_obj(b->raw), src, n);
    } else {
        Value data = rt_bytes_new(vm, src, n);
        if (!data)
            return -1;
        Value mv = rt_memoryview_new(vm, data);
        if (!mv)
            return -1;
        Value res = io_call(vm, b->raw, "write", 1, &mv);
        if (!res)
            return -1;
        if (res == rt_None)
            return -2;
        if (!mp_as_ssize(vm, res, &r))
            return -1;
        if (r < 0 || (size_t)r > n) {
            rt_raise(vm, &rt_exc_OSError, "raw write() returned invalid length %lld (should have been between 0 and %zu)",
                     (long long)r, n);
            return -1;
        }
    }
    if (r > 0 && b->abs_pos >= 0)
        b->abs_pos += r;
    return r;
}

static int64_t raw_seek(VM *vm, Buffered *b, int64_t pos, int whence)
{
    int64_t r;
    if (b->fast_raw) {
        r = io_fileio_seek(vm, (FileIO *)v_obj(b->raw), pos, whence);
        if (r < 0)
            return -1;
    } else {
        Value a[2] = {rt_int_from_i64(vm, pos), v_from_small(whence)};
        if (!io_call_int(vm, b->raw, "seek", 2, a, &r))
            return -1;
        if (r < 0) {
            rt_raise(vm, &rt_exc_OSError, "Raw stream returned invalid position %lld", (long long)r);
            return -1;
        }
    }
    b->abs_pos = r;
    return r;
}

static int64_t raw_tell(VM *vm, Buffered *b)
{
    if (b->abs_pos >= 0)
        return b->abs_pos;
    int64_t r;
    if (b->fast_raw) {
        r = io_fileio_seek(vm, (FileIO *)v_obj(b->raw), 0, SEEK_CUR);
        if (r < 0)
            return -1;
    } else {
        if (!io_call_int(vm, b->raw, "tell", 0, NULL, &r))
            return -1;
        if (r < 0) {
            rt_raise(vm, &rt_exc_OSError, "Raw stream returned invalid position %lld", (long long)r);
            return -1;
        }
    }
    b->abs_pos = r;
    return r;
}

/* ---- the buffer ----------------------------------------------------------------------- */

static bool flush_writes(VM *vm, Buffered *b)
{
    size_t done = 0;
    while (done < b->write_len) {
        int64_t r = raw_write(vm, b, b->buf + done, b->write_len - done);
        if (r == -1) {
            memmove(b->buf, b->buf + done, b->write_len - done);
            b->write_len -= done;
            return false;
        }
        if (r == -2) {
            memmove(b->buf, b->buf + done, b->write_len - done);
            b->write_len -= done;
            rt_raise(vm, &rt_exc_BlockingIOError, "write could not complete without blocking");
            return false;
        }
        done += (size_t)r;
    }
    b->write_len = 0;
    return true;
}

bool io_buffered_flush_fast(VM *vm, Buffered *b) { return flush_writes(vm, b); }

/* Move the raw stream back over the unread part of the window, drop it. */
static bool drop_read(VM *vm, Buffered *b)
{
    size_t unread = b->read_end - b->pos;
    b->pos = b->read_end = 0;
    if (unread && raw_seek(vm, b, -(int64_t)unread, SEEK_CUR) < 0)
        return false;
    return true;
}

/* Refill an empty window with one raw read: its size, -2 or -1. */
static int64_t fill(VM *vm, Buffered *b)
{
    if (b->write_len && !flush_writes(vm, b))
        return -1;
    b->pos = b->read_end = 0;
    int64_t r = raw_read(vm, b, b->buf, b->buffer_size);
    if (r > 0)
        b->read_end = (size_t)r;
    return r;
}

bool io_buffered_write_data(VM *vm, Buffered *b, const uint8_t *p, size_t n)
{
    if (b->read_end && !drop_read(vm, b))
        return false;
    if (b->write_len + n <= b->buffer_size) {
        memcpy(b->buf + b->write_len, p, n);
        b->write_len += n;
        return true;
    }
    if (!flush_writes(vm, b))
        return false;
    while (n > b->buffer_size) {
        int64_t r = raw_write(vm, b, p, n);
        if (r == -1)
            return false;
        if (r == -2) {
            rt_raise(vm, &rt_exc_BlockingIOError, "write could not complete without blocking");
            return false;
        }
        p += r;
        n -= (size_t)r;
    }
    memcpy(b->buf, p, n);
    b->write_len = n;
    return true;
}

/* ---- construction ------------------------------------------------------------------------- */

/* Set up b (of type t) over raw: the checks and fields of CPython's
 * _io__Buffered___init__. */
static bool buffered_setup(VM *vm, Buffered *b, Type *t, Value raw, int64_t size)
{
    const char *checks[3];
    int nchecks = 0;
    Type *k = t;
    while (k && k != &mp_bufreader_type && k != &mp_bufwriter_type && k != &mp_bufrandom_type)
        k = k->base;
    uint8_t kind = k == &mp_bufwriter_type ? BUF_WRITER : k == &mp_bufrandom_type ? BUF_RANDOM : BUF_READER;
    if (kind == BUF_RANDOM)
        checks[nchecks++] = "_checkSeekable";
    if (kind != BUF_WRITER)
        checks[nchecks++] = "_checkReadable";
    if (kind != BUF_READER)
        checks[nchecks++] = "_checkWritable";
    for (int i = 0; i < nchecks; i++)
        if (!io_call(vm, raw, checks[i], 0, NULL))
            return false;
    if (size < 0)
        size = IO_DEFAULT_BUFFER_SIZE;
    if (size == 0)
        return rt_raise(vm, &rt_exc_ValueError, "buffer size must be strictly positive"), false;
    if (b->buf) { /* __init__ again */
        rt_free(vm, b->buf, b->buffer_size);
        b->buf = NULL;
    }
    /* From the collector's allocator, so leak checkers see it owned. */
    b->buf = rt_malloc(vm, (size_t)size);
    if (!b->buf)
        return false;
    b->buffer_size = (size_t)size;
    b->raw = raw;
    b->kind = kind;
    b->readable = kind != BUF_WRITER;
    b->writable = kind != BUF_READER;
    b->fast_raw = v_is(raw, &mp_fileio_type);
    b->abs_pos = -1;
    b->ok = true;
    link_live(b);
    /* The raw position is only asked for when known to be seekable. */
    if (b->fast_raw) {
        FileIO *f = (FileIO *)v_obj(raw);
        off_t p = f->fd >= 0 ? lseek(f->fd, 0, SEEK_CUR) : -1;
        b->abs_pos = p >= 0 ? (int64_t)p : -1;
    }
    return true;
}

Value io_buffered_make(VM *vm, Type *t, Value raw, int64_t size)
{
    Buffered *b = rt_alloc(vm, t, t->instance_size);
    if (!b)
        return VNULL;
    return buffered_setup(vm, b, t, raw, size) ? v_from(b) : VNULL;
}

static bool buffered_args(VM *vm, Type *type, int argc, Value *argv, Value kwnames, Value *raw,
                          int64_t *size)
{
    static const char *const names[] = {"raw", "buffer_size", NULL};
    Value a[2];
    Type *k = type;
    while (k && (k->flags & TF_CLASS))
        k = k->base;
    const char *n = k && k->name_str ? v_cstr(k->name_str) : "BufferedReader";
    if (!rt_parse_args(vm, n, argc, argv, kwnames, names, 0, 1, a))
        return false;
    *size = IO_DEFAULT_BUFFER_SIZE;
    if (a[1] && !mp_as_ssize(vm, a[1], size))
        return false;
    if (*size <= 0)
        return rt_raise(vm, &rt_exc_ValueError, "buffer size must be strictly positive"), false;
    *raw = a[0];
    return true;
}

static Value buffered_init(VM *vm, int argc, Value *argv, Value kw);

/* Built at once, except for a Python subclass with its own __init__: that
 * one gets a blank object its super().__init__(raw) sets up. */
static Value buffered_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    Value raw;
    int64_t size;
    if ((type->flags & TF_CLASS) && v_is(rt_lookup_type_attr(type, vm->names.__init__), &rt_function_type))
        return v_from(rt_alloc(vm, type, type->instance_size));
    if (!buffered_args(vm, type, argc, argv, kwnames, &raw, &size))
        return VNULL;
    return io_buffered_make(vm, type, raw, size);
}

static Value buffered_init(VM *vm, int argc, Value *argv, Value kw)
{
    Value raw;
    int64_t size;
    Type *t = v_type(argv[0]);
    if (!buffered_args(vm, t, argc - 1, argv + 1, kw, &raw, &size) ||
        !buffered_setup(vm, (Buffered *)v_obj(argv[0]), t, raw, size))
        return VNULL;
    return rt_None;
}

/* ---- reading -------------------------------------------------------------------------- */

static Value read_all(VM *vm, Buffered *b)
{
    if (b->write_len && !flush_writes(vm, b))
        return VNULL;
    size_t have = b->read_end - b->pos;
    Value head = rt_bytes_new(vm, b->buf + b->pos, have);
    if (!head)
        return VNULL;
    b->pos = b->read_end = 0;
    if (b->fast_raw) {
        Value rest = io_fileio_readall(vm, (FileIO *)v_obj(b->raw));
        if (!rest)
            return VNULL;
        b->abs_pos = -1;
        if (rest == rt_None)
            return have ? head : rest;
        return have ? rt_binary_op(vm, BIN_ADD, head, rest) : rest;
    }
    Value readall = rt_getattr_opt(vm, b->raw, rt_str_intern_cstr(vm, "readall"));
    if (!readall && vm->exc)
        return VNULL;
    if (readall) {
        Value rest = rt_call0(vm, readall);
        if (!rest)
            return VNULL;
        b->abs_pos = -1;
        if (rest != rt_None && !v_isa(rest, &rt_bytes_type))
            return rt_raise(vm, &rt_exc_TypeError, "readall() should return bytes");
        if (rest == rt_None)
            return have ? head : rest;
        return have ? rt_binary_op(vm, BIN_ADD, head, rest) : rest;
    }
    Value acc = head;
    for (;;) {
        Value data = io_call(vm, b->raw, "read", 0, NULL);
        if (!data)
            return VNULL;
        b->abs_pos = -1;
        if (data != rt_None && !v_isa(data, &rt_bytes_type))
            return rt_raise(vm, &rt_exc_TypeError, "read() should return bytes");
        if (data == rt_None || ((Bytes *)v_obj(data))->len == 0) {
            if (((Bytes *)v_obj(acc))->len == 0 && data == rt_None)
                return rt_None;
            return acc;
        }
        if (!(acc = rt_binary_op(vm, BIN_ADD, acc, data)))
            return VNULL;
    }
}

/* Read up to n bytes into dst, looping until n or EOF (read1: one raw read
 * at most).  Returns the count, -2: nothing and the raw would block. */
static int64_t read_into(VM *vm, Buffered *b, uint8_t *dst, size_t n, bool one)
{
    if (b->write_len && !flush_writes(vm, b))
        return -1;
    size_t have = b->read_end - b->pos;
    if (have >= n || (one && have)) {
        size_t k = have < n ? have : n;
        memcpy(dst, b->buf + b->pos, k);
        b->pos += k;
        return (int64_t)k;
    }
    memcpy(dst, b->buf + b->pos, have);
    size_t written = have;
    b->pos = b->read_end = 0;
    while (written < n) {
        size_t remaining = n - written;
        int64_t r;
        if (remaining > b->buffer_size || one) {
            /* Whole blocks straight into the result. */
            size_t chunk = one ? remaining : remaining - remaining % b->buffer_size;
            r = raw_read(vm, b, dst + written, chunk);
            if (r == -1)
                return -1;
            if (r == -2)
                return written ? (int64_t)written : -2;
            written += (size_t)r;
            if (r == 0 || one)
                break;
            continue;
        }
        r = fill(vm, b);
        if (r == -1)
            return -1;
        if (r == -2)
            return written ? (int64_t)written : -2;
        if (r == 0)
            break;
        size_t k = b->read_end < remaining ? b->read_end : remaining;
        memcpy(dst + written, b->buf, k);
        b->pos = k;
        written += k;
    }
    return (int64_t)written;
}

static Value read_sized(VM *vm, Buffered *b, int64_t n, bool one)
{
    size_t have = b->read_end - b->pos;
    if (!b->write_len && (size_t)n <= have) {
        Value r = rt_bytes_new(vm, b->buf + b->pos, (size_t)n);
        b->pos += (size_t)n;
        return r;
    }
    uint8_t *tmp = malloc((size_t)n + 1);
    if (!tmp)
        return rt_no_memory(vm);
    int64_t r = read_into(vm, b, tmp, (size_t)n, one);
    Value res = r == -1 ? VNULL : r == -2 ? rt_None : rt_bytes_new(vm, tmp, (size_t)r);
    free(tmp);
    return res;
}

static Value b_read(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "read", argc - 1, 0, 1))
        return VNULL;
    Buffered *b = buf_self(vm, argv[0]);
    if (!b)
        return VNULL;
    int64_t n;
    if (!io_size_arg(vm, argc > 1 ? argv[1] : VNULL, &n))
        return VNULL;
    if (argc > 1 && argv[1] != rt_None && n < -1)
        return rt_raise(vm, &rt_exc_ValueError, "read length must be non-negative or -1");
    if (!b->readable)
        return io_unsupported(vm, "read");
    if (!open_buf(vm, argv[0], "read of closed file"))
        return VNULL;
    if (n < 0)
        return read_all(vm, b);
    return read_sized(vm, b, n, false);
}

static Value b_read1(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "read1", argc - 1, 0, 1))
        return VNULL;
    Buffered *b = buf_self(vm, argv[0]);
    if (!b)
        return VNULL;
    int64_t n;
    if (!io_size_arg(vm, argc > 1 ? argv[1] : VNULL, &n))
        return VNULL;
    if (!b->readable)
        return io_unsupported(vm, "read1");
    if (!open_buf(vm, argv[0], "read of closed file"))
        return VNULL;
    if (n < 0)
        n = (int64_t)b->buffer_size;
    if (n == 0)
        return rt_bytes_new(vm, NULL, 0);
    return read_sized(vm, b, n, true);
}

static Value b_peek(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "peek", argc - 1, 0, 1))
        return VNULL;
    Buffered *b = buf_self(vm, argv[0]);
    if (!b)
        return VNULL;
    if (!b->readable)
        return io_unsupported(vm, "peek");
    if (!open_buf(vm, argv[0], "peek of closed file"))
        return VNULL;
    if (b->write_len && !flush_writes(vm, b))
        return VNULL;
    if (b->read_end == b->pos) {
        int64_t r = fill(vm, b);
        if (r == -1)
            return VNULL;
    }
    return rt_bytes_new(vm, b->buf + b->pos, b->read_end - b->pos);
}

static Value readinto_common(VM *vm, int argc, Value *argv, const char *name, bool one)
{
    if (!rt_check_nargs(vm, name, argc - 1, 1, 1))
        return VNULL;
    Buffered *b = buf_self(vm, argv[0]);
    if (!b)
        return VNULL;
    if (!b->readable)
        return io_unsupported(vm, name);
    RtBuffer buf;
    if (!rt_get_buffer(vm, argv[1], &buf, RT_BUF_WRITABLE)) {
        if (rt_exc_matches(vm, vm->exc, &rt_exc_TypeError)) {
            vm->exc = VNULL;
            return rt_raise(vm, &rt_exc_TypeError,
                            "%s() argument must be read-write bytes-like object, not %s", name,
                            rt_type_name(argv[1]));
        }
        return VNULL;
    }
    if (!open_buf(vm, argv[0], "readinto of closed file"))
        return VNULL;
    /* Read into a copy: a raw written in Python may run anything. */
    uint8_t *tmp = malloc(buf.len + 1);
    if (!tmp)
        return rt_no_memory(vm);
    int64_t r = read_into(vm, b, tmp, buf.len, one);
    if (r >= 0 && rt_get_buffer(vm, argv[1], &buf, RT_BUF_WRITABLE))
        memcpy(buf.ptr, tmp, (size_t)r <= buf.len ? (size_t)r : buf.len);
    free(tmp);
    return r == -1 || vm->exc ? VNULL : r == -2 ? rt_None : rt_int_from_i64(vm, r);
}

static Value b_readinto(VM *vm, int argc, Value *argv, Value kw)
{
    return readinto_common(vm, argc, argv, "readinto", false);
}

static Value b_readinto1(VM *vm, int argc, Value *argv, Value kw)
{
    return readinto_common(vm, argc, argv, "readinto1", true);
}

static Value readline_impl(VM *vm, Buffered *b, int64_t limit)
{
    if (b->write_len && !flush_writes(vm, b))
        return VNULL;
    size_t have = b->read_end - b->pos;
    size_t scan = limit >= 0 && (size_t)limit < have ? (size_t)limit : have;
    uint8_t *nl = memchr(b->buf + b->pos, '\n', scan);
    if (nl || (limit >= 0 && (size_t)limit <= have)) {
        size_t k = nl ? (size_t)(nl - (b->buf + b->pos)) + 1 : scan;
        Value r = rt_bytes_new(vm, b->buf + b->pos, k);
        b->pos += k;
        return r;
    }
    StrBuf acc;
    sb_init(&acc);
    if (!sb_add(vm, &acc, (const char *)b->buf + b->pos, have))
        goto fail;
    b->pos = b->read_end;
    for (;;) {
        if (limit >= 0 && (int64_t)acc.len >= limit)
            break;
        int64_t r = fill(vm, b);
        if (r == -1)
            goto fail;
        if (r <= 0)
            break;
        size_t avail = b->read_end;
        if (limit >= 0 && (size_t)(limit - (int64_t)acc.len) < avail)
            avail = (size_t)(limit - (int64_t)acc.len);
        uint8_t *p = memchr(b->buf, '\n', avail);
        size_t k = p ? (size_t)(p - b->buf) + 1 : avail;
        if (!sb_add(vm, &acc, (const char *)b->buf, k))
            goto fail;
        b->pos = k;
        if (p)
            break;
    }
    Value res = rt_bytes_new(vm, (const uint8_t *)(acc.data ? acc.data : ""), acc.len);
    sb_free(&acc);
    return res;
fail:
    sb_free(&acc);
    return VNULL;
}

static Value b_readline(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "readline", argc - 1, 0, 1))
        return VNULL;
    Buffered *b = buf_self(vm, argv[0]);
    if (!b)
        return VNULL;
    int64_t limit;
    if (!io_size_arg(vm, argc > 1 ? argv[1] : VNULL, &limit))
        return VNULL;
    if (!b->readable)
        return io_unsupported(vm, "readline");
    if (!open_buf(vm, argv[0], "readline of closed file"))
        return VNULL;
    return readline_impl(vm, b, limit);
}

static Value buffered_next(VM *vm, Value self)
{
    if (v_obj(self)->type->flags & TF_CLASS) {
        Value line = io_call(vm, self, "readline", 0, NULL);
        if (!line)
            return VNULL;
        int64_t n = rt_len(vm, line);
        return n > 0 ? line : VNULL;
    }
    Buffered *b = buf_self(vm, self);
    if (!b)
        return VNULL;
    if (!b->readable) {
        io_unsupported(vm, "readline");
        return VNULL;
    }
    if (!open_buf(vm, self, "readline of closed file"))
        return VNULL;
    Value line = readline_impl(vm, b, -1);
    if (!line || ((Bytes *)v_obj(line))->len == 0)
        return VNULL;
    return line;
}

/* ---- writing ---------------------------------------------------------------------------- */

static Value b_write(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "write", argc - 1, 1, 1))
        return VNULL;
    Buffered *b = buf_self(vm, argv[0]);
    if (!b)
        return VNULL;
    if (!b->writable)
        return io_unsupported(vm, "write");
    RtBuffer buf;
    if (!rt_get_buffer(vm, argv[1], &buf, 0))
        return VNULL;
    if (!open_buf(vm, argv[0], "write to closed file"))
        return VNULL;
    /* A Python raw may run code that changes the data: write a copy then. */
    if (!b->fast_raw && buf.len > b->buffer_size - b->write_len) {
        Value copy = rt_bytes_new(vm, buf.ptr, buf.len);
        if (!copy)
            return VNULL;
        buf.ptr = ((Bytes *)v_obj(copy))->data;
        if (!io_buffered_write_data(vm, b, buf.ptr, buf.len))
            return VNULL;
        rt_gc_keep_alive(copy);
        return rt_int_from_i64(vm, (int64_t)buf.len);
    }
    if (!io_buffered_write_data(vm, b, buf.ptr, buf.len))
        return VNULL;
    return rt_int_from_i64(vm, (int64_t)buf.len);
}

static Value b_flush(VM *vm, int argc, Value *argv, Value kw)
{
    Buffered *b = buf_self(vm, argv[0]);
    if (!b)
        return VNULL;
    if (b->kind == BUF_READER) /* _io__Buffered_simple_flush */
        return io_call(vm, b->raw, "flush", 0, NULL);
    if (!open_buf(vm, argv[0], "flush of closed file"))
        return VNULL;
    if (!flush_writes(vm, b))
        return VNULL;
    if (b->readable && b->read_end && !drop_read(vm, b))
        return VNULL;
    return rt_None;
}

/* ---- positioning ------------------------------------------------------------------------ */

static int64_t logical_tell(VM *vm, Buffered *b)
{
    int64_t p = raw_tell(vm, b);
    if (p < 0)
        return -1;
    p = p - (int64_t)(b->read_end - b->pos) + (int64_t)b->write_len;
    return p < 0 ? 0 : p;
}

static Value b_tell(VM *vm, int argc, Value *argv, Value kw)
{
    Buffered *b = buf_self(vm, argv[0]);
    if (!b)
        return VNULL;
    int c = raw_closed(vm, b);
    if (c)
        return c < 0 ? VNULL : io_call(vm, b->raw, "tell", 0, NULL);
    int64_t p = logical_tell(vm, b);
    return p < 0 ? VNULL : rt_int_from_i64(vm, p);
}

static Value b_seek(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "seek", argc - 1, 1, 2))
        return VNULL;
    Buffered *b = buf_self(vm, argv[0]);
    if (!b)
        return VNULL;
    int64_t target, whence = 0;
    if (v_isa(argv[1], &rt_float_type))
        return rt_raise(vm, &rt_exc_TypeError, "an integer is required");
    if (!mp_as_ssize(vm, argv[1], &target) || (argc > 2 && !mp_as_ssize(vm, argv[2], &whence)))
        return VNULL;
    if (whence < 0 || whence > 4 || whence == 3 || whence == 4)
        return rt_raise(vm, &rt_exc_ValueError, "whence value %lld unsupported", (long long)whence);
    if (!open_buf(vm, argv[0], "seek of closed file"))
        return VNULL;
    Value t = rt_True;
    if (!b->fast_raw || ((FileIO *)v_obj(b->raw))->seekable != 1) {
        Value s = io_call(vm, b->raw, "seekable", 0, NULL);
        if (!s)
            return VNULL;
        if (s != rt_True)
            return io_unsupported(vm, "File or stream is not seekable.");
        (void)t;
    }
    /* Inside the read window: only move in it. */
    if ((whence == 0 || whence == 1) && b->read_end && !b->write_len) {
        int64_t cur = raw_tell(vm, b);
        if (cur < 0)
            return VNULL;
        int64_t start = cur - (int64_t)b->read_end;
        int64_t abs = whence == 0 ? target : cur - (int64_t)(b->read_end - b->pos) + target;
        if (abs >= start && abs <= cur) {
            b->pos = (size_t)(abs - start);
            return rt_int_from_i64(vm, abs);
        }
    }
    if (b->write_len && !flush_writes(vm, b))
        return VNULL;
    if (whence == 1)
        target -= (int64_t)(b->read_end - b->pos);
    b->pos = b->read_end = 0;
    int64_t n = raw_seek(vm, b, target, (int)whence);
    return n < 0 ? VNULL : rt_int_from_i64(vm, n);
}

static Value b_truncate(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "truncate", argc - 1, 0, 1))
        return VNULL;
    Buffered *b = buf_self(vm, argv[0]);
    if (!b)
        return VNULL;
    if (!open_buf(vm, argv[0], "truncate of closed file"))
        return VNULL;
    if (!b->writable)
        return io_unsupported(vm, "truncate");
    if (!flush_writes(vm, b) || (b->read_end && !drop_read(vm, b)))
        return VNULL;
    Value pos = argc > 1 ? argv[1] : rt_None;
    Value r = io_call(vm, b->raw, "truncate", 1, &pos);
    b->abs_pos = -1;
    if (r && raw_tell(vm, b) < 0)
        vm->exc = VNULL;
    return r;
}

/* ---- the rest --------------------------------------------------------------------------- */

static Value b_close(VM *vm, int argc, Value *argv, Value kw)
{
    Buffered *b = buf_self(vm, argv[0]);
    if (!b)
        return VNULL;
    int c = raw_closed(vm, b);
    if (c < 0)
        return VNULL;
    if (c)
        return rt_None;
    Value fl = io_call(vm, argv[0], "flush", 0, NULL);
    io_buffered_forget(b);
    Value saved = fl ? VNULL : vm->exc;
    vm->exc = VNULL;
    Value r = io_call(vm, b->raw, "close", 0, NULL);
    b->pos = b->read_end = b->write_len = 0;
    if (saved) {
        if (!r)
            rt_setattr(vm, vm->exc, rt_str_intern_cstr(vm, "__context__"), saved);
        else
            vm->exc = saved;
        return VNULL;
    }
    return r ? rt_None : VNULL;
}

static Value b_detach(VM *vm, int argc, Value *argv, Value kw)
{
    Buffered *b = buf_self(vm, argv[0]);
    if (!b)
        return VNULL;
    if (!io_call(vm, argv[0], "flush", 0, NULL))
        return VNULL;
    Value raw = b->raw;
    io_buffered_forget(b);
    b->raw = rt_None;
    b->ok = false;
    b->detached = true;
    return raw;
}

#define RAW_FORWARD(fname, method)                                         \
    static Value fname(VM *vm, int argc, Value *argv, Value kw)            \
    {                                                                      \
        Buffered *b = buf_self(vm, argv[0]);                               \
        return b ? io_call(vm, b->raw, method, 0, NULL) : VNULL;           \
    }
RAW_FORWARD(b_seekable, "seekable")
RAW_FORWARD(b_readable, "readable")
RAW_FORWARD(b_writable, "writable")
RAW_FORWARD(b_fileno, "fileno")
RAW_FORWARD(b_isatty, "isatty")

static Value b_dealloc_warn(VM *vm, int argc, Value *argv, Value kw) { return rt_None; }

static Value b_raw_get(VM *vm, Value self)
{
    if (!is_buffered(self))
        return rt_raise(vm, &rt_exc_TypeError, "descriptor requires a buffered object");
    return ((Buffered *)v_obj(self))->raw; /* None once detached, as CPython's member */
}

static Value b_closed_get(VM *vm, Value self)
{
    Buffered *b = buf_self(vm, self);
    if (!b)
        return VNULL;
    if (b->fast_raw)
        return rt_bool(((FileIO *)v_obj(b->raw))->fd < 0);
    return rt_getattr_cstr(vm, b->raw, "closed");
}

static Value b_name_get(VM *vm, Value self)
{
    Buffered *b = buf_self(vm, self);
    return b ? rt_getattr_cstr(vm, b->raw, "name") : VNULL;
}

static Value b_mode_get(VM *vm, Value self)
{
    Buffered *b = buf_self(vm, self);
    return b ? rt_getattr_cstr(vm, b->raw, "mode") : VNULL;
}

static Value buffered_repr(VM *vm, Value self)
{
    const char *tn = v_type(self)->name;
    Buffered *b = (Buffered *)v_obj(self);
    if (!b->ok)
        return rt_str_printf(vm, "<%s>", tn);
    Value name = rt_getattr_cstr(vm, self, "name");
    if (!name) {
        if (!rt_exc_matches(vm, vm->exc, &rt_exc_Exception) ||
            rt_exc_matches(vm, vm->exc, &rt_exc_RecursionError))
            return VNULL;
        vm->exc = VNULL;
        return rt_str_printf(vm, "<%s>", tn);
    }
    Value r = rt_repr(vm, name);
    return r ? rt_str_printf(vm, "<%s name=%s>", tn, v_cstr(r)) : VNULL;
}

static bool buffered_del_needed(VM *vm, Obj *o)
{
    Buffered *b = (Buffered *)o;
    return !b->io.is_std && b->ok;
}

static const NativeDef buffered_methods[] = {
    {"read", b_read, 0},
    {"read1", b_read1, 0},
    {"peek", b_peek, 0},
    {"readinto", b_readinto, 0},
    {"readinto1", b_readinto1, 0},
    {"readline", b_readline, 0},
    {"write", b_write, 0},
    {"flush", b_flush, 0},
    {"tell", b_tell, 0},
    {"seek", b_seek, 0},
    {"truncate", b_truncate, 0},
    {"close", b_close, 0},
    {"detach", b_detach, 0},
    {"seekable", b_seekable, 0},
    {"readable", b_readable, 0},
    {"writable", b_writable, 0},
    {"fileno", b_fileno, 0},
    {"isatty", b_isatty, 0},
    {"_dealloc_warn", b_dealloc_warn, 0},
    {"__init__", buffered_init, NF_KEYWORDS},
    {NULL, NULL, 0},
};

/* Which methods each class shows (CPython's method tables differ). */
static const char *const reader_only[] = {"write", "writable", NULL};
static const char *const writer_only[] = {"read", "read1", "peek", "readinto", "readinto1", "readline", "readable", NULL};

static const GetSetDef buffered_getsets[] = {
    {"raw", b_raw_get, NULL},
    {"closed", b_closed_get, NULL},
    {"name", b_name_get, NULL},
    {"mode", b_mode_get, NULL},
    {NULL, NULL, NULL},
};

#define BUFFERED_TYPE(var, tname)                                                           \
    Type var = {.name = tname,                                                              \
                .base = &mp_bufferediobase_type,                                            \
                .instance_size = sizeof(Buffered),                                          \
                .trace = buffered_trace,                                                    \
                .finalize = buffered_finalize,                                              \
                .repr = buffered_repr,                                                      \
                .new = buffered_new,                                                        \
                .next = buffered_next,                                                      \
                .del = io_del,                                                              \
                .del_needed = buffered_del_needed,                                          \
                .flags = TF_BASETYPE | TF_FINALIZE}

BUFFERED_TYPE(mp_bufreader_type, "_io.BufferedReader");
BUFFERED_TYPE(mp_bufwriter_type, "_io.BufferedWriter");
BUFFERED_TYPE(mp_bufrandom_type, "_io.BufferedRandom");

/* Take the methods a class does not have out of its dict again. */
static bool drop_methods(VM *vm, Type *t, const char *const *names)
{
    for (; *names; names++) {
        Value k = rt_str_intern_cstr(vm, *names);
        if (rt_dict_del(vm, t->dict, k) < 0)
            return false;
    }
    return true;
}

/* ---- BufferedRWPair ------------------------------------------------------------------------- */

static void rwpair_trace(VM *vm, Obj *o)
{
    RWPair *p = (RWPair *)o;
    rt_gc_mark(vm, p->reader);
    rt_gc_mark(vm, p->writer);
}

static RWPair *pair_self(VM *vm, Value v)
{
    if (!v_isa(v, &mp_bufrwpair_type) && !rt_isinstance_type(v, &mp_bufrwpair_type)) {
        rt_raise(vm, &rt_exc_TypeError, "descriptor requires a '_io.BufferedRWPair' object");
        return NULL;
    }
    RWPair *p = (RWPair *)v_obj(v);
    if (!p->reader) {
        rt_raise(vm, &rt_exc_ValueError, "I/O operation on uninitialized object");
        return NULL;
    }
    return p;
}

static Value rwpair_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (!mp_no_kw(vm, "BufferedRWPair", kwnames) ||
        !mp_check_positional(vm, "BufferedRWPair", argc, 2, 3))
        return VNULL;
    int64_t size = IO_DEFAULT_BUFFER_SIZE;
    if (argc > 2 && !mp_as_ssize(vm, argv[2], &size))
        return VNULL;
    if (!io_call(vm, argv[0], "_checkReadable", 0, NULL) ||
        !io_call(vm, argv[1], "_checkWritable", 0, NULL))
        return VNULL;
    if (size <= 0)
        return rt_raise(vm, &rt_exc_ValueError, "buffer size must be strictly positive");
    RWPair *p = rt_alloc(vm, type, type->instance_size);
    if (!p)
        return VNULL;
    Value self = v_from(p);
    if (!(p->reader = io_buffered_make(vm, &mp_bufreader_type, argv[0], size)) ||
        !(p->writer = io_buffered_make(vm, &mp_bufwriter_type, argv[1], size)))
        return VNULL;
    return self;
}

#define PAIR_FORWARD(fname, side, method)                                                 \
    static Value fname(VM *vm, int argc, Value *argv, Value kw)                          \
    {                                                                                    \
        RWPair *p = pair_self(vm, argv[0]);                                              \
        return p ? rt_call_method(vm, p->side, method, argc - 1, argv + 1) : VNULL;       \
    }
PAIR_FORWARD(pr_read, reader, "read")
PAIR_FORWARD(pr_peek, reader, "peek")
PAIR_FORWARD(pr_read1, reader, "read1")
PAIR_FORWARD(pr_readinto, reader, "readinto")
PAIR_FORWARD(pr_readinto1, reader, "readinto1")
PAIR_FORWARD(pr_readline, reader, "readline")
PAIR_FORWARD(pr_write, writer, "write")
PAIR_FORWARD(pr_flush, writer, "flush")
PAIR_FORWARD(pr_readable, reader, "readable")
PAIR_FORWARD(pr_writable, writer, "writable")

static Value pr_close(VM *vm, int argc, Value *argv, Value kw)
{
    RWPair *p = pair_self(vm, argv[0]);
    if (!p)
        return VNULL;
    Value r = io_call(vm, p->writer, "close", 0, NULL);
    Value saved = r ? VNULL : vm->exc;
    vm->exc = VNULL;
    Value r2 = io_call(vm, p->reader, "close", 0, NULL);
    if (saved) {
        vm->exc = saved;
        return VNULL;
    }
    return r2;
}

static Value pr_isatty(VM *vm, int argc, Value *argv, Value kw)
{
    RWPair *p = pair_self(vm, argv[0]);
    if (!p)
        return VNULL;
    Value r = io_call(vm, p->writer, "isatty", 0, NULL);
    if (!r || r == rt_True)
        return r;
    return io_call(vm, p->reader, "isatty", 0, NULL);
}

static Value pr_closed_get(VM *vm, Value self)
{
    RWPair *p = pair_self(vm, self);
    return p ? rt_getattr_cstr(vm, p->writer, "closed") : VNULL;
}

static const NativeDef rwpair_methods[] = {
    {"read", pr_read, 0},
    {"peek", pr_peek, 0},
    {"read1", pr_read1, 0},
    {"readinto", pr_readinto, 0},
    {"readinto1", pr_readinto1, 0},
    {"readline", pr_readline, 0},
    {"write", pr_write, 0},
    {"flush", pr_flush, 0},
    {"readable", pr_readable, 0},
    {"writable", pr_writable, 0},
    {"close", pr_close, 0},
    {"isatty", pr_isatty, 0},
    {"__init__", buffered_init, NF_KEYWORDS},
    {NULL, NULL, 0},
};

static const GetSetDef rwpair_getsets[] = {
    {"closed", pr_closed_get, NULL},
    {NULL, NULL, NULL},
};

static bool rwpair_del_needed(VM *vm, Obj *o) { return false; }

Type mp_bufrwpair_type = {
    .name = "_io.BufferedRWPair",
    .base = &mp_bufferediobase_type,
    .instance_size = sizeof(RWPair),
    .trace = rwpair_trace,
    .new = rwpair_new,
    .del = io_del,
    .del_needed = rwpair_del_needed,
    .flags = TF_BASETYPE | TF_FINALIZE,
};

bool io_buffered_init(VM *vm, Dict *d)
{
    return io_add_type(vm, d, &mp_bufreader_type, buffered_methods, buffered_getsets) &&
           drop_methods(vm, &mp_bufreader_type, reader_only) &&
           io_add_type(vm, d, &mp_bufwriter_type, buffered_methods, buffered_getsets) &&
           drop_methods(vm, &mp_bufwriter_type, writer_only) &&
           io_add_type(vm, d, &mp_bufrandom_type, buffered_methods, buffered_getsets) &&
           io_add_type(vm, d, &mp_bufrwpair_type, rwpair_methods, rwpair_getsets);
}
