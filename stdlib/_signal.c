/* stdlib/_signal.c — the _signal module under CPython's signal.py.
 *
 * The C handler only records the signal (tripped[]), sets vm->interrupted
 * and writes the signal number to the wakeup fd: no allocation, nothing
 * but async-signal-safe calls.  The eval loop sees vm->interrupted at its
 * next periodic check (backward jumps, calls, returns) and calls
 * rt_check_signals, which lands in run_handlers here: each tripped signal's
 * Python handler runs there, between two instructions, as in CPython.
 * Blocking calls that fail with EINTR run the handlers too and retry
 * (PEP 475).  SIGINT's default handler raises KeyboardInterrupt. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "runtime/frameobject.h"
#include "stdlib/modsupport.h"
#include "stdlib/native.h"
#include "vm/vm.h"

/* Process-wide by nature: the C handler can reach nothing else. */
static volatile sig_atomic_t tripped[NSIG];
static VM *volatile signal_vm;
static volatile sig_atomic_t wakeup_fd = -1;
/* Python handler per signal: SIG_DFL (0), SIG_IGN (1), a callable, or None
 * (installed from C, not by Python).  A rooted list of NSIG items. */
static Value handlers;
static Value default_int_handler;
static Value itimer_error;

static void c_handler(int sig)
{
    int saved = errno;
    tripped[sig] = 1;
    if (signal_vm) signal_vm->interrupted = 1;
    if (wakeup_fd >= 0) {
        unsigned char b = (unsigned char)sig;
        ssize_t r = write(wakeup_fd, &b, 1);
        (void)r;
    }
    errno = saved;
}

static Value handler_of(int sig) { return v_list(handlers)->items[sig]; }

static Value current_frame(VM *vm)
{
    if (!vm->frame) return rt_None;
    Value f = rt_frame_object(vm, vm->frame);
    return f ? f : rt_None;
}

/* vm->signal_hook: run the Python handler of every tripped signal.  With
 * none tripped (interrupt_main(), or SIGINT caught by main's own handler
 * before this module took over) it is SIGINT's. */
static bool run_handlers(VM *vm)
{
    bool any = false;
    for (int s = 1; s < NSIG; s++) {
        if (!tripped[s]) continue;
        tripped[s] = 0;
        any = true;
        Value h = handler_of(s);
        if (h == rt_None || v_is_small(h)) continue;
        Value args[2] = {v_from_small(s), current_frame(vm)};
        if (!rt_call(vm, h, 2, args, VNULL)) {
            for (int r = s + 1; r < NSIG; r++)
                if (tripped[r]) vm->interrupted = 1; /* the rest run at the next check */
            return false;
        }
    }
    if (!any) {
        Value h = handler_of(SIGINT);
        if (h != rt_None && !v_is_small(h)) {
            Value args[2] = {v_from_small(SIGINT), current_frame(vm)};
            return rt_call(vm, h, 2, args, VNULL) != VNULL;
        }
    }
    return true;
}

static bool signum_arg(VM *vm, Value v, int *out)
{
    int64_t n;
    if (!mp_as_ssize(vm, v, &n)) return false;
    if (n < 1 || n >= NSIG) {
        rt_raise(vm, &rt_exc_ValueError, "signal number out of range");
        return false;
    }
    *out = (int)n;
    return true;
}

static Value sg_signal(VM *vm, int argc, Value *argv, Value kwnames)
{
    int sig;
    if (!mp_check_positional(vm, "signal", argc, 2, 2) || !signum_arg(vm, argv[0], &sig)) return VNULL;
    Value h = argv[1];
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_ONSTACK; /* no SA_RESTART: blocking calls return EINTR and run handlers */
    if (rt_is_int(h) && v_is_small(h) && (v_small(h) == 0 || v_small(h) == 1)) {
        sa.sa_handler = v_small(h) == 0 ? SIG_DFL : SIG_IGN;
        h = v_from_small(v_small(h)); /* the plain int, for an IntEnum member */
    } else if (v_type(h)->call && !(v_type(h)->flags & TF_CLASS && !rt_lookup_type_attr(v_type(h), vm->names.__call__))) {
        sa.sa_handler = c_handler;
    } else {
        return rt_raise(vm, &rt_exc_TypeError,
                        "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object");
    }
    if (sigaction(sig, &sa, NULL) != 0) return rt_raise_oserror(vm, errno, NULL);
    Value old = handler_of(sig);
    v_list(handlers)->items[sig] = h;
    return old;
}

static Value sg_getsignal(VM *vm, int argc, Value *argv, Value kwnames)
{
    int sig;
    if (!mp_check_positional(vm, "getsignal", argc, 1, 1) || !signum_arg(vm, argv[0], &sig)) return VNULL;
    return handler_of(sig);
}

static Value sg_default_int_handler(VM *vm, int argc, Value *argv, Value kwnames)
{
    return rt_raise_value(vm, v_from(&rt_exc_KeyboardInterrupt));
}

static Value sg_raise_signal(VM *vm, int argc, Value *argv, Value kwnames)
{
    int sig;
    if (!mp_check_positional(vm, "raise_signal", argc, 1, 1) || !signum_arg(vm, argv[0], &sig)) return VNULL;
    if (raise(sig) != 0) return rt_raise_oserror(vm, errno, NULL);
    return rt_check_signals(vm) ? rt_None : VNULL;
}

static Value sg_alarm(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t secs;
    if (!mp_check_positional(vm, "alarm", argc, 1, 1) || !mp_as_ssize(vm, argv[0], &secs)) return VNULL;
    return v_from_small(alarm((unsigned)secs));
}

static Value sg_pause(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!mp_check_positional(vm, "pause", argc, 0, 0)) return VNULL;
    if (vm->interrupted) /* the signal came already: do not wait for another */
        return rt_check_signals(vm) ? rt_None : VNULL;
    pause();
    return rt_check_signals(vm) ? rt_None : VNULL;
}

static Value sg_set_wakeup_fd(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"fd", "warn_on_full_buffer", NULL};
    Value a[2];
    int64_t fd;
    if (argc > 1) return rt_raise(vm, &rt_exc_TypeError, "set_wakeup_fd() takes exactly 1 positional argument (%d given)", argc);
    if (!rt_parse_args(vm, "set_wakeup_fd", argc, argv, kwnames, names, 0, 1, a) || !mp_as_ssize(vm, a[0], &fd))
        return VNULL;
    if (fd != -1) {
        int fl = fcntl((int)fd, F_GETFL);
        if (fl < 0) return rt_raise_oserror(vm, errno, NULL);
        if (!(fl & O_NONBLOCK))
            return rt_raise(vm, &rt_exc_ValueError, "the fd %d must be in non-blocking mode", (int)fd);
    }
    int old = wakeup_fd;
    wakeup_fd = (int)fd;
    return v_from_small(old);
}

static Value sg_valid_signals(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!mp_check_positional(vm, "valid_signals", argc, 0, 0)) return VNULL;
    sigset_t all;
    sigfillset(&all);
    Value s = rt_set_new(vm, &rt_set_type);
    for (int i = 1; s && i < NSIG; i++)
        if (sigismember(&all, i) == 1 && !rt_set_add(vm, s, v_from_small(i))) return VNULL;
    return s;
}

static Value sg_strsignal(VM *vm, int argc, Value *argv, Value kwnames)
{
    int sig;
    if (!mp_check_positional(vm, "strsignal", argc, 1, 1) || !signum_arg(vm, argv[0], &sig)) return VNULL;
    const char *s = strsignal(sig);
    if (!s || strstr(s, "Unknown signal") || strstr(s, "Real-time signal")) return rt_None;
    return rt_str_from_cstr(vm, s);
}

static Value sg_siginterrupt(VM *vm, int argc, Value *argv, Value kwnames)
{
    int sig;
    int64_t flag;
    if (!mp_check_positional(vm, "siginterrupt", argc, 2, 2) || !signum_arg(vm, argv[0], &sig) ||
        !mp_as_ssize(vm, argv[1], &flag))
        return VNULL;
    struct sigaction sa;
    if (sigaction(sig, NULL, &sa) != 0) return rt_raise_oserror(vm, errno, NULL);
    sa.sa_flags = flag ? sa.sa_flags & ~SA_RESTART : sa.sa_flags | SA_RESTART;
    if (sigaction(sig, &sa, NULL) != 0) return rt_raise_oserror(vm, errno, NULL);
    return rt_None;
}

/* A set of signal numbers from an iterable (pthread_sigmask's mask). */
static bool sigset_arg(VM *vm, Value iterable, sigset_t *set)
{
    sigemptyset(set);
    Value it = rt_iter(vm, iterable);
    if (!it) return false;
    Value v;
    while ((v = rt_next(vm, it))) {
        int sig;
        if (!signum_arg(vm, v, &sig)) return false;
        sigaddset(set, sig);
    }
    return !vm->exc;
}

static Value sigset_to_set(VM *vm, const sigset_t *set)
{
    Value s = rt_set_new(vm, &rt_set_type);
    for (int i = 1; s && i < NSIG; i++)
        if (sigismember(set, i) == 1 && !rt_set_add(vm, s, v_from_small(i))) return VNULL;
    return s;
}

static Value sg_pthread_sigmask(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t how;
    sigset_t set, old;
    if (!mp_check_positional(vm, "pthread_sigmask", argc, 2, 2) || !mp_as_ssize(vm, argv[0], &how) ||
        !sigset_arg(vm, argv[1], &set))
        return VNULL;
    int e = pthread_sigmask((int)how, &set, &old);
    if (e) return rt_raise_oserror(vm, e, NULL);
    Value r = sigset_to_set(vm, &old);
    return r && rt_check_signals(vm) ? r : VNULL;
}

static Value sg_sigpending(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!mp_check_positional(vm, "sigpending", argc, 0, 0)) return VNULL;
    sigset_t set;
    if (sigpending(&set) != 0) return rt_raise_oserror(vm, errno, NULL);
    return sigset_to_set(vm, &set);
}

static Value sg_sigwait(VM *vm, int argc, Value *argv, Value kwnames)
{
    sigset_t set;
    int sig;
    if (!mp_check_positional(vm, "sigwait", argc, 1, 1) || !sigset_arg(vm, argv[0], &set)) return VNULL;
    int e = sigwait(&set, &sig);
    if (e) return rt_raise_oserror(vm, e, NULL);
    return v_from_small(sig);
}

static double tv_seconds(const struct timeval *tv) { return (double)tv->tv_sec + tv->tv_usec * 1e-6; }

static Value itimer_tuple(VM *vm, const struct itimerval *v)
{
    return rt_tuple_pack(vm, 2, rt_float_new(vm, tv_seconds(&v->it_value)),
                         rt_float_new(vm, tv_seconds(&v->it_interval)));
}

static void seconds_tv(double s, struct timeval *tv)
{
    tv->tv_sec = (time_t)s;
    tv->tv_usec = (suseconds_t)((s - (double)tv->tv_sec) * 1e6);
    if (tv->tv_sec == 0 && tv->tv_usec == 0 && s > 0) tv->tv_usec = 1;
}

static Value sg_setitimer(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t which;
    double secs, interval = 0;
    if (!mp_check_positional(vm, "setitimer", argc, 2, 3) || !mp_as_ssize(vm, argv[0], &which) ||
        !rt_to_double(vm, argv[1], &secs) || (argc > 2 && !rt_to_double(vm, argv[2], &interval)))
        return VNULL;
    struct itimerval nv, old;
    seconds_tv(secs, &nv.it_value);
    seconds_tv(interval, &nv.it_interval);
    if (setitimer((int)which, &nv, &old) != 0)
        return rt_raise_value(vm, rt_call2(vm, itimer_error, v_from_small(errno), rt_str_from_cstr(vm, strerror(errno))));
    return itimer_tuple(vm, &old);
}

static Value sg_getitimer(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t which;
    if (!mp_check_positional(vm, "getitimer", argc, 1, 1) || !mp_as_ssize(vm, argv[0], &which)) return VNULL;
    struct itimerval v;
    if (getitimer((int)which, &v) != 0)
        return rt_raise_value(vm, rt_call2(vm, itimer_error, v_from_small(errno), rt_str_from_cstr(vm, strerror(errno))));
    return itimer_tuple(vm, &v);
}

static const NativeDef signal_functions[] = {
    {"signal", sg_signal, 0},
    {"getsignal", sg_getsignal, 0},
    {"raise_signal", sg_raise_signal, 0},
    {"alarm", sg_alarm, 0},
    {"pause", sg_pause, 0},
    {"set_wakeup_fd", sg_set_wakeup_fd, NF_KEYWORDS},
    {"valid_signals", sg_valid_signals, 0},
    {"strsignal", sg_strsignal, 0},
    {"siginterrupt", sg_siginterrupt, 0},
    {"pthread_sigmask", sg_pthread_sigmask, 0},
    {"sigpending", sg_sigpending, 0},
    {"sigwait", sg_sigwait, 0},
    {"setitimer", sg_setitimer, 0},
    {"getitimer", sg_getitimer, 0},
    {NULL, NULL, 0},
};

#define SIGNALS(X)                                                                                 \
    X(SIGHUP) X(SIGINT) X(SIGQUIT) X(SIGILL) X(SIGTRAP) X(SIGABRT) X(SIGIOT) X(SIGBUS) X(SIGFPE)   \
    X(SIGKILL) X(SIGUSR1) X(SIGSEGV) X(SIGUSR2) X(SIGPIPE) X(SIGALRM) X(SIGTERM) X(SIGSTKFLT)      \
    X(SIGCHLD) X(SIGCONT) X(SIGSTOP) X(SIGTSTP) X(SIGTTIN) X(SIGTTOU) X(SIGURG) X(SIGXCPU)        \
    X(SIGXFSZ) X(SIGVTALRM) X(SIGPROF) X(SIGWINCH) X(SIGIO) X(SIGPOLL) X(SIGPWR) X(SIGSYS) X(SIGCLD)

/* The dispositions in force before Python set any: SIG_DFL, SIG_IGN, or
 * None for a handler installed from C; SIGINT gets default_int_handler. */
static bool init_handlers(VM *vm)
{
    handlers = rt_list_new(vm, NSIG);
    if (!handlers) return false;
    rt_gc_add_root(vm, &handlers);
    for (int s = 0; s < NSIG; s++) {
        struct sigaction sa;
        Value h = rt_None;
        if (s > 0 && sigaction(s, NULL, &sa) == 0)
            h = sa.sa_handler == SIG_DFL ? v_from_small(0) : sa.sa_handler == SIG_IGN ? v_from_small(1) : rt_None;
        if (!rt_list_append(vm, handlers, h)) return false;
    }
    struct sigaction sa;
    if (sigaction(SIGINT, NULL, &sa) == 0 && sa.sa_handler != SIG_IGN) {
        memset(&sa, 0, sizeof sa);
        sigemptyset(&sa.sa_mask);
        sa.sa_handler = c_handler;
        sa.sa_flags = SA_ONSTACK;
        sigaction(SIGINT, &sa, NULL);
        v_list(handlers)->items[SIGINT] = default_int_handler;
    }
    signal_vm = vm;
    vm->signal_hook = run_handlers;
    return true;
}

Value mp_signal_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_signal", &d);
    Value name = rt_str_intern_cstr(vm, "_signal");
    if (!m || !rt_add_functions(vm, d, signal_functions, name)) return VNULL;
    Value dih = rt_native_new(vm, "default_int_handler", sg_default_int_handler, 0, VNULL);
    if (!dih || !rt_dict_set_cstr(vm, d, "default_int_handler", dih)) return VNULL;
    if (!handlers) {
        default_int_handler = dih;
        rt_gc_add_root(vm, &default_int_handler);
        if (!init_handlers(vm)) return VNULL;
    }
    /* ItimerError(OSError), as CPython's signal.ItimerError */
    if (!itimer_error) {
        Value ns = rt_dict_new(vm);
        Value bases = ns ? rt_tuple_pack(vm, 1, v_from(&rt_exc_OSError)) : VNULL;
        if (!bases || !rt_dict_set_cstr(vm, v_dict(ns), "__module__", rt_str_intern_cstr(vm, "signal")))
            return VNULL;
        itimer_error = rt_class_new(vm, rt_str_intern_cstr(vm, "ItimerError"), bases, v_dict(ns));
        if (!itimer_error) return VNULL;
        rt_gc_add_root(vm, &itimer_error);
    }
#define X(n) if (!rt_dict_set_cstr(vm, d, #n, v_from_small(n))) return VNULL;
    SIGNALS(X)
#undef X
    if (!rt_dict_set_cstr(vm, d, "NSIG", v_from_small(NSIG)) ||
        !rt_dict_set_cstr(vm, d, "SIGRTMIN", v_from_small(SIGRTMIN)) ||
        !rt_dict_set_cstr(vm, d, "SIGRTMAX", v_from_small(SIGRTMAX)) ||
        !rt_dict_set_cstr(vm, d, "SIG_DFL", v_from_small(0)) ||
        !rt_dict_set_cstr(vm, d, "SIG_IGN", v_from_small(1)) ||
        !rt_dict_set_cstr(vm, d, "SIG_BLOCK", v_from_small(SIG_BLOCK)) ||
        !rt_dict_set_cstr(vm, d, "SIG_UNBLOCK", v_from_small(SIG_UNBLOCK)) ||
        !rt_dict_set_cstr(vm, d, "SIG_SETMASK", v_from_small(SIG_SETMASK)) ||
        !rt_dict_set_cstr(vm, d, "ITIMER_REAL", v_from_small(ITIMER_REAL)) ||
        !rt_dict_set_cstr(vm, d, "ITIMER_VIRTUAL", v_from_small(ITIMER_VIRTUAL)) ||
        !rt_dict_set_cstr(vm, d, "ITIMER_PROF", v_from_small(ITIMER_PROF)) ||
        !rt_dict_set_cstr(vm, d, "ItimerError", itimer_error))
        return VNULL;
    return m;
}
