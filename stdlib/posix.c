/* stdlib/posix.c — the `posix` module: what CPython's Modules/posixmodule.c
 * offers on Linux, so that CPython's own os.py, posixpath.py, shutil,
 * tempfile, glob and subprocess run over it unchanged.
 *
 * Paths: a str, bytes or os.PathLike argument (and an int fd where the
 * function accepts one).  Names come back as the caller's kind: bytes for a
 * bytes path, str otherwise.  File names are UTF-8; minipy's str cannot hold
 * the lone surrogates of CPython's surrogateescape, so an undecodable name
 * raises UnicodeDecodeError (loudly) instead of round-tripping.
 * Errors: OSError, whose constructor picks the subclass by errno, with
 * CPython's arguments (errno, strerror, filename[, None, filename2]).
 * Every path function works relative to dir_fd (the *at() calls), so
 * _have_functions can claim the HAVE_*AT features os.py and shutil test. */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <math.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/uio.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/times.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "runtime/buffer.h"
#include "stdlib/_io.h"
#include "stdlib/modsupport.h"
#include "stdlib/native.h"
#include "stdlib/posix.h"
#include "stdlib/structseq.h"
#include "vm/vm.h"

extern char **environ;

/* ---- errors ------------------------------------------------------------------ */

/* OSError(errno, strerror[, filename[, None, filename2]]): the constructor
 * chooses FileNotFoundError & co. */
static Value posix_error2(VM *vm, int err, Value f1, Value f2)
{
    Value args[5] = {v_from_small(err), rt_str_from_cstr(vm, strerror(err)), f1, rt_None, f2};
    if (!args[1]) return VNULL;
    int n = f2 ? 5 : f1 ? 3 : 2;
    Value exc = rt_call(vm, v_from(&rt_exc_OSError), n, args, VNULL);
    return exc ? rt_raise_value(vm, exc) : VNULL;
}

Value mp_posix_error(VM *vm) { return posix_error2(vm, errno, VNULL, VNULL); }

/* ---- argument helpers ---------------------------------------------------------- */

/* rt_parse_args for signatures with keyword-only parameters after the first
 * maxpos: Argument Clinic's "takes at most N positional arguments". */
static bool parse_kwonly(VM *vm, const char *fname, int argc, Value *argv, Value kwnames,
                         const char *const *names, int nposonly, int nrequired, int maxpos, Value *out)
{
    if (argc > maxpos && maxpos == 0) {
        rt_raise(vm, &rt_exc_TypeError, "%s() takes no positional arguments", fname);
        return false;
    }
    if (argc > maxpos) {
        rt_raise(vm, &rt_exc_TypeError, "%s() takes %s %d positional argument%s (%d given)", fname,
                 nrequired == maxpos ? "exactly" : "at most", maxpos, maxpos == 1 ? "" : "s", argc);
        return false;
    }
    return rt_parse_args(vm, fname, argc, argv, kwnames, names, nposonly, nrequired, out);
}

/* An int argument in C int range (PyLong_AsInt's messages). */
bool mp_posix_int(VM *vm, Value v, int *out)
{
    if (v_is(v, &rt_float_type)) {
        rt_raise(vm, &rt_exc_TypeError, "'float' object cannot be interpreted as an integer");
        return false;
    }
    Value i = rt_index(vm, v);
    int64_t n;
    if (!i) return false;
    if (!rt_as_i64(vm, i, &n) || n > INT_MAX || n < INT_MIN) {
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C int");
        return false;
    }
    *out = (int)n;
    return true;
}

bool mp_posix_i64(VM *vm, Value v, int64_t *out)
{
    if (v_is(v, &rt_float_type)) {
        rt_raise(vm, &rt_exc_TypeError, "'float' object cannot be interpreted as an integer");
        return false;
    }
    Value i = rt_index(vm, v);
    if (!i) return false;
    if (!rt_as_i64(vm, i, out)) {
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C long");
        return false;
    }
    return true;
}

/* dir_fd=None → AT_FDCWD. */
static bool dir_fd_arg(VM *vm, Value v, int *out)
{
    *out = AT_FDCWD;
    return !v || v == rt_None || mp_posix_int(vm, v, out);
}

static bool bool_arg(VM *vm, Value v, bool dflt, bool *out)
{
    int t = v ? rt_truthy(vm, v) : dflt;
    if (t < 0) return false;
    *out = t;
    return true;
}

/* A name from the OS as str (UTF-8, strict) or bytes. */
static Value fs_decode(VM *vm, const char *s, size_t len, bool as_bytes)
{
    if (as_bytes) return rt_bytes_new(vm, (const uint8_t *)s, len);
    size_t bad;
    if (rt_utf8_valid(s, len, &bad)) return rt_str_new(vm, s, len);
    Value b = rt_bytes_new(vm, (const uint8_t *)s, len);
    return b ? rt_bytes_decode(vm, b, "utf-8", "strict") : VNULL;
}


void mp_path_init(PathArg *p, const char *fname, const char *argname, bool nullable, bool allow_fd)
{
    memset(p, 0, sizeof *p);
    p->fname = fname;
    p->argname = argname;
    p->nullable = nullable;
    p->allow_fd = allow_fd;
    p->fd = -1;
}

static bool path_type_error(VM *vm, PathArg *p, Value v)
{
    const char *what = p->allow_fd && p->nullable ? "string, bytes, os.PathLike, integer or None"
                       : p->allow_fd             ? "string, bytes, os.PathLike or integer"
                       : p->nullable             ? "string, bytes, os.PathLike or None"
                                                 : "string, bytes or os.PathLike";
    rt_raise(vm, &rt_exc_TypeError, "%s: %s should be %s, not %s", p->fname, p->argname, what,
             rt_type_name(v));
    return false;
}

bool mp_path_convert(VM *vm, Value v, PathArg *p)
{
    p->object = v;
    if (v == rt_None && p->nullable) return true;
    if (p->allow_fd && rt_is_int(v))
        return mp_posix_int(vm, v, &p->fd);
    Value s = v;
    if (!v_is_str(s) && !v_isa(s, &rt_bytes_type)) {
        Value f = rt_lookup_special(vm, v, rt_str_intern_cstr(vm, "__fspath__"));
        if (!f) return vm->exc ? false : path_type_error(vm, p, v);
        s = rt_call0(vm, f);
        if (!s) return false;
        if (!v_is_str(s) && !v_isa(s, &rt_bytes_type)) {
            rt_raise(vm, &rt_exc_TypeError, "expected %s.__fspath__() to return str or bytes, not %s",
                     rt_type_name(v), rt_type_name(s));
            return false;
        }
    }
    p->object = s; /* OSError's filename: the str or bytes (CPython's path->object) */
    if (v_is_str(s)) {
        p->path = v_cstr(s);
        p->len = v_str(s)->len;
    } else {
        p->path = (const char *)((Bytes *)v_obj(s))->data;
        p->len = ((Bytes *)v_obj(s))->len;
        p->is_bytes = true;
    }
    if (strlen(p->path) != p->len) {
        if (p->is_bytes)
            rt_raise(vm, &rt_exc_ValueError, "%s: embedded null character in %s", p->fname, p->argname);
        else
            rt_raise(vm, &rt_exc_ValueError, "embedded null byte");
        return false;
    }
    return true;
}

/* The argument at out[i] as a path; absent → default `dflt` (NULL: None). */
static bool path_from(VM *vm, Value v, PathArg *p, const char *dflt)
{
    if (!v) {
        p->object = rt_None;
        p->path = dflt;
        p->len = dflt ? strlen(dflt) : 0;
        return true;
    }
    return mp_path_convert(vm, v, p);
}

Value mp_path_error(VM *vm, PathArg *p) { return posix_error2(vm, errno, p->object, VNULL); }
static Value path_error2(VM *vm, PathArg *a, PathArg *b)
{
    return posix_error2(vm, errno, a->object, b->object);
}

/* CPython refuses some argument combinations before calling the OS. */
static bool check_fd_and_dir_fd(VM *vm, PathArg *p, int dir_fd)
{
    if (p->fd >= 0 && dir_fd != AT_FDCWD) {
        rt_raise(vm, &rt_exc_ValueError, "%s: can't specify dir_fd without matching path", p->fname);
        return false;
    }
    return true;
}

static bool check_fd_and_follow(VM *vm, PathArg *p, bool follow)
{
    if (p->fd >= 0 && !follow) {
        rt_raise(vm, &rt_exc_ValueError, "%s: cannot use fd and follow_symlinks together", p->fname);
        return false;
    }
    return true;
}


/* The module's struct sequence classes, set by the init (rooted through
 * the module dict, which holds them). */
static Value stat_result_cls, uname_result_cls, times_result_cls, terminal_size_cls,
    statvfs_result_cls;

/* ---- stat ---------------------------------------------------------------------- */

static const char *const stat_fields[] = {
    "st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size", "", "", "",
    "st_atime", "st_mtime", "st_ctime", "st_atime_ns", "st_mtime_ns", "st_ctime_ns",
    "st_blksize", "st_blocks", "st_rdev",
};
/* os.stat_result(seq) without float times takes the int ones (CPython's statresult_new). */
static void stat_complete(Value *v)
{
    for (int i = 0; i < 3; i++)
        if (v[10 + i] == rt_None) v[10 + i] = v[7 + i];
}
static const StructSeqDesc stat_desc = {"os", "stat_result", stat_fields, 19, 10, stat_complete};

static Value stat_to_result(VM *vm, const struct stat *st)
{
    Value v[19];
    const struct timespec *ts[3] = {&st->st_atim, &st->st_mtim, &st->st_ctim};
    v[0] = rt_int_from_i64(vm, st->st_mode);
    v[1] = rt_int_from_u64(vm, st->st_ino);
    v[2] = rt_int_from_u64(vm, st->st_dev);
    v[3] = rt_int_from_u64(vm, st->st_nlink);
    v[4] = rt_int_from_i64(vm, st->st_uid);
    v[5] = rt_int_from_i64(vm, st->st_gid);
    v[6] = rt_int_from_i64(vm, st->st_size);
    for (int i = 0; i < 3; i++) {
        v[7 + i] = rt_int_from_i64(vm, ts[i]->tv_sec);
        v[10 + i] = rt_float_new(vm, (double)ts[i]->tv_sec + ts[i]->tv_nsec * 1e-9);
        Value sec = rt_int_from_i64(vm, ts[i]->tv_sec);
        Value ns = sec ? rt_int_binop(vm, BIN_MUL, sec, v_from_small(1000000000)) : VNULL;
        v[13 + i] = ns ? rt_int_binop(vm, BIN_ADD, ns, v_from_small(ts[i]->tv_nsec)) : VNULL;
    }
    v[16] = rt_int_from_i64(vm, st->st_blksize);
    v[17] = rt_int_from_i64(vm, st->st_blocks);
    v[18] = rt_int_from_u64(vm, st->st_rdev);
    for (int i = 0; i < 19; i++)
        if (!v[i]) return VNULL;
    return mp_structseq_new(vm, stat_result_cls, v);
}

/* stat/lstat of a PathArg (fd, or a name relative to dir_fd). */
static int do_stat(PathArg *p, int dir_fd, bool follow, struct stat *st)
{
    if (p->fd >= 0) return fstat(p->fd, st);
    return fstatat(dir_fd, p->path, st, follow ? 0 : AT_SYMLINK_NOFOLLOW);
}

static Value stat_common(VM *vm, const char *fname, int argc, Value *argv, Value kwnames, bool lstat)
{
    static const char *const names[] = {"path", "dir_fd", "follow_symlinks", NULL};
    static const char *const lnames[] = {"path", "dir_fd", NULL};
    Value a[3] = {0};
    if (!parse_kwonly(vm, fname, argc, argv, kwnames, lstat ? lnames : names, 0, 1, 1, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, fname, "path", false, !lstat);
    int dir_fd;
    bool follow;
    if (!mp_path_convert(vm, a[0], &p) || !dir_fd_arg(vm, a[1], &dir_fd) ||
        !bool_arg(vm, a[2], !lstat, &follow) || !check_fd_and_dir_fd(vm, &p, dir_fd) ||
        !check_fd_and_follow(vm, &p, follow))
        return VNULL;
    struct stat st;
    if (do_stat(&p, dir_fd, follow, &st) != 0) return mp_path_error(vm, &p);
    return stat_to_result(vm, &st);
}

static Value px_stat(VM *vm, int argc, Value *argv, Value kw) { return stat_common(vm, "stat", argc, argv, kw, false); }
static Value px_lstat(VM *vm, int argc, Value *argv, Value kw) { return stat_common(vm, "lstat", argc, argv, kw, true); }

static Value px_fstat(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"fd", NULL};
    Value a[1];
    int fd;
    if (!rt_parse_args(vm, "fstat", argc, argv, kwnames, names, 0, 1, a) || !mp_posix_int(vm, a[0], &fd))
        return VNULL;
    struct stat st;
    int r;
    do r = fstat(fd, &st); while (EINTR_RETRY(r));
    if (r != 0) return vm->exc ? VNULL : mp_posix_error(vm);
    return stat_to_result(vm, &st);
}

/* ---- file descriptors ------------------------------------------------------------ */

static Value px_open(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", "flags", "mode", "dir_fd", NULL};
    Value a[4];
    if (!parse_kwonly(vm, "open", argc, argv, kwnames, names, 0, 2, 3, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, "open", "path", false, false);
    int flags, mode = 0777, dir_fd;
    if (!mp_path_convert(vm, a[0], &p) || !mp_posix_int(vm, a[1], &flags) || (a[2] && !mp_posix_int(vm, a[2], &mode)) ||
        !dir_fd_arg(vm, a[3], &dir_fd))
        return VNULL;
    int fd;
    /* PEP 446: new descriptors are non-inheritable */
    do fd = openat(dir_fd, p.path, flags | O_CLOEXEC, mode); while (EINTR_RETRY(fd));
    if (fd < 0) return vm->exc ? VNULL : mp_path_error(vm, &p);
    return v_from_small(fd);
}

static bool fd_only(VM *vm, const char *fname, int argc, Value *argv, int *fd)
{
    return rt_check_nargs(vm, fname, argc, 1, 1) && mp_posix_int(vm, argv[0], fd);
}

static Value px_close(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"fd", NULL};
    Value a[1];
    int fd;
    if (!rt_parse_args(vm, "close", argc, argv, kwnames, names, 0, 1, a) || !mp_posix_int(vm, a[0], &fd))
        return VNULL;
    /* never retried: Linux frees the descriptor even when close says EINTR */
    if (close(fd) != 0 && errno != EINTR) return mp_posix_error(vm);
    return rt_None;
}

static Value px_closerange(VM *vm, int argc, Value *argv, Value kwnames)
{
    int lo, hi;
    if (!rt_check_nargs(vm, "closerange", argc, 2, 2) || !mp_posix_int(vm, argv[0], &lo) || !mp_posix_int(vm, argv[1], &hi))
        return VNULL;
    for (int fd = lo < 0 ? 0 : lo; fd < hi; fd++) close(fd);
    return rt_None;
}

static Value px_read(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    int64_t n;
    if (!rt_check_nargs(vm, "read", argc, 2, 2) || !mp_posix_int(vm, argv[0], &fd) || !mp_as_ssize(vm, argv[1], &n))
        return VNULL;
    if (n < 0) {
        errno = EINVAL;
        return mp_posix_error(vm);
    }
    SIGNALS_FIRST();
    uint8_t small[4096];
    uint8_t *buf = (size_t)n <= sizeof small ? small : malloc((size_t)n);
    if (!buf) return rt_no_memory(vm);
    ssize_t r;
    do r = read(fd, buf, (size_t)n); while (EINTR_RETRY(r));
    Value res = r < 0 ? (vm->exc ? VNULL : mp_posix_error(vm)) : rt_bytes_new(vm, buf, (size_t)r);
    if (buf != small) free(buf);
    return res;
}

static Value px_write(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    if (!rt_check_nargs(vm, "write", argc, 2, 2) || !mp_posix_int(vm, argv[0], &fd)) return VNULL;
    SIGNALS_FIRST();
    RtBuffer b;
    if (!rt_get_buffer(vm, argv[1], &b, 0)) return VNULL;
    ssize_t r;
    do r = write(fd, b.ptr, b.len); while (EINTR_RETRY(r));
    rt_buffer_release(vm, &b);
    if (r < 0) return vm->exc ? VNULL : mp_posix_error(vm);
    return rt_int_from_i64(vm, r);
}

static Value px_lseek(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd, how;
    int64_t pos;
    if (!rt_check_nargs(vm, "lseek", argc, 3, 3) || !mp_posix_int(vm, argv[0], &fd) || !mp_posix_i64(vm, argv[1], &pos) ||
        !mp_posix_int(vm, argv[2], &how))
        return VNULL;
    off_t r = lseek(fd, (off_t)pos, how);
    if (r < 0) return mp_posix_error(vm);
    return rt_int_from_i64(vm, r);
}

/* fsync(fd) also takes an object with fileno() (PyObject_AsFileDescriptor). */
static bool fd_or_fileno(VM *vm, Value v, int *fd)
{
    if (!rt_is_int(v)) {
        Value f = rt_getattr_opt(vm, v, rt_str_intern_cstr(vm, "fileno"));
        if (!f) {
            if (!vm->exc)
                rt_raise(vm, &rt_exc_TypeError, "argument must be an int, or have a fileno() method.");
            return false;
        }
        v = rt_call0(vm, f);
        if (!v) return false;
        if (!rt_is_int(v)) {
            rt_raise(vm, &rt_exc_TypeError, "fileno() returned a non-integer");
            return false;
        }
    }
    if (!mp_posix_int(vm, v, fd)) return false;
    if (*fd < 0) {
        rt_raise(vm, &rt_exc_ValueError, "file descriptor cannot be a negative integer (%d)", *fd);
        return false;
    }
    return true;
}

static Value sync_common(VM *vm, const char *fname, int argc, Value *argv, Value kwnames, int (*fn)(int))
{
    static const char *const names[] = {"fd", NULL};
    Value a[1];
    int fd;
    if (!rt_parse_args(vm, fname, argc, argv, kwnames, names, 0, 1, a) || !fd_or_fileno(vm, a[0], &fd))
        return VNULL;
    int r;
    do r = fn(fd); while (EINTR_RETRY(r));
    if (r != 0) return vm->exc ? VNULL : mp_posix_error(vm);
    return rt_None;
}

static Value px_fsync(VM *vm, int argc, Value *argv, Value kw) { return sync_common(vm, "fsync", argc, argv, kw, fsync); }
static Value px_fdatasync(VM *vm, int argc, Value *argv, Value kw) { return sync_common(vm, "fdatasync", argc, argv, kw, fdatasync); }

static Value px_ftruncate(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    int64_t len;
    if (!rt_check_nargs(vm, "ftruncate", argc, 2, 2) || !mp_posix_int(vm, argv[0], &fd) || !mp_posix_i64(vm, argv[1], &len))
        return VNULL;
    int r;
    do r = ftruncate(fd, (off_t)len); while (EINTR_RETRY(r));
    if (r != 0) return vm->exc ? VNULL : mp_posix_error(vm);
    return rt_None;
}

static Value px_truncate(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", "length", NULL};
    Value a[2];
    if (!rt_parse_args(vm, "truncate", argc, argv, kwnames, names, 0, 2, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, "truncate", "path", false, true);
    int64_t len;
    if (!mp_path_convert(vm, a[0], &p) || !mp_posix_i64(vm, a[1], &len)) return VNULL;
    int r = p.fd >= 0 ? ftruncate(p.fd, (off_t)len) : truncate(p.path, (off_t)len);
    if (r != 0) return mp_path_error(vm, &p);
    return rt_None;
}

static Value fd_pair(VM *vm, int fds[2])
{
    return rt_tuple_pack(vm, 2, v_from_small(fds[0]), v_from_small(fds[1]));
}

static Value px_pipe(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "pipe", argc, 0, 0)) return VNULL;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return mp_posix_error(vm);
    return fd_pair(vm, fds);
}

static Value px_pipe2(VM *vm, int argc, Value *argv, Value kwnames)
{
    int flags, fds[2];
    if (!rt_check_nargs(vm, "pipe2", argc, 1, 1) || !mp_posix_int(vm, argv[0], &flags)) return VNULL;
    if (pipe2(fds, flags) != 0) return mp_posix_error(vm);
    return fd_pair(vm, fds);
}

static Value px_dup(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    if (!fd_only(vm, "dup", argc, argv, &fd)) return VNULL;
    int r = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (r < 0) return mp_posix_error(vm);
    return v_from_small(r);
}

static Value px_dup2(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"fd", "fd2", "inheritable", NULL};
    Value a[3];
    int fd, fd2;
    bool inh;
    if (!rt_parse_args(vm, "dup2", argc, argv, kwnames, names, 0, 2, a) || !mp_posix_int(vm, a[0], &fd) ||
        !mp_posix_int(vm, a[1], &fd2) || !bool_arg(vm, a[2], true, &inh))
        return VNULL;
    int r = fd == fd2 ? (fcntl(fd, F_GETFD) < 0 ? -1 : fd) : dup3(fd, fd2, inh ? 0 : O_CLOEXEC);
    if (r < 0) return mp_posix_error(vm);
    return v_from_small(r);
}

static Value px_get_inheritable(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    if (!fd_only(vm, "get_inheritable", argc, argv, &fd)) return VNULL;
    int fl = fcntl(fd, F_GETFD);
    if (fl < 0) return mp_posix_error(vm);
    return rt_bool(!(fl & FD_CLOEXEC));
}

static bool set_fd_flag(VM *vm, int fd, int getcmd, int setcmd, int bit, bool on)
{
    int fl = fcntl(fd, getcmd);
    if (fl < 0) {
        mp_posix_error(vm);
        return false;
    }
    int nfl = on ? fl | bit : fl & ~bit;
    if (nfl != fl && fcntl(fd, setcmd, nfl) < 0) {
        mp_posix_error(vm);
        return false;
    }
    return true;
}

static Value px_set_inheritable(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    bool inh;
    if (!rt_check_nargs(vm, "set_inheritable", argc, 2, 2) || !mp_posix_int(vm, argv[0], &fd) ||
        !bool_arg(vm, argv[1], false, &inh))
        return VNULL;
    return set_fd_flag(vm, fd, F_GETFD, F_SETFD, FD_CLOEXEC, !inh) ? rt_None : VNULL;
}

static Value px_get_blocking(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    if (!fd_only(vm, "get_blocking", argc, argv, &fd)) return VNULL;
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0) return mp_posix_error(vm);
    return rt_bool(!(fl & O_NONBLOCK));
}

static Value px_set_blocking(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    bool blocking;
    if (!rt_check_nargs(vm, "set_blocking", argc, 2, 2) || !mp_posix_int(vm, argv[0], &fd) ||
        !bool_arg(vm, argv[1], false, &blocking))
        return VNULL;
    return set_fd_flag(vm, fd, F_GETFL, F_SETFL, O_NONBLOCK, !blocking) ? rt_None : VNULL;
}

static Value px_isatty(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    if (!fd_only(vm, "isatty", argc, argv, &fd)) return VNULL;
    return rt_bool(isatty(fd));
}

static Value px_ttyname(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    if (!fd_only(vm, "ttyname", argc, argv, &fd)) return VNULL;
    char buf[256];
    int e = ttyname_r(fd, buf, sizeof buf);
    if (e) {
        errno = e;
        return mp_posix_error(vm);
    }
    return rt_str_from_cstr(vm, buf);
}

static Value px_device_encoding(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"fd", NULL};
    Value a[1];
    int fd;
    if (!rt_parse_args(vm, "device_encoding", argc, argv, kwnames, names, 0, 1, a) || !mp_posix_int(vm, a[0], &fd))
        return VNULL;
    return isatty(fd) ? rt_str_intern_cstr(vm, "UTF-8") : rt_None;
}

/* ---- the file system ----------------------------------------------------------- */

/* f(path, *, dir_fd=None) for unlink/remove/rmdir. */
static Value unlink_common(VM *vm, const char *fname, int argc, Value *argv, Value kwnames, int flags)
{
    static const char *const names[] = {"path", "dir_fd", NULL};
    Value a[2];
    if (!parse_kwonly(vm, fname, argc, argv, kwnames, names, 0, 1, 1, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, fname, "path", false, false);
    int dir_fd;
    if (!mp_path_convert(vm, a[0], &p) || !dir_fd_arg(vm, a[1], &dir_fd)) return VNULL;
    if (unlinkat(dir_fd, p.path, flags) != 0) return mp_path_error(vm, &p);
    return rt_None;
}

static Value px_unlink(VM *vm, int argc, Value *argv, Value kw) { return unlink_common(vm, "unlink", argc, argv, kw, 0); }
static Value px_remove(VM *vm, int argc, Value *argv, Value kw) { return unlink_common(vm, "remove", argc, argv, kw, 0); }
static Value px_rmdir(VM *vm, int argc, Value *argv, Value kw) { return unlink_common(vm, "rmdir", argc, argv, kw, AT_REMOVEDIR); }

static Value px_mkdir(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", "mode", "dir_fd", NULL};
    Value a[3];
    if (!parse_kwonly(vm, "mkdir", argc, argv, kwnames, names, 0, 1, 2, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, "mkdir", "path", false, false);
    int mode = 0777, dir_fd;
    if (!mp_path_convert(vm, a[0], &p) || (a[1] && !mp_posix_int(vm, a[1], &mode)) || !dir_fd_arg(vm, a[2], &dir_fd))
        return VNULL;
    if (mkdirat(dir_fd, p.path, (mode_t)mode) != 0) return mp_path_error(vm, &p);
    return rt_None;
}

static Value px_mkfifo(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", "mode", "dir_fd", NULL};
    Value a[3];
    if (!parse_kwonly(vm, "mkfifo", argc, argv, kwnames, names, 0, 1, 2, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, "mkfifo", "path", false, false);
    int mode = 0666, dir_fd;
    if (!mp_path_convert(vm, a[0], &p) || (a[1] && !mp_posix_int(vm, a[1], &mode)) || !dir_fd_arg(vm, a[2], &dir_fd))
        return VNULL;
    if (mkfifoat(dir_fd, p.path, (mode_t)mode) != 0) return mp_path_error(vm, &p);
    return rt_None;
}

/* rename/replace(src, dst, *, src_dir_fd=None, dst_dir_fd=None) */
static Value rename_common(VM *vm, const char *fname, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"src", "dst", "src_dir_fd", "dst_dir_fd", NULL};
    Value a[4];
    if (!parse_kwonly(vm, fname, argc, argv, kwnames, names, 0, 2, 2, a)) return VNULL;
    PathArg s, d;
    mp_path_init(&s, fname, "src", false, false);
    mp_path_init(&d, fname, "dst", false, false);
    int sfd, dfd;
    if (!mp_path_convert(vm, a[0], &s) || !mp_path_convert(vm, a[1], &d) || !dir_fd_arg(vm, a[2], &sfd) ||
        !dir_fd_arg(vm, a[3], &dfd))
        return VNULL;
    if (renameat(sfd, s.path, dfd, d.path) != 0) return path_error2(vm, &s, &d);
    return rt_None;
}

static Value px_rename(VM *vm, int argc, Value *argv, Value kw) { return rename_common(vm, "rename", argc, argv, kw); }
static Value px_replace(VM *vm, int argc, Value *argv, Value kw) { return rename_common(vm, "replace", argc, argv, kw); }

static Value px_link(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"src", "dst", "src_dir_fd", "dst_dir_fd", "follow_symlinks", NULL};
    Value a[5];
    if (!parse_kwonly(vm, "link", argc, argv, kwnames, names, 0, 2, 2, a)) return VNULL;
    PathArg s, d;
    mp_path_init(&s, "link", "src", false, false);
    mp_path_init(&d, "link", "dst", false, false);
    int sfd, dfd;
    bool follow;
    if (!mp_path_convert(vm, a[0], &s) || !mp_path_convert(vm, a[1], &d) || !dir_fd_arg(vm, a[2], &sfd) ||
        !dir_fd_arg(vm, a[3], &dfd) || !bool_arg(vm, a[4], true, &follow))
        return VNULL;
    if (linkat(sfd, s.path, dfd, d.path, follow ? AT_SYMLINK_FOLLOW : 0) != 0) return path_error2(vm, &s, &d);
    return rt_None;
}

static Value px_symlink(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"src", "dst", "target_is_directory", "dir_fd", NULL};
    Value a[4];
    if (!parse_kwonly(vm, "symlink", argc, argv, kwnames, names, 0, 2, 3, a)) return VNULL;
    PathArg s, d;
    mp_path_init(&s, "symlink", "src", false, false);
    mp_path_init(&d, "symlink", "dst", false, false);
    int dfd;
    if (!mp_path_convert(vm, a[0], &s) || !mp_path_convert(vm, a[1], &d) || !dir_fd_arg(vm, a[3], &dfd)) return VNULL;
    if (symlinkat(s.path, dfd, d.path) != 0) return path_error2(vm, &s, &d);
    return rt_None;
}

static Value px_readlink(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", "dir_fd", NULL};
    Value a[2];
    if (!parse_kwonly(vm, "readlink", argc, argv, kwnames, names, 0, 1, 1, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, "readlink", "path", false, false);
    int dir_fd;
    if (!mp_path_convert(vm, a[0], &p) || !dir_fd_arg(vm, a[1], &dir_fd)) return VNULL;
    char buf[PATH_MAX];
    ssize_t n = readlinkat(dir_fd, p.path, buf, sizeof buf);
    if (n < 0) return mp_path_error(vm, &p);
    return fs_decode(vm, buf, (size_t)n, p.is_bytes);
}

static Value px_chmod(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", "mode", "dir_fd", "follow_symlinks", NULL};
    Value a[4];
    if (!parse_kwonly(vm, "chmod", argc, argv, kwnames, names, 0, 2, 2, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, "chmod", "path", false, true);
    int mode, dir_fd;
    bool follow;
    if (!mp_path_convert(vm, a[0], &p) || !mp_posix_int(vm, a[1], &mode) || !dir_fd_arg(vm, a[2], &dir_fd) ||
        !bool_arg(vm, a[3], true, &follow))
        return VNULL;
    int r = p.fd >= 0 ? fchmod(p.fd, (mode_t)mode)
                      : fchmodat(dir_fd, p.path, (mode_t)mode, follow ? 0 : AT_SYMLINK_NOFOLLOW);
    if (r != 0) {
        if (!follow && (errno == ENOTSUP || errno == EOPNOTSUPP))
            return rt_raise(vm, &rt_exc_NotImplementedError,
                            "chmod: follow_symlinks unavailable on this platform");
        return mp_path_error(vm, &p);
    }
    return rt_None;
}

static Value px_fchmod(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"fd", "mode", NULL};
    Value a[2];
    int fd, mode;
    if (!rt_parse_args(vm, "fchmod", argc, argv, kwnames, names, 0, 2, a) || !mp_posix_int(vm, a[0], &fd) ||
        !mp_posix_int(vm, a[1], &mode))
        return VNULL;
    if (fchmod(fd, (mode_t)mode) != 0) return mp_posix_error(vm);
    return rt_None;
}

static bool id_arg(VM *vm, Value v, int64_t *out)
{
    return mp_posix_i64(vm, v, out);
}

static Value px_chown(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", "uid", "gid", "dir_fd", "follow_symlinks", NULL};
    Value a[5];
    if (!parse_kwonly(vm, "chown", argc, argv, kwnames, names, 0, 3, 3, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, "chown", "path", false, true);
    int64_t uid, gid;
    int dir_fd;
    bool follow;
    if (!mp_path_convert(vm, a[0], &p) || !id_arg(vm, a[1], &uid) || !id_arg(vm, a[2], &gid) ||
        !dir_fd_arg(vm, a[3], &dir_fd) || !bool_arg(vm, a[4], true, &follow))
        return VNULL;
    int r = p.fd >= 0 ? fchown(p.fd, (uid_t)uid, (gid_t)gid)
                      : fchownat(dir_fd, p.path, (uid_t)uid, (gid_t)gid, follow ? 0 : AT_SYMLINK_NOFOLLOW);
    if (r != 0) return mp_path_error(vm, &p);
    return rt_None;
}

static Value px_lchown(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", "uid", "gid", NULL};
    Value a[3];
    if (!rt_parse_args(vm, "lchown", argc, argv, kwnames, names, 0, 3, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, "lchown", "path", false, false);
    int64_t uid, gid;
    if (!mp_path_convert(vm, a[0], &p) || !id_arg(vm, a[1], &uid) || !id_arg(vm, a[2], &gid)) return VNULL;
    if (lchown(p.path, (uid_t)uid, (gid_t)gid) != 0) return mp_path_error(vm, &p);
    return rt_None;
}

static Value px_fchown(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"fd", "uid", "gid", NULL};
    Value a[3];
    int fd;
    int64_t uid, gid;
    if (!rt_parse_args(vm, "fchown", argc, argv, kwnames, names, 0, 3, a) || !mp_posix_int(vm, a[0], &fd) ||
        !id_arg(vm, a[1], &uid) || !id_arg(vm, a[2], &gid))
        return VNULL;
    if (fchown(fd, (uid_t)uid, (gid_t)gid) != 0) return mp_posix_error(vm);
    return rt_None;
}

/* utime's (atime, mtime): seconds as int or float, or nanoseconds. */
static bool time_pair(VM *vm, Value v, bool ns, struct timespec ts[2])
{
    if (!v_is(v, &rt_tuple_type) || v_tuple(v)->len != 2) {
        rt_raise(vm, &rt_exc_TypeError, ns ? "utime: 'ns' must be a tuple of two ints"
                                            : "utime: 'times' must be either a tuple of two ints or None");
        return false;
    }
    for (int i = 0; i < 2; i++) {
        Value x = v_tuple(v)->items[i];
        if (ns) {
            int64_t n;
            if (!mp_posix_i64(vm, x, &n)) return false;
            ts[i].tv_sec = n / 1000000000;
            ts[i].tv_nsec = n % 1000000000;
        } else if (rt_is_float(x)) {
            double d = v_f(x), fl = floor(d);
            ts[i].tv_sec = (time_t)fl;
            ts[i].tv_nsec = (long)llround((d - fl) * 1e9);
            if (ts[i].tv_nsec >= 1000000000) ts[i].tv_sec++, ts[i].tv_nsec -= 1000000000;
        } else {
            int64_t n;
            if (!mp_posix_i64(vm, x, &n)) return false;
            ts[i].tv_sec = n;
            ts[i].tv_nsec = 0;
        }
        if (ts[i].tv_nsec < 0) ts[i].tv_nsec += 1000000000, ts[i].tv_sec--;
    }
    return true;
}

static Value px_utime(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", "times", "ns", "dir_fd", "follow_symlinks", NULL};
    Value a[5];
    if (!parse_kwonly(vm, "utime", argc, argv, kwnames, names, 0, 1, 2, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, "utime", "path", false, true);
    int dir_fd;
    bool follow;
    if (!mp_path_convert(vm, a[0], &p) || !dir_fd_arg(vm, a[3], &dir_fd) || !bool_arg(vm, a[4], true, &follow))
        return VNULL;
    bool has_times = a[1] && a[1] != rt_None, has_ns = a[2] != VNULL;
    if (has_times && has_ns)
        return rt_raise(vm, &rt_exc_ValueError, "utime: you may specify either 'times' or 'ns' but not both");
    struct timespec ts[2];
    if ((has_times && !time_pair(vm, a[1], false, ts)) || (has_ns && !time_pair(vm, a[2], true, ts)))
        return VNULL;
    const struct timespec *t = has_times || has_ns ? ts : NULL;
    int r = p.fd >= 0 ? futimens(p.fd, t) : utimensat(dir_fd, p.path, t, follow ? 0 : AT_SYMLINK_NOFOLLOW);
    if (r != 0) return mp_posix_error(vm); /* CPython names no file here */
    return rt_None;
}

static Value px_access(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", "mode", "dir_fd", "effective_ids", "follow_symlinks", NULL};
    Value a[5];
    if (!parse_kwonly(vm, "access", argc, argv, kwnames, names, 0, 2, 2, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, "access", "path", false, false);
    int mode, dir_fd;
    bool eff, follow;
    if (!mp_path_convert(vm, a[0], &p) || !mp_posix_int(vm, a[1], &mode) || !dir_fd_arg(vm, a[2], &dir_fd) ||
        !bool_arg(vm, a[3], false, &eff) || !bool_arg(vm, a[4], true, &follow))
        return VNULL;
    int flags = (eff ? AT_EACCESS : 0) | (follow ? 0 : AT_SYMLINK_NOFOLLOW);
    return rt_bool(faccessat(dir_fd, p.path, mode, flags) == 0);
}

static Value getcwd_common(VM *vm, const char *fname, int argc, bool as_bytes)
{
    if (!rt_check_nargs(vm, fname, argc, 0, 0)) return VNULL;
    char buf[PATH_MAX];
    if (!getcwd(buf, sizeof buf)) return mp_posix_error(vm);
    return fs_decode(vm, buf, strlen(buf), as_bytes);
}

static Value px_getcwd(VM *vm, int argc, Value *argv, Value kw) { return getcwd_common(vm, "getcwd", argc, false); }
static Value px_getcwdb(VM *vm, int argc, Value *argv, Value kw) { return getcwd_common(vm, "getcwdb", argc, true); }

static Value px_chdir(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", NULL};
    Value a[1];
    if (!rt_parse_args(vm, "chdir", argc, argv, kwnames, names, 0, 1, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, "chdir", "path", false, true);
    if (!mp_path_convert(vm, a[0], &p)) return VNULL;
    if ((p.fd >= 0 ? fchdir(p.fd) : chdir(p.path)) != 0) return mp_path_error(vm, &p);
    return rt_None;
}

static Value px_fchdir(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"fd", NULL};
    Value a[1];
    int fd;
    if (!rt_parse_args(vm, "fchdir", argc, argv, kwnames, names, 0, 1, a) || !fd_or_fileno(vm, a[0], &fd))
        return VNULL;
    if (fchdir(fd) != 0) return mp_posix_error(vm);
    return rt_None;
}

static Value px_chroot(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", NULL};
    Value a[1];
    if (!rt_parse_args(vm, "chroot", argc, argv, kwnames, names, 0, 1, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, "chroot", "path", false, false);
    if (!mp_path_convert(vm, a[0], &p)) return VNULL;
    if (chroot(p.path) != 0) return mp_path_error(vm, &p);
    return rt_None;
}

static Value px_umask(VM *vm, int argc, Value *argv, Value kwnames)
{
    int mask;
    if (!rt_check_nargs(vm, "umask", argc, 1, 1) || !mp_posix_int(vm, argv[0], &mask)) return VNULL;
    return v_from_small(umask((mode_t)mask));
}

static Value px_sync(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "sync", argc, 0, 0)) return VNULL;
    sync();
    return rt_None;
}

/* A directory stream for a PathArg: an fd is dup'd (fdopendir takes it over)
 * and rewound, as CPython does. */
static DIR *open_dir(PathArg *p)
{
    if (p->fd < 0) return opendir(p->path ? p->path : ".");
    int fd = fcntl(p->fd, F_DUPFD_CLOEXEC, 0);
    if (fd < 0) return NULL;
    DIR *d = fdopendir(fd);
    if (!d) {
        int e = errno;
        close(fd);
        errno = e;
        return NULL;
    }
    rewinddir(d);
    return d;
}

static bool is_dot(const char *n) { return n[0] == '.' && (!n[1] || (n[1] == '.' && !n[2])); }

static Value px_listdir(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", NULL};
    Value a[1];
    if (!rt_parse_args(vm, "listdir", argc, argv, kwnames, names, 0, 0, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, "listdir", "path", true, true);
    if (!path_from(vm, a[0], &p, ".")) return VNULL;
    if (p.object == rt_None) p.path = ".";
    DIR *d = open_dir(&p);
    if (!d) return mp_path_error(vm, &p);
    Value list = rt_list_new(vm, 0);
    struct dirent *e;
    errno = 0;
    while (list && (e = readdir(d)) != NULL) {
        if (is_dot(e->d_name)) continue;
        Value name = fs_decode(vm, e->d_name, strlen(e->d_name), p.is_bytes);
        if (!name || !rt_list_append(vm, list, name)) list = VNULL;
        errno = 0;
    }
    int err = errno;
    closedir(d);
    if (list && err) {
        errno = err;
        return mp_path_error(vm, &p);
    }
    return list;
}

/* ---- scandir and DirEntry ------------------------------------------------------------ */

typedef struct DirEntry {
    Obj hdr;
    Value name, path;     /* str, or bytes for a bytes path */
    Value stat, lstat;    /* cached stat_results, or VNULL */
    ino_t ino;
    unsigned char d_type; /* DT_UNKNOWN: ask stat */
    int dir_fd;           /* scandir(fd): stat `name` relative to it; else -1 */
} DirEntry;

typedef struct ScandirIter {
    Obj hdr;
    DIR *dir;             /* NULL once exhausted or closed */
    Value prefix;         /* str/bytes the entries' paths start with ("./" when none given) */
    bool is_bytes;
    int fd;               /* scandir(fd) */
} ScandirIter;

static Type direntry_type, scandir_type;

static void direntry_trace(VM *vm, Obj *o)
{
    DirEntry *e = (DirEntry *)o;
    rt_gc_mark(vm, e->name);
    rt_gc_mark(vm, e->path);
    rt_gc_mark(vm, e->stat);
    rt_gc_mark(vm, e->lstat);
}

static DirEntry *DE(Value v) { return (DirEntry *)v_obj(v); }

static const char *entry_cpath(DirEntry *e)
{
    Value p = e->dir_fd >= 0 ? e->name : e->path;
    return v_is_str(p) ? v_cstr(p) : (const char *)((Bytes *)v_obj(p))->data;
}

/* The entry's stat (follow) or lstat, cached; VNULL + OSError on failure. */
static Value entry_fetch_stat(VM *vm, DirEntry *e, bool follow)
{
    Value *slot = follow ? &e->stat : &e->lstat;
    if (*slot) return *slot;
    if (follow && e->d_type != DT_UNKNOWN && e->d_type != DT_LNK) {
        Value l = entry_fetch_stat(vm, e, false); /* not a link: stat == lstat */
        if (l) e->stat = l;
        return l;
    }
    struct stat st;
    int dfd = e->dir_fd >= 0 ? e->dir_fd : AT_FDCWD;
    if (fstatat(dfd, entry_cpath(e), &st, follow ? 0 : AT_SYMLINK_NOFOLLOW) != 0)
        return posix_error2(vm, errno, e->path, VNULL);
    Value r = stat_to_result(vm, &st);
    if (r) *slot = r;
    return r;
}

static bool entry_follow_arg(VM *vm, const char *fname, int argc, Value *argv, Value kwnames, bool *follow)
{
    static const char *const names[] = {"follow_symlinks", NULL};
    Value a[1];
    return parse_kwonly(vm, fname, argc - 1, argv + 1, kwnames, names, 0, 0, 0, a) &&
           bool_arg(vm, a[0], true, follow);
}

/* Is the entry of the file type `mode_bits` (S_IFDIR/S_IFREG)? A vanished file is not. */
static Value entry_test_mode(VM *vm, DirEntry *e, bool follow, unsigned char dt, mode_t mode_bits)
{
    if (e->d_type != DT_UNKNOWN && !(follow && e->d_type == DT_LNK)) return rt_bool(e->d_type == dt);
    Value st = entry_fetch_stat(vm, e, follow);
    if (!st) {
        if (rt_exc_clear_if(vm, &rt_exc_FileNotFoundError)) return rt_False;
        return VNULL;
    }
    Value mode = v_tuple(st)->items[0];
    return rt_bool(((mode_t)v_small(mode) & S_IFMT) == mode_bits);
}

static Value de_is_dir(VM *vm, int argc, Value *argv, Value kwnames)
{
    bool follow;
    if (!entry_follow_arg(vm, "is_dir", argc, argv, kwnames, &follow)) return VNULL;
    return entry_test_mode(vm, DE(argv[0]), follow, DT_DIR, S_IFDIR);
}

static Value de_is_file(VM *vm, int argc, Value *argv, Value kwnames)
{
    bool follow;
    if (!entry_follow_arg(vm, "is_file", argc, argv, kwnames, &follow)) return VNULL;
    return entry_test_mode(vm, DE(argv[0]), follow, DT_REG, S_IFREG);
}

static Value de_is_symlink(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "is_symlink", argc - 1, 0, 0)) return VNULL;
    return entry_test_mode(vm, DE(argv[0]), false, DT_LNK, S_IFLNK);
}

static Value de_stat(VM *vm, int argc, Value *argv, Value kwnames)
{
    bool follow;
    if (!entry_follow_arg(vm, "stat", argc, argv, kwnames, &follow)) return VNULL;
    return entry_fetch_stat(vm, DE(argv[0]), follow);
}

static Value de_inode(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "inode", argc - 1, 0, 0)) return VNULL;
    return rt_int_from_u64(vm, DE(argv[0])->ino);
}

static Value de_fspath(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "__fspath__", argc - 1, 0, 0)) return VNULL;
    return DE(argv[0])->path;
}

static Value de_class_getitem(VM *vm, int argc, Value *argv, Value kwnames)
{
    Value ga = rt_getattr_cstr(vm, vm->builtins_module, "list");
    ga = ga ? rt_getitem(vm, ga, v_from(&rt_int_type)) : VNULL; /* types.GenericAlias */
    return ga ? rt_call2(vm, v_from(v_type(ga)), argv[0], argv[1]) : VNULL;
}

static Value direntry_repr(VM *vm, Value v)
{
    Value r = rt_repr(vm, DE(v)->name);
    return r ? rt_str_printf(vm, "<DirEntry %s>", v_cstr(r)) : VNULL;
}

static Value de_get_name(VM *vm, Value self) { return DE(self)->name; }
static Value de_get_path(VM *vm, Value self) { return DE(self)->path; }

static const NativeDef direntry_methods[] = {
    {"is_dir", de_is_dir, NF_KEYWORDS}, {"is_file", de_is_file, NF_KEYWORDS},
    {"is_symlink", de_is_symlink, 0},   {"stat", de_stat, NF_KEYWORDS},
    {"inode", de_inode, 0},             {"__fspath__", de_fspath, 0},
    {"__class_getitem__", de_class_getitem, NF_CLASSMETHOD},
    {NULL, NULL, 0},
};

static const GetSetDef direntry_getsets[] = {
    {"name", de_get_name, NULL}, {"path", de_get_path, NULL}, {NULL, NULL, NULL},
};

static Type direntry_type = {
    .name = "posix.DirEntry",
    .instance_size = sizeof(DirEntry),
    .trace = direntry_trace,
    .repr = direntry_repr,
};

static void scandir_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((ScandirIter *)o)->prefix); }

static void scandir_finalize(VM *vm, Obj *o)
{
    ScandirIter *it = (ScandirIter *)o;
    if (it->dir) closedir(it->dir);
    it->dir = NULL;
}

static Value scandir_iter(VM *vm, Value v) { return v; }

static Value scandir_next(VM *vm, Value v)
{
    ScandirIter *it = (ScandirIter *)v_obj(v);
    while (it->dir) {
        errno = 0;
        struct dirent *d = readdir(it->dir);
        if (!d) {
            int e = errno;
            scandir_finalize(vm, &it->hdr);
            if (e) {
                errno = e;
                return posix_error2(vm, e, it->fd >= 0 ? v_from_small(it->fd) : it->prefix, VNULL);
            }
            return VNULL;
        }
        if (is_dot(d->d_name)) continue;
        size_t n = strlen(d->d_name);
        Value name = fs_decode(vm, d->d_name, n, it->is_bytes);
        if (!name) return VNULL;
        DirEntry *e = rt_alloc(vm, &direntry_type, sizeof(DirEntry));
        if (!e) return VNULL;
        e->name = name;
        e->ino = d->d_ino;
        e->d_type = d->d_type;
        e->dir_fd = it->fd;
        if (it->fd >= 0) {
            e->path = name;
        } else {
            Value sep_path = it->is_bytes ? rt_binary_op(vm, BIN_ADD, it->prefix, name)
                                          : rt_str_concat(vm, it->prefix, name);
            if (!sep_path) return VNULL;
            e->path = sep_path;
        }
        return v_from(e);
    }
    return VNULL;
}

static Value sd_close(VM *vm, int argc, Value *argv, Value kwnames)
{
    scandir_finalize(vm, v_obj(argv[0]));
    return rt_None;
}

static Value sd_enter(VM *vm, int argc, Value *argv, Value kwnames) { return argv[0]; }

static const NativeDef scandir_methods[] = {
    {"close", sd_close, 0}, {"__enter__", sd_enter, 0}, {"__exit__", sd_close, 0}, {NULL, NULL, 0},
};

static Type scandir_type = {
    .name = "posix.ScandirIterator",
    .instance_size = sizeof(ScandirIter),
    .trace = scandir_trace,
    .finalize = scandir_finalize,
    .iter = scandir_iter,
    .next = scandir_next,
};

static Value px_scandir(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", NULL};
    Value a[1];
    if (!rt_parse_args(vm, "scandir", argc, argv, kwnames, names, 0, 0, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, "scandir", "path", true, true);
    if (!path_from(vm, a[0], &p, ".")) return VNULL;
    if (p.object == rt_None) p.path = ".", p.len = 1;
    ScandirIter *it = rt_alloc(vm, &scandir_type, sizeof(ScandirIter));
    if (!it) return VNULL;
    it->fd = p.fd;
    it->is_bytes = p.is_bytes;
    if (p.fd < 0) {
        /* entries' paths: join(path, name) */
        bool slash = p.len && p.path[p.len - 1] == '/';
        char *pre = malloc(p.len + 2);
        if (!pre) return rt_no_memory(vm);
        memcpy(pre, p.path, p.len);
        if (!slash) pre[p.len] = '/';
        size_t n = p.len + !slash;
        it->prefix = p.is_bytes ? rt_bytes_new(vm, (uint8_t *)pre, n) : rt_str_new(vm, pre, n);
        free(pre);
        if (!it->prefix) return VNULL;
    }
    it->dir = open_dir(&p);
    if (!it->dir) return mp_path_error(vm, &p);
    return v_from(it);
}

/* ---- more descriptors and ids ---------------------------------------------------------- */

static Value px_pread(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    int64_t n, off;
    if (!rt_check_nargs(vm, "pread", argc, 3, 3) || !mp_posix_int(vm, argv[0], &fd) || !mp_as_ssize(vm, argv[1], &n) ||
        !mp_posix_i64(vm, argv[2], &off))
        return VNULL;
    if (n < 0) {
        errno = EINVAL;
        return mp_posix_error(vm);
    }
    uint8_t *buf = malloc(n ? (size_t)n : 1);
    if (!buf) return rt_no_memory(vm);
    ssize_t r;
    do r = pread(fd, buf, (size_t)n, (off_t)off); while (EINTR_RETRY(r));
    Value res = r < 0 ? (vm->exc ? VNULL : mp_posix_error(vm)) : rt_bytes_new(vm, buf, (size_t)r);
    free(buf);
    return res;
}

static Value px_pwrite(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    int64_t off;
    if (!rt_check_nargs(vm, "pwrite", argc, 3, 3) || !mp_posix_int(vm, argv[0], &fd) || !mp_posix_i64(vm, argv[2], &off))
        return VNULL;
    RtBuffer b;
    if (!rt_get_buffer(vm, argv[1], &b, 0)) return VNULL;
    ssize_t r;
    do r = pwrite(fd, b.ptr, b.len, (off_t)off); while (EINTR_RETRY(r));
    rt_buffer_release(vm, &b);
    if (r < 0) return vm->exc ? VNULL : mp_posix_error(vm);
    return rt_int_from_i64(vm, r);
}

/* sendfile(out_fd, in_fd, offset, count): offset None reads from in_fd's position. */
static Value px_sendfile(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"out_fd", "in_fd", "offset", "count", NULL};
    Value a[4];
    int out, in;
    int64_t count, off = 0;
    if (!rt_parse_args(vm, "sendfile", argc, argv, kwnames, names, 0, 4, a) || !mp_posix_int(vm, a[0], &out) ||
        !mp_posix_int(vm, a[1], &in) || (a[2] != rt_None && !mp_posix_i64(vm, a[2], &off)) || !mp_as_ssize(vm, a[3], &count))
        return VNULL;
    off_t o = (off_t)off;
    ssize_t r;
    do r = sendfile(out, in, a[2] == rt_None ? NULL : &o, (size_t)count); while (EINTR_RETRY(r));
    if (r < 0) return vm->exc ? VNULL : mp_posix_error(vm);
    return rt_int_from_i64(vm, r);
}

static Value px_openpty(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "openpty", argc, 0, 0)) return VNULL;
    int fds[2];
    if (openpty(&fds[0], &fds[1], NULL, NULL, NULL) != 0) return mp_posix_error(vm);
    fcntl(fds[0], F_SETFD, FD_CLOEXEC); /* PEP 446 */
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return fd_pair(vm, fds);
}

static Value px_sched_yield(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "sched_yield", argc, 0, 0)) return VNULL;
    sched_yield();
    return rt_None;
}

static Value px_getrandom(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"size", "flags", NULL};
    Value a[2];
    int64_t n;
    int flags = 0;
    if (!rt_parse_args(vm, "getrandom", argc, argv, kwnames, names, 0, 1, a) || !mp_as_ssize(vm, a[0], &n) ||
        (a[1] && !mp_posix_int(vm, a[1], &flags)))
        return VNULL;
    if (n < 0) {
        errno = EINVAL;
        return mp_posix_error(vm);
    }
    uint8_t *buf = malloc(n ? (size_t)n : 1);
    if (!buf) return rt_no_memory(vm);
    ssize_t r;
    do r = getrandom(buf, (size_t)n, (unsigned)flags); while (EINTR_RETRY(r));
    Value res = r < 0 ? (vm->exc ? VNULL : mp_posix_error(vm)) : rt_bytes_new(vm, buf, (size_t)r);
    free(buf);
    return res;
}

static Value px_major(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t d;
    if (!rt_check_nargs(vm, "major", argc, 1, 1) || !mp_posix_i64(vm, argv[0], &d)) return VNULL;
    return rt_int_from_u64(vm, major((dev_t)d));
}

static Value px_minor(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t d;
    if (!rt_check_nargs(vm, "minor", argc, 1, 1) || !mp_posix_i64(vm, argv[0], &d)) return VNULL;
    return rt_int_from_u64(vm, minor((dev_t)d));
}

static Value px_makedev(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t ma, mi;
    if (!rt_check_nargs(vm, "makedev", argc, 2, 2) || !mp_posix_i64(vm, argv[0], &ma) || !mp_posix_i64(vm, argv[1], &mi))
        return VNULL;
    return rt_int_from_u64(vm, makedev((unsigned)ma, (unsigned)mi));
}

static Value px_mknod(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", "mode", "device", "dir_fd", NULL};
    Value a[4];
    if (!parse_kwonly(vm, "mknod", argc, argv, kwnames, names, 0, 1, 3, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, "mknod", "path", false, false);
    int mode = 0600, dir_fd;
    int64_t dev = 0;
    if (!mp_path_convert(vm, a[0], &p) || (a[1] && !mp_posix_int(vm, a[1], &mode)) || (a[2] && !mp_posix_i64(vm, a[2], &dev)) ||
        !dir_fd_arg(vm, a[3], &dir_fd))
        return VNULL;
    if (mknodat(dir_fd, p.path, (mode_t)mode, (dev_t)dev) != 0) return mp_path_error(vm, &p);
    return rt_None;
}

/* readv(fd, buffers) → bytes read into the writable buffers; writev(fd, buffers). */
static Value iov_common(VM *vm, const char *fname, int argc, Value *argv, bool writing)
{
    int fd;
    if (!rt_check_nargs(vm, fname, argc, 2, 2) || !mp_posix_int(vm, argv[0], &fd)) return VNULL;
    Value list = rt_list_from_iter(vm, argv[1]);
    if (!list) {
        if (rt_exc_clear_if(vm, &rt_exc_TypeError))
            rt_raise(vm, &rt_exc_TypeError, "%s() arg 2 must be a sequence", fname);
        return VNULL;
    }
    size_t n = v_list(list)->len;
    struct iovec *iov = calloc(n + 1, sizeof *iov);
    RtBuffer *bufs = calloc(n + 1, sizeof *bufs);
    size_t got = 0;
    Value res = VNULL;
    if (!iov || !bufs) {
        rt_no_memory(vm);
        goto done;
    }
    for (; got < n; got++) {
        if (!rt_get_buffer(vm, v_list(list)->items[got], &bufs[got], 0)) goto done;
        if (!writing && bufs[got].readonly) {
            rt_buffer_release(vm, &bufs[got]);
            rt_raise(vm, &rt_exc_BufferError, "Object is not writable.");
            goto done;
        }
        iov[got].iov_base = bufs[got].ptr;
        iov[got].iov_len = bufs[got].len;
    }
    ssize_t r;
    do r = writing ? writev(fd, iov, (int)n) : readv(fd, iov, (int)n); while (EINTR_RETRY(r));
    res = r < 0 ? (vm->exc ? VNULL : mp_posix_error(vm)) : rt_int_from_i64(vm, r);
done:
    for (size_t i = 0; bufs && i < got; i++) rt_buffer_release(vm, &bufs[i]);
    free(iov);
    free(bufs);
    rt_gc_keep_alive(list);
    return res;
}

static Value px_readv(VM *vm, int argc, Value *argv, Value kw) { return iov_common(vm, "readv", argc, argv, false); }
static Value px_writev(VM *vm, int argc, Value *argv, Value kw) { return iov_common(vm, "writev", argc, argv, true); }

static Value sched_priority(VM *vm, const char *fname, int argc, Value *argv, int (*fn)(int))
{
    static const char *const names[] = {"policy", NULL};
    Value a[1];
    int policy;
    if (!rt_parse_args(vm, fname, argc, argv, VNULL, names, 0, 1, a) || !mp_posix_int(vm, a[0], &policy)) return VNULL;
    int r = fn(policy);
    return r < 0 ? mp_posix_error(vm) : v_from_small(r);
}

static Value px_sched_get_priority_max(VM *vm, int argc, Value *argv, Value kw)
{
    return sched_priority(vm, "sched_get_priority_max", argc, argv, sched_get_priority_max);
}

static Value px_sched_get_priority_min(VM *vm, int argc, Value *argv, Value kw)
{
    return sched_priority(vm, "sched_get_priority_min", argc, argv, sched_get_priority_min);
}

static Value px_memfd_create(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"name", "flags", NULL};
    Value a[2];
    int flags = MFD_CLOEXEC;
    if (!rt_parse_args(vm, "memfd_create", argc, argv, kwnames, names, 0, 1, a) ||
        (a[1] && !mp_posix_int(vm, a[1], &flags)))
        return VNULL;
    PathArg p;
    mp_path_init(&p, "memfd_create", "name", false, false);
    if (!mp_path_convert(vm, a[0], &p)) return VNULL;
    int fd = memfd_create(p.path, (unsigned)flags);
    return fd < 0 ? mp_posix_error(vm) : v_from_small(fd);
}

static Value px_ctermid(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "ctermid", argc, 0, 0)) return VNULL;
    char buf[L_ctermid];
    char *r = ctermid(buf);
    return r ? rt_str_from_cstr(vm, r) : mp_posix_error(vm);
}

static Value px_lockf(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd, cmd;
    int64_t len;
    if (!rt_check_nargs(vm, "lockf", argc, 3, 3) || !mp_posix_int(vm, argv[0], &fd) || !mp_posix_int(vm, argv[1], &cmd) ||
        !mp_posix_i64(vm, argv[2], &len))
        return VNULL;
    int r;
    do r = lockf(fd, cmd, (off_t)len); while (EINTR_RETRY(r));
    if (r != 0) return vm->exc ? VNULL : mp_posix_error(vm);
    return rt_None;
}

static Value px_posix_fallocate(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    int64_t off, len;
    if (!rt_check_nargs(vm, "posix_fallocate", argc, 3, 3) || !mp_posix_int(vm, argv[0], &fd) ||
        !mp_posix_i64(vm, argv[1], &off) || !mp_posix_i64(vm, argv[2], &len))
        return VNULL;
    int e = posix_fallocate(fd, (off_t)off, (off_t)len);
    if (e) {
        errno = e;
        return mp_posix_error(vm);
    }
    return rt_None;
}

static Value px_posix_fadvise(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd, advice;
    int64_t off, len;
    if (!rt_check_nargs(vm, "posix_fadvise", argc, 4, 4) || !mp_posix_int(vm, argv[0], &fd) ||
        !mp_posix_i64(vm, argv[1], &off) || !mp_posix_i64(vm, argv[2], &len) || !mp_posix_int(vm, argv[3], &advice))
        return VNULL;
    int e = posix_fadvise(fd, (off_t)off, (off_t)len, advice);
    if (e) {
        errno = e;
        return mp_posix_error(vm);
    }
    return rt_None;
}

static Value px_tcgetpgrp(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    if (!fd_only(vm, "tcgetpgrp", argc, argv, &fd)) return VNULL;
    pid_t r = tcgetpgrp(fd);
    return r < 0 ? mp_posix_error(vm) : rt_int_from_i64(vm, r);
}

static Value px_tcsetpgrp(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    int64_t pg;
    if (!rt_check_nargs(vm, "tcsetpgrp", argc, 2, 2) || !mp_posix_int(vm, argv[0], &fd) || !mp_posix_i64(vm, argv[1], &pg))
        return VNULL;
    return tcsetpgrp(fd, (pid_t)pg) != 0 ? mp_posix_error(vm) : rt_None;
}

/* ---- the system and the environment --------------------------------------------------- */

static Value px_strerror(VM *vm, int argc, Value *argv, Value kwnames)
{
    int code;
    if (!rt_check_nargs(vm, "strerror", argc, 1, 1) || !mp_posix_int(vm, argv[0], &code)) return VNULL;
    return rt_str_from_cstr(vm, strerror(code));
}

static const char *const uname_fields[] = {"sysname", "nodename", "release", "version", "machine"};
static const StructSeqDesc uname_desc = {"posix", "uname_result", uname_fields, 5, 5, NULL};

static Value px_uname(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "uname", argc, 0, 0)) return VNULL;
    struct utsname u;
    if (uname(&u) != 0) return mp_posix_error(vm);
    const char *s[5] = {u.sysname, u.nodename, u.release, u.version, u.machine};
    Value v[5];
    for (int i = 0; i < 5; i++)
        if (!(v[i] = fs_decode(vm, s[i], strlen(s[i]), false))) return VNULL;
    return mp_structseq_new(vm, uname_result_cls, v);
}

static const char *const times_fields[] = {"user", "system", "children_user", "children_system", "elapsed"};
static const StructSeqDesc times_desc = {"posix", "times_result", times_fields, 5, 5, NULL};

static Value px_times(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "times", argc, 0, 0)) return VNULL;
    struct tms t;
    clock_t c = times(&t);
    if (c == (clock_t)-1) return mp_posix_error(vm);
    double tick = (double)sysconf(_SC_CLK_TCK);
    double d[5] = {t.tms_utime / tick, t.tms_stime / tick, t.tms_cutime / tick, t.tms_cstime / tick, c / tick};
    Value v[5];
    for (int i = 0; i < 5; i++)
        if (!(v[i] = rt_float_new(vm, d[i]))) return VNULL;
    return mp_structseq_new(vm, times_result_cls, v);
}

static const char *const statvfs_fields[] = {"f_bsize", "f_frsize", "f_blocks", "f_bfree", "f_bavail",
                                             "f_files", "f_ffree", "f_favail", "f_flag", "f_namemax",
                                             "f_fsid"};
static const StructSeqDesc statvfs_desc = {"os", "statvfs_result", statvfs_fields, 11, 10, NULL};

static Value px_statvfs(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", NULL};
    Value a[1];
    if (!rt_parse_args(vm, "statvfs", argc, argv, kwnames, names, 0, 1, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, "statvfs", "path", false, true);
    if (!mp_path_convert(vm, a[0], &p)) return VNULL;
    struct statvfs s;
    if ((p.fd >= 0 ? fstatvfs(p.fd, &s) : statvfs(p.path, &s)) != 0) return mp_path_error(vm, &p);
    uint64_t u[11] = {s.f_bsize, s.f_frsize, s.f_blocks, s.f_bfree, s.f_bavail, s.f_files,
                      s.f_ffree, s.f_favail, s.f_flag, s.f_namemax, s.f_fsid};
    Value v[11];
    for (int i = 0; i < 11; i++)
        if (!(v[i] = rt_int_from_u64(vm, u[i]))) return VNULL;
    return mp_structseq_new(vm, statvfs_result_cls, v);
}

static Value px_fstatvfs(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    if (!fd_only(vm, "fstatvfs", argc, argv, &fd)) return VNULL;
    return px_statvfs(vm, 1, argv, VNULL);
}

static Value px_cpu_count(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "cpu_count", argc, 0, 0)) return VNULL;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? rt_None : rt_int_from_i64(vm, n);
}

static Value px_sched_getaffinity(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t pid;
    if (!rt_check_nargs(vm, "sched_getaffinity", argc, 1, 1) || !mp_posix_i64(vm, argv[0], &pid)) return VNULL;
    cpu_set_t set;
    if (sched_getaffinity((pid_t)pid, sizeof set, &set) != 0) return mp_posix_error(vm);
    Value s = rt_set_new(vm, &rt_set_type);
    for (int i = 0; s && i < CPU_SETSIZE; i++)
        if (CPU_ISSET(i, &set) && !rt_set_add(vm, s, v_from_small(i))) return VNULL;
    return s;
}

static Value px_getloadavg(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "getloadavg", argc, 0, 0)) return VNULL;
    double l[3];
    if (getloadavg(l, 3) != 3) return rt_raise(vm, &rt_exc_OSError, "Load averages are unobtainable");
    return rt_tuple_pack(vm, 3, rt_float_new(vm, l[0]), rt_float_new(vm, l[1]), rt_float_new(vm, l[2]));
}

static const char *const tsize_fields[] = {"columns", "lines"};
static const StructSeqDesc tsize_desc = {"os", "terminal_size", tsize_fields, 2, 2, NULL};

static Value px_get_terminal_size(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd = 1;
    if (!rt_check_nargs(vm, "get_terminal_size", argc, 0, 1) || (argc && !mp_posix_int(vm, argv[0], &fd)))
        return VNULL;
    struct winsize w;
    if (ioctl(fd, TIOCGWINSZ, &w) != 0) return mp_posix_error(vm);
    Value v[2] = {v_from_small(w.ws_col), v_from_small(w.ws_row)};
    return mp_structseq_new(vm, terminal_size_cls, v);
}

static Value px_urandom(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t n;
    if (!rt_check_nargs(vm, "urandom", argc, 1, 1) || !mp_as_ssize(vm, argv[0], &n)) return VNULL;
    if (n < 0) return rt_raise(vm, &rt_exc_ValueError, "negative argument not allowed");
    uint8_t *buf = malloc(n ? (size_t)n : 1);
    if (!buf) return rt_no_memory(vm);
    for (size_t got = 0; got < (size_t)n;) {
        ssize_t r = getrandom(buf + got, (size_t)n - got, 0);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            free(buf);
            return mp_posix_error(vm);
        }
        got += (size_t)r;
    }
    Value b = rt_bytes_new(vm, buf, (size_t)n);
    free(buf);
    return b;
}

/* putenv/unsetenv take str or bytes (os.py encodes first; we accept both). */
static bool env_arg(VM *vm, const char *fname, Value v, const char **out)
{
    PathArg p;
    mp_path_init(&p, fname, "name", false, false);
    if (!v_is_str(v) && !v_isa(v, &rt_bytes_type)) {
        rt_raise(vm, &rt_exc_TypeError, "%s: expected str or bytes, not %s", fname, rt_type_name(v));
        return false;
    }
    if (!mp_path_convert(vm, v, &p)) return false;
    *out = p.path;
    return true;
}

static Value px_putenv(VM *vm, int argc, Value *argv, Value kwnames)
{
    const char *k, *v;
    if (!rt_check_nargs(vm, "putenv", argc, 2, 2) || !env_arg(vm, "putenv", argv[0], &k) ||
        !env_arg(vm, "putenv", argv[1], &v))
        return VNULL;
    if (!*k || strchr(k, '=')) return rt_raise(vm, &rt_exc_ValueError, "illegal environment variable name");
    if (setenv(k, v, 1) != 0) return mp_posix_error(vm);
    return rt_None;
}

static Value px_unsetenv(VM *vm, int argc, Value *argv, Value kwnames)
{
    const char *k;
    if (!rt_check_nargs(vm, "unsetenv", argc, 1, 1) || !env_arg(vm, "unsetenv", argv[0], &k)) return VNULL;
    if (!*k || strchr(k, '=')) return rt_raise(vm, &rt_exc_ValueError, "illegal environment variable name");
    if (unsetenv(k) != 0) return mp_posix_error(vm);
    return rt_None;
}

/* os.fspath(path): str and bytes as they are, else __fspath__(). */
static Value px_fspath(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", NULL};
    Value a[1];
    if (!rt_parse_args(vm, "fspath", argc, argv, kwnames, names, 0, 1, a)) return VNULL;
    Value v = a[0];
    if (v_is_str(v) || v_isa(v, &rt_bytes_type)) return v;
    Value f = rt_lookup_special(vm, v, rt_str_intern_cstr(vm, "__fspath__"));
    if (!f)
        return vm->exc ? VNULL
                       : rt_raise(vm, &rt_exc_TypeError, "expected str, bytes or os.PathLike object, not %s",
                                  rt_type_name(v));
    Value r = rt_call0(vm, f);
    if (r && !v_is_str(r) && !v_isa(r, &rt_bytes_type))
        return rt_raise(vm, &rt_exc_TypeError, "expected %s.__fspath__() to return str or bytes, not %s",
                        rt_type_name(v), rt_type_name(r));
    return r;
}

/* sysconf/confstr/pathconf: a name (from the *_names table) or a number. */
typedef struct ConfName {
    const char *name;
    int value;
} ConfName;

static const ConfName sysconf_names[] = {
    {"SC_ARG_MAX", _SC_ARG_MAX}, {"SC_CHILD_MAX", _SC_CHILD_MAX}, {"SC_CLK_TCK", _SC_CLK_TCK},
    {"SC_NGROUPS_MAX", _SC_NGROUPS_MAX}, {"SC_OPEN_MAX", _SC_OPEN_MAX}, {"SC_PAGESIZE", _SC_PAGESIZE},
    {"SC_PAGE_SIZE", _SC_PAGE_SIZE}, {"SC_NPROCESSORS_CONF", _SC_NPROCESSORS_CONF},
    {"SC_NPROCESSORS_ONLN", _SC_NPROCESSORS_ONLN}, {"SC_PHYS_PAGES", _SC_PHYS_PAGES},
    {"SC_AVPHYS_PAGES", _SC_AVPHYS_PAGES}, {"SC_LINE_MAX", _SC_LINE_MAX},
    {"SC_HOST_NAME_MAX", _SC_HOST_NAME_MAX}, {"SC_LOGIN_NAME_MAX", _SC_LOGIN_NAME_MAX},
    {"SC_TTY_NAME_MAX", _SC_TTY_NAME_MAX}, {"SC_IOV_MAX", _SC_IOV_MAX}, {"SC_VERSION", _SC_VERSION},
    {"SC_SEM_NSEMS_MAX", _SC_SEM_NSEMS_MAX}, {"SC_STREAM_MAX", _SC_STREAM_MAX},
    {"SC_TZNAME_MAX", _SC_TZNAME_MAX}, {"SC_MINSIGSTKSZ", _SC_MINSIGSTKSZ},
    {NULL, 0},
};

static const ConfName confstr_names[] = {
    {"CS_PATH", _CS_PATH}, {"CS_GNU_LIBC_VERSION", _CS_GNU_LIBC_VERSION},
    {"CS_GNU_LIBPTHREAD_VERSION", _CS_GNU_LIBPTHREAD_VERSION}, {NULL, 0},
};

static const ConfName pathconf_names[] = {
    {"PC_LINK_MAX", _PC_LINK_MAX}, {"PC_MAX_CANON", _PC_MAX_CANON}, {"PC_MAX_INPUT", _PC_MAX_INPUT},
    {"PC_NAME_MAX", _PC_NAME_MAX}, {"PC_PATH_MAX", _PC_PATH_MAX}, {"PC_PIPE_BUF", _PC_PIPE_BUF},
    {"PC_CHOWN_RESTRICTED", _PC_CHOWN_RESTRICTED}, {"PC_NO_TRUNC", _PC_NO_TRUNC},
    {"PC_VDISABLE", _PC_VDISABLE}, {"PC_FILESIZEBITS", _PC_FILESIZEBITS}, {NULL, 0},
};

static bool conf_name(VM *vm, Value v, const ConfName *table, int *out)
{
    if (rt_is_int(v)) return mp_posix_int(vm, v, out);
    if (!v_is_str(v)) {
        rt_raise(vm, &rt_exc_TypeError, "configuration names must be strings or integers");
        return false;
    }
    for (const ConfName *c = table; c->name; c++)
        if (strcmp(c->name, v_cstr(v)) == 0) {
            *out = c->value;
            return true;
        }
    rt_raise(vm, &rt_exc_ValueError, "unrecognized configuration name");
    return false;
}

static Value conf_names_dict(VM *vm, const ConfName *table)
{
    Value d = rt_dict_new(vm);
    for (const ConfName *c = table; d && c->name; c++)
        if (!rt_dict_set_cstr(vm, v_dict(d), c->name, v_from_small(c->value))) return VNULL;
    return d;
}

static Value px_sysconf(VM *vm, int argc, Value *argv, Value kwnames)
{
    int name;
    if (!rt_check_nargs(vm, "sysconf", argc, 1, 1) || !conf_name(vm, argv[0], sysconf_names, &name)) return VNULL;
    errno = 0;
    long r = sysconf(name);
    if (r == -1 && errno) return mp_posix_error(vm);
    return rt_int_from_i64(vm, r);
}

static Value px_confstr(VM *vm, int argc, Value *argv, Value kwnames)
{
    int name;
    if (!rt_check_nargs(vm, "confstr", argc, 1, 1) || !conf_name(vm, argv[0], confstr_names, &name)) return VNULL;
    char buf[1024];
    errno = 0;
    size_t n = confstr(name, buf, sizeof buf);
    if (n == 0) return errno ? mp_posix_error(vm) : rt_None;
    return rt_str_from_cstr(vm, buf);
}

static Value px_pathconf(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", "name", NULL};
    Value a[2];
    if (!rt_parse_args(vm, "pathconf", argc, argv, kwnames, names, 0, 2, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, "pathconf", "path", false, true);
    int name;
    if (!mp_path_convert(vm, a[0], &p) || !conf_name(vm, a[1], pathconf_names, &name)) return VNULL;
    errno = 0;
    long r = p.fd >= 0 ? fpathconf(p.fd, name) : pathconf(p.path, name);
    if (r == -1 && errno) return mp_path_error(vm, &p);
    return rt_int_from_i64(vm, r);
}

static Value px_fpathconf(VM *vm, int argc, Value *argv, Value kwnames)
{
    return px_pathconf(vm, argc, argv, kwnames);
}

/* ---- the module -------------------------------------------------------------------------- */

#define KW NF_KEYWORDS
static const NativeDef posix_functions[] = {
    {"stat", px_stat, KW}, {"lstat", px_lstat, KW}, {"fstat", px_fstat, KW}, {"open", px_open, KW},
    {"close", px_close, KW}, {"closerange", px_closerange, 0}, {"read", px_read, 0}, {"write", px_write, 0},
    {"lseek", px_lseek, 0}, {"fsync", px_fsync, KW}, {"fdatasync", px_fdatasync, KW},
    {"ftruncate", px_ftruncate, 0}, {"truncate", px_truncate, KW}, {"pipe", px_pipe, 0},
    {"pipe2", px_pipe2, 0}, {"dup", px_dup, 0}, {"dup2", px_dup2, KW},
    {"get_inheritable", px_get_inheritable, 0}, {"set_inheritable", px_set_inheritable, 0},
    {"get_blocking", px_get_blocking, 0}, {"set_blocking", px_set_blocking, 0}, {"isatty", px_isatty, 0},
    {"ttyname", px_ttyname, 0}, {"device_encoding", px_device_encoding, KW}, {"unlink", px_unlink, KW},
    {"remove", px_remove, KW}, {"rmdir", px_rmdir, KW}, {"mkdir", px_mkdir, KW}, {"mkfifo", px_mkfifo, KW},
    {"rename", px_rename, KW}, {"replace", px_replace, KW}, {"link", px_link, KW},
    {"symlink", px_symlink, KW}, {"readlink", px_readlink, KW}, {"chmod", px_chmod, KW},
    {"fchmod", px_fchmod, KW}, {"chown", px_chown, KW}, {"lchown", px_lchown, KW},
    {"fchown", px_fchown, KW}, {"utime", px_utime, KW}, {"access", px_access, KW}, {"getcwd", px_getcwd, 0},
    {"getcwdb", px_getcwdb, 0}, {"chdir", px_chdir, KW}, {"fchdir", px_fchdir, KW},
    {"chroot", px_chroot, KW}, {"umask", px_umask, 0}, {"sync", px_sync, 0}, {"listdir", px_listdir, KW},
    {"scandir", px_scandir, KW}, {"strerror", px_strerror, 0}, {"uname", px_uname, 0},
    {"times", px_times, 0}, {"statvfs", px_statvfs, KW}, {"fstatvfs", px_fstatvfs, 0},
    {"cpu_count", px_cpu_count, 0}, {"sched_getaffinity", px_sched_getaffinity, 0},
    {"getloadavg", px_getloadavg, 0}, {"get_terminal_size", px_get_terminal_size, 0},
    {"urandom", px_urandom, 0}, {"putenv", px_putenv, 0}, {"unsetenv", px_unsetenv, 0},
    {"fspath", px_fspath, KW}, {"sysconf", px_sysconf, 0}, {"confstr", px_confstr, 0},
    {"pathconf", px_pathconf, KW}, {"fpathconf", px_fpathconf, 0}, {"pread", px_pread, 0},
    {"pwrite", px_pwrite, 0}, {"sendfile", px_sendfile, KW}, {"openpty", px_openpty, 0},
    {"sched_yield", px_sched_yield, 0}, {"getrandom", px_getrandom, KW}, {"major", px_major, 0},
    {"minor", px_minor, 0}, {"makedev", px_makedev, 0}, {"mknod", px_mknod, KW}, {"ctermid", px_ctermid, 0},
    {"lockf", px_lockf, 0}, {"posix_fallocate", px_posix_fallocate, 0},
    {"posix_fadvise", px_posix_fadvise, 0}, {"tcgetpgrp", px_tcgetpgrp, 0}, {"tcsetpgrp", px_tcsetpgrp, 0},
    {"readv", px_readv, 0}, {"writev", px_writev, 0}, {"memfd_create", px_memfd_create, KW},
    {"sched_get_priority_max", px_sched_get_priority_max, 0},
    {"sched_get_priority_min", px_sched_get_priority_min, 0},
    {NULL, NULL, 0},
};
#undef KW

#define INT_CONSTANTS(X)                                                                          \
    X(F_OK) X(R_OK) X(W_OK) X(X_OK) X(O_RDONLY) X(O_WRONLY) X(O_RDWR) X(O_APPEND) X(O_CREAT)      \
    X(O_EXCL) X(O_TRUNC) X(O_NONBLOCK) X(O_NDELAY) X(O_SYNC) X(O_DSYNC) X(O_RSYNC) X(O_NOCTTY)    \
    X(O_CLOEXEC) X(O_DIRECTORY) X(O_NOFOLLOW) X(O_ACCMODE) X(O_ASYNC) X(O_DIRECT)                 \
    X(O_LARGEFILE) X(O_NOATIME) X(O_PATH) X(O_TMPFILE) X(O_FSYNC)                                 \
    X(SEEK_DATA) X(SEEK_HOLE)                                 \
    X(WNOHANG) X(WUNTRACED) X(WCONTINUED) X(WEXITED) X(WSTOPPED) X(WNOWAIT)                       \
    X(P_PID) X(P_PGID) X(P_ALL) X(CLD_EXITED) X(CLD_KILLED) X(CLD_DUMPED) X(CLD_TRAPPED)          \
    X(CLD_STOPPED) X(CLD_CONTINUED)                                                               \
    X(EX_OK) X(EX_USAGE) X(EX_DATAERR) X(EX_NOINPUT) X(EX_NOUSER) X(EX_NOHOST)                    \
    X(EX_UNAVAILABLE) X(EX_SOFTWARE) X(EX_OSERR) X(EX_OSFILE) X(EX_CANTCREAT) X(EX_IOERR)         \
    X(EX_TEMPFAIL) X(EX_PROTOCOL) X(EX_NOPERM) X(EX_CONFIG)                                       \
    X(F_LOCK) X(F_TLOCK) X(F_ULOCK) X(F_TEST) X(PRIO_PROCESS) X(PRIO_PGRP) X(PRIO_USER)           \
    X(ST_RDONLY) X(ST_NOSUID) X(ST_NODEV) X(ST_NOEXEC) X(ST_SYNCHRONOUS) X(ST_MANDLOCK)            \
    X(ST_WRITE) X(ST_APPEND) X(ST_NOATIME) X(ST_NODIRATIME) X(ST_RELATIME) X(NGROUPS_MAX) X(TMP_MAX) \
    X(MFD_CLOEXEC) X(MFD_ALLOW_SEALING) X(MFD_HUGETLB) X(SCHED_RESET_ON_FORK)                                           \
    X(SCHED_OTHER) X(SCHED_FIFO) X(SCHED_RR) X(SCHED_BATCH) X(SCHED_IDLE)                         \
    X(RTLD_LAZY) X(RTLD_NOW) X(RTLD_GLOBAL) X(RTLD_LOCAL) X(RTLD_NODELETE) X(RTLD_NOLOAD)         \
    X(RTLD_DEEPBIND) X(GRND_NONBLOCK) X(GRND_RANDOM) X(POSIX_FADV_NORMAL) X(POSIX_FADV_SEQUENTIAL)  \
    X(POSIX_FADV_RANDOM) X(POSIX_FADV_NOREUSE) X(POSIX_FADV_WILLNEED) X(POSIX_FADV_DONTNEED)

/* What CPython's configure finds on Linux and this file implements (os.py
 * builds supports_dir_fd & co from it). */
static const char *const have_functions[] = {
    "HAVE_FACCESSAT", "HAVE_FCHDIR", "HAVE_FCHMOD", "HAVE_FCHMODAT", "HAVE_FCHOWN", "HAVE_FCHOWNAT",
    "HAVE_FEXECVE", "HAVE_FDOPENDIR", "HAVE_FPATHCONF", "HAVE_FSTATAT", "HAVE_FSTATVFS",
    "HAVE_FTRUNCATE", "HAVE_FUTIMENS", "HAVE_LINKAT", "HAVE_LCHOWN", "HAVE_LSTAT",
    "HAVE_MKDIRAT", "HAVE_MKFIFOAT", "HAVE_MKNODAT", "HAVE_OPENAT", "HAVE_READLINKAT", "HAVE_RENAMEAT",
    "HAVE_SYMLINKAT", "HAVE_UNLINKAT", "HAVE_UTIMENSAT", NULL,
};

/* posix.environ: bytes keys and values, as CPython's on POSIX. */
static Value make_environ(VM *vm)
{
    Value env = rt_dict_new(vm);
    for (char **e = environ; env && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq) continue;
        Value k = rt_bytes_new(vm, (const uint8_t *)*e, (size_t)(eq - *e));
        Value v = k ? rt_bytes_new(vm, (const uint8_t *)eq + 1, strlen(eq + 1)) : VNULL;
        if (!v) return VNULL;
        bool err = false;
        /* the first definition wins, as in CPython */
        if (!rt_dict_get(vm, v_dict(env), k, &err) && (err || !rt_dict_set(vm, v_dict(env), k, v)))
            return VNULL;
    }
    return env;
}

static bool add_types(VM *vm, Dict *d)
{
    if (!mp_type_ready(vm, &direntry_type, d) || !mp_type_ready(vm, &scandir_type, NULL)) return false;
    if (!rt_dict_get_cstr(vm, direntry_type.dict, "is_dir") &&
        (!rt_add_methods(vm, &direntry_type, direntry_methods) ||
         !rt_add_getsets(vm, &direntry_type, direntry_getsets) ||
         !rt_add_methods(vm, &scandir_type, scandir_methods)))
        return false;
    static const struct {
        const StructSeqDesc *desc;
        Value *cls;
    } seqs[] = {
        {&stat_desc, &stat_result_cls},       {&uname_desc, &uname_result_cls},
        {&times_desc, &times_result_cls},     {&tsize_desc, &terminal_size_cls},
        {&statvfs_desc, &statvfs_result_cls},
    };
    for (size_t i = 0; i < sizeof seqs / sizeof *seqs; i++) {
        if (!*seqs[i].cls && !(*seqs[i].cls = mp_structseq_type(vm, seqs[i].desc))) return false;
        if (!rt_dict_set_cstr(vm, d, seqs[i].desc->name, *seqs[i].cls)) return false;
    }
    return true;
}

Value mp_posix_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "posix", &d);
    Value name = rt_str_intern_cstr(vm, "posix");
    if (!m || !rt_add_functions(vm, d, posix_functions, name) ||
        !rt_add_functions(vm, d, mp_posix_process_functions, name) || !add_types(vm, d))
        return VNULL;
#define X(name) if (!rt_dict_set_cstr(vm, d, #name, rt_int_from_i64(vm, name))) return VNULL;
    INT_CONSTANTS(X)
#undef X
    Value have = rt_list_new(vm, 0);
    for (const char *const *h = have_functions; have && *h; h++)
        if (!rt_list_append(vm, have, rt_str_intern_cstr(vm, *h))) return VNULL;
    Value env = make_environ(vm);
    Value sc = conf_names_dict(vm, sysconf_names), cs = conf_names_dict(vm, confstr_names),
          pc = conf_names_dict(vm, pathconf_names);
    if (!have || !env || !sc || !cs || !pc || !rt_dict_set_cstr(vm, d, "_have_functions", have) ||
        !rt_dict_set_cstr(vm, d, "environ", env) || !rt_dict_set_cstr(vm, d, "sysconf_names", sc) ||
        !rt_dict_set_cstr(vm, d, "confstr_names", cs) || !rt_dict_set_cstr(vm, d, "pathconf_names", pc) ||
        !rt_dict_set_cstr(vm, d, "error", v_from(&rt_exc_OSError)))
        return VNULL;
    return m;
}
