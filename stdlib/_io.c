/* stdlib/_io.c — the `_io` module: open(), the abstract bases _IOBase,
 * _RawIOBase, _BufferedIOBase and _TextIOBase, and the standard streams.
 * As CPython's Modules/_io/_iomodule.c and iobase.c; Lib/_pyio.py is the
 * specification the behaviour follows. */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
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
#include "stdlib/native.h"
#include "vm/import.h"
#include "vm/vm.h"

Value mp_io_unsupported;

/* ---- helpers shared by the _io files ---------------------------------------------- */

Value io_unsupported(VM *vm, const char *msg)
{
    return rt_raise(vm, (Type *)v_obj(mp_io_unsupported), "%s", msg);
}

Value io_closed_error(VM *vm)
{
    return rt_raise(vm, &rt_exc_ValueError, "I/O operation on closed file.");
}

Value io_call(VM *vm, Value obj, const char *name, int argc, Value *argv)
{
    return rt_call_method(vm, obj, name, argc, argv);
}

bool io_call_int(VM *vm, Value obj, const char *name, int argc, Value *argv, int64_t *out)
{
    Value r = io_call(vm, obj, name, argc, argv);
    if (!r)
        return false;
    return mp_as_ssize(vm, r, out);
}

bool io_check_closed(VM *vm, Value self)
{
    Value c = rt_getattr_cstr(vm, self, "closed");
    if (!c)
        return false;
    int t = rt_truthy(vm, c);
    if (t < 0)
        return false;
    if (t) {
        io_closed_error(vm);
        return false;
    }
    return true;
}

bool io_size_arg(VM *vm, Value v, int64_t *n)
{
    *n = -1;
    if (!v || v == rt_None)
        return true;
    if (!rt_is_int(v) && !rt_lookup_type_attr(v_type(v), vm->names.__index__)) {
        rt_raise(vm, &rt_exc_TypeError, "argument should be integer or None, not '%s'",
                 rt_type_name(v));
        return false;
    }
    return mp_as_ssize(vm, v, n);
}

bool io_add_type(VM *vm, Dict *d, Type *t, const NativeDef *methods, const GetSetDef *getsets)
{
    return mp_type_ready(vm, t, d) && (!methods || rt_add_methods(vm, t, methods)) &&
           (!getsets || rt_add_getsets(vm, t, getsets));
}

/* Type.del of every _io type: CPython's iobase_finalize closes a file that
 * is not closed yet, silently.  The standard streams stay open. */
void io_del(VM *vm, Value self)
{
    IOObj *io = (IOObj *)v_obj(self);
    if (io->is_std)
        return;
    Value saved = vm->exc;
    vm->exc = VNULL;
    Value c = rt_getattr_cstr(vm, self, "closed");
    int t = c ? rt_truthy(vm, c) : -1;
    if (t == 0) {
        io->finalizing = true;
        io_close_dependents(vm, self);
        io_call(vm, self, "close", 0, NULL);
    }
    /* Garbage from now on: off the lists that other files' code walks. */
    if (v_isa(self, &mp_textiowrapper_type))
        io_textio_forget((TextIO *)io);
    else if (v_isa(self, &mp_bufreader_type) || v_isa(self, &mp_bufwriter_type) ||
             v_isa(self, &mp_bufrandom_type))
        io_buffered_forget((Buffered *)io);
    vm->exc = saved;
}

/* Finalizers run in registration order, so a FileIO may be finalized before
 * the Buffered and TextIOWrapper over it, which are unreachable too (a
 * reachable one would keep it alive): close those first, outermost first,
 * so their buffered data still reaches the file. */
void io_close_dependents(VM *vm, Value inner)
{
    for (TextIO *t = io_textio_live_first(); t; t = t->next_live)
        if (t->buffer == inner && !t->detached && !t->io.is_std && !t->io.iobase_closed) {
            t->io.finalizing = true;
            io_call(vm, v_from(t), "close", 0, NULL);
            vm->exc = VNULL;
        }
    for (Buffered *b = io_buffered_live_first(); b; b = b->next_live)
        if (b->raw == inner && !b->detached && !b->io.is_std && !b->io.iobase_closed) {
            io_close_dependents(vm, v_from(b));
            b->io.finalizing = true;
            io_call(vm, v_from(b), "close", 0, NULL);
            vm->exc = VNULL;
        }
}

static IOObj *io_self(VM *vm, Value v)
{
    if (!v_isa(v, &mp_iobase_type) && !rt_isinstance_type(v, &mp_iobase_type)) {
        rt_raise(vm, &rt_exc_TypeError, "descriptor requires a '_io._IOBase' object but received '%s'",
                 rt_type_name(v));
        return NULL;
    }
    return (IOObj *)v_obj(v);
}

/* ---- _IOBase ------------------------------------------------------------------------- */

static Value iob_unsup(VM *vm, const char *name) { return io_unsupported(vm, name); }
static Value iob_seek(VM *vm, int argc, Value *argv, Value kw) { return iob_unsup(vm, "seek"); }
static Value iob_truncate(VM *vm, int argc, Value *argv, Value kw) { return iob_unsup(vm, "truncate"); }
static Value iob_fileno(VM *vm, int argc, Value *argv, Value kw) { return iob_unsup(vm, "fileno"); }

static Value iob_tell(VM *vm, int argc, Value *argv, Value kw)
{
    Value a[2] = {v_from_small(0), v_from_small(1)};
    return io_call(vm, argv[0], "seek", 2, a);
}

static Value iob_flush(VM *vm, int argc, Value *argv, Value kw)
{
    IOObj *io = io_self(vm, argv[0]);
    if (!io)
        return VNULL;
    if (io->iobase_closed)
        return io_closed_error(vm);
    return rt_None;
}

static Value iob_close(VM *vm, int argc, Value *argv, Value kw)
{
    IOObj *io = io_self(vm, argv[0]);
    if (!io)
        return VNULL;
    if (io->iobase_closed)
        return rt_None;
    Value r = io_call(vm, argv[0], "flush", 0, NULL);
    io->iobase_closed = true;
    return r ? rt_None : VNULL;
}

static Value iob_false(VM *vm, int argc, Value *argv, Value kw) { return rt_False; }

static Value check_flag(VM *vm, Value self, const char *method, const char *msg, Value arg)
{
    Value r = io_call(vm, self, method, 0, NULL);
    if (!r)
        return VNULL;
    if (r != rt_True) {
        if (arg && arg != rt_None)
            return rt_raise(vm, &rt_exc_TypeError, "%s", msg); /* unused by callers */
        return io_unsupported(vm, msg);
    }
    return rt_True;
}

static Value iob_check_closed_m(VM *vm, int argc, Value *argv, Value kw)
{
    return io_check_closed(vm, argv[0]) ? rt_None : VNULL;
}

static Value iob_check_seekable(VM *vm, int argc, Value *argv, Value kw)
{
    return check_flag(vm, argv[0], "seekable", "File or stream is not seekable.", VNULL);
}

static Value iob_check_readable(VM *vm, int argc, Value *argv, Value kw)
{
    return check_flag(vm, argv[0], "readable", "File or stream is not readable.", VNULL);
}

static Value iob_check_writable(VM *vm, int argc, Value *argv, Value kw)
{
    return check_flag(vm, argv[0], "writable", "File or stream is not writable.", VNULL);
}

static Value iob_isatty(VM *vm, int argc, Value *argv, Value kw)
{
    return io_check_closed(vm, argv[0]) ? rt_False : VNULL;
}

static Value iob_enter(VM *vm, int argc, Value *argv, Value kw)
{
    return io_check_closed(vm, argv[0]) ? argv[0] : VNULL;
}

static Value iob_exit(VM *vm, int argc, Value *argv, Value kw)
{
    return io_call(vm, argv[0], "close", 0, NULL);
}

static Value iob_iter(VM *vm, Value self)
{
    return io_check_closed(vm, self) ? self : VNULL;
}

static Value iob_next(VM *vm, Value self)
{
    Value line = io_call(vm, self, "readline", 0, NULL);
    if (!line)
        return VNULL;
    int64_t n = rt_len(vm, line);
    if (n < 0)
        return VNULL;
    return n ? line : VNULL;
}

static Value iob_iter_m(VM *vm, int argc, Value *argv, Value kw) { return iob_iter(vm, argv[0]); }

/* readline() of any readable stream: peek() when it has one, else read(1)
 * at a time (iobase.c's _io__IOBase_readline_impl). */
Value io_iobase_readline_generic(VM *vm, Value self, int64_t limit)
{
    Value peek = rt_getattr_opt(vm, self, rt_str_intern_cstr(vm, "peek"));
    if (!peek && vm->exc)
        return VNULL;
    Value acc = rt_bytearray_new(vm, NULL, 0);
    if (!acc)
        return VNULL;
    while (limit < 0 || (int64_t)v_bytearray(acc)->len < limit) {
        int64_t nreadahead = 1;
        if (peek) {
            Value one = v_from_small(1);
            Value ra = rt_call1(vm, peek, one);
            if (!ra)
                return VNULL;
            if (!v_isa(ra, &rt_bytes_type))
                return rt_raise(vm, &rt_exc_OSError,
                                "peek() should have returned a bytes object, not '%s'",
                                rt_type_name(ra));
            Bytes *rb = (Bytes *)v_obj(ra);
            if (rb->len) {
                int64_t n = 0;
                while (n < (int64_t)rb->len && (limit < 0 || n < limit)) {
                    if (rb->data[n++] == '\n')
                        break;
                }
                nreadahead = n;
            }
        }
        Value nv = rt_int_from_i64(vm, nreadahead);
        Value b = io_call(vm, self, "read", 1, &nv);
        if (!b)
            return VNULL;
        if (b == rt_None)
            break; /* non-blocking with nothing to read */
        if (!v_isa(b, &rt_bytes_type))
            return rt_raise(vm, &rt_exc_OSError,
                            "read() should have returned a bytes object, not '%s'", rt_type_name(b));
        Bytes *bb = (Bytes *)v_obj(b);
        if (bb->len == 0)
            break;
        size_t old = v_bytearray(acc)->len;
        if (!rt_bytearray_resize(vm, acc, old + bb->len))
            return VNULL;
        memcpy(v_bytearray(acc)->data + old, bb->data, bb->len);
        if (bb->data[bb->len - 1] == '\n')
            break;
    }
    ByteArray *a = v_bytearray(acc);
    return rt_bytes_new(vm, a->data, a->len);
}

static Value iob_readline(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "readline", argc - 1, 0, 1))
        return VNULL;
    int64_t limit;
    if (!io_size_arg(vm, argc > 1 ? argv[1] : VNULL, &limit))
        return VNULL;
    return io_iobase_readline_generic(vm, argv[0], limit);
}

static Value iob_readlines(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "readlines", argc - 1, 0, 1))
        return VNULL;
    int64_t hint;
    if (!io_size_arg(vm, argc > 1 ? argv[1] : VNULL, &hint))
        return VNULL;
    Value list = rt_list_new(vm, 0);
    if (!list)
        return VNULL;
    Value it = rt_iter(vm, argv[0]);
    if (!it)
        return VNULL;
    int64_t total = 0;
    Value line;
    while ((line = rt_next(vm, it))) {
        if (!rt_list_append(vm, list, line))
            return VNULL;
        if (hint > 0) {
            int64_t n = rt_len(vm, line);
            if (n < 0)
                return VNULL;
            total += n;
            if (total >= hint)
                break;
        }
    }
    return vm->exc ? VNULL : list;
}

static Value iob_writelines(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "writelines", argc - 1, 1, 1))
        return VNULL;
    if (!io_check_closed(vm, argv[0]))
        return VNULL;
    Value it = rt_iter(vm, argv[1]);
    if (!it)
        return VNULL;
    Value item;
    while ((item = rt_next(vm, it)))
        if (!io_call(vm, argv[0], "write", 1, &item))
            return VNULL;
    return vm->exc ? VNULL : rt_None;
}

static Value iob_closed_get(VM *vm, Value self)
{
    IOObj *io = io_self(vm, self);
    return io ? rt_bool(io->iobase_closed) : VNULL;
}

static Value iob_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    return v_from(rt_alloc(vm, type, type->instance_size));
}

static const NativeDef iobase_methods[] = {
    {"seek", iob_seek, 0},
    {"tell", iob_tell, 0},
    {"truncate", iob_truncate, 0},
    {"flush", iob_flush, 0},
    {"close", iob_close, 0},
    {"seekable", iob_false, 0},
    {"readable", iob_false, 0},
    {"writable", iob_false, 0},
    {"_checkClosed", iob_check_closed_m, 0},
    {"_checkSeekable", iob_check_seekable, 0},
    {"_checkReadable", iob_check_readable, 0},
    {"_checkWritable", iob_check_writable, 0},
    {"fileno", iob_fileno, 0},
    {"isatty", iob_isatty, 0},
    {"__enter__", iob_enter, 0},
    {"__exit__", iob_exit, 0},
    {"readline", iob_readline, 0},
    {"readlines", iob_readlines, 0},
    {"writelines", iob_writelines, 0},
    {"__iter__", iob_iter_m, 0},
    {NULL, NULL, 0},
};

static const GetSetDef iobase_getsets[] = {
    {"closed", iob_closed_get, NULL},
    {NULL, NULL, NULL},
};

static bool iob_del_needed(VM *vm, Obj *o)
{
    IOObj *io = (IOObj *)o;
    return !io->is_std && !io->iobase_closed;
}

Type mp_iobase_type = {
    .name = "_io._IOBase",
    .instance_size = sizeof(IOObj),
    .new = iob_new,
    .iter = iob_iter,
    .next = iob_next,
    .del = io_del,
    .del_needed = iob_del_needed,
    .flags = TF_BASETYPE | TF_FINALIZE,
};

/* ---- _RawIOBase ------------------------------------------------------------------------ */

static Value raw_read(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "read", argc - 1, 0, 1))
        return VNULL;
    int64_t n;
    if (!io_size_arg(vm, argc > 1 ? argv[1] : VNULL, &n))
        return VNULL;
    if (n < 0)
        return io_call(vm, argv[0], "readall", 0, NULL);
    /* CPython hands readinto() the bytearray itself. */
    Value ba = rt_bytearray_new(vm, NULL, (size_t)n);
    if (!ba)
        return VNULL;
    Value r = io_call(vm, argv[0], "readinto", 1, &ba);
    if (!r)
        return VNULL;
    if (r == rt_None)
        return r;
    int64_t got;
    if (!mp_as_ssize(vm, r, &got))
        return VNULL;
    if (got < 0)
        got = 0;
    if ((size_t)got > v_bytearray(ba)->len)
        got = (int64_t)v_bytearray(ba)->len;
    return rt_bytes_new(vm, v_bytearray(ba)->data, (size_t)got);
}

static Value raw_readall(VM *vm, int argc, Value *argv, Value kw)
{
    Value acc = rt_bytearray_new(vm, NULL, 0);
    if (!acc)
        return VNULL;
    for (;;) {
        Value nv = v_from_small(IO_DEFAULT_BUFFER_SIZE);
        Value data = io_call(vm, argv[0], "read", 1, &nv);
        if (!data)
            return VNULL;
        if (data == rt_None) {
            if (v_bytearray(acc)->len == 0)
                return rt_None;
            break;
        }
        if (!v_isa(data, &rt_bytes_type))
            return rt_raise(vm, &rt_exc_TypeError, "read() should return bytes");
        Bytes *b = (Bytes *)v_obj(data);
        if (b->len == 0)
            break;
        size_t old = v_bytearray(acc)->len;
        if (!rt_bytearray_resize(vm, acc, old + b->len))
            return VNULL;
        memcpy(v_bytearray(acc)->data + old, b->data, b->len);
    }
    ByteArray *a = v_bytearray(acc);
    return rt_bytes_new(vm, a->data, a->len);
}

static const NativeDef rawiobase_methods[] = {
    {"read", raw_read, 0},
    {"readall", raw_readall, 0},
    {NULL, NULL, 0},
};

Type mp_rawiobase_type = {
    .name = "_io._RawIOBase",
    .base = &mp_iobase_type,
    .instance_size = sizeof(IOObj),
    .new = iob_new,
    .iter = iob_iter,
    .next = iob_next,
    .del = io_del,
    .del_needed = iob_del_needed,
    .flags = TF_BASETYPE | TF_FINALIZE,
};

/* ---- _BufferedIOBase -------------------------------------------------------------------- */

static Value bio_read(VM *vm, int argc, Value *argv, Value kw) { return io_unsupported(vm, "read"); }
static Value bio_read1(VM *vm, int argc, Value *argv, Value kw) { return io_unsupported(vm, "read1"); }
static Value bio_write(VM *vm, int argc, Value *argv, Value kw) { return io_unsupported(vm, "write"); }
static Value bio_detach(VM *vm, int argc, Value *argv, Value kw) { return io_unsupported(vm, "detach"); }

static Value bio_readinto_generic(VM *vm, int argc, Value *argv, const char *name, const char *method)
{
    if (!rt_check_nargs(vm, name, argc - 1, 1, 1))
        return VNULL;
    RtBuffer buf;
    if (!rt_get_buffer(vm, argv[1], &buf, RT_BUF_WRITABLE)) {
        if (rt_exc_matches(vm, vm->exc, &rt_exc_TypeError)) {
            vm->exc = VNULL;
            return rt_raise(vm, &rt_exc_TypeError, "%s() argument must be read-write bytes-like object, not %s",
                            name, rt_type_name(argv[1]));
        }
        return VNULL;
    }
    Value nv = rt_int_from_i64(vm, (int64_t)buf.len);
    Value data = io_call(vm, argv[0], method, 1, &nv);
    if (!data)
        return VNULL;
    if (!v_isa(data, &rt_bytes_type))
        return rt_raise(vm, &rt_exc_TypeError, "read() should return bytes");
    Bytes *b = (Bytes *)v_obj(data);
    if (!rt_get_buffer(vm, argv[1], &buf, RT_BUF_WRITABLE))
        return VNULL;
    if (b->len > buf.len)
        return rt_raise(vm, &rt_exc_ValueError, "read() returned too much data: %zu bytes requested, %zu returned",
                        buf.len, b->len);
    memcpy(buf.ptr, b->data, b->len);
    return rt_int_from_i64(vm, (int64_t)b->len);
}

static Value bio_readinto(VM *vm, int argc, Value *argv, Value kw)
{
    return bio_readinto_generic(vm, argc, argv, "readinto", "read");
}

static Value bio_readinto1(VM *vm, int argc, Value *argv, Value kw)
{
    return bio_readinto_generic(vm, argc, argv, "readinto1", "read1");
}

static const NativeDef bufferediobase_methods[] = {
    {"read", bio_read, 0},
    {"read1", bio_read1, 0},
    {"write", bio_write, 0},
    {"detach", bio_detach, 0},
    {"readinto", bio_readinto, 0},
    {"readinto1", bio_readinto1, 0},
    {NULL, NULL, 0},
};

Type mp_bufferediobase_type = {
    .name = "_io._BufferedIOBase",
    .base = &mp_iobase_type,
    .instance_size = sizeof(IOObj),
    .new = iob_new,
    .iter = iob_iter,
    .next = iob_next,
    .del = io_del,
    .del_needed = iob_del_needed,
    .flags = TF_BASETYPE | TF_FINALIZE,
};

/* ---- _TextIOBase ------------------------------------------------------------------------- */

static Value tio_detach(VM *vm, int argc, Value *argv, Value kw) { return io_unsupported(vm, "detach"); }
static Value tio_read(VM *vm, int argc, Value *argv, Value kw) { return io_unsupported(vm, "read"); }
static Value tio_readline(VM *vm, int argc, Value *argv, Value kw) { return io_unsupported(vm, "readline"); }
static Value tio_write(VM *vm, int argc, Value *argv, Value kw) { return io_unsupported(vm, "write"); }
static Value tio_none(VM *vm, Value self) { return rt_None; }

static const NativeDef textiobase_methods[] = {
    {"detach", tio_detach, 0},
    {"read", tio_read, 0},
    {"readline", tio_readline, 0},
    {"write", tio_write, 0},
    {NULL, NULL, 0},
};

static const GetSetDef textiobase_getsets[] = {
    {"encoding", tio_none, NULL},
    {"newlines", tio_none, NULL},
    {"errors", tio_none, NULL},
    {NULL, NULL, NULL},
};

Type mp_textiobase_type = {
    .name = "_io._TextIOBase",
    .base = &mp_iobase_type,
    .instance_size = sizeof(IOObj),
    .new = iob_new,
    .iter = iob_iter,
    .next = iob_next,
    .del = io_del,
    .del_needed = iob_del_needed,
    .flags = TF_BASETYPE | TF_FINALIZE,
};

bool io_iobase_init(VM *vm, Dict *d)
{
    return io_add_type(vm, d, &mp_iobase_type, iobase_methods, iobase_getsets) &&
           io_add_type(vm, d, &mp_rawiobase_type, rawiobase_methods, NULL) &&
           io_add_type(vm, d, &mp_bufferediobase_type, bufferediobase_methods, NULL) &&
           io_add_type(vm, d, &mp_textiobase_type, textiobase_methods, textiobase_getsets);
}

/* ---- open() ------------------------------------------------------------------------------ */

/* warnings.warn(..., RuntimeWarning, 2): from the caller of open(). */
static bool warn_line_buffering(VM *vm)
{
    Value warnings = vm_import(vm, rt_str_intern_cstr(vm, "warnings"), NULL, rt_None, 0);
    if (!warnings)
        return false;
    Value a[3] = {rt_str_intern_cstr(vm, "line buffering (buffering=1) isn't supported in binary mode, "
                                          "the default buffer size will be used"),
                  v_from(&rt_exc_RuntimeWarning), v_from_small(1)};
    return io_call(vm, warnings, "warn", 3, a) != VNULL;
}

static Value io_open_impl(VM *vm, Value file, const char *mode, int64_t buffering, Value encoding,
                          Value errors, Value newline, bool closefd, Value opener)
{
    bool creating = false, reading = false, writing = false, appending = false, updating = false;
    bool text = false, binary = false;
    size_t mlen = strlen(mode);
    for (size_t i = 0; i < mlen; i++) {
        char c = mode[i];
        bool *flag;
        switch (c) {
        case 'x': flag = &creating; break;
        case 'r': flag = &reading; break;
        case 'w': flag = &writing; break;
        case 'a': flag = &appending; break;
        case '+': flag = &updating; break;
        case 't': flag = &text; break;
        case 'b': flag = &binary; break;
        default: flag = NULL; break;
        }
        if (!flag || strchr(mode + i + 1, c))
            return rt_raise(vm, &rt_exc_ValueError, "invalid mode: '%s'", mode);
        *flag = true;
    }
    char rawmode[6], *m = rawmode;
    if (creating) *m++ = 'x';
    if (reading) *m++ = 'r';
    if (writing) *m++ = 'w';
    if (appending) *m++ = 'a';
    if (updating) *m++ = '+';
    *m = 0;
    if (text && binary)
        return rt_raise(vm, &rt_exc_ValueError, "can't have text and binary mode at once");
    if (creating + reading + writing + appending > 1)
        return rt_raise(vm, &rt_exc_ValueError,
                        "must have exactly one of create/read/write/append mode");
    if (binary && encoding != rt_None)
        return rt_raise(vm, &rt_exc_ValueError, "binary mode doesn't take an encoding argument");
    if (binary && errors != rt_None)
        return rt_raise(vm, &rt_exc_ValueError, "binary mode doesn't take an errors argument");
    if (binary && newline != rt_None)
        return rt_raise(vm, &rt_exc_ValueError, "binary mode doesn't take a newline argument");
    if (binary && buffering == 1 && !warn_line_buffering(vm))
        return VNULL;

    Value raw = io_fileio_make(vm, &mp_fileio_type, file, rawmode, closefd, opener);
    if (!raw)
        return VNULL;
    Value result = raw;
    bool line_buffering = false;
    /* From here a failure closes what was made (CPython's `error:` path). */
    Value isatty = io_call(vm, raw, "isatty", 0, NULL);
    if (!isatty)
        goto fail;
    if (buffering == 1 || (buffering < 0 && isatty == rt_True)) {
        buffering = -1;
        line_buffering = true;
    }
    if (buffering < 0) {
        FileIO *f = (FileIO *)v_obj(raw);
        buffering = f->blksize > 1 ? f->blksize : IO_DEFAULT_BUFFER_SIZE;
    }
    if (buffering == 0) {
        if (binary)
            return result;
        rt_raise(vm, &rt_exc_ValueError, "can't have unbuffered text I/O");
        goto fail;
    }
    Type *cls = updating ? &mp_bufrandom_type
                : (creating || writing || appending) ? &mp_bufwriter_type
                                                     : &mp_bufreader_type;
    Value buffer = io_buffered_make(vm, cls, raw, buffering);
    if (!buffer)
        goto fail;
    result = buffer;
    if (binary)
        return result;
    Value wrapper = io_textio_make(vm, buffer, encoding, errors, newline, line_buffering, false);
    if (!wrapper)
        goto fail;
    result = wrapper;
    ((TextIO *)v_obj(wrapper))->io.hdr.aux = 0;
    Value modeobj = rt_str_from_cstr(vm, mode);
    if (!modeobj || rt_setattr(vm, wrapper, rt_str_intern_cstr(vm, "mode"), modeobj) < 0)
        goto fail;
    return wrapper;
fail: {
        Value saved = vm->exc;
        vm->exc = VNULL;
        io_call(vm, result, "close", 0, NULL);
        vm->exc = saved;
        return VNULL;
    }
}

/* CPython closes a file nobody refers to at once (refcounting), so
 * `open(p, 'w').write(s)` followed by reading p sees s; minipy's collector
 * comes later, so opening a file first pushes what other native files hold
 * in their buffers down to their descriptors. */
static void flush_native_writers(VM *vm)
{
    Value saved = vm->exc;
    for (TextIO *t = io_textio_live_first(); t; t = t->next_live)
        if (t->pending_len && t->fast_buffer && t->ok && !t->io.is_std) {
            Buffered *b = (Buffered *)v_obj(t->buffer);
            if (b->ok && b->fast_raw && ((FileIO *)v_obj(b->raw))->fd >= 0)
                io_text_flush_pending(vm, t);
        }
    for (Buffered *b = io_buffered_live_first(); b; b = b->next_live)
        if (b->write_len && b->ok && b->fast_raw && !b->io.is_std &&
            ((FileIO *)v_obj(b->raw))->fd >= 0)
            io_buffered_flush_fast(vm, b);
    vm->exc = saved;
}

Value mp_io_open(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"file", "mode", "buffering", "encoding", "errors",
                                        "newline", "closefd", "opener", NULL};
    Value a[8];
    if (argc > 8)
        return rt_raise(vm, &rt_exc_TypeError, "open() takes at most 8 arguments (%d given)", argc);
    if (!rt_parse_args(vm, "open", argc, argv, kwnames, names, 0, 1, a))
        return VNULL;
    const char *mode = "r";
    if (a[1]) {
        if (!v_is_str(a[1]))
            return rt_raise(vm, &rt_exc_TypeError, "open() argument 'mode' must be str, not %s",
                            rt_type_name(a[1]));
        mode = v_cstr(a[1]);
    }
    int64_t buffering = -1;
    if (a[2]) {
        if (v_isa(a[2], &rt_float_type))
            return rt_raise(vm, &rt_exc_TypeError, "'float' object cannot be interpreted as an integer");
        if (!mp_as_ssize(vm, a[2], &buffering))
            return VNULL;
    }
    static const char *const strargs[] = {"encoding", "errors", "newline"};
    for (int i = 3; i <= 5; i++) {
        if (!a[i])
            a[i] = rt_None;
        else if (a[i] != rt_None && !v_is_str(a[i]))
            return rt_raise(vm, &rt_exc_TypeError, "open() argument '%s' must be str or None, not %s",
                            strargs[i - 3], rt_type_name(a[i]));
    }
    bool closefd = true;
    if (a[6]) {
        int t = rt_truthy(vm, a[6]);
        if (t < 0)
            return VNULL;
        closefd = t;
    }
    flush_native_writers(vm);
    return io_open_impl(vm, a[0], mode, buffering, a[3], a[4], a[5], closefd, a[7] ? a[7] : rt_None);
}

static Value io_open_code(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", NULL};
    Value a[1];
    if (!rt_parse_args(vm, "open_code", argc, argv, kwnames, names, 0, 1, a))
        return VNULL;
    if (!v_is_str(a[0]))
        return rt_raise(vm, &rt_exc_TypeError, "open_code() argument 'path' must be str, not %s",
                        rt_type_name(a[0]));
    return io_open_impl(vm, a[0], "rb", -1, rt_None, rt_None, rt_None, true, rt_None);
}

static Value io_text_encoding(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"encoding", "stacklevel", NULL};
    Value a[2];
    if (!rt_parse_args(vm, "text_encoding", argc, argv, kwnames, names, 0, 1, a))
        return VNULL;
    if (a[0] != rt_None)
        return a[0];
    /* UTF-8 mode (the C locale) says "utf-8". */
    return rt_str_intern_cstr(vm, io_locale_kind() == 0 ? "utf-8" : "locale");
}

static const NativeDef io_functions[] = {
    {"open", mp_io_open, NF_KEYWORDS},
    {"open_code", io_open_code, NF_KEYWORDS},
    {"text_encoding", io_text_encoding, NF_KEYWORDS},
    {NULL, NULL, 0},
};

/* ---- the standard streams ------------------------------------------------------------------ */

/* CPython's create_stdio: FileIO(fd, closefd=False) under a Buffered* (or
 * nothing with -u), under a TextIOWrapper. */
static Value make_std(VM *vm, int fd, bool write, bool unbuffered, const char *name,
                      const char *errors, bool is_stderr)
{
    Value fdv = v_from_small(fd);
    Value raw = io_fileio_make(vm, &mp_fileio_type, fdv, write ? "wb" : "rb", false, rt_None);
    if (!raw) {
        /* A closed descriptor: CPython sets the stream to None. */
        vm->exc = VNULL;
        return rt_None;
    }
    Value nm = rt_str_from_cstr(vm, name);
    if (!nm)
        return VNULL;
    FileIO *f = (FileIO *)v_obj(raw);
    f->name = nm;
    f->io.is_std = true;
    Value buf = raw;
    if (!(unbuffered && write)) {
        buf = io_buffered_make(vm, write ? &mp_bufwriter_type : &mp_bufreader_type, raw, -1);
        if (!buf)
            return VNULL;
        ((IOObj *)v_obj(buf))->is_std = true;
    }
    bool tty = isatty(fd);
    bool line_buffering = write && !unbuffered && (tty || is_stderr);
    Value enc = rt_str_intern_cstr(vm, "utf-8");
    Value err = rt_str_intern_cstr(vm, errors);
    Value nl = rt_str_intern_cstr(vm, "\n"); /* no translation, stdin included (POSIX) */
    Value t = io_textio_make(vm, buf, enc, err, nl, line_buffering, unbuffered && write);
    if (!t)
        return VNULL;
    ((IOObj *)v_obj(t))->is_std = true;
    Value modeobj = rt_str_intern_cstr(vm, write ? "w" : "r");
    if (rt_setattr(vm, t, rt_str_intern_cstr(vm, "mode"), modeobj) < 0)
        return VNULL;
    return t;
}

/* What the environment's LC_CTYPE locale is, as CPython 3.11 sees it at
 * start-up: 0 the C or POSIX locale (or one that does not exist, which
 * falls back to C): UTF-8 mode, "utf-8" with surrogateescape on stdio;
 * 1 C.UTF-8, the coercion target: "UTF-8" with surrogateescape; 2 any
 * other: its codeset (UTF-8 here) with strict errors. */
int io_locale_kind(void)
{
    static int kind = -1;
    if (kind >= 0)
        return kind;
    const char *cur = setlocale(LC_CTYPE, NULL);
    char saved[128];
    snprintf(saved, sizeof saved, "%s", cur ? cur : "C");
    const char *loc = setlocale(LC_CTYPE, "");
    if (!loc || !strcmp(loc, "C") || !strcmp(loc, "POSIX"))
        kind = 0;
    else if (!strcmp(loc, "C.UTF-8") || !strcmp(loc, "C.utf8") || !strcmp(loc, "UTF-8"))
        kind = 1;
    else
        kind = 2;
    setlocale(LC_CTYPE, saved);
    return kind;
}

static const char *std_errors(void)
{
    return io_locale_kind() == 2 ? "strict" : "surrogateescape";
}

bool mp_io_init_std(VM *vm, bool unbuffered)
{
    if (!mp_native_module(vm, "_io"))
        return false;
    vm->flush_std = mp_io_flush_std;
    const char *errs = std_errors();
    if (!(vm->stdin_file = make_std(vm, 0, false, unbuffered, "<stdin>", errs, false)) ||
        !(vm->stdout_file = make_std(vm, 1, true, unbuffered, "<stdout>", errs, false)) ||
        !(vm->stderr_file = make_std(vm, 2, true, unbuffered, "<stderr>", "backslashreplace", true)))
        return false;
    return true;
}

static void flush_quietly(VM *vm, Value f)
{
    if (!f || f == rt_None)
        return;
    Value saved = vm->exc;
    vm->exc = VNULL;
    Value c = rt_getattr_cstr(vm, f, "closed");
    if (c && rt_truthy(vm, c) == 0)
        io_call(vm, f, "flush", 0, NULL);
    vm->exc = saved;
}

static Value sys_stream(VM *vm, const char *name)
{
    if (!vm->sys_module)
        return VNULL;
    return rt_dict_get_str(((Module *)v_obj(vm->sys_module))->dict, rt_str_intern_cstr(vm, name));
}

void mp_io_flush_std(VM *vm)
{
    Value out = sys_stream(vm, "stdout"), err = sys_stream(vm, "stderr");
    flush_quietly(vm, out ? out : vm->stdout_file);
    flush_quietly(vm, err ? err : vm->stderr_file);
    if (out && out != vm->stdout_file)
        flush_quietly(vm, vm->stdout_file);
    if (err && err != vm->stderr_file)
        flush_quietly(vm, vm->stderr_file);
    /* What C code printed itself (the REPL, fatal messages). */
    fflush(stdout);
    fflush(stderr);
}

void mp_io_flush_io(VM *vm)
{
    Value err = sys_stream(vm, "stderr"), out = sys_stream(vm, "stdout");
    flush_quietly(vm, err);
    flush_quietly(vm, out);
}

/* ---- the module --------------------------------------------------------------------------------- */

static bool make_unsupported(VM *vm, Dict *d)
{
    Value ns = rt_dict_new(vm);
    if (!ns || !rt_dict_set_cstr(vm, v_dict(ns), "__module__", rt_str_intern_cstr(vm, "io")))
        return false;
    Value bases = rt_tuple_pack(vm, 2, v_from(&rt_exc_OSError), v_from(&rt_exc_ValueError));
    if (!bases)
        return false;
    Value cls = rt_class_new(vm, rt_str_intern_cstr(vm, "UnsupportedOperation"), bases, v_dict(ns));
    if (!cls)
        return false;
    mp_io_unsupported = cls;
    rt_gc_add_root(vm, &mp_io_unsupported);
    return rt_dict_set_cstr(vm, d, "UnsupportedOperation", cls);
}

Value mp_io_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_io", &d);
    /* CPython's functions of _io say they are io's; open is also builtins.open. */
    if (!m || !rt_add_functions(vm, d, io_functions, rt_str_intern_cstr(vm, "io")) ||
        !rt_dict_set_cstr(vm, vm->builtins, "open", rt_dict_get_cstr(vm, d, "open")))
        return VNULL;
    if (!make_unsupported(vm, d) ||
        !rt_dict_set_cstr(vm, d, "DEFAULT_BUFFER_SIZE", v_from_small(IO_DEFAULT_BUFFER_SIZE)) ||
        !rt_dict_set_cstr(vm, d, "BlockingIOError", v_from(&rt_exc_BlockingIOError)) ||
        !io_iobase_init(vm, d) || !io_fileio_init(vm, d) || !io_buffered_init(vm, d) ||
        !io_textio_init(vm, d) || !io_memio_init(vm, d))
        return VNULL;
    return m;
}
