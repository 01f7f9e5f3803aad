/* stdlib/os.c — the native `os` module and `os.path`: the small part of
 * CPython's os that scripts and the stdlib modules written in minipy use
 * (files, folders, the environment).  Errors are OSError subclasses worded
 * as CPython's ("[Errno 2] No such file or directory: 'x'"). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/callable.h"
#include "stdlib/_io.h"
#include "runtime/object.h"
#include "runtime/state.h"
#include "stdlib/native.h"

extern char **environ;

/* A str or bytes-free path argument as a C string (the str's own buffer). */
static const char *path_arg(VM *vm, const char *fname, Value v)
{
    if (!v_is_str(v)) {
        rt_raise(vm, &rt_exc_TypeError, "%s: path should be string, not %s", fname, rt_type_name(v));
        return NULL;
    }
    return v_cstr(v);
}

static Value os_remove(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "remove", argc, 1, 1)) return VNULL;
    const char *p = path_arg(vm, "remove", argv[0]);
    if (!p) return VNULL;
    if (unlink(p) != 0) return rt_raise_oserror(vm, errno, p);
    return rt_None;
}

static Value os_rmdir(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "rmdir", argc, 1, 1)) return VNULL;
    const char *p = path_arg(vm, "rmdir", argv[0]);
    if (!p) return VNULL;
    if (rmdir(p) != 0) return rt_raise_oserror(vm, errno, p);
    return rt_None;
}

static Value os_mkdir(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "mkdir", argc, 1, 2)) return VNULL;
    const char *p = path_arg(vm, "mkdir", argv[0]);
    int64_t mode = 0777;
    if (!p || (argc > 1 && !rt_as_i64(vm, argv[1], &mode))) return VNULL;
    if (mkdir(p, (mode_t)mode) != 0) return rt_raise_oserror(vm, errno, p);
    return rt_None;
}

/* os.makedirs(path, exist_ok=False): create every missing parent. */
static Value os_makedirs(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"name", "mode", "exist_ok", NULL};
    Value a[3];
    if (!rt_parse_args(vm, "makedirs", argc, argv, kwnames, names, 0, 1, a)) return VNULL;
    const char *p = path_arg(vm, "makedirs", a[0]);
    if (!p) return VNULL;
    int exist_ok = a[2] ? rt_truthy(vm, a[2]) : 0;
    if (exist_ok < 0) return VNULL;
    size_t n = strlen(p);
    if (n >= PATH_MAX) return rt_raise_oserror(vm, ENAMETOOLONG, p);
    char buf[PATH_MAX];
    memcpy(buf, p, n + 1);
    for (size_t i = 1; i < n; i++) {
        if (buf[i] != '/') continue;
        buf[i] = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) return rt_raise_oserror(vm, errno, buf);
        buf[i] = '/';
    }
    if (mkdir(buf, 0777) != 0) {
        struct stat st;
        if (!(errno == EEXIST && exist_ok && stat(buf, &st) == 0 && S_ISDIR(st.st_mode)))
            return rt_raise_oserror(vm, errno, p);
    }
    return rt_None;
}

static Value os_rename(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "rename", argc, 2, 2)) return VNULL;
    const char *a = path_arg(vm, "rename", argv[0]), *b = a ? path_arg(vm, "rename", argv[1]) : NULL;
    if (!b) return VNULL;
    if (rename(a, b) != 0) return rt_raise_oserror(vm, errno, a);
    return rt_None;
}

static Value os_getcwd(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "getcwd", argc, 0, 0)) return VNULL;
    char buf[PATH_MAX];
    if (!getcwd(buf, sizeof buf)) return rt_raise_oserror(vm, errno, NULL);
    return rt_str_from_cstr(vm, buf);
}

static Value os_chdir(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "chdir", argc, 1, 1)) return VNULL;
    const char *p = path_arg(vm, "chdir", argv[0]);
    if (!p) return VNULL;
    if (chdir(p) != 0) return rt_raise_oserror(vm, errno, p);
    return rt_None;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* os.listdir(path='.'): CPython returns directory order; minipy sorts the
 * names so programs behave the same on every file system. */
static Value os_listdir(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "listdir", argc, 0, 1)) return VNULL;
    const char *p = argc ? path_arg(vm, "listdir", argv[0]) : ".";
    if (!p) return VNULL;
    DIR *d = opendir(p);
    if (!d) return rt_raise_oserror(vm, errno, p);
    Value list = rt_list_new(vm, 0);
    struct dirent *e;
    while (list && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        Value name = rt_str_from_cstr(vm, e->d_name);
        if (!name || !rt_list_append(vm, list, name)) list = VNULL;
    }
    closedir(d);
    if (!list) return VNULL;
    List *l = v_list(list);
    const char **names = malloc(l->len * sizeof *names + 1);
    if (!names) return rt_no_memory(vm);
    Value *sorted = malloc(l->len * sizeof *sorted + 1);
    if (!sorted) {
        free(names);
        return rt_no_memory(vm);
    }
    /* sort by name: sort pointers to the str data, then map back */
    for (size_t i = 0; i < l->len; i++) names[i] = v_cstr(l->items[i]);
    qsort(names, l->len, sizeof *names, compare_names);
    for (size_t i = 0; i < l->len; i++)
        sorted[i] = v_from((const char *)names[i] - offsetof(Str, data));
    memcpy(l->items, sorted, l->len * sizeof *sorted);
    free(names);
    free(sorted);
    return list;
}

static Value os_getpid(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "getpid", argc, 0, 0)) return VNULL;
    return rt_int_from_i64(vm, getpid());
}

static Value os_getenv(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "getenv", argc, 1, 2)) return VNULL;
    const char *k = path_arg(vm, "getenv", argv[0]);
    if (!k) return VNULL;
    const char *v = getenv(k);
    if (!v) return argc > 1 ? argv[1] : rt_None;
    return rt_str_from_cstr(vm, v);
}

/* --- processes (compileall -j) -------------------------------------------- */

static Value os_cpu_count(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "cpu_count", argc, 0, 0)) return VNULL;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? rt_None : rt_int_from_i64(vm, n);
}

/* os.fork(): buffered output is flushed first, or the child would write
 * the parent's pending text a second time (CPython flushes its stdio too). */
/* The register_at_fork callbacks: three lists (before, after_in_parent,
 * after_in_child) kept in the os module's dict under _at_fork, so the
 * module owns them for the collector. */
static Value fork_hooks(VM *vm, bool create)
{
    Value os = rt_dict_get_cstr(vm, vm->modules, "os");
    if (!os) return VNULL;
    Dict *d = ((Module *)v_obj(os))->dict;
    Value h = rt_dict_get_cstr(vm, d, "_at_fork");
    if (h || !create) return h;
    Value a = rt_list_new(vm, 0), b = a ? rt_list_new(vm, 0) : VNULL, c = b ? rt_list_new(vm, 0) : VNULL;
    h = c ? rt_tuple_pack(vm, 3, a, b, c) : VNULL;
    return h && rt_dict_set_cstr(vm, d, "_at_fork", h) ? h : VNULL;
}

/* Run one list of fork callbacks; errors are reported, not raised (CPython). */
static void run_fork_hooks(VM *vm, int which, bool reverse)
{
    Value h = fork_hooks(vm, false);
    if (!h) return;
    Value l = v_tuple(h)->items[which];
    for (size_t k = 0; k < v_list(l)->len; k++) {
        size_t i = reverse ? v_list(l)->len - 1 - k : k;
        Value f = v_list(l)->items[i];
        if (!rt_call(vm, f, 0, NULL, VNULL)) rt_write_unraisable(vm, f);
    }
}

static Value os_register_at_fork(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"before", "after_in_child", "after_in_parent", NULL};
    Value a[3];
    if (argc) return rt_raise(vm, &rt_exc_TypeError, "register_at_fork() takes no positional arguments");
    if (!rt_parse_args(vm, "register_at_fork", argc, argv, kwnames, names, 0, 0, a)) return VNULL;
    if (!a[0] && !a[1] && !a[2])
        return rt_raise(vm, &rt_exc_TypeError, "At least one argument is required.");
    for (int i = 0; i < 3; i++) {
        if (!a[i]) continue;
        Type *t = v_type(a[i]);
        if (!t->call || ((t->flags & TF_CLASS) && !rt_lookup_type_attr(t, vm->names.__call__)))
            return rt_raise(vm, &rt_exc_TypeError, "'%s' must be callable, not %s", names[i],
                            rt_type_name(a[i]));
    }
    Value h = fork_hooks(vm, true);
    if (!h) return VNULL;
    static const int slot[3] = {0, 2, 1}; /* names[i] → its list in _at_fork */
    for (int i = 0; i < 3; i++)
        if (a[i] && !rt_list_append(vm, v_tuple(h)->items[slot[i]], a[i])) return VNULL;
    return rt_None;
}

static Value os_fork(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "fork", argc, 0, 0)) return VNULL;
    run_fork_hooks(vm, 0, true);
    mp_io_flush_std(vm);
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) return rt_raise_oserror(vm, errno, NULL);
    run_fork_hooks(vm, pid == 0 ? 2 : 1, false);
    return rt_int_from_i64(vm, pid);
}

/* os.urandom(n): n bytes from the kernel's generator. */
static Value os_urandom(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "urandom", argc, 1, 1)) return VNULL;
    int64_t n;
    if (!rt_is_int(argv[0]) && !v_is_small(argv[0]))
        return rt_raise(vm, &rt_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                        rt_type_name(argv[0]));
    if (!rt_as_i64(vm, argv[0], &n)) return VNULL;
    if (n < 0) return rt_raise(vm, &rt_exc_ValueError, "negative argument not allowed");
    uint8_t *buf = malloc(n ? (size_t)n : 1);
    if (!buf) return rt_no_memory(vm);
    for (size_t got = 0; got < (size_t)n;) {
        ssize_t r = getrandom(buf + got, (size_t)n - got, 0);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            int e = errno;
            free(buf);
            return rt_raise_oserror(vm, e, NULL);
        }
        got += (size_t)r;
    }
    Value b = rt_bytes_new(vm, buf, (size_t)n);
    free(buf);
    return b;
}

/* os._exit(n): leave at once, without flushing or exit handlers. */
static Value os__exit(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_exit", argc, 1, 1)) return VNULL;
    int64_t n;
    if (!rt_as_i64(vm, argv[0], &n)) return VNULL;
    _exit((int)n);
}

/* os.waitpid(pid, options) -> (pid, status); retried on EINTR (PEP 475). */
static Value os_waitpid(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "waitpid", argc, 2, 2)) return VNULL;
    int64_t pid, options;
    if (!rt_as_i64(vm, argv[0], &pid) || !rt_as_i64(vm, argv[1], &options)) return VNULL;
    int status = 0;
    pid_t r;
    do
        r = waitpid((pid_t)pid, &status, (int)options);
    while (r < 0 && errno == EINTR);
    if (r < 0) return rt_raise_oserror(vm, errno, NULL);
    Value a = rt_int_from_i64(vm, r), b = a ? rt_int_from_i64(vm, status) : VNULL;
    return b ? rt_tuple_pack(vm, 2, a, b) : VNULL;
}

static bool status_arg(VM *vm, const char *fname, int argc, Value *argv, int *status)
{
    int64_t v;
    if (!rt_check_nargs(vm, fname, argc, 1, 1) || !rt_as_i64(vm, argv[0], &v)) return false;
    *status = (int)v;
    return true;
}

static Value os_waitstatus_to_exitcode(VM *vm, int argc, Value *argv, Value kwnames)
{
    int st;
    if (!status_arg(vm, "waitstatus_to_exitcode", argc, argv, &st)) return VNULL;
    if (WIFEXITED(st)) return rt_int_from_i64(vm, WEXITSTATUS(st));
    if (WIFSIGNALED(st)) return rt_int_from_i64(vm, -WTERMSIG(st));
    return rt_raise(vm, &rt_exc_ValueError, "invalid wait status: %i", st);
}

static Value os_WIFEXITED(VM *vm, int argc, Value *argv, Value kwnames)
{
    int st;
    return status_arg(vm, "WIFEXITED", argc, argv, &st) ? rt_bool(WIFEXITED(st)) : VNULL;
}

static Value os_WEXITSTATUS(VM *vm, int argc, Value *argv, Value kwnames)
{
    int st;
    return status_arg(vm, "WEXITSTATUS", argc, argv, &st) ? rt_int_from_i64(vm, WEXITSTATUS(st)) : VNULL;
}

static Value os_WIFSIGNALED(VM *vm, int argc, Value *argv, Value kwnames)
{
    int st;
    return status_arg(vm, "WIFSIGNALED", argc, argv, &st) ? rt_bool(WIFSIGNALED(st)) : VNULL;
}

static Value os_WTERMSIG(VM *vm, int argc, Value *argv, Value kwnames)
{
    int st;
    return status_arg(vm, "WTERMSIG", argc, argv, &st) ? rt_int_from_i64(vm, WTERMSIG(st)) : VNULL;
}

/* os.utime(path, times=None, *, ns=None): times (seconds) or ns
 * (nanoseconds) as (atime, mtime); neither means now. */
static bool time_pair(VM *vm, Value v, bool ns, struct timespec ts[2])
{
    if (!v_is(v, &rt_tuple_type) || v_tuple(v)->len != 2) {
        rt_raise(vm, &rt_exc_TypeError, "utime: '%s' must be a tuple of two %s", ns ? "ns" : "times",
                 ns ? "ints" : "numbers");
        return false;
    }
    for (int i = 0; i < 2; i++) {
        Value x = v_tuple(v)->items[i];
        if (ns) {
            int64_t n;
            if (!rt_as_i64(vm, x, &n)) return false;
            ts[i].tv_sec = n / 1000000000;
            ts[i].tv_nsec = n % 1000000000;
            if (ts[i].tv_nsec < 0) ts[i].tv_nsec += 1000000000, ts[i].tv_sec--;
        } else {
            double d;
            if (v_is(x, &rt_float_type)) {
                d = v_f(x);
            } else {
                int64_t n;
                if (!rt_as_i64(vm, x, &n)) return false;
                d = (double)n;
            }
            ts[i].tv_sec = (time_t)d;
            ts[i].tv_nsec = (long)((d - (double)ts[i].tv_sec) * 1e9);
            if (ts[i].tv_nsec < 0) ts[i].tv_nsec += 1000000000, ts[i].tv_sec--;
        }
    }
    return true;
}

static Value os_utime(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", "times", "ns", NULL};
    Value a[3];
    if (!rt_parse_args(vm, "utime", argc, argv, kwnames, names, 0, 1, a)) return VNULL;
    const char *p = path_arg(vm, "utime", a[0]);
    if (!p) return VNULL;
    bool has_times = a[1] && a[1] != rt_None, has_ns = a[2] != VNULL;
    if (has_times && has_ns)
        return rt_raise(vm, &rt_exc_ValueError, "utime: you may specify either 'times' or 'ns' but not both");
    struct timespec ts[2];
    if ((has_times && !time_pair(vm, a[1], false, ts)) || (has_ns && !time_pair(vm, a[2], true, ts)))
        return VNULL;
    if (utimensat(AT_FDCWD, p, has_times || has_ns ? ts : NULL, 0) != 0)
        return rt_raise_oserror(vm, errno, p);
    return rt_None;
}

/* --- os.path ------------------------------------------------------------ */

static bool stat_arg(VM *vm, const char *fname, int argc, Value *argv, struct stat *st, bool *ok)
{
    if (!rt_check_nargs(vm, fname, argc, 1, 1)) return false;
    const char *p = path_arg(vm, fname, argv[0]);
    if (!p) return false;
    *ok = stat(p, st) == 0;
    return true;
}

static Value path_exists(VM *vm, int argc, Value *argv, Value kwnames)
{
    struct stat st;
    bool ok;
    if (!stat_arg(vm, "exists", argc, argv, &st, &ok)) return VNULL;
    return rt_bool(ok);
}

static Value path_isfile(VM *vm, int argc, Value *argv, Value kwnames)
{
    struct stat st;
    bool ok;
    if (!stat_arg(vm, "isfile", argc, argv, &st, &ok)) return VNULL;
    return rt_bool(ok && S_ISREG(st.st_mode));
}

static Value path_isdir(VM *vm, int argc, Value *argv, Value kwnames)
{
    struct stat st;
    bool ok;
    if (!stat_arg(vm, "isdir", argc, argv, &st, &ok)) return VNULL;
    return rt_bool(ok && S_ISDIR(st.st_mode));
}

static Value path_getsize(VM *vm, int argc, Value *argv, Value kwnames)
{
    struct stat st;
    bool ok;
    if (!stat_arg(vm, "getsize", argc, argv, &st, &ok)) return VNULL;
    if (!ok) return rt_raise_oserror(vm, errno, v_cstr(argv[0]));
    return rt_int_from_i64(vm, st.st_size);
}

static Value path_getmtime(VM *vm, int argc, Value *argv, Value kwnames)
{
    struct stat st;
    bool ok;
    if (!stat_arg(vm, "getmtime", argc, argv, &st, &ok)) return VNULL;
    if (!ok) return rt_raise_oserror(vm, errno, v_cstr(argv[0]));
    return rt_float_new(vm, (double)st.st_mtim.tv_sec + st.st_mtim.tv_nsec * 1e-9);
}

/* posixpath.join: an absolute component discards what came before. */
static Value path_join(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "join", argc, 1, 255)) return VNULL;
    StrBuf b;
    sb_init(&b);
    for (int i = 0; i < argc; i++) {
        const char *p = path_arg(vm, "join", argv[i]);
        if (!p) goto fail;
        if (p[0] == '/') b.len = 0;
        else if (b.len && b.data[b.len - 1] != '/' && !sb_addc(vm, &b, '/')) goto fail;
        if (!sb_adds(vm, &b, p)) goto fail;
    }
    return sb_finish(vm, &b);
fail:
    sb_free(&b);
    return VNULL;
}

/* Index just after the last '/', as posixpath.split. */
static size_t split_point(const char *p, size_t n)
{
    size_t i = n;
    while (i > 0 && p[i - 1] != '/') i--;
    return i;
}

static Value path_basename(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "basename", argc, 1, 1)) return VNULL;
    const char *p = path_arg(vm, "basename", argv[0]);
    if (!p) return VNULL;
    size_t n = v_str(argv[0])->len, i = split_point(p, n);
    return rt_str_new(vm, p + i, n - i);
}

static Value path_dirname(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "dirname", argc, 1, 1)) return VNULL;
    const char *p = path_arg(vm, "dirname", argv[0]);
    if (!p) return VNULL;
    size_t i = split_point(p, v_str(argv[0])->len);
    size_t head = i;
    /* strip trailing slashes unless the head is all slashes */
    while (head > 0 && p[head - 1] == '/') head--;
    if (head == 0) head = i;
    return rt_str_new(vm, p, head);
}

static Value path_splitext(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "splitext", argc, 1, 1)) return VNULL;
    const char *p = path_arg(vm, "splitext", argv[0]);
    if (!p) return VNULL;
    size_t n = v_str(argv[0])->len, base = split_point(p, n), dot = n;
    for (size_t i = n; i > base; i--)
        if (p[i - 1] == '.') {
            dot = i - 1;
            break;
        }
    /* a leading dot (".bashrc") is not an extension */
    size_t k = base;
    while (k < dot && p[k] == '.') k++;
    if (k == dot) dot = n;
    Value a = rt_str_new(vm, p, dot);
    Value b = a ? rt_str_new(vm, p + dot, n - dot) : VNULL;
    return b ? rt_tuple_pack(vm, 2, a, b) : VNULL;
}

static Value path_abspath(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "abspath", argc, 1, 1)) return VNULL;
    const char *p = path_arg(vm, "abspath", argv[0]);
    if (!p) return VNULL;
    char cwd[PATH_MAX];
    StrBuf b;
    sb_init(&b);
    if (p[0] != '/') {
        if (!getcwd(cwd, sizeof cwd)) return rt_raise_oserror(vm, errno, NULL);
        if (!sb_adds(vm, &b, cwd)) goto fail;
    }
    /* normalize: collapse "//", ".", ".." component by component */
    const char *s = p;
    while (*s) {
        while (*s == '/') s++;
        const char *e = s;
        while (*e && *e != '/') e++;
        size_t len = (size_t)(e - s);
        if (len == 0 || (len == 1 && s[0] == '.')) {
        } else if (len == 2 && s[0] == '.' && s[1] == '.') {
            while (b.len > 0 && b.data[b.len - 1] != '/') b.len--;
            if (b.len > 0) b.len--;
        } else if (!sb_addc(vm, &b, '/') || !sb_add(vm, &b, s, len)) {
            goto fail;
        }
        s = e;
    }
    if (b.len == 0 && !sb_addc(vm, &b, '/')) goto fail;
    return sb_finish(vm, &b);
fail:
    sb_free(&b);
    return VNULL;
}

static const NativeDef os_functions[] = {
    {"remove", os_remove, 0},   {"unlink", os_remove, 0},     {"rmdir", os_rmdir, 0},
    {"mkdir", os_mkdir, 0},     {"makedirs", os_makedirs, NF_KEYWORDS},
    {"rename", os_rename, 0},   {"replace", os_rename, 0},    {"getcwd", os_getcwd, 0},
    {"chdir", os_chdir, 0},     {"listdir", os_listdir, 0},   {"getpid", os_getpid, 0},
    {"getenv", os_getenv, 0},   {"cpu_count", os_cpu_count, 0}, {"fork", os_fork, 0},
    {"register_at_fork", os_register_at_fork, NF_KEYWORDS}, {"urandom", os_urandom, 0},
    {"_exit", os__exit, 0},     {"waitpid", os_waitpid, 0},   {"utime", os_utime, NF_KEYWORDS},
    {"waitstatus_to_exitcode", os_waitstatus_to_exitcode, 0},
    {"WIFEXITED", os_WIFEXITED, 0}, {"WEXITSTATUS", os_WEXITSTATUS, 0},
    {"WIFSIGNALED", os_WIFSIGNALED, 0}, {"WTERMSIG", os_WTERMSIG, 0},
    {NULL, NULL, 0},
};

static const NativeDef path_functions[] = {
    {"exists", path_exists, 0},     {"isfile", path_isfile, 0},   {"isdir", path_isdir, 0},
    {"getsize", path_getsize, 0},   {"getmtime", path_getmtime, 0}, {"join", path_join, 0},
    {"basename", path_basename, 0}, {"dirname", path_dirname, 0}, {"splitext", path_splitext, 0},
    {"abspath", path_abspath, 0},   {NULL, NULL, 0},
};

static Dict *module_dict(Value m) { return ((Module *)v_obj(m))->dict; }

Value mp_os_module_init(VM *vm)
{
    Value os = rt_module_new(vm, rt_str_intern_cstr(vm, "os"));
    Value path = os ? rt_module_new(vm, rt_str_intern_cstr(vm, "os.path")) : VNULL;
    if (!path) return VNULL;
    Dict *d = module_dict(os), *pd = module_dict(path);
    if (!rt_add_functions(vm, d, os_functions, rt_str_intern_cstr(vm, "os")) ||
        !rt_add_functions(vm, pd, path_functions, rt_str_intern_cstr(vm, "posixpath")))
        return VNULL;
    Value env = rt_dict_new(vm);
    if (!env) return VNULL;
    for (char **e = environ; *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq) continue;
        Value k = rt_str_new(vm, *e, (size_t)(eq - *e));
        Value v = k ? rt_str_from_cstr(vm, eq + 1) : VNULL;
        if (!v || !rt_dict_set(vm, v_dict(env), k, v)) return VNULL;
    }
    if (!rt_dict_set_cstr(vm, d, "environ", env) ||
        !rt_dict_set_cstr(vm, d, "path", path) ||
        !rt_dict_set_cstr(vm, d, "sep", rt_str_intern_cstr(vm, "/")) ||
        !rt_dict_set_cstr(vm, d, "linesep", rt_str_intern_cstr(vm, "\n")) ||
        !rt_dict_set_cstr(vm, d, "name", rt_str_intern_cstr(vm, "posix")) ||
        !rt_dict_set_cstr(vm, d, "WNOHANG", v_from_small(WNOHANG)) ||
        !rt_dict_set_cstr(vm, pd, "sep", rt_str_intern_cstr(vm, "/")) ||
        !rt_dict_set(vm, vm->modules, rt_str_intern_cstr(vm, "os.path"), path))
        return VNULL;
    return os;
}
