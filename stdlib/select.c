/* stdlib/select.c — the select module: select() and poll objects (what
 * selectors.PollSelector and subprocess.communicate use).  select() is
 * built on poll(2), so descriptors above FD_SETSIZE work too.  A call
 * interrupted by a signal runs the handlers and resumes with the time that
 * is left (PEP 475).  epoll objects serve selectors.DefaultSelector. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stdlib/modsupport.h"
#include "stdlib/native.h"
#include "vm/vm.h"

/* An int, or an object with fileno() (PyObject_AsFileDescriptor). */
static bool fileno_of(VM *vm, Value v, int *fd)
{
    if (!rt_is_int(v)) {
        Value f = rt_getattr_opt(vm, v, rt_str_intern_cstr(vm, "fileno"));
        if (!f) {
            if (!vm->exc) rt_raise(vm, &rt_exc_TypeError, "argument must be an int, or have a fileno() method.");
            return false;
        }
        v = rt_call0(vm, f);
        if (!v) return false;
        if (!rt_is_int(v)) {
            rt_raise(vm, &rt_exc_TypeError, "fileno() returned a non-integer");
            return false;
        }
    }
    int64_t n;
    if (!rt_as_i64(vm, v, &n) || n > INT_MAX || n < INT_MIN) {
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C int");
        return false;
    }
    if (n < 0) {
        rt_raise(vm, &rt_exc_ValueError, "file descriptor cannot be a negative integer (%d)", (int)n);
        return false;
    }
    *fd = (int)n;
    return true;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* poll(2) with a timeout in seconds (< 0: forever), retried after signal
 * handlers with the remaining time; -1 + exception on failure. */
static int poll_retry(VM *vm, struct pollfd *fds, size_t n, double timeout)
{
    if (vm->interrupted && !rt_check_signals(vm)) return -1; /* a signal that already came */
    double deadline = timeout >= 0 ? now() + timeout : 0;
    for (;;) {
        int ms = timeout < 0 ? -1 : (int)ceil(timeout * 1000);
        int r = poll(fds, n, ms);
        if (r >= 0) return r;
        if (errno != EINTR) {
            rt_raise_oserror(vm, errno, NULL);
            return -1;
        }
        if (!rt_check_signals(vm)) return -1;
        if (timeout >= 0) {
            timeout = deadline - now();
            if (timeout < 0) timeout = 0;
        }
    }
}

/* A timeout: None → -1; else the number times scale (to seconds).  CPython
 * words the type error "a float" for select() and "an integer" for poll objects. */
static bool timeout_arg(VM *vm, Value v, double scale, const char *kind, double *out)
{
    if (!v || v == rt_None) {
        *out = -1;
        return true;
    }
    if (!rt_is_int(v) && !rt_is_float(v)) {
        rt_raise(vm, &rt_exc_TypeError, "timeout must be %s or None", kind);
        return false;
    }
    if (!rt_to_double(vm, v, out)) return false;
    *out *= scale;
    return true;
}

/* One of select()'s three lists: items (as given) and their fds. */
typedef struct FdList {
    Value items; /* list */
    int *fds;
    size_t n;
} FdList;

static bool fdlist_init(VM *vm, Value seq, FdList *l)
{
    l->items = rt_list_from_iter(vm, seq);
    if (!l->items) return false;
    l->n = v_list(l->items)->len;
    l->fds = malloc((l->n + 1) * sizeof(int));
    if (!l->fds) {
        rt_no_memory(vm);
        return false;
    }
    for (size_t i = 0; i < l->n; i++)
        if (!fileno_of(vm, v_list(l->items)->items[i], &l->fds[i])) return false;
    return true;
}

static Value sel_select(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!mp_no_kw(vm, "select", kwnames) || !mp_check_positional(vm, "select", argc, 3, 4)) return VNULL;
    double timeout;
    if (!timeout_arg(vm, argc > 3 ? argv[3] : VNULL, 1, "a float", &timeout)) return VNULL;
    if (timeout < 0 && argc > 3 && argv[3] != rt_None)
        return rt_raise(vm, &rt_exc_ValueError, "timeout must be non-negative");
    FdList l[3];
    memset(l, 0, sizeof l);
    Value result = VNULL;
    struct pollfd *pf = NULL;
    for (int k = 0; k < 3; k++)
        if (!fdlist_init(vm, argv[k], &l[k])) goto done;
    size_t total = l[0].n + l[1].n + l[2].n;
    pf = calloc(total + 1, sizeof *pf);
    if (!pf) {
        rt_no_memory(vm);
        goto done;
    }
    static const short ev[3] = {POLLIN, POLLOUT, POLLPRI};
    size_t j = 0;
    for (int k = 0; k < 3; k++)
        for (size_t i = 0; i < l[k].n; i++, j++) pf[j].fd = l[k].fds[i], pf[j].events = ev[k];
    if (poll_retry(vm, pf, total, timeout) < 0) goto done;
    Value out[3];
    j = 0;
    for (int k = 0; k < 3; k++) {
        out[k] = rt_list_new(vm, 0);
        if (!out[k]) goto done;
        for (size_t i = 0; i < l[k].n; i++, j++) {
            if (pf[j].revents & POLLNVAL) {
                rt_raise_oserror(vm, EBADF, NULL);
                goto done;
            }
            short ready = k == 0 ? POLLIN | POLLHUP | POLLERR : k == 1 ? POLLOUT | POLLERR : POLLPRI;
            if ((pf[j].revents & ready) && !rt_list_append(vm, out[k], v_list(l[k].items)->items[i])) goto done;
        }
    }
    result = rt_tuple_pack(vm, 3, out[0], out[1], out[2]);
done:
    for (int k = 0; k < 3; k++) free(l[k].fds);
    free(pf);
    return result;
}

/* ---- poll objects ---------------------------------------------------------------- */

typedef struct Poll {
    Obj hdr;
    struct pollfd *fds; /* malloc'd */
    size_t n, cap;
    bool polling;
} Poll;

static Type poll_type;

static void poll_finalize(VM *vm, Obj *o)
{
    free(((Poll *)o)->fds);
    ((Poll *)o)->fds = NULL;
}

static Poll *PL(Value v) { return (Poll *)v_obj(v); }

static ssize_t poll_find(Poll *p, int fd)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->fds[i].fd == fd) return (ssize_t)i;
    return -1;
}

static bool mask_arg(VM *vm, Value v, short *out)
{
    int64_t m;
    if (!mp_as_ssize(vm, v, &m)) return false;
    if (m < 0 || m > 0xFFFF) {
        rt_raise(vm, &rt_exc_OverflowError, "Python int too large for C unsigned short");
        return false;
    }
    *out = (short)m;
    return true;
}

static Value poll_register(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    short mask = POLLIN | POLLPRI | POLLOUT;
    if (!mp_check_positional(vm, "register", argc - 1, 1, 2) || !fileno_of(vm, argv[1], &fd) ||
        (argc > 2 && !mask_arg(vm, argv[2], &mask)))
        return VNULL;
    Poll *p = PL(argv[0]);
    ssize_t i = poll_find(p, fd);
    if (i < 0) {
        if (p->n == p->cap) {
            size_t cap = p->cap ? p->cap * 2 : 8;
            struct pollfd *nf = realloc(p->fds, cap * sizeof *nf);
            if (!nf) return rt_no_memory(vm);
            p->fds = nf;
            p->cap = cap;
        }
        i = (ssize_t)p->n++;
        p->fds[i].fd = fd;
    }
    p->fds[i].events = mask;
    p->fds[i].revents = 0;
    return rt_None;
}

static Value poll_modify(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    short mask;
    if (!mp_check_positional(vm, "modify", argc - 1, 2, 2) || !fileno_of(vm, argv[1], &fd) ||
        !mask_arg(vm, argv[2], &mask))
        return VNULL;
    ssize_t i = poll_find(PL(argv[0]), fd);
    if (i < 0) return rt_raise_oserror(vm, ENOENT, NULL);
    PL(argv[0])->fds[i].events = mask;
    return rt_None;
}

static Value poll_unregister(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    if (!mp_check_positional(vm, "unregister", argc - 1, 1, 1) || !fileno_of(vm, argv[1], &fd)) return VNULL;
    Poll *p = PL(argv[0]);
    ssize_t i = poll_find(p, fd);
    if (i < 0) return rt_raise_str(vm, &rt_exc_KeyError, v_from_small(fd));
    memmove(p->fds + i, p->fds + i + 1, (p->n - (size_t)i - 1) * sizeof *p->fds);
    p->n--;
    return rt_None;
}

/* poll([timeout]): timeout in milliseconds, None or negative: forever. */
static Value poll_poll(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!mp_check_positional(vm, "poll", argc - 1, 0, 1)) return VNULL;
    double timeout;
    if (!timeout_arg(vm, argc > 1 ? argv[1] : VNULL, 1e-3, "an integer", &timeout)) return VNULL;
    Poll *p = PL(argv[0]);
    if (p->polling) return rt_raise(vm, &rt_exc_RuntimeError, "concurrent poll() invocation");
    p->polling = true;
    int r = poll_retry(vm, p->fds, p->n, timeout);
    p->polling = false;
    if (r < 0) return VNULL;
    Value list = rt_list_new(vm, (size_t)r);
    for (size_t i = 0; list && i < p->n; i++) {
        if (!p->fds[i].revents) continue;
        Value pair = rt_tuple_pack(vm, 2, v_from_small(p->fds[i].fd), v_from_small((unsigned short)p->fds[i].revents));
        if (!pair || !rt_list_append(vm, list, pair)) return VNULL;
    }
    rt_gc_keep_alive(argv[0]);
    return list;
}

static const NativeDef poll_methods[] = {
    {"register", poll_register, 0},
    {"modify", poll_modify, 0},
    {"unregister", poll_unregister, 0},
    {"poll", poll_poll, 0},
    {NULL, NULL, 0},
};

static Type poll_type = {
    .name = "select.poll",
    .instance_size = sizeof(Poll),
    .finalize = poll_finalize,
};

static Value sel_poll(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!mp_check_positional(vm, "poll", argc, 0, 0)) return VNULL;
    Poll *p = rt_alloc(vm, &poll_type, sizeof(Poll));
    return p ? v_from(p) : VNULL;
}

/* ---- epoll objects ----------------------------------------------------------------- */

typedef struct Epoll {
    Obj hdr;
    int fd; /* -1 once closed */
} Epoll;

static Type epoll_type;

static void epoll_finalize(VM *vm, Obj *o)
{
    Epoll *e = (Epoll *)o;
    if (e->fd >= 0) close(e->fd);
    e->fd = -1;
}

static Epoll *EP(Value v) { return (Epoll *)v_obj(v); }

static bool epoll_open(VM *vm, Value self)
{
    if (EP(self)->fd >= 0) return true;
    rt_raise(vm, &rt_exc_ValueError, "I/O operation on closed epoll object");
    return false;
}

static Value epoll_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"sizehint", "flags", NULL};
    Value a[2];
    int64_t hint = -1;
    if (!rt_parse_args(vm, "epoll", argc, argv, kwnames, names, 0, 0, a) || (a[0] && !mp_as_ssize(vm, a[0], &hint)))
        return VNULL;
    if (hint == 0 || hint < -1) return rt_raise(vm, &rt_exc_ValueError, "negative sizehint");
    Epoll *e = rt_alloc(vm, &epoll_type, sizeof(Epoll));
    if (!e) return VNULL;
    e->fd = epoll_create1(EPOLL_CLOEXEC);
    if (e->fd < 0) return rt_raise_oserror(vm, errno, NULL);
    return v_from(e);
}

static Value epoll_ctl_common(VM *vm, const char *fname, int op, int argc, Value *argv, Value kwnames, bool mask)
{
    static const char *const names[] = {"fd", "eventmask", NULL};
    Value a[2];
    int fd;
    int64_t events = EPOLLIN | EPOLLPRI | EPOLLOUT;
    if (!rt_parse_args(vm, fname, argc - 1, argv + 1, kwnames, names, 0, mask && op == EPOLL_CTL_MOD ? 2 : 1, a) ||
        !epoll_open(vm, argv[0]) || !fileno_of(vm, a[0], &fd) || (a[1] && !mp_as_ssize(vm, a[1], &events)))
        return VNULL;
    struct epoll_event ev = {.events = (uint32_t)events, .data.fd = fd};
    if (epoll_ctl(EP(argv[0])->fd, op, fd, &ev) != 0) return rt_raise_oserror(vm, errno, NULL);
    return rt_None;
}

static Value epoll_register(VM *vm, int argc, Value *argv, Value kw) { return epoll_ctl_common(vm, "register", EPOLL_CTL_ADD, argc, argv, kw, true); }
static Value epoll_modify(VM *vm, int argc, Value *argv, Value kw) { return epoll_ctl_common(vm, "modify", EPOLL_CTL_MOD, argc, argv, kw, true); }
static Value epoll_unregister(VM *vm, int argc, Value *argv, Value kw) { return epoll_ctl_common(vm, "unregister", EPOLL_CTL_DEL, argc, argv, kw, false); }

/* poll(timeout=None, maxevents=-1): timeout in seconds. */
static Value epoll_poll(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"timeout", "maxevents", NULL};
    Value a[2];
    double timeout;
    int64_t maxev = -1;
    if (!rt_parse_args(vm, "poll", argc - 1, argv + 1, kwnames, names, 0, 0, a) || !epoll_open(vm, argv[0]) ||
        !timeout_arg(vm, a[0], 1, "an integer", &timeout) || (a[1] && !mp_as_ssize(vm, a[1], &maxev)))
        return VNULL;
    if (maxev == -1) maxev = FD_SETSIZE - 1;
    else if (maxev < 1) return rt_raise(vm, &rt_exc_ValueError, "maxevents must be greater than 0, got %d", (int)maxev);
    struct epoll_event *evs = malloc((size_t)maxev * sizeof *evs);
    if (!evs) return rt_no_memory(vm);
    if (vm->interrupted && !rt_check_signals(vm)) {
        free(evs);
        return VNULL;
    }
    double deadline = timeout >= 0 ? now() + timeout : 0;
    int n;
    for (;;) {
        n = epoll_wait(EP(argv[0])->fd, evs, (int)maxev, timeout < 0 ? -1 : (int)ceil(timeout * 1000));
        if (n >= 0 || errno != EINTR) break;
        if (!rt_check_signals(vm)) {
            free(evs);
            return VNULL;
        }
        if (timeout >= 0 && (timeout = deadline - now()) < 0) timeout = 0;
    }
    if (n < 0) {
        free(evs);
        return rt_raise_oserror(vm, errno, NULL);
    }
    Value list = rt_list_new(vm, (size_t)n);
    for (int i = 0; list && i < n; i++) {
        Value ev = rt_int_from_i64(vm, evs[i].events);
        Value pair = ev ? rt_tuple_pack(vm, 2, v_from_small(evs[i].data.fd), ev) : VNULL;
        if (!pair || !rt_list_append(vm, list, pair)) list = VNULL;
    }
    free(evs);
    return list;
}

static Value epoll_close(VM *vm, int argc, Value *argv, Value kwnames)
{
    epoll_finalize(vm, v_obj(argv[0]));
    return rt_None;
}

static Value epoll_fileno(VM *vm, int argc, Value *argv, Value kwnames)
{
    return epoll_open(vm, argv[0]) ? v_from_small(EP(argv[0])->fd) : VNULL;
}

static Value epoll_enter(VM *vm, int argc, Value *argv, Value kwnames)
{
    return epoll_open(vm, argv[0]) ? argv[0] : VNULL;
}

static Value epoll_get_closed(VM *vm, Value self) { return rt_bool(EP(self)->fd < 0); }

static const NativeDef epoll_methods[] = {
    {"register", epoll_register, NF_KEYWORDS}, {"modify", epoll_modify, NF_KEYWORDS},
    {"unregister", epoll_unregister, NF_KEYWORDS}, {"poll", epoll_poll, NF_KEYWORDS},
    {"close", epoll_close, 0}, {"fileno", epoll_fileno, 0},
    {"__enter__", epoll_enter, 0}, {"__exit__", epoll_close, 0},
    {NULL, NULL, 0},
};

static const GetSetDef epoll_getsets[] = {{"closed", epoll_get_closed, NULL}, {NULL, NULL, NULL}};

static Type epoll_type = {
    .name = "select.epoll",
    .instance_size = sizeof(Epoll),
    .finalize = epoll_finalize,
    .new = epoll_new,
};

static const NativeDef select_functions[] = {
    {"select", sel_select, 0},
    {"poll", sel_poll, 0},
    {NULL, NULL, 0},
};

#define POLL_CONSTANTS(X)                                                                    \
    X(POLLIN) X(POLLPRI) X(POLLOUT) X(POLLERR) X(POLLHUP) X(POLLNVAL) X(POLLRDNORM)          \
    X(POLLRDBAND) X(POLLWRNORM) X(POLLWRBAND) X(POLLMSG) X(POLLRDHUP) X(PIPE_BUF)           \
    X(EPOLLIN) X(EPOLLOUT) X(EPOLLPRI) X(EPOLLERR) X(EPOLLHUP) X(EPOLLET) X(EPOLLONESHOT)     \
    X(EPOLLEXCLUSIVE) X(EPOLLRDHUP) X(EPOLLRDNORM) X(EPOLLRDBAND) X(EPOLLWRNORM)            \
    X(EPOLLWRBAND) X(EPOLLMSG) X(EPOLL_CLOEXEC)

Value mp_select_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "select", &d);
    if (!m || !rt_add_functions(vm, d, select_functions, rt_str_intern_cstr(vm, "select")) ||
        !mp_type_ready(vm, &poll_type, NULL))
        return VNULL;
    if (!rt_dict_get_cstr(vm, poll_type.dict, "poll") &&
        (!rt_add_methods(vm, &poll_type, poll_methods) || !mp_type_ready(vm, &epoll_type, NULL) ||
         !rt_add_methods(vm, &epoll_type, epoll_methods) || !rt_add_getsets(vm, &epoll_type, epoll_getsets)))
        return VNULL;
    if (!mp_type_ready(vm, &epoll_type, d)) return VNULL;
#define X(n) if (!rt_dict_set_cstr(vm, d, #n, v_from_small(n))) return VNULL;
    POLL_CONSTANTS(X)
#undef X
    if (!rt_dict_set_cstr(vm, d, "error", v_from(&rt_exc_OSError))) return VNULL;
    return m;
}
