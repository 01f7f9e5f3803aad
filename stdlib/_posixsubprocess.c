/* stdlib/_posixsubprocess.c — fork_exec, what subprocess.Popen starts
 * children with (CPython's Modules/_posixsubprocess.c, 3.11 signature).
 *
 * Everything that can fail with a Python exception (converting argv, env,
 * the executables) happens in the parent before fork().  The child only
 * makes system calls: it wires the pipes to 0/1/2, changes directory,
 * umask, session, groups and ids, closes the other descriptors, runs
 * preexec_fn if any, and execs.  A failure is reported to the parent
 * through errpipe_write as "ExceptionName:hex_errno:detail", which
 * subprocess.py parses. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "stdlib/_io.h"
#include "stdlib/modsupport.h"
#include "stdlib/native.h"
#include "stdlib/posix.h"
#include "vm/vm.h"

extern char **environ;

typedef struct ChildConfig {
    char **argv, **envp, **executables;
    int *keep_fds;
    size_t nkeep;
    const char *cwd;
    int p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write;
    bool close_fds, restore_signals, call_setsid;
    int64_t pgid, gid, uid;
    int umask;
    gid_t *groups;
    size_t ngroups;
    bool have_groups;
    Value preexec_fn;
} ChildConfig;

/* Async-signal-safe report: "OSError:<hex errno>:<detail>". */
static void report_errno(int fd, int err, const char *detail)
{
    char buf[64] = "OSError:";
    size_t n = strlen(buf);
    char hex[16];
    int k = 0;
    unsigned u = (unsigned)err;
    do hex[k++] = "0123456789ABCDEF"[u % 16]; while ((u /= 16) && k < 15);
    while (k) buf[n++] = hex[--k];
    buf[n++] = ':';
    /* one write, so the parent's single read gets it all */
    for (size_t i = 0; detail && detail[i] && n < sizeof buf; i++) buf[n++] = detail[i];
    ssize_t r = write(fd, buf, n);
    (void)r;
}

/* Close every descriptor >= 3 that is not kept: close_range over the
 * gaps between kept ones (keep_fds is sorted), a loop where it is missing. */
static void close_open_fds(const ChildConfig *c)
{
    long maxfd = sysconf(_SC_OPEN_MAX);
    if (maxfd < 0) maxfd = 256;
    int lo = 3;
    for (size_t i = 0; i <= c->nkeep; i++) {
        int hi = i < c->nkeep ? c->keep_fds[i] - 1 : (int)maxfd - 1;
        if (hi >= lo) {
#ifdef SYS_close_range
            if (syscall(SYS_close_range, (unsigned)lo, (unsigned)hi, 0) != 0)
#endif
                for (int fd = lo; fd <= hi; fd++) close(fd);
        }
        if (i < c->nkeep && c->keep_fds[i] + 1 > lo) lo = c->keep_fds[i] + 1;
    }
}

/* Move fd onto target (0, 1, 2); the same fd only loses close-on-exec. */
static int wire(int fd, int target)
{
    if (fd < 0) return 0;
    if (fd == target) {
        int fl = fcntl(fd, F_GETFD);
        return fl < 0 ? -1 : fcntl(fd, F_SETFD, fl & ~FD_CLOEXEC);
    }
    return dup2(fd, target) < 0 ? -1 : 0;
}

static void child_exec(VM *vm, ChildConfig *c)
{
    int ep = c->errpipe_write;
    if (c->p2cwrite >= 0) close(c->p2cwrite);
    if (c->c2pread >= 0) close(c->c2pread);
    if (c->errread >= 0) close(c->errread);
    close(c->errpipe_read);
    /* keep the later targets' sources out of the way of the earlier dup2s */
    if (c->c2pwrite == 0 && (c->c2pwrite = dup(c->c2pwrite)) < 0) goto error;
    while (c->errwrite == 0 || c->errwrite == 1)
        if ((c->errwrite = dup(c->errwrite)) < 0) goto error;
    if (wire(c->p2cread, 0) || wire(c->c2pwrite, 1) || wire(c->errwrite, 2)) goto error;
    if (c->cwd && chdir(c->cwd) != 0) {
        report_errno(ep, errno, "noexec");
        _exit(255);
    }
    if (c->umask >= 0) umask((mode_t)c->umask);
    if (c->restore_signals) {
        signal(SIGPIPE, SIG_DFL);
        signal(SIGXFSZ, SIG_DFL);
    }
    if (c->call_setsid && setsid() < 0) goto error;
    if (c->pgid >= 0 && setpgid(0, (pid_t)c->pgid) < 0) goto error;
    if (c->have_groups && setgroups(c->ngroups, c->groups) < 0) goto error;
    if (c->gid >= 0 && setregid((gid_t)c->gid, (gid_t)c->gid) < 0) goto error;
    if (c->uid >= 0 && setreuid((uid_t)c->uid, (uid_t)c->uid) < 0) goto error;
    if (c->preexec_fn != rt_None) {
        mp_posix_after_fork(vm, 0);
        if (!rt_call0(vm, c->preexec_fn)) {
            static const char msg[] = "SubprocessError:0:Exception occurred in preexec_fn.";
            ssize_t r = write(ep, msg, sizeof msg - 1);
            (void)r;
            _exit(255);
        }
        mp_io_flush_std(vm);
        fflush(NULL);
    }
    if (c->close_fds) close_open_fds(c);
    /* As CPython: the first error that is not "not found here" wins. */
    int saved = 0;
    for (char **e = c->executables; *e; e++) {
        if (c->envp) execve(*e, c->argv, c->envp);
        else execv(*e, c->argv);
        if (errno != ENOENT && errno != ENOTDIR && !saved) saved = errno;
    }
    report_errno(ep, saved ? saved : errno, NULL);
    _exit(255);
error:
    report_errno(ep, errno, "noexec");
    _exit(255);
}

static bool fd_arg(VM *vm, Value v, int *out)
{
    int64_t n;
    if (!mp_as_ssize(vm, v, &n)) return false;
    *out = (int)n;
    return true;
}

static bool id_arg(VM *vm, Value v, int64_t *out)
{
    if (v == rt_None) {
        *out = -1;
        return true;
    }
    return mp_as_ssize(vm, v, out);
}

/* fds_to_keep: a tuple of sorted, distinct non-negative ints. */
static bool keep_arg(VM *vm, Value v, ChildConfig *c)
{
    if (!v_isa(v, &rt_tuple_type)) {
        rt_raise(vm, &rt_exc_TypeError, "pass_fds must be a tuple");
        return false;
    }
    Tuple *t = v_tuple(v);
    c->keep_fds = malloc((t->len + 1) * sizeof(int));
    if (!c->keep_fds) {
        rt_no_memory(vm);
        return false;
    }
    c->nkeep = t->len;
    for (size_t i = 0; i < t->len; i++) {
        int64_t fd;
        if (!rt_is_int(t->items[i]) || !rt_as_i64(vm, t->items[i], &fd) || fd < 0 || fd > INT32_MAX ||
            (i && fd <= c->keep_fds[i - 1])) {
            vm->exc = VNULL;
            rt_raise(vm, &rt_exc_ValueError, "bad value(s) in fds_to_keep");
            return false;
        }
        c->keep_fds[i] = (int)fd;
    }
    return true;
}

static bool groups_arg(VM *vm, Value v, ChildConfig *c)
{
    if (v == rt_None) return true;
    Value list = rt_list_from_iter(vm, v);
    if (!list) return false;
    size_t n = v_list(list)->len;
    c->groups = malloc((n + 1) * sizeof(gid_t));
    if (!c->groups) {
        rt_no_memory(vm);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        int64_t g;
        if (!mp_as_ssize(vm, v_list(list)->items[i], &g)) return false;
        c->groups[i] = (gid_t)g;
    }
    c->ngroups = n;
    c->have_groups = true;
    return true;
}

static void free_config(ChildConfig *c)
{
    mp_free_cstr_array(c->argv);
    mp_free_cstr_array(c->envp);
    mp_free_cstr_array(c->executables);
    free(c->keep_fds);
    free(c->groups);
}

/* fork_exec(args, executable_list, close_fds, pass_fds, cwd, env,
 *           p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite,
 *           errpipe_read, errpipe_write, restore_signals, call_setsid,
 *           pgid_to_set, gid, extra_groups, uid, child_umask, preexec_fn[, allow_vfork]) */
static Value ps_fork_exec(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!mp_no_kw(vm, "fork_exec", kwnames)) return VNULL;
    if (argc != 22 && argc != 23)
        return rt_raise(vm, &rt_exc_TypeError, "fork_exec expected 23 arguments, got %d", argc);
    ChildConfig c;
    memset(&c, 0, sizeof c);
    Value r = VNULL;
    int closefds = rt_truthy(vm, argv[2]), restore = rt_truthy(vm, argv[14]), setsid_ = rt_truthy(vm, argv[15]);
    int64_t umask_;
    if (closefds < 0 || restore < 0 || setsid_ < 0) goto done;
    c.close_fds = closefds, c.restore_signals = restore, c.call_setsid = setsid_;
    if (argv[0] != rt_None && !(c.argv = mp_seq_to_cstr_array(vm, argv[0], "fork_exec", "args"))) goto done;
    if (!(c.executables = mp_seq_to_cstr_array(vm, argv[1], "fork_exec", "executable_list"))) goto done;
    int64_t epw;
    if (!mp_as_ssize(vm, argv[13], &epw)) goto done;
    if (c.close_fds && epw < 3) {
        rt_raise(vm, &rt_exc_ValueError, "errpipe_write must be >= 3");
        goto done;
    }
    if (!keep_arg(vm, argv[3], &c)) goto done;
    Value cwd = VNULL; /* a local, so the collector sees it while c.cwd points into it */
    if (argv[4] != rt_None) {
        cwd = rt_call1(vm, rt_getattr_cstr(vm, mp_native_module(vm, "posix"), "fspath"), argv[4]);
        if (!cwd) goto done;
        c.cwd = v_is_str(cwd) ? v_cstr(cwd) : (const char *)((Bytes *)v_obj(cwd))->data;
    }
    if (argv[5] != rt_None && !(c.envp = mp_seq_to_cstr_array(vm, argv[5], "fork_exec", "env"))) goto done;
    int *fds[8] = {&c.p2cread, &c.p2cwrite, &c.c2pread, &c.c2pwrite, &c.errread, &c.errwrite,
                   &c.errpipe_read, &c.errpipe_write};
    for (int i = 0; i < 8; i++)
        if (!fd_arg(vm, argv[6 + i], fds[i])) goto done;
    if (!id_arg(vm, argv[16], &c.pgid) || !id_arg(vm, argv[17], &c.gid) || !groups_arg(vm, argv[18], &c) ||
        !id_arg(vm, argv[19], &c.uid) || !mp_as_ssize(vm, argv[20], &umask_))
        goto done;
    c.umask = (int)umask_;
    c.preexec_fn = argv[21];
    if (c.preexec_fn != rt_None) mp_posix_before_fork(vm);
    mp_io_flush_std(vm);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) child_exec(vm, &c); /* never returns */
    if (pid < 0) {
        rt_raise_oserror(vm, errno, NULL);
        goto done;
    }
    if (c.preexec_fn != rt_None) mp_posix_after_fork(vm, pid);
    r = rt_int_from_i64(vm, pid);
    rt_gc_keep_alive(cwd);
done:
    free_config(&c);
    return r;
}

static const NativeDef posixsubprocess_functions[] = {
    {"fork_exec", ps_fork_exec, 0},
    {NULL, NULL, 0},
};

Value mp_posixsubprocess_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_posixsubprocess", &d);
    if (!m || !rt_add_functions(vm, d, posixsubprocess_functions, rt_str_intern_cstr(vm, "_posixsubprocess")))
        return VNULL;
    return m;
}
