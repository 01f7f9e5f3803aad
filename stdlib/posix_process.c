/* stdlib/posix_process.c — the posix module's processes: ids, sessions and
 * groups, signals to processes, fork (with register_at_fork's hooks), exec,
 * wait and the wait-status macros, system().  The module itself is built
 * in stdlib/posix.c, which adds this file's table. */
#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "stdlib/_io.h"
#include "stdlib/modsupport.h"
#include "stdlib/posix.h"
#include "vm/vm.h"

#define ID_GETTER(name, expr)                                                  \
    static Value px_##name(VM *vm, int argc, Value *argv, Value kwnames)       \
    {                                                                          \
        if (!rt_check_nargs(vm, #name, argc, 0, 0)) return VNULL;              \
        return rt_int_from_i64(vm, (int64_t)(expr));                           \
    }
ID_GETTER(getpid, getpid())
ID_GETTER(getppid, getppid())
ID_GETTER(getuid, getuid())
ID_GETTER(geteuid, geteuid())
ID_GETTER(getgid, getgid())
ID_GETTER(getegid, getegid())
ID_GETTER(getpgrp, getpgrp())

#define ID_SETTER(name, type)                                                  \
    static Value px_##name(VM *vm, int argc, Value *argv, Value kwnames)       \
    {                                                                          \
        int64_t id;                                                            \
        if (!rt_check_nargs(vm, #name, argc, 1, 1) || !mp_posix_i64(vm, argv[0], &id)) return VNULL; \
        if (name((type)id) != 0) return mp_posix_error(vm);                       \
        return rt_None;                                                        \
    }
ID_SETTER(setuid, uid_t)
ID_SETTER(setgid, gid_t)
ID_SETTER(seteuid, uid_t)
ID_SETTER(setegid, gid_t)

static Value px_getpgid(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t pid;
    if (!rt_check_nargs(vm, "getpgid", argc, 1, 1) || !mp_posix_i64(vm, argv[0], &pid)) return VNULL;
    pid_t r = getpgid((pid_t)pid);
    return r < 0 ? mp_posix_error(vm) : rt_int_from_i64(vm, r);
}

static Value px_getsid(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t pid;
    if (!rt_check_nargs(vm, "getsid", argc, 1, 1) || !mp_posix_i64(vm, argv[0], &pid)) return VNULL;
    pid_t r = getsid((pid_t)pid);
    return r < 0 ? mp_posix_error(vm) : rt_int_from_i64(vm, r);
}

static Value px_setpgid(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t pid, pg;
    if (!rt_check_nargs(vm, "setpgid", argc, 2, 2) || !mp_posix_i64(vm, argv[0], &pid) || !mp_posix_i64(vm, argv[1], &pg))
        return VNULL;
    return setpgid((pid_t)pid, (pid_t)pg) != 0 ? mp_posix_error(vm) : rt_None;
}

static Value px_setsid(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "setsid", argc, 0, 0)) return VNULL;
    return setsid() < 0 ? mp_posix_error(vm) : rt_None;
}

static Value px_setpgrp(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "setpgrp", argc, 0, 0)) return VNULL;
    return setpgid(0, 0) != 0 ? mp_posix_error(vm) : rt_None;
}

static Value px_getlogin(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "getlogin", argc, 0, 0)) return VNULL;
    errno = 0;
    char *n = getlogin();
    if (!n) {
        if (!errno) return rt_raise(vm, &rt_exc_OSError, "unable to determine login name");
        return mp_posix_error(vm);
    }
    return rt_str_from_cstr(vm, n);
}

static Value px_getgroups(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "getgroups", argc, 0, 0)) return VNULL;
    int n = getgroups(0, NULL);
    if (n < 0) return mp_posix_error(vm);
    gid_t *g = malloc(((size_t)n + 1) * sizeof *g);
    if (!g) return rt_no_memory(vm);
    n = getgroups(n, g);
    Value list = n < 0 ? mp_posix_error(vm) : rt_list_new(vm, (size_t)n);
    for (int i = 0; list && i < n; i++) {
        Value v = rt_int_from_i64(vm, g[i]);
        if (!v || !rt_list_append(vm, list, v)) list = VNULL;
    }
    free(g);
    return list;
}

static Value px_kill(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t pid;
    int sig;
    if (!rt_check_nargs(vm, "kill", argc, 2, 2) || !mp_posix_i64(vm, argv[0], &pid) || !mp_posix_int(vm, argv[1], &sig))
        return VNULL;
    if (kill((pid_t)pid, sig) != 0) return mp_posix_error(vm);
    /* a signal sent to ourselves: its handler runs before kill() returns, as in CPython */
    return rt_check_signals(vm) ? rt_None : VNULL;
}

static Value px_killpg(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t pg;
    int sig;
    if (!rt_check_nargs(vm, "killpg", argc, 2, 2) || !mp_posix_i64(vm, argv[0], &pg) || !mp_posix_int(vm, argv[1], &sig))
        return VNULL;
    if (killpg((pid_t)pg, sig) != 0) return mp_posix_error(vm);
    return rt_check_signals(vm) ? rt_None : VNULL;
}

static Value px_nice(VM *vm, int argc, Value *argv, Value kwnames)
{
    int inc;
    if (!rt_check_nargs(vm, "nice", argc, 1, 1) || !mp_posix_int(vm, argv[0], &inc)) return VNULL;
    errno = 0;
    int r = nice(inc);
    if (r == -1 && errno) return mp_posix_error(vm);
    return v_from_small(r);
}

/* The register_at_fork callbacks: three lists (before, after_in_parent,
 * after_in_child) kept in the module's dict under _at_fork, so the module
 * owns them for the collector. */
static Value fork_hooks(VM *vm, bool create)
{
    Value m = rt_dict_get_cstr(vm, vm->modules, "posix");
    if (!m) return VNULL;
    Dict *d = ((Module *)v_obj(m))->dict;
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
        if (!rt_call(vm, f, 0, NULL, VNULL)) rt_write_unraisable_msg(vm, "in fork hook", f);
    }
}

static Value px_register_at_fork(VM *vm, int argc, Value *argv, Value kwnames)
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

/* Buffered output is flushed first, or the child would write the parent's
 * pending text a second time (CPython's BufferedWriter is per-process too,
 * but its files are flushed by the caller; ours live in stdio). */
void mp_posix_before_fork(VM *vm)
{
    run_fork_hooks(vm, 0, true);
    mp_io_flush_std(vm);
    fflush(NULL);
}

void mp_posix_after_fork(VM *vm, pid_t pid)
{
    run_fork_hooks(vm, pid == 0 ? 2 : 1, false);
}

static Value px_fork(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "fork", argc, 0, 0)) return VNULL;
    mp_posix_before_fork(vm);
    pid_t pid = fork();
    if (pid < 0) return mp_posix_error(vm);
    mp_posix_after_fork(vm, pid);
    return rt_int_from_i64(vm, pid);
}

/* argv/env for exec: a list or tuple of paths → NULL-terminated char*
 * array.  The strings stay owned by the Values in `keep` (a list). */
void mp_free_cstr_array(char **a)
{
    if (!a) return;
    for (char **p = a; *p; p++) free(*p);
    free(a);
}

static char *path_cstr_copy(VM *vm, Value v, const char *fname, const char *argname)
{
    PathArg p;
    mp_path_init(&p, fname, argname, false, false);
    if (!mp_path_convert(vm, v, &p)) return NULL;
    char *s = strdup(p.path);
    if (!s) rt_no_memory(vm);
    return s;
}

char **mp_seq_to_cstr_array(VM *vm, Value seq, const char *fname, const char *argname)
{
    Value list = rt_list_from_iter(vm, seq);
    if (!list) return NULL;
    size_t n = v_list(list)->len;
    char **a = calloc(n + 1, sizeof *a);
    if (!a) {
        rt_no_memory(vm);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        a[i] = path_cstr_copy(vm, v_list(list)->items[i], fname, argname);
        if (!a[i]) {
            mp_free_cstr_array(a);
            return NULL;
        }
    }
    return a;
}

/* env mapping → "KEY=VALUE" strings (CPython's parse_envlist). */
char **mp_env_to_cstr_array(VM *vm, Value env)
{
    Value keys = rt_call_method(vm, env, "keys", 0, NULL);
    Value klist = keys ? rt_list_from_iter(vm, keys) : VNULL;
    if (!klist) return NULL;
    size_t n = v_list(klist)->len;
    char **a = calloc(n + 1, sizeof *a);
    if (!a) {
        rt_no_memory(vm);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        Value k = v_list(klist)->items[i];
        Value v = rt_getitem(vm, env, k);
        char *ks = v ? path_cstr_copy(vm, k, "execve", "environment") : NULL;
        char *vs = ks ? path_cstr_copy(vm, v, "execve", "environment") : NULL;
        if (vs && (!*ks || strchr(ks, '='))) {
            rt_raise(vm, &rt_exc_ValueError, "illegal environment variable name");
            free(vs);
            vs = NULL;
        }
        if (!vs) {
            free(ks);
            mp_free_cstr_array(a);
            return NULL;
        }
        size_t kl = strlen(ks), vl = strlen(vs);
        a[i] = malloc(kl + vl + 2);
        if (a[i]) {
            memcpy(a[i], ks, kl);
            a[i][kl] = '=';
            memcpy(a[i] + kl + 1, vs, vl + 1);
        }
        free(ks);
        free(vs);
        if (!a[i]) {
            mp_free_cstr_array(a);
            rt_no_memory(vm);
            return NULL;
        }
    }
    return a;
}

static bool check_argv_seq(VM *vm, const char *fname, Value args, char ***out)
{
    if (!v_isa(args, &rt_list_type) && !v_isa(args, &rt_tuple_type)) {
        rt_raise(vm, &rt_exc_TypeError, "%s() arg 2 must be a tuple or list", fname);
        return false;
    }
    if (rt_len(vm, args) < 1) {
        rt_raise(vm, &rt_exc_ValueError, "%s() arg 2 must not be empty", fname);
        return false;
    }
    *out = mp_seq_to_cstr_array(vm, args, fname, "args");
    if (!*out) return false;
    if (!**out[0]) {
        mp_free_cstr_array(*out);
        rt_raise(vm, &rt_exc_ValueError, "%s() arg 2 first element cannot be empty", fname);
        return false;
    }
    return true;
}

static Value px_execv(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "execv", argc, 2, 2)) return VNULL;
    PathArg p;
    mp_path_init(&p, "execv", "path", false, false);
    char **av;
    if (!mp_path_convert(vm, argv[0], &p) || !check_argv_seq(vm, "execv", argv[1], &av)) return VNULL;
    mp_posix_before_fork(vm);
    execv(p.path, av);
    mp_free_cstr_array(av);
    return mp_posix_error(vm);
}

static Value px_execve(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"path", "argv", "env", NULL};
    Value a[3];
    if (!rt_parse_args(vm, "execve", argc, argv, kwnames, names, 0, 3, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, "execve", "path", false, true);
    char **av, **ev;
    if (!mp_path_convert(vm, a[0], &p) || !check_argv_seq(vm, "execve", a[1], &av)) return VNULL;
    if (!rt_getattr_opt(vm, a[2], rt_str_intern_cstr(vm, "keys"))) {
        mp_free_cstr_array(av);
        return vm->exc ? VNULL : rt_raise(vm, &rt_exc_TypeError, "execve: environment must be a mapping object");
    }
    ev = mp_env_to_cstr_array(vm, a[2]);
    if (!ev) {
        mp_free_cstr_array(av);
        return VNULL;
    }
    mp_posix_before_fork(vm);
    if (p.fd >= 0) fexecve(p.fd, av, ev);
    else execve(p.path, av, ev);
    mp_free_cstr_array(av);
    mp_free_cstr_array(ev);
    return mp_path_error(vm, &p);
}

static Value px__exit(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"status", NULL};
    Value a[1];
    int n;
    if (!rt_parse_args(vm, "_exit", argc, argv, kwnames, names, 0, 1, a) || !mp_posix_int(vm, a[0], &n)) return VNULL;
    _exit(n);
}

static Value px_abort(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "abort", argc, 0, 0)) return VNULL;
    abort();
}

static Value pid_status(VM *vm, pid_t pid, int status)
{
    Value a = rt_int_from_i64(vm, pid);
    return a ? rt_tuple_pack(vm, 2, a, rt_int_from_i64(vm, status)) : VNULL;
}

static Value px_waitpid(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t pid;
    int options;
    if (!rt_check_nargs(vm, "waitpid", argc, 2, 2) || !mp_posix_i64(vm, argv[0], &pid) || !mp_posix_int(vm, argv[1], &options))
        return VNULL;
    int status = 0;
    pid_t r;
    SIGNALS_FIRST();
    do r = waitpid((pid_t)pid, &status, options); while (EINTR_RETRY(r));
    if (r < 0) return vm->exc ? VNULL : mp_posix_error(vm);
    return pid_status(vm, r, status);
}

static Value px_wait(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "wait", argc, 0, 0)) return VNULL;
    int status = 0;
    pid_t r;
    SIGNALS_FIRST();
    do r = wait(&status); while (EINTR_RETRY(r));
    if (r < 0) return vm->exc ? VNULL : mp_posix_error(vm);
    return pid_status(vm, r, status);
}

static Value px_system(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"command", NULL};
    Value a[1];
    if (!rt_parse_args(vm, "system", argc, argv, kwnames, names, 0, 1, a)) return VNULL;
    PathArg p;
    mp_path_init(&p, "system", "command", false, false);
    if (!mp_path_convert(vm, a[0], &p)) return VNULL;
    mp_posix_before_fork(vm);
    return rt_int_from_i64(vm, system(p.path));
}

static Value px_waitstatus_to_exitcode(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"status", NULL};
    Value a[1];
    int st;
    if (!rt_parse_args(vm, "waitstatus_to_exitcode", argc, argv, kwnames, names, 0, 1, a) || !mp_posix_int(vm, a[0], &st))
        return VNULL;
    if (WIFEXITED(st)) return v_from_small(WEXITSTATUS(st));
    if (WIFSIGNALED(st)) return v_from_small(-WTERMSIG(st));
    return rt_raise(vm, &rt_exc_ValueError, "invalid wait status: %i", st);
}

#define WMACROS(X)                                                                   \
    X(WIFEXITED, rt_bool(WIFEXITED(st))) X(WEXITSTATUS, v_from_small(WEXITSTATUS(st))) \
    X(WIFSIGNALED, rt_bool(WIFSIGNALED(st))) X(WTERMSIG, v_from_small(WTERMSIG(st)))   \
    X(WIFSTOPPED, rt_bool(WIFSTOPPED(st))) X(WSTOPSIG, v_from_small(WSTOPSIG(st)))     \
    X(WIFCONTINUED, rt_bool(WIFCONTINUED(st))) X(WCOREDUMP, rt_bool(WCOREDUMP(st)))

#define X(name, result)                                                              \
    static Value px_##name(VM *vm, int argc, Value *argv, Value kwnames)             \
    {                                                                                \
        static const char *const names[] = {"status", NULL};                         \
        Value a[1];                                                                  \
        int st;                                                                      \
        if (!rt_parse_args(vm, #name, argc, argv, kwnames, names, 0, 1, a) ||        \
            !mp_posix_int(vm, a[0], &st))                                                 \
            return VNULL;                                                            \
        return result;                                                               \
    }
WMACROS(X)
#undef X

static Value id_triple(VM *vm, int64_t a, int64_t b, int64_t c)
{
    Value x = rt_int_from_i64(vm, a), y = rt_int_from_i64(vm, b), z = rt_int_from_i64(vm, c);
    return x && y && z ? rt_tuple_pack(vm, 3, x, y, z) : VNULL;
}

static Value px_getresuid(VM *vm, int argc, Value *argv, Value kwnames)
{
    uid_t r, e, s;
    if (!rt_check_nargs(vm, "getresuid", argc, 0, 0)) return VNULL;
    if (getresuid(&r, &e, &s) != 0) return mp_posix_error(vm);
    return id_triple(vm, r, e, s);
}

static Value px_getresgid(VM *vm, int argc, Value *argv, Value kwnames)
{
    gid_t r, e, s;
    if (!rt_check_nargs(vm, "getresgid", argc, 0, 0)) return VNULL;
    if (getresgid(&r, &e, &s) != 0) return mp_posix_error(vm);
    return id_triple(vm, r, e, s);
}

/* setreuid/setregid(2 ids) and setresuid/setresgid(3 ids); -1 leaves one unchanged. */
static bool ids_args(VM *vm, const char *fname, int argc, Value *argv, int n, int64_t *ids)
{
    if (!rt_check_nargs(vm, fname, argc, n, n)) return false;
    for (int i = 0; i < n; i++)
        if (!mp_posix_i64(vm, argv[i], &ids[i])) return false;
    return true;
}

static Value px_setreuid(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t id[2];
    if (!ids_args(vm, "setreuid", argc, argv, 2, id)) return VNULL;
    return setreuid((uid_t)id[0], (uid_t)id[1]) != 0 ? mp_posix_error(vm) : rt_None;
}

static Value px_setregid(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t id[2];
    if (!ids_args(vm, "setregid", argc, argv, 2, id)) return VNULL;
    return setregid((gid_t)id[0], (gid_t)id[1]) != 0 ? mp_posix_error(vm) : rt_None;
}

static Value px_setresuid(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t id[3];
    if (!ids_args(vm, "setresuid", argc, argv, 3, id)) return VNULL;
    return setresuid((uid_t)id[0], (uid_t)id[1], (uid_t)id[2]) != 0 ? mp_posix_error(vm) : rt_None;
}

static Value px_setresgid(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t id[3];
    if (!ids_args(vm, "setresgid", argc, argv, 3, id)) return VNULL;
    return setresgid((gid_t)id[0], (gid_t)id[1], (gid_t)id[2]) != 0 ? mp_posix_error(vm) : rt_None;
}

static Value px_getpriority(VM *vm, int argc, Value *argv, Value kwnames)
{
    int which, who;
    if (!rt_check_nargs(vm, "getpriority", argc, 2, 2) || !mp_posix_int(vm, argv[0], &which) || !mp_posix_int(vm, argv[1], &who))
        return VNULL;
    errno = 0;
    int r = getpriority(which, (id_t)who);
    if (r == -1 && errno) return mp_posix_error(vm);
    return v_from_small(r);
}

static Value px_setpriority(VM *vm, int argc, Value *argv, Value kwnames)
{
    int which, who, prio;
    if (!rt_check_nargs(vm, "setpriority", argc, 3, 3) || !mp_posix_int(vm, argv[0], &which) ||
        !mp_posix_int(vm, argv[1], &who) || !mp_posix_int(vm, argv[2], &prio))
        return VNULL;
    return setpriority(which, (id_t)who, prio) != 0 ? mp_posix_error(vm) : rt_None;
}

static Value px_setgroups(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "setgroups", argc, 1, 1)) return VNULL;
    Value list = rt_list_from_iter(vm, argv[0]);
    if (!list) return VNULL;
    size_t n = v_list(list)->len;
    gid_t *g = malloc((n + 1) * sizeof *g);
    if (!g) return rt_no_memory(vm);
    for (size_t i = 0; i < n; i++) {
        int64_t id;
        if (!mp_posix_i64(vm, v_list(list)->items[i], &id)) {
            free(g);
            return VNULL;
        }
        g[i] = (gid_t)id;
    }
    int r = setgroups(n, g);
    free(g);
    return r != 0 ? mp_posix_error(vm) : rt_None;
}

#define KW NF_KEYWORDS
const NativeDef mp_posix_process_functions[] = {
    {"getpid", px_getpid, 0}, {"getppid", px_getppid, 0}, {"getuid", px_getuid, 0},
    {"geteuid", px_geteuid, 0}, {"getgid", px_getgid, 0}, {"getegid", px_getegid, 0},
    {"getpgrp", px_getpgrp, 0}, {"getpgid", px_getpgid, 0}, {"getsid", px_getsid, 0},
    {"setpgid", px_setpgid, 0}, {"setsid", px_setsid, 0}, {"setpgrp", px_setpgrp, 0},
    {"setuid", px_setuid, 0}, {"setgid", px_setgid, 0}, {"seteuid", px_seteuid, 0},
    {"setegid", px_setegid, 0}, {"getlogin", px_getlogin, 0}, {"getgroups", px_getgroups, 0},
    {"kill", px_kill, 0}, {"killpg", px_killpg, 0}, {"nice", px_nice, 0},
    {"register_at_fork", px_register_at_fork, KW}, {"fork", px_fork, 0}, {"execv", px_execv, 0},
    {"execve", px_execve, KW}, {"_exit", px__exit, KW}, {"abort", px_abort, 0}, {"waitpid", px_waitpid, 0},
    {"wait", px_wait, 0}, {"system", px_system, KW},
    {"waitstatus_to_exitcode", px_waitstatus_to_exitcode, KW}, {"getresuid", px_getresuid, 0},
    {"getresgid", px_getresgid, 0}, {"setreuid", px_setreuid, 0}, {"setregid", px_setregid, 0},
    {"setresuid", px_setresuid, 0}, {"setresgid", px_setresgid, 0}, {"getpriority", px_getpriority, 0},
    {"setpriority", px_setpriority, 0}, {"setgroups", px_setgroups, 0},
#define X(name, result) {#name, px_##name, KW},
    WMACROS(X)
#undef X
    {NULL, NULL, 0},
};
#undef KW
