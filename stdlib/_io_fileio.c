/* stdlib/_io_fileio.c — _io.FileIO, raw unbuffered I/O on a file
 * descriptor (CPython's Modules/_io/fileio.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stdlib/_io.h"
#include "runtime/buffer.h"
#include "runtime/containers.h"
#include "runtime/errors.h"
#include "runtime/gc.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "stdlib/modsupport.h"

static void fileio_trace(VM *vm, Obj *o)
{
    rt_gc_mark(vm, ((FileIO *)o)->name);
}

/* A descriptor the finalizer did not get to close (a cycle freed at exit
 * without finalization): closed when the memory goes. */
static void fileio_finalize(VM *vm, Obj *o)
{
    FileIO *f = (FileIO *)o;
    if (f->fd >= 0 && f->closefd && !f->io.is_std)
        close(f->fd);
    f->fd = -1;
}

static FileIO *fio(VM *vm, Value v)
{
    if (!v_isa(v, &mp_fileio_type) && !rt_isinstance_type(v, &mp_fileio_type)) {
        rt_raise(vm, &rt_exc_TypeError, "descriptor requires a '_io.FileIO' object but received '%s'",
                 rt_type_name(v));
        return NULL;
    }
    return (FileIO *)v_obj(v);
}

static Value err_closed(VM *vm)
{
    return rt_raise(vm, &rt_exc_ValueError, "I/O operation on closed file");
}

static FileIO *open_fio(VM *vm, Value v)
{
    FileIO *f = fio(vm, v);
    if (f && f->fd < 0) {
        err_closed(vm);
        return NULL;
    }
    return f;
}

static Value err_mode(VM *vm, const char *action)
{
    return rt_raise(vm, (Type *)v_obj(mp_io_unsupported), "File not open for %s", action);
}

static Value os_error(VM *vm, int e)
{
    if (e == EINTR && vm->interrupted) {
        vm->interrupted = 0;
        return rt_raise_value(vm, v_from(&rt_exc_KeyboardInterrupt));
    }
    return rt_raise_oserror(vm, e, NULL);
}

/* ---- raw calls (also used by Buffered directly) ------------------------------------- */

int64_t io_fileio_readinto(VM *vm, FileIO *f, uint8_t *buf, size_t n)
{
    for (;;) {
        ssize_t r = read(f->fd, buf, n);
        if (r >= 0)
            return r;
        if (errno == EINTR && !vm->interrupted)
            continue;
        if (errno == EAGAIN)
            return -2; /* non-blocking, nothing there: None */
        os_error(vm, errno);
        return -1;
    }
}

int64_t io_fileio_write(VM *vm, FileIO *f, const uint8_t *buf, size_t n)
{
    for (;;) {
        ssize_t r = write(f->fd, buf, n);
        if (r >= 0)
            return r;
        if (errno == EINTR && !vm->interrupted)
            continue;
        if (errno == EAGAIN)
            return -2;
        os_error(vm, errno);
        return -1;
    }
}

int64_t io_fileio_seek(VM *vm, FileIO *f, int64_t pos, int whence)
{
    off_t r = lseek(f->fd, (off_t)pos, whence);
    if (r < 0) {
        os_error(vm, errno);
        return -1;
    }
    f->seekable = 1;
    return (int64_t)r;
}

Value io_fileio_readall(VM *vm, FileIO *f)
{
    size_t cap = 8192;
    struct stat st;
    off_t pos = lseek(f->fd, 0, SEEK_CUR);
    if (fstat(f->fd, &st) == 0 && S_ISREG(st.st_mode) && pos >= 0 && st.st_size >= pos)
        cap = (size_t)(st.st_size - pos) + 1;
    size_t len = 0;
    uint8_t *buf = malloc(cap);
    if (!buf)
        return rt_no_memory(vm);
    for (;;) {
        if (len == cap) {
            size_t ncap = cap < 65536 ? cap * 2 : cap + cap / 2;
            uint8_t *nb = realloc(buf, ncap);
            if (!nb) {
                free(buf);
                return rt_no_memory(vm);
            }
            buf = nb;
            cap = ncap;
        }
        int64_t r = io_fileio_readinto(vm, f, buf + len, cap - len);
        if (r == -1) {
            free(buf);
            return VNULL;
        }
        if (r == -2) {
            if (len == 0) {
                free(buf);
                return rt_None;
            }
            break;
        }
        if (r == 0)
            break;
        len += (size_t)r;
    }
    Value res = rt_bytes_new(vm, buf, len);
    free(buf);
    return res;
}

/* ---- construction ------------------------------------------------------------------------ */

static bool parse_mode(VM *vm, FileIO *f, const char *mode, int *flags)
{
    bool rwa = false, plus = false;
    *flags = 0;
    for (const char *s = mode; *s; s++) {
        switch (*s) {
        case 'x':
        case 'r':
        case 'w':
        case 'a':
            if (rwa)
                goto bad;
            rwa = true;
            if (*s == 'x') {
                f->created = f->writable = true;
                *flags |= O_EXCL | O_CREAT;
            } else if (*s == 'r') {
                f->readable = true;
            } else if (*s == 'w') {
                f->writable = true;
                *flags |= O_CREAT | O_TRUNC;
            } else {
                f->writable = f->appending = true;
                *flags |= O_APPEND | O_CREAT;
            }
            break;
        case 'b':
            break;
        case '+':
            if (plus)
                goto bad;
            f->readable = f->writable = plus = true;
            break;
        default:
            rt_raise(vm, &rt_exc_ValueError, "invalid mode: %s", mode);
            return false;
        }
    }
    if (!rwa)
        goto bad;
    *flags |= f->readable && f->writable ? O_RDWR : f->readable ? O_RDONLY : O_WRONLY;
    *flags |= O_CLOEXEC;
    return true;
bad:
    rt_raise(vm, &rt_exc_ValueError,
             "Must have exactly one of create/read/write/append mode and at most one plus");
    return false;
}

/* The path of a str, bytes or os.PathLike (PyOS_FSPath), as a C string. */
static Value fs_path(VM *vm, Value file)
{
    if (v_is_str(file) || v_isa(file, &rt_bytes_type))
        return file;
    Value fspath = rt_lookup_type_attr(v_type(file), rt_str_intern_cstr(vm, "__fspath__"));
    if (!fspath)
        return rt_raise(vm, &rt_exc_TypeError, "expected str, bytes or os.PathLike object, not %s",
                        rt_type_name(file));
    Value p = rt_call_with_self(vm, fspath, file, 0, NULL, VNULL);
    if (!p)
        return VNULL;
    if (!v_is_str(p) && !v_isa(p, &rt_bytes_type))
        return rt_raise(vm, &rt_exc_TypeError,
                        "expected %s.__fspath__() to return str or bytes, not %s", rt_type_name(file),
                        rt_type_name(p));
    return p;
}

Value io_fileio_make(VM *vm, Type *t, Value file, const char *mode, bool closefd, Value opener)
{
    FileIO *f = rt_alloc(vm, t, t->instance_size);
    if (!f)
        return VNULL;
    f->fd = -1;
    f->seekable = -1;
    f->name = rt_None;
    f->blksize = IO_DEFAULT_BUFFER_SIZE;
    Value self = v_from(f);
    int fd = -1;
    Value path = VNULL;
    if (rt_is_int(file)) {
        int64_t n;
        if (!rt_as_i64(vm, file, &n)) {
            vm->exc = VNULL;
            n = -1;
        }
        if (n < 0)
            return rt_raise(vm, &rt_exc_ValueError, "negative file descriptor");
        fd = (int)n;
    } else {
        if (!(path = fs_path(vm, file)))
            return VNULL;
    }
    int flags;
    if (!parse_mode(vm, f, mode, &flags))
        return VNULL;
    const char *cpath = path ? (v_is_str(path) ? v_cstr(path) : (const char *)((Bytes *)v_obj(path))->data)
                             : NULL;
    if (path && strlen(cpath) != (v_is_str(path) ? v_str(path)->len : ((Bytes *)v_obj(path))->len))
        return rt_raise(vm, &rt_exc_ValueError, "embedded null byte");
    if (fd >= 0) {
        f->fd = fd;
        f->closefd = closefd;
    } else {
        f->closefd = true;
        if (!closefd)
            return rt_raise(vm, &rt_exc_ValueError, "Cannot use closefd=False with file name");
        if (opener == rt_None) {
            do {
                fd = open(cpath, flags, 0666);
            } while (fd < 0 && errno == EINTR && !vm->interrupted);
            if (fd < 0) {
                Value fnrepr = file;
                (void)fnrepr;
                return rt_raise_oserror(vm, errno, v_is_str(path) ? cpath : cpath);
            }
        } else {
            Value fl = rt_int_from_i64(vm, flags);
            Value r = rt_call2(vm, opener, file, fl);
            if (!r)
                return VNULL;
            if (!rt_is_int(r))
                return rt_raise(vm, &rt_exc_TypeError, "expected integer from opener");
            int64_t n;
            if (!rt_as_i64(vm, r, &n))
                return VNULL;
            if (n < 0)
                return rt_raise(vm, &rt_exc_ValueError, "opener returned %lld", (long long)n);
            fd = (int)n;
        }
        f->fd = fd;
    }
    struct stat st;
    if (fstat(f->fd, &st) < 0) {
        int e = errno;
        if (path) {
            close(f->fd);
            f->fd = -1;
        } else {
            f->fd = -1;
        }
        return rt_raise_oserror(vm, e, NULL);
    }
    if (S_ISDIR(st.st_mode)) {
        if (f->closefd)
            close(f->fd);
        f->fd = -1;
        return rt_raise_oserror(vm, EISDIR, cpath);
    }
    if (st.st_blksize > 1)
        f->blksize = st.st_blksize;
    f->name = file;
    if (f->appending)
        lseek(f->fd, 0, SEEK_END);
    return self;
}

static Value fileio_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"file", "mode", "closefd", "opener", NULL};
    Value a[4];
    if (!rt_parse_args(vm, "FileIO", argc, argv, kwnames, names, 0, 1, a))
        return VNULL;
    const char *mode = "r";
    if (a[1]) {
        if (!v_is_str(a[1]))
            return rt_raise(vm, &rt_exc_TypeError, "FileIO() argument 'mode' must be str, not %s",
                            rt_type_name(a[1]));
        mode = v_cstr(a[1]);
    }
    bool closefd = true;
    if (a[2]) {
        int t = rt_truthy(vm, a[2]);
        if (t < 0)
            return VNULL;
        closefd = t;
    }
    return io_fileio_make(vm, type, a[0], mode, closefd, a[3] ? a[3] : rt_None);
}

static Value fileio_init(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_None;
}

/* ---- methods ----------------------------------------------------------------------------- */

static Value fio_read(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "read", argc - 1, 0, 1))
        return VNULL;
    FileIO *f = open_fio(vm, argv[0]);
    if (!f)
        return VNULL;
    if (!f->readable)
        return err_mode(vm, "reading");
    int64_t n;
    if (!io_size_arg(vm, argc > 1 ? argv[1] : VNULL, &n))
        return VNULL;
    if (n < 0)
        return io_fileio_readall(vm, f);
    uint8_t small[512];
    uint8_t *buf = (size_t)n <= sizeof small ? small : malloc((size_t)n);
    if (!buf)
        return rt_no_memory(vm);
    int64_t r = io_fileio_readinto(vm, f, buf, (size_t)n);
    Value res = r == -1 ? VNULL : r == -2 ? rt_None : rt_bytes_new(vm, buf, (size_t)r);
    if (buf != small)
        free(buf);
    return res;
}

static Value fio_readall(VM *vm, int argc, Value *argv, Value kw)
{
    FileIO *f = open_fio(vm, argv[0]);
    if (!f)
        return VNULL;
    return io_fileio_readall(vm, f);
}

static Value fio_readinto(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "readinto", argc - 1, 1, 1))
        return VNULL;
    FileIO *f = open_fio(vm, argv[0]);
    if (!f)
        return VNULL;
    if (!f->readable)
        return err_mode(vm, "reading");
    RtBuffer b;
    if (!rt_get_buffer(vm, argv[1], &b, RT_BUF_WRITABLE)) {
        if (rt_exc_matches(vm, vm->exc, &rt_exc_TypeError)) {
            vm->exc = VNULL;
            return rt_raise(vm, &rt_exc_TypeError,
                            "readinto() argument must be read-write bytes-like object, not %s",
                            rt_type_name(argv[1]));
        }
        return VNULL;
    }
    int64_t r = io_fileio_readinto(vm, f, b.ptr, b.len);
    return r == -1 ? VNULL : r == -2 ? rt_None : rt_int_from_i64(vm, r);
}

static Value fio_write(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "write", argc - 1, 1, 1))
        return VNULL;
    FileIO *f = open_fio(vm, argv[0]);
    if (!f)
        return VNULL;
    if (!f->writable)
        return err_mode(vm, "writing");
    RtBuffer b;
    if (!rt_get_buffer(vm, argv[1], &b, 0)) {
        if (rt_exc_matches(vm, vm->exc, &rt_exc_TypeError)) {
            vm->exc = VNULL;
            return rt_raise(vm, &rt_exc_TypeError, "a bytes-like object is required, not '%s'",
                            rt_type_name(argv[1]));
        }
        return VNULL;
    }
    int64_t r = io_fileio_write(vm, f, b.ptr, b.len);
    return r == -1 ? VNULL : r == -2 ? rt_None : rt_int_from_i64(vm, r);
}

static Value fio_seek(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "seek", argc - 1, 1, 2))
        return VNULL;
    FileIO *f = open_fio(vm, argv[0]);
    if (!f)
        return VNULL;
    if (v_isa(argv[1], &rt_float_type))
        return rt_raise(vm, &rt_exc_TypeError, "an integer is required");
    int64_t pos, whence = 0;
    if (!mp_as_ssize(vm, argv[1], &pos) || (argc > 2 && !mp_as_ssize(vm, argv[2], &whence)))
        return VNULL;
    int64_t r = io_fileio_seek(vm, f, pos, (int)whence);
    return r < 0 ? VNULL : rt_int_from_i64(vm, r);
}

static Value fio_tell(VM *vm, int argc, Value *argv, Value kw)
{
    FileIO *f = open_fio(vm, argv[0]);
    if (!f)
        return VNULL;
    int64_t r = io_fileio_seek(vm, f, 0, SEEK_CUR);
    return r < 0 ? VNULL : rt_int_from_i64(vm, r);
}

static Value fio_truncate(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "truncate", argc - 1, 0, 1))
        return VNULL;
    FileIO *f = open_fio(vm, argv[0]);
    if (!f)
        return VNULL;
    if (!f->writable)
        return err_mode(vm, "writing");
    int64_t size;
    if (argc > 1 && argv[1] != rt_None) {
        if (!mp_as_ssize(vm, argv[1], &size))
            return VNULL;
    } else if ((size = io_fileio_seek(vm, f, 0, SEEK_CUR)) < 0) {
        return VNULL;
    }
    if (ftruncate(f->fd, (off_t)size) != 0)
        return os_error(vm, errno);
    return rt_int_from_i64(vm, size);
}

static Value fio_seekable(VM *vm, int argc, Value *argv, Value kw)
{
    FileIO *f = open_fio(vm, argv[0]);
    if (!f)
        return VNULL;
    if (f->seekable < 0)
        f->seekable = lseek(f->fd, 0, SEEK_CUR) >= 0;
    return rt_bool(f->seekable);
}

static Value fio_readable(VM *vm, int argc, Value *argv, Value kw)
{
    FileIO *f = open_fio(vm, argv[0]);
    return f ? rt_bool(f->readable) : VNULL;
}

static Value fio_writable(VM *vm, int argc, Value *argv, Value kw)
{
    FileIO *f = open_fio(vm, argv[0]);
    return f ? rt_bool(f->writable) : VNULL;
}

static Value fio_fileno(VM *vm, int argc, Value *argv, Value kw)
{
    FileIO *f = open_fio(vm, argv[0]);
    return f ? rt_int_from_i64(vm, f->fd) : VNULL;
}

static Value fio_isatty(VM *vm, int argc, Value *argv, Value kw)
{
    FileIO *f = open_fio(vm, argv[0]);
    return f ? rt_bool(isatty(f->fd)) : VNULL;
}

static Value fio_close(VM *vm, int argc, Value *argv, Value kw)
{
    FileIO *f = fio(vm, argv[0]);
    if (!f)
        return VNULL;
    /* _RawIOBase.close: flush and mark closed, then the descriptor. */
    Value flushed = VNULL;
    if (!f->io.iobase_closed) {
        flushed = io_call(vm, argv[0], "flush", 0, NULL);
        f->io.iobase_closed = true;
    } else {
        flushed = rt_None;
    }
    Value saved = flushed ? VNULL : vm->exc;
    vm->exc = VNULL;
    int fd = f->fd;
    f->fd = -1;
    if (fd >= 0 && f->closefd && close(fd) < 0 && !saved)
        return os_error(vm, errno);
    if (saved) {
        vm->exc = saved;
        return VNULL;
    }
    return rt_None;
}

static Value fio_dealloc_warn(VM *vm, int argc, Value *argv, Value kw) { return rt_None; }

static const char *mode_string(FileIO *f)
{
    if (f->created)
        return f->readable ? "xb+" : "xb";
    if (f->appending)
        return f->readable ? "ab+" : "ab";
    if (f->readable)
        return f->writable ? "rb+" : "rb";
    return "wb";
}

static Value fio_mode_get(VM *vm, Value self)
{
    FileIO *f = fio(vm, self);
    return f ? rt_str_intern_cstr(vm, mode_string(f)) : VNULL;
}

static Value fio_closed_get(VM *vm, Value self)
{
    FileIO *f = fio(vm, self);
    return f ? rt_bool(f->fd < 0) : VNULL;
}

static Value fio_closefd_get(VM *vm, Value self)
{
    FileIO *f = fio(vm, self);
    return f ? rt_bool(f->closefd) : VNULL;
}

static Value fio_blksize_get(VM *vm, Value self)
{
    FileIO *f = fio(vm, self);
    return f ? rt_int_from_i64(vm, f->blksize) : VNULL;
}

static Value fio_name_get(VM *vm, Value self)
{
    FileIO *f = fio(vm, self);
    if (!f)
        return VNULL;
    if (!f->name)
        return rt_raise(vm, &rt_exc_AttributeError, "'%s' object has no attribute 'name'",
                        rt_type_name(self));
    return f->name;
}

static int fio_name_set(VM *vm, Value self, Value v)
{
    FileIO *f = fio(vm, self);
    if (!f)
        return -1;
    f->name = v;
    return 0;
}

static Value fileio_repr(VM *vm, Value self)
{
    FileIO *f = (FileIO *)v_obj(self);
    const char *tn = v_type(self)->name;
    if (f->fd < 0)
        return rt_str_printf(vm, "<%s [closed]>", tn);
    if (!f->name)
        return rt_str_printf(vm, "<%s fd=%d mode='%s' closefd=%s>", tn, f->fd, mode_string(f),
                             f->closefd ? "True" : "False");
    Value r = rt_repr(vm, f->name);
    if (!r)
        return VNULL;
    return rt_str_printf(vm, "<%s name=%s mode='%s' closefd=%s>", tn, v_cstr(r), mode_string(f),
                         f->closefd ? "True" : "False");
}

static bool fileio_del_needed(VM *vm, Obj *o)
{
    FileIO *f = (FileIO *)o;
    return !f->io.is_std && f->fd >= 0;
}

static const NativeDef fileio_methods[] = {
    {"read", fio_read, 0},
    {"readall", fio_readall, 0},
    {"readinto", fio_readinto, 0},
    {"write", fio_write, 0},
    {"seek", fio_seek, 0},
    {"tell", fio_tell, 0},
    {"truncate", fio_truncate, 0},
    {"close", fio_close, 0},
    {"seekable", fio_seekable, 0},
    {"readable", fio_readable, 0},
    {"writable", fio_writable, 0},
    {"fileno", fio_fileno, 0},
    {"isatty", fio_isatty, 0},
    {"_dealloc_warn", fio_dealloc_warn, 0},
    {"__init__", fileio_init, NF_KEYWORDS},
    {NULL, NULL, 0},
};

static const GetSetDef fileio_getsets[] = {
    {"closed", fio_closed_get, NULL},
    {"closefd", fio_closefd_get, NULL},
    {"mode", fio_mode_get, NULL},
    {"_blksize", fio_blksize_get, NULL},
    {"name", fio_name_get, fio_name_set},
    {NULL, NULL, NULL},
};

Type mp_fileio_type = {
    .name = "_io.FileIO",
    .base = &mp_rawiobase_type,
    .instance_size = sizeof(FileIO),
    .trace = fileio_trace,
    .finalize = fileio_finalize,
    .repr = fileio_repr,
    .new = fileio_new,
    .del = io_del,
    .del_needed = fileio_del_needed,
    .flags = TF_BASETYPE | TF_FINALIZE,
};

bool io_fileio_init(VM *vm, Dict *d)
{
    return io_add_type(vm, d, &mp_fileio_type, fileio_methods, fileio_getsets);
}
