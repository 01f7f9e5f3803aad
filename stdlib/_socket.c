/* stdlib/_socket.c — the _socket module behind CPython's Lib/socket.py,
 * after Modules/socketmodule.c (Linux only: BSD sockets over AF_INET,
 * AF_INET6 and AF_UNIX addresses; other families are reported as raw
 * (family, bytes) pairs and refused as arguments).
 *
 * A socket object holds its fd and CPython's timeout state: timeout < 0 is
 * blocking, 0 is non-blocking, > 0 waits with poll() before each operation
 * (the fd itself is O_NONBLOCK whenever timeout >= 0, as CPython keeps it),
 * raising TimeoutError("timed out") at the deadline.  Calls interrupted by
 * a signal are retried (PEP 475) unless the signal was Ctrl-C, which raises
 * KeyboardInterrupt.  Every fd this module creates is close-on-exec. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "runtime/buffer.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "stdlib/modsupport.h"
#include "stdlib/native.h"
#include "vm/vm.h"

#ifndef UDPLITE_SEND_CSCOV /* as CPython, where the C library lacks them */
#define UDPLITE_SEND_CSCOV 10
#define UDPLITE_RECV_CSCOV 11
#endif

typedef struct Sock {
    Obj hdr;
    int fd;                /* -1 once closed or detached */
    int family, type, proto;
    double timeout;        /* seconds; < 0: blocking (None) */
} Sock;

/* The address a socket call takes or gives back. */
typedef union SockAddr {
    struct sockaddr sa;
    struct sockaddr_in in4;
    struct sockaddr_in6 in6;
    struct sockaddr_un un;
    struct sockaddr_storage storage;
} SockAddr;

static Type sock_type;
static Value sock_native_init; /* _socket.socket.__init__, to tell overrides apart */
static Value socket_gaierror, socket_herror;
/* socket.setdefaulttimeout(): process-wide in CPython too. */
static double default_timeout = -1.0;

static inline Sock *SK(Value v) { return (Sock *)v_obj(v); }

/* ---- errors and argument helpers ----------------------------------------------------- */

static Value raise_errno(VM *vm, int err) { return rt_raise_oserror(vm, err, NULL); }

/* gaierror(code, gai_strerror(code)), or the errno for EAI_SYSTEM. */
static Value raise_gai(VM *vm, int code)
{
    if (code == EAI_SYSTEM)
        return raise_errno(vm, errno);
    Value msg = rt_str_from_cstr(vm, gai_strerror(code));
    if (!msg)
        return VNULL;
    Value exc = rt_call2(vm, socket_gaierror, v_from_small(code), msg);
    return exc ? rt_raise_value(vm, exc) : VNULL;
}

static Value raise_herror(VM *vm, int code)
{
    Value msg = rt_str_from_cstr(vm, hstrerror(code));
    if (!msg)
        return VNULL;
    Value exc = rt_call2(vm, socket_herror, v_from_small(code), msg);
    return exc ? rt_raise_value(vm, exc) : VNULL;
}

/* Argument counts with CPython's messages: a qualified name ("socket.bind",
 * "_socket.dup") is a METH_O / METH_NOARGS function, any other is parsed
 * by PyArg_ParseTuple. */
static bool check_count(VM *vm, const char *name, int n, int min, int max)
{
    if (n >= min && n <= max)
        return true;
    if (strchr(name, '.'))
        rt_raise(vm, &rt_exc_TypeError, max == 0 ? "%s() takes no arguments (%d given)"
                                                 : "%s() takes exactly one argument (%d given)",
                 name, n);
    else if (min == max)
        rt_raise(vm, &rt_exc_TypeError, "%s() takes exactly %d argument%s (%d given)", name, min,
                 min == 1 ? "" : "s", n);
    else if (n < min)
        rt_raise(vm, &rt_exc_TypeError, "%s() takes at least %d argument%s (%d given)", name, min,
                 min == 1 ? "" : "s", n);
    else
        rt_raise(vm, &rt_exc_TypeError, "%s() takes at most %d argument%s (%d given)", name, max,
                 max == 1 ? "" : "s", n);
    return false;
}

/* A C int argument (PyArg_Parse's "i"): __index__, then CPython's overflow wording. */
static bool arg_int(VM *vm, Value v, int *out)
{
    Value i = rt_index(vm, v);
    int64_t x;
    if (!i)
        return false;
    if (!rt_as_i64(vm, i, &x) || x > INT32_MAX || x < INT32_MIN) {
        vm->exc = VNULL;
        bool big = rt_int_sign(i) > 0;
        rt_raise(vm, &rt_exc_OverflowError, "signed integer is %s than %s",
                 big ? "greater" : "less", big ? "maximum" : "minimum");
        return false;
    }
    *out = (int)x;
    return true;
}

/* An optional int argument with a default. */
static bool arg_int_opt(VM *vm, Value v, int dflt, int *out)
{
    if (!v) {
        *out = dflt;
        return true;
    }
    return arg_int(vm, v, out);
}

/* An index-sized argument ("n"). */
static bool arg_ssize(VM *vm, Value v, int64_t *out) { return mp_as_ssize(vm, v, out); }

/* Timeout arguments (settimeout, setdefaulttimeout): None → -1, else a
 * non-negative number of seconds. */
static bool arg_timeout(VM *vm, Value v, double *out)
{
    if (v == rt_None) {
        *out = -1.0;
        return true;
    }
    double d;
    if (rt_is_float(v)) {
        d = v_f(v);
        if (isnan(d)) {
            rt_raise(vm, &rt_exc_ValueError, "Invalid value NaN (not a number)");
            return false;
        }
    } else {
        Value i = rt_index(vm, v);
        bool ovf = false;
        if (!i)
            return false;
        d = rt_int_to_double(vm, i, &ovf);
        if (ovf) {
            rt_raise(vm, &rt_exc_OverflowError, "timestamp too large to convert to C _PyTime_t");
            return false;
        }
    }
    if (d < 0) {
        rt_raise(vm, &rt_exc_ValueError, "Timeout value out of range");
        return false;
    }
    if (d > 9223372036.0) {
        rt_raise(vm, &rt_exc_OverflowError, "timestamp too large to convert to C _PyTime_t");
        return false;
    }
    *out = d;
    return true;
}

static Value timeout_value(VM *vm, double t) { return t < 0 ? rt_None : rt_float_new(vm, t); }

/* Ctrl-C arrived while a call was interrupted: raise KeyboardInterrupt. */
static bool interrupted(VM *vm)
{
    if (!vm->interrupted)
        return false;
    vm->interrupted = 0;
    rt_raise_value(vm, v_from(&rt_exc_KeyboardInterrupt));
    return true;
}

static double monotonic(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Out of descriptors: unclosed sockets that are garbage still hold theirs
 * until a collection finalizes them (CPython closes them when the last
 * reference goes), so collect once before giving up.  True: try again. */
static bool collect_for_fds(VM *vm, int err)
{
    if (err != EMFILE && err != ENFILE)
        return false;
    rt_gc_collect(vm);
    return true;
}

/* ---- blocking, timeouts and the call loop -------------------------------------------- */

static bool set_blocking_fd(VM *vm, int fd, bool block)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, block ? fl & ~O_NONBLOCK : fl | O_NONBLOCK) < 0) {
        raise_errno(vm, errno);
        return false;
    }
    return true;
}

/* Wait until fd is ready or the deadline (< 0: none) passes: 1 ready, 0
 * timed out, -1 exception set. */
static int wait_fd(VM *vm, int fd, bool writing, double deadline)
{
    if (fd < 0) /* closed: let the call itself fail with EBADF, as CPython does */
        return 1;
    for (;;) {
        int ms = -1;
        if (deadline >= 0) {
            double left = deadline - monotonic();
            if (left <= 0)
                return 0;
            ms = (int)ceil(left * 1000.0);
        }
        struct pollfd p = {.fd = fd, .events = writing ? POLLOUT : POLLIN};
        int r = poll(&p, 1, ms);
        if (r > 0)
            return 1;
        if (r == 0)
            return 0;
        if (errno != EINTR) {
            raise_errno(vm, errno);
            return -1;
        }
        if (interrupted(vm))
            return -1;
    }
}

typedef ssize_t (*SockOp)(Sock *s, void *ctx);

/* CPython's sock_call: run op until it succeeds, waiting for readiness
 * first when the socket has a timeout; deadline < 0 means "from the
 * socket's timeout".  Returns op's result, or -1 with an exception set. */
static ssize_t sock_call_until(VM *vm, Sock *s, bool writing, SockOp op, void *ctx, double deadline)
{
    bool timed = s->timeout > 0;
    if (timed && deadline < 0)
        deadline = monotonic() + s->timeout;
    for (;;) {
        if (timed) {
            int r = wait_fd(vm, s->fd, writing, deadline);
            if (r < 0)
                return -1;
            if (r == 0) {
                rt_raise(vm, &rt_exc_TimeoutError, "timed out");
                return -1;
            }
        }
        ssize_t n;
        for (;;) {
            n = op(s, ctx);
            if (n >= 0 || errno != EINTR)
                break;
            if (interrupted(vm))
                return -1;
        }
        if (n >= 0)
            return n;
        if (timed && (errno == EWOULDBLOCK || errno == EAGAIN))
            continue;
        raise_errno(vm, errno);
        return -1;
    }
}

static ssize_t sock_call(VM *vm, Sock *s, bool writing, SockOp op, void *ctx)
{
    return sock_call_until(vm, s, writing, op, ctx, -1);
}

/* ---- addresses ----------------------------------------------------------------------- */

/* Host name arguments (CPython's idna_converter): str (ASCII; IDNA
 * encoding of other names is not implemented), bytes or bytearray. */
static bool host_arg(VM *vm, Value v, char *buf, size_t cap)
{
    const char *p;
    size_t n;
    if (v_is_str(v)) {
        Str *s = v_str(v);
        if (!s->ascii) {
            rt_raise(vm, &rt_exc_NotImplementedError,
                     "_socket: IDNA encoding of non-ASCII host names");
            return false;
        }
        p = s->data;
        n = s->len;
    } else if (v_isa(v, &rt_bytes_type) || rt_is_bytearray(v)) {
        BView bv = rt_bytes_view(v);
        p = (const char *)bv.data;
        n = bv.len;
    } else {
        rt_raise(vm, &rt_exc_TypeError, "str, bytes or bytearray expected, not %s",
                 rt_type_name(v));
        return false;
    }
    if (memchr(p, 0, n)) {
        rt_raise(vm, &rt_exc_TypeError, "host name must not contain null character");
        return false;
    }
    if (n >= cap) {
        rt_raise(vm, &rt_exc_UnicodeError, "label too long");
        return false;
    }
    memcpy(buf, p, n);
    buf[n] = 0;
    return true;
}

/* CPython's setipaddr: a host name or numeric address into *addr (family
 * AF_INET or AF_INET6; "" is the wildcard, "<broadcast>" INADDR_BROADCAST). */
static bool set_ip_addr(VM *vm, const char *name, SockAddr *addr, int family)
{
    if (name[0] == 0) {
        memset(addr, 0, sizeof *addr);
        addr->sa.sa_family = (sa_family_t)family;
        return true;
    }
    if (!strcmp(name, "<broadcast>") || !strcmp(name, "255.255.255.255")) {
        if (family != AF_INET) {
            rt_raise(vm, &rt_exc_OSError, "address family mismatched");
            return false;
        }
        addr->in4.sin_family = AF_INET;
        addr->in4.sin_addr.s_addr = INADDR_BROADCAST;
        return true;
    }
    if (family == AF_INET && inet_pton(AF_INET, name, &addr->in4.sin_addr) == 1) {
        addr->in4.sin_family = AF_INET;
        return true;
    }
    if (family == AF_INET6 && inet_pton(AF_INET6, name, &addr->in6.sin6_addr) == 1) {
        addr->in6.sin6_family = AF_INET6;
        return true;
    }
    struct addrinfo hints = {.ai_family = family}, *res;
    int err = getaddrinfo(name, NULL, &hints, &res);
    if (err) {
        raise_gai(vm, err);
        return false;
    }
    size_t n = res->ai_addrlen < sizeof *addr ? res->ai_addrlen : sizeof *addr;
    memcpy(addr, res->ai_addr, n);
    freeaddrinfo(res);
    return true;
}

/* CPython's getsockaddrarg: the Python form of an address for socket s's
 * family into *addr; `caller` names the method in messages. */
static bool parse_addr(VM *vm, Sock *s, Value a, SockAddr *addr, socklen_t *len, const char *caller)
{
    memset(addr, 0, sizeof *addr);
    switch (s->family) {
    case AF_UNIX: {
        const uint8_t *p;
        size_t n;
        RtBuffer buf;
        bool have_buf = false;
        if (v_is_str(a)) {
            p = (const uint8_t *)v_cstr(a);
            n = v_str(a)->len;
        } else {
            if (!rt_get_buffer(vm, a, &buf, 0))
                return false;
            have_buf = true;
            p = buf.ptr;
            n = buf.len;
        }
        /* Linux's abstract namespace: a leading NUL, no terminator. */
        bool abstract = n > 0 && p[0] == 0;
        if (abstract ? n > sizeof addr->un.sun_path : n >= sizeof addr->un.sun_path) {
            if (have_buf)
                rt_buffer_release(vm, &buf);
            rt_raise(vm, &rt_exc_OSError, "AF_UNIX path too long");
            return false;
        }
        memcpy(addr->un.sun_path, p, n);
        if (have_buf)
            rt_buffer_release(vm, &buf);
        addr->un.sun_family = AF_UNIX;
        *len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + (abstract ? 0 : 1));
        return true;
    }
    case AF_INET:
    case AF_INET6: {
        bool v6 = s->family == AF_INET6;
        const char *fam = v6 ? "AF_INET6" : "AF_INET";
        if (!v_isa(a, &rt_tuple_type)) {
            rt_raise(vm, &rt_exc_TypeError, "%s(): %s address must be tuple, not %s", caller, fam,
                     rt_type_name(a));
            return false;
        }
        Tuple *t = v_tuple(a);
        if (t->len < 2 || t->len > (v6 ? 4u : 2u)) {
            if (v6)
                rt_raise(vm, &rt_exc_TypeError,
                         "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])");
            else
                rt_raise(vm, &rt_exc_TypeError, "AF_INET address must be a pair (host, port)");
            return false;
        }
        char host[1024];
        int port;
        int64_t flow = 0, scope = 0;
        if (!host_arg(vm, t->items[0], host, sizeof host))
            return false;
        if (!arg_int(vm, t->items[1], &port)) {
            if (rt_exc_clear_if(vm, &rt_exc_OverflowError))
                rt_raise(vm, &rt_exc_OverflowError, "%s(): port must be 0-65535.", caller);
            return false;
        }
        if (t->len > 2 && !mp_as_ssize(vm, t->items[2], &flow))
            return false;
        if (t->len > 3 && !mp_as_ssize(vm, t->items[3], &scope))
            return false;
        if (!set_ip_addr(vm, host, addr, s->family))
            return false;
        if (port < 0 || port > 0xffff) {
            rt_raise(vm, &rt_exc_OverflowError, "%s(): port must be 0-65535.", caller);
            return false;
        }
        if (!v6) {
            addr->in4.sin_family = AF_INET;
            addr->in4.sin_port = htons((uint16_t)port);
            *len = sizeof addr->in4;
            return true;
        }
        /* "I" conversions wrap: a negative flowinfo is a huge one. */
        if ((uint32_t)flow > 0xfffff || flow != (int64_t)(uint32_t)flow) {
            rt_raise(vm, &rt_exc_OverflowError, "%s(): flowinfo must be 0-1048575.", caller);
            return false;
        }
        addr->in6.sin6_family = AF_INET6;
        addr->in6.sin6_port = htons((uint16_t)port);
        addr->in6.sin6_flowinfo = htonl((uint32_t)flow);
        addr->in6.sin6_scope_id = (uint32_t)scope;
        *len = sizeof addr->in6;
        return true;
    }
    default:
        rt_raise(vm, &rt_exc_OSError, "%s(): bad family", caller);
        return false;
    }
}

/* CPython's makesockaddr: the Python form of an address the kernel gave. */
static Value make_addr(VM *vm, const SockAddr *addr, socklen_t len)
{
    if (len == 0)
        return rt_None;
    char host[INET6_ADDRSTRLEN];
    Value h;
    switch (addr->sa.sa_family) {
    case AF_INET:
        inet_ntop(AF_INET, &addr->in4.sin_addr, host, sizeof host);
        if (!(h = rt_str_from_cstr(vm, host)))
            return VNULL;
        return rt_tuple_pack(vm, 2, h, v_from_small(ntohs(addr->in4.sin_port)));
    case AF_INET6:
        inet_ntop(AF_INET6, &addr->in6.sin6_addr, host, sizeof host);
        if (!(h = rt_str_from_cstr(vm, host)))
            return VNULL;
        return rt_tuple_pack(vm, 4, h, v_from_small(ntohs(addr->in6.sin6_port)),
                             v_from_small(ntohl(addr->in6.sin6_flowinfo)),
                             v_from_small(addr->in6.sin6_scope_id));
    case AF_UNIX: {
        size_t off = offsetof(struct sockaddr_un, sun_path);
        size_t n = len > off ? len - off : 0;
        if (n > sizeof addr->un.sun_path)
            n = sizeof addr->un.sun_path;
        if (n > 0 && addr->un.sun_path[0] == 0) /* abstract: the bytes as they are */
            return rt_bytes_new(vm, (const uint8_t *)addr->un.sun_path, n);
        n = strnlen(addr->un.sun_path, n);
        Value s = rt_str_new(vm, addr->un.sun_path, n);
        if (!s && rt_exc_clear_if(vm, &rt_exc_UnicodeDecodeError))
            return rt_bytes_new(vm, (const uint8_t *)addr->un.sun_path, n);
        return s;
    }
    default: {
        size_t off = offsetof(struct sockaddr, sa_data);
        size_t n = len > off ? len - off : 0;
        if (n > sizeof addr->storage - off)
            n = sizeof addr->storage - off;
        Value data = rt_bytes_new(vm, (const uint8_t *)addr->sa.sa_data, n);
        return data ? rt_tuple_pack(vm, 2, v_from_small(addr->sa.sa_family), data) : VNULL;
    }
    }
}

/* ---- the socket object: creation ----------------------------------------------------- */

static bool sock_setup(VM *vm, Sock *s, int fd, int family, int type, int proto)
{
    s->fd = fd;
    s->family = family;
    s->type = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    s->proto = proto;
    if (type & SOCK_NONBLOCK) {
        s->timeout = 0;
        return true;
    }
    s->timeout = default_timeout;
    return default_timeout < 0 || set_blocking_fd(vm, fd, false);
}

/* The family, type and proto of an existing fd, where the caller left -1. */
static bool probe_fd(VM *vm, int fd, int *family, int *type, int *proto)
{
    SockAddr a;
    socklen_t alen = sizeof a;
    memset(&a, 0, sizeof a);
    if (getsockname(fd, &a.sa, &alen) == 0) {
        if (*family == -1)
            *family = a.sa.sa_family;
    } else if (errno == EBADF || errno == ENOTSOCK) {
        raise_errno(vm, errno);
        return false;
    }
    int *slots[2] = {type, proto};
    int opts[2] = {SO_TYPE, SO_PROTOCOL};
    for (int i = 0; i < 2; i++) {
        if (*slots[i] != -1)
            continue;
        socklen_t l = sizeof(int);
        if (getsockopt(fd, SOL_SOCKET, opts[i], slots[i], &l) < 0) {
            raise_errno(vm, errno);
            return false;
        }
    }
    return true;
}

/* socket.__init__(family=-1, type=-1, proto=-1, fileno=None) */
static bool sock_init(VM *vm, Value self, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"family", "type", "proto", "fileno", NULL};
    Value a[4];
    int family, type, proto;
    if (!rt_parse_args(vm, "socket", argc, argv, kwnames, names, 0, 0, a) ||
        !arg_int_opt(vm, a[0], -1, &family) || !arg_int_opt(vm, a[1], -1, &type) ||
        !arg_int_opt(vm, a[2], -1, &proto))
        return false;
    int fd;
    if (a[3] && a[3] != rt_None) {
        int64_t n;
        Value i = rt_index(vm, a[3]);
        if (!i)
            return false;
        if (!rt_as_i64(vm, i, &n)) {
            vm->exc = VNULL;
            rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C long");
            return false;
        }
        if (n < 0) {
            rt_raise(vm, &rt_exc_ValueError, "negative file descriptor");
            return false;
        }
        fd = (int)n; /* CPython's SOCKET_T is an int: larger values wrap */
        if (!probe_fd(vm, fd, &family, &type, &proto))
            return false;
    } else {
        if (family == -1)
            family = AF_INET;
        if (type == -1)
            type = SOCK_STREAM;
        if (proto == -1)
            proto = 0;
        fd = socket(family, type | SOCK_CLOEXEC, proto);
        if (fd < 0 && collect_for_fds(vm, errno))
            fd = socket(family, type | SOCK_CLOEXEC, proto);
        if (fd < 0) {
            raise_errno(vm, errno);
            return false;
        }
    }
    if (!sock_setup(vm, SK(self), fd, family, type, proto)) {
        if (!a[3] || a[3] == rt_None)
            close(fd);
        SK(self)->fd = -1;
        return false;
    }
    return true;
}

static Value sock_alloc(VM *vm, Type *type)
{
    Sock *s = rt_alloc(vm, type, type->instance_size);
    if (!s)
        return VNULL;
    s->fd = -1;
    s->family = AF_INET;
    s->type = SOCK_STREAM;
    s->timeout = -1.0;
    return v_from(s);
}

static Value sock_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    Value self = sock_alloc(vm, type);
    if (!self)
        return VNULL;
    /* A subclass with its own __init__ (socket.socket) initializes there. */
    if (type != &sock_type && rt_lookup_type_attr(type, vm->names.__init__) != sock_native_init)
        return self;
    return sock_init(vm, self, argc, argv, kwnames) ? self : VNULL;
}

/* A new _socket.socket for an fd this module just made. */
static Value sock_from_fd(VM *vm, int fd, int family, int type, int proto)
{
    Value v = sock_alloc(vm, &sock_type);
    if (!v || !sock_setup(vm, SK(v), fd, family, type, proto)) {
        close(fd);
        if (v)
            SK(v)->fd = -1;
        return VNULL;
    }
    return v;
}

/* Garbage sockets close their fd (CPython's sock_finalize, without the
 * ResourceWarning that its default filters hide). */
static void sock_finalize(VM *vm, Obj *o)
{
    Sock *s = (Sock *)o;
    if (s->fd >= 0) {
        close(s->fd);
        s->fd = -1;
    }
}

static Value sock_repr(VM *vm, Value v)
{
    Sock *s = SK(v);
    return rt_str_printf(vm, "<socket object, fd=%d, family=%d, type=%d, proto=%d>", s->fd,
                         s->family, s->type, s->proto);
}

/* ---- methods: life cycle and options ------------------------------------------------- */

static Value m_init(VM *vm, int argc, Value *argv, Value kwnames)
{
    return sock_init(vm, argv[0], argc - 1, argv + 1, kwnames) ? rt_None : VNULL;
}

static Value m_close(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!check_count(vm, "socket.close", argc - 1, 0, 0))
        return VNULL;
    Sock *s = SK(argv[0]);
    int fd = s->fd;
    if (fd < 0)
        return rt_None;
    s->fd = -1;
    /* The fd is gone even when close fails; a reset peer is no error. */
    if (close(fd) < 0 && errno != ECONNRESET)
        return raise_errno(vm, errno);
    return rt_None;
}

static Value m_detach(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!check_count(vm, "socket.detach", argc - 1, 0, 0))
        return VNULL;
    int fd = SK(argv[0])->fd;
    SK(argv[0])->fd = -1;
    return v_from_small(fd);
}

static Value m_fileno(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!check_count(vm, "socket.fileno", argc - 1, 0, 0))
        return VNULL;
    return v_from_small(SK(argv[0])->fd);
}

static bool apply_timeout(VM *vm, Sock *s, double t)
{
    s->timeout = t;
    return set_blocking_fd(vm, s->fd, t < 0);
}

static Value m_settimeout(VM *vm, int argc, Value *argv, Value kwnames)
{
    double t;
    if (!check_count(vm, "socket.settimeout", argc - 1, 1, 1) || !arg_timeout(vm, argv[1], &t))
        return VNULL;
    return apply_timeout(vm, SK(argv[0]), t) ? rt_None : VNULL;
}

static Value m_gettimeout(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!check_count(vm, "socket.gettimeout", argc - 1, 0, 0))
        return VNULL;
    return timeout_value(vm, SK(argv[0])->timeout);
}

static Value m_setblocking(VM *vm, int argc, Value *argv, Value kwnames)
{
    int64_t flag;
    Value i = check_count(vm, "socket.setblocking", argc - 1, 1, 1) ? rt_index(vm, argv[1]) : VNULL;
    if (!i)
        return VNULL;
    if (!rt_as_i64(vm, i, &flag)) {
        vm->exc = VNULL;
        return rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C long");
    }
    return apply_timeout(vm, SK(argv[0]), flag ? -1.0 : 0.0) ? rt_None : VNULL;
}

static Value m_getblocking(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!check_count(vm, "socket.getblocking", argc - 1, 0, 0))
        return VNULL;
    return rt_bool(SK(argv[0])->timeout != 0);
}

/* setsockopt(level, option, value: int | buffer) or (level, option, None, optlen) */
static Value m_setsockopt(VM *vm, int argc, Value *argv, Value kwnames)
{
    int level, opt, r;
    Sock *s = SK(argv[0]);
    /* CPython tries "iii" and then "iiO!I"; a bad count reports the first. */
    if (argc < 4 || argc > 5)
        return rt_raise(vm, &rt_exc_TypeError, "setsockopt() takes exactly 3 arguments (%d given)",
                        argc - 1);
    if (!arg_int(vm, argv[1], &level) || !arg_int(vm, argv[2], &opt))
        return VNULL;
    Value v = argv[3];
    if (argc == 5) {
        int64_t optlen;
        if (v != rt_None)
            return rt_raise(vm, &rt_exc_TypeError,
                            "setsockopt() argument 3 must be NoneType, not %s", rt_type_name(v));
        if (!arg_ssize(vm, argv[4], &optlen))
            return VNULL;
        r = setsockopt(s->fd, level, opt, NULL, (socklen_t)optlen);
    } else if (rt_is_int(v)) {
        int flag;
        if (!arg_int(vm, v, &flag))
            return VNULL;
        r = setsockopt(s->fd, level, opt, &flag, sizeof flag);
    } else {
        RtBuffer buf;
        if (!rt_get_buffer(vm, v, &buf, 0))
            return VNULL;
        r = setsockopt(s->fd, level, opt, buf.ptr, (socklen_t)buf.len);
        rt_buffer_release(vm, &buf);
    }
    return r < 0 ? raise_errno(vm, errno) : rt_None;
}

/* getsockopt(level, option[, buflen]): an int, or bytes of at most buflen. */
static Value m_getsockopt(VM *vm, int argc, Value *argv, Value kwnames)
{
    int level, opt, buflen = 0;
    Sock *s = SK(argv[0]);
    if (!check_count(vm, "getsockopt", argc - 1, 2, 3) || !arg_int(vm, argv[1], &level) ||
        !arg_int(vm, argv[2], &opt) || (argc == 4 && !arg_int(vm, argv[3], &buflen)))
        return VNULL;
    if (buflen == 0) {
        int flag = 0;
        socklen_t l = sizeof flag;
        if (getsockopt(s->fd, level, opt, &flag, &l) < 0)
            return raise_errno(vm, errno);
        return v_from_small(flag);
    }
    if (buflen <= 0 || buflen > 1024)
        return rt_raise(vm, &rt_exc_OSError, "getsockopt buflen out of range");
    uint8_t buf[1024];
    socklen_t l = (socklen_t)buflen;
    if (getsockopt(s->fd, level, opt, buf, &l) < 0)
        return raise_errno(vm, errno);
    return rt_bytes_new(vm, buf, l);
}

/* ---- methods: addresses and connections ---------------------------------------------- */

static Value m_bind(VM *vm, int argc, Value *argv, Value kwnames)
{
    SockAddr a;
    socklen_t len;
    if (!check_count(vm, "socket.bind", argc - 1, 1, 1) ||
        !parse_addr(vm, SK(argv[0]), argv[1], &a, &len, "bind"))
        return VNULL;
    if (bind(SK(argv[0])->fd, &a.sa, len) < 0)
        return raise_errno(vm, errno);
    return rt_None;
}

static Value m_listen(VM *vm, int argc, Value *argv, Value kwnames)
{
    int backlog = SOMAXCONN < 128 ? SOMAXCONN : 128;
    if (!check_count(vm, "listen", argc - 1, 0, 1) ||
        (argc == 2 && !arg_int(vm, argv[1], &backlog)))
        return VNULL;
    if (listen(SK(argv[0])->fd, backlog < 0 ? 0 : backlog) < 0)
        return raise_errno(vm, errno);
    return rt_None;
}

/* CPython's internal_connect: 0, an errno, or -1 with an exception set
 * (timeouts are EWOULDBLOCK when !raise, as connect_ex reports them). */
static int do_connect(VM *vm, Sock *s, const SockAddr *a, socklen_t len, bool raise)
{
    int r = connect(s->fd, &a->sa, len);
    if (r == 0)
        return 0;
    int err = errno;
    if (err == EINTR && interrupted(vm))
        return -1;
    bool wait = (err == EINPROGRESS && s->timeout > 0) || (err == EINTR && s->timeout != 0);
    if (!wait)
        return err;
    double deadline = s->timeout > 0 ? monotonic() + s->timeout : -1;
    int w = wait_fd(vm, s->fd, true, deadline);
    if (w < 0)
        return -1;
    if (w == 0) {
        if (!raise)
            return EWOULDBLOCK;
        rt_raise(vm, &rt_exc_TimeoutError, "timed out");
        return -1;
    }
    socklen_t l = sizeof err;
    if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &l) < 0)
        err = errno;
    return err == EISCONN ? 0 : err;
}

static Value connect_common(VM *vm, int argc, Value *argv, const char *name, bool raise)
{
    SockAddr a;
    socklen_t len;
    if (!check_count(vm, raise ? "socket.connect" : "socket.connect_ex", argc - 1, 1, 1) ||
        !parse_addr(vm, SK(argv[0]), argv[1], &a, &len, name))
        return VNULL;
    int err = do_connect(vm, SK(argv[0]), &a, len, raise);
    if (err < 0)
        return VNULL;
    if (!raise)
        return v_from_small(err);
    return err ? raise_errno(vm, err) : rt_None;
}

static Value m_connect(VM *vm, int argc, Value *argv, Value kwnames)
{
    return connect_common(vm, argc, argv, "connect", true);
}

static Value m_connect_ex(VM *vm, int argc, Value *argv, Value kwnames)
{
    return connect_common(vm, argc, argv, "connect_ex", false);
}

typedef struct AddrCtx {
    SockAddr addr;
    socklen_t len;
    int fd;
} AddrCtx;

static ssize_t op_accept(Sock *s, void *ctx)
{
    AddrCtx *c = ctx;
    c->len = sizeof c->addr;
    return c->fd = accept4(s->fd, &c->addr.sa, &c->len, SOCK_CLOEXEC);
}

/* _accept() -> (fd, address): socket.accept wraps the fd. */
static Value m_accept(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!check_count(vm, "socket._accept", argc - 1, 0, 0))
        return VNULL;
    AddrCtx c;
    memset(&c, 0, sizeof c);
    if (sock_call(vm, SK(argv[0]), false, op_accept, &c) < 0) {
        Value e = rt_exc_matches(vm, vm->exc, &rt_exc_OSError) ? rt_exc_field(vm, vm->exc, "errno")
                                                               : VNULL;
        if (!e || !v_is_small(e) || !collect_for_fds(vm, (int)v_small(e)))
            return VNULL;
        vm->exc = VNULL;
        if (sock_call(vm, SK(argv[0]), false, op_accept, &c) < 0)
            return VNULL;
    }
    Value addr = make_addr(vm, &c.addr, c.len);
    Value fd = addr ? v_from_small(c.fd) : VNULL;
    Value r = fd ? rt_tuple_pack(vm, 2, fd, addr) : VNULL;
    if (!r)
        close(c.fd);
    return r;
}

static Value name_common(VM *vm, int argc, Value *argv, const char *fname,
                         int (*get)(int, struct sockaddr *, socklen_t *))
{
    if (!check_count(vm, fname, argc - 1, 0, 0))
        return VNULL;
    SockAddr a;
    socklen_t len = sizeof a;
    memset(&a, 0, sizeof a);
    if (get(SK(argv[0])->fd, &a.sa, &len) < 0)
        return raise_errno(vm, errno);
    /* An unbound AF_UNIX socket has a name of just the family. */
    if (a.sa.sa_family == 0 && len <= sizeof(sa_family_t))
        a.sa.sa_family = (sa_family_t)SK(argv[0])->family;
    return make_addr(vm, &a, len);
}

static Value m_getsockname(VM *vm, int argc, Value *argv, Value kwnames)
{
    return name_common(vm, argc, argv, "socket.getsockname", getsockname);
}

static Value m_getpeername(VM *vm, int argc, Value *argv, Value kwnames)
{
    return name_common(vm, argc, argv, "socket.getpeername", getpeername);
}

static Value m_shutdown(VM *vm, int argc, Value *argv, Value kwnames)
{
    int how;
    if (!check_count(vm, "socket.shutdown", argc - 1, 1, 1) || !arg_int(vm, argv[1], &how))
        return VNULL;
    if (shutdown(SK(argv[0])->fd, how) < 0)
        return raise_errno(vm, errno);
    return rt_None;
}

/* ---- methods: data ------------------------------------------------------------------- */

typedef struct IoCtx {
    uint8_t *buf;
    size_t len;
    int flags;
    SockAddr addr;   /* recvfrom: filled; sendto: given */
    socklen_t alen;
} IoCtx;

static ssize_t op_recv(Sock *s, void *ctx)
{
    IoCtx *c = ctx;
    return recv(s->fd, c->buf, c->len, c->flags);
}

static ssize_t op_recvfrom(Sock *s, void *ctx)
{
    IoCtx *c = ctx;
    c->alen = sizeof c->addr;
    memset(&c->addr, 0, sizeof c->addr);
    return recvfrom(s->fd, c->buf, c->len, c->flags, &c->addr.sa, &c->alen);
}

static ssize_t op_send(Sock *s, void *ctx)
{
    IoCtx *c = ctx;
    return send(s->fd, c->buf, c->len, c->flags);
}

static ssize_t op_sendto(Sock *s, void *ctx)
{
    IoCtx *c = ctx;
    return sendto(s->fd, c->buf, c->len, c->flags, &c->addr.sa, c->alen);
}

/* recv / recvfrom: bytes of at most bufsize (and the sender's address). */
static Value recv_common(VM *vm, int argc, Value *argv, const char *name, bool from)
{
    int64_t size;
    IoCtx c = {0};
    if (!check_count(vm, name, argc - 1, 1, 2) || !arg_ssize(vm, argv[1], &size) ||
        !arg_int_opt(vm, argc == 3 ? argv[2] : VNULL, 0, &c.flags))
        return VNULL;
    if (size < 0)
        return rt_raise(vm, &rt_exc_ValueError, "negative buffersize in %s", name);
    c.len = (size_t)size;
    c.buf = malloc(c.len ? c.len : 1);
    if (!c.buf)
        return rt_no_memory(vm);
    ssize_t n = sock_call(vm, SK(argv[0]), false, from ? op_recvfrom : op_recv, &c);
    Value data = n >= 0 ? rt_bytes_new(vm, c.buf, (size_t)n) : VNULL;
    free(c.buf);
    if (!data || !from)
        return data;
    Value addr = make_addr(vm, &c.addr, c.alen);
    return addr ? rt_tuple_pack(vm, 2, data, addr) : VNULL;
}

static Value m_recv(VM *vm, int argc, Value *argv, Value kwnames)
{
    return recv_common(vm, argc, argv, "recv", false);
}

static Value m_recvfrom(VM *vm, int argc, Value *argv, Value kwnames)
{
    return recv_common(vm, argc, argv, "recvfrom", true);
}

/* recv_into / recvfrom_into(buffer, nbytes=0, flags=0) */
static Value recv_into_common(VM *vm, int argc, Value *argv, Value kwnames, const char *name,
                              bool from)
{
    static const char *const names[] = {"buffer", "nbytes", "flags", NULL};
    Value a[3];
    int64_t nbytes = 0;
    IoCtx c = {0};
    if (!rt_parse_args(vm, name, argc - 1, argv + 1, kwnames, names, 0, 1, a) ||
        (a[1] && !arg_ssize(vm, a[1], &nbytes)) || !arg_int_opt(vm, a[2], 0, &c.flags))
        return VNULL;
    RtBuffer buf;
    if (!rt_has_buffer(a[0]) || !rt_get_buffer(vm, a[0], &buf, RT_BUF_WRITABLE)) {
        vm->exc = VNULL;
        return rt_raise(vm, &rt_exc_TypeError,
                        "%s() argument 1 must be read-write bytes-like object, not %s", name,
                        rt_type_name(a[0]));
    }
    Value r = VNULL;
    if (nbytes < 0)
        rt_raise(vm, &rt_exc_ValueError, "negative buffersize in %s", name);
    else if ((size_t)nbytes > buf.len)
        rt_raise(vm, &rt_exc_ValueError, from ? "nbytes is greater than the length of the buffer"
                                              : "buffer too small for requested bytes");
    else {
        c.buf = buf.ptr;
        c.len = nbytes ? (size_t)nbytes : buf.len;
        ssize_t n = sock_call(vm, SK(argv[0]), false, from ? op_recvfrom : op_recv, &c);
        Value addr = n >= 0 && from ? make_addr(vm, &c.addr, c.alen) : VNULL;
        if (n >= 0 && !from)
            r = v_from_small(n);
        else if (addr)
            r = rt_tuple_pack(vm, 2, v_from_small(n), addr);
    }
    rt_buffer_release(vm, &buf);
    return r;
}

static Value m_recv_into(VM *vm, int argc, Value *argv, Value kwnames)
{
    return recv_into_common(vm, argc, argv, kwnames, "recv_into", false);
}

static Value m_recvfrom_into(VM *vm, int argc, Value *argv, Value kwnames)
{
    return recv_into_common(vm, argc, argv, kwnames, "recvfrom_into", true);
}

static Value m_send(VM *vm, int argc, Value *argv, Value kwnames)
{
    IoCtx c = {0};
    RtBuffer buf;
    if (!check_count(vm, "send", argc - 1, 1, 2) ||
        !arg_int_opt(vm, argc == 3 ? argv[2] : VNULL, 0, &c.flags) ||
        !rt_get_buffer(vm, argv[1], &buf, 0))
        return VNULL;
    c.buf = buf.ptr;
    c.len = buf.len;
    ssize_t n = sock_call(vm, SK(argv[0]), true, op_send, &c);
    rt_buffer_release(vm, &buf);
    return n < 0 ? VNULL : v_from_small(n);
}

/* sendall: the socket's timeout bounds the whole call (since 3.5). */
static Value m_sendall(VM *vm, int argc, Value *argv, Value kwnames)
{
    IoCtx c = {0};
    RtBuffer buf;
    Sock *s = SK(argv[0]);
    if (!check_count(vm, "sendall", argc - 1, 1, 2) ||
        !arg_int_opt(vm, argc == 3 ? argv[2] : VNULL, 0, &c.flags) ||
        !rt_get_buffer(vm, argv[1], &buf, 0))
        return VNULL;
    double deadline = s->timeout > 0 ? monotonic() + s->timeout : -1;
    size_t done = 0;
    bool ok = true;
    do {
        c.buf = buf.ptr + done;
        c.len = buf.len - done;
        ssize_t n = sock_call_until(vm, s, true, op_send, &c, deadline);
        if (n < 0) {
            ok = false;
            break;
        }
        done += (size_t)n;
    } while (done < buf.len);
    rt_buffer_release(vm, &buf);
    return ok ? rt_None : VNULL;
}

/* sendto(data[, flags], address) */
static Value m_sendto(VM *vm, int argc, Value *argv, Value kwnames)
{
    IoCtx c = {0};
    RtBuffer buf;
    Sock *s = SK(argv[0]);
    if (argc != 3 && argc != 4)
        return rt_raise(vm, &rt_exc_TypeError, "sendto() takes 2 or 3 arguments (%d given)",
                        argc - 1);
    if ((argc == 4 && !arg_int(vm, argv[2], &c.flags)) ||
        !parse_addr(vm, s, argv[argc - 1], &c.addr, &c.alen, "sendto") ||
        !rt_get_buffer(vm, argv[1], &buf, 0))
        return VNULL;
    c.buf = buf.ptr;
    c.len = buf.len;
    ssize_t n = sock_call(vm, s, true, op_sendto, &c);
    rt_buffer_release(vm, &buf);
    return n < 0 ? VNULL : v_from_small(n);
}

/* ---- methods: sendmsg / recvmsg ------------------------------------------------------ */

/* A list of an iterable argument's items ("... must be an iterable" otherwise). */
static Value iterable_list(VM *vm, Value v, const char *what)
{
    Value it = rt_iter(vm, v);
    if (!it) {
        if (rt_exc_clear_if(vm, &rt_exc_TypeError))
            rt_raise(vm, &rt_exc_TypeError, "%s must be an iterable", what);
        return VNULL;
    }
    return rt_list_from_iter(vm, it);
}

/* Buffers held for one sendmsg/recvmsg_into call, released together. */
typedef struct BufSet {
    RtBuffer *bufs;
    size_t n;
} BufSet;

static void bufset_release(VM *vm, BufSet *b)
{
    for (size_t i = 0; i < b->n; i++)
        rt_buffer_release(vm, &b->bufs[i]);
    free(b->bufs);
    b->bufs = NULL;
    b->n = 0;
}

/* Fills iov[] from the list's buffers; false: exception set (what is held is in *b). */
static bool bufset_fill(VM *vm, BufSet *b, Value list, struct iovec *iov, int flags,
                        const char *name)
{
    List *l = v_list(list);
    b->bufs = calloc(l->len ? l->len : 1, sizeof(RtBuffer));
    if (!b->bufs) {
        rt_no_memory(vm);
        return false;
    }
    for (size_t i = 0; i < l->len; i++) {
        if (!rt_get_buffer(vm, l->items[i], &b->bufs[i], flags)) {
            if (flags & RT_BUF_WRITABLE) {
                vm->exc = VNULL;
                rt_raise(vm, &rt_exc_TypeError,
                         "%s() argument 1 must be an iterable of single-segment read-write buffers",
                         name);
            }
            return false;
        }
        b->n++;
        iov[i].iov_base = b->bufs[i].ptr;
        iov[i].iov_len = b->bufs[i].len;
    }
    return true;
}

typedef struct MsgCtx {
    struct msghdr msg;
    SockAddr addr;
    int flags;
} MsgCtx;

static ssize_t op_sendmsg(Sock *s, void *ctx)
{
    MsgCtx *c = ctx;
    return sendmsg(s->fd, &c->msg, c->flags);
}

static ssize_t op_recvmsg(Sock *s, void *ctx)
{
    MsgCtx *c = ctx;
    c->msg.msg_namelen = sizeof c->addr;
    return recvmsg(s->fd, &c->msg, c->flags);
}

/* The control buffer for sendmsg's ancillary items (level, type, data). */
static bool build_cmsgs(VM *vm, Value items, uint8_t **out, size_t *outlen)
{
    List *l = v_list(items);
    size_t total = 0;
    for (size_t i = 0; i < l->len; i++) {
        Value it = l->items[i];
        if (!v_isa(it, &rt_tuple_type) && !v_isa(it, &rt_list_type)) {
            rt_raise(vm, &rt_exc_TypeError,
                     "[sendmsg() ancillary data items]() argument must be 3-item sequence, not %s",
                     rt_type_name(it));
            return false;
        }
        size_t n = v_isa(it, &rt_tuple_type) ? v_tuple(it)->len : v_list(it)->len;
        if (n != 3) {
            rt_raise(vm, &rt_exc_TypeError,
                     "[sendmsg() ancillary data items]() argument must be sequence of length 3, "
                     "not %zu", n);
            return false;
        }
    }
    *out = NULL;
    *outlen = 0;
    for (int pass = 0; pass < 2; pass++) {
        struct cmsghdr *cm = NULL;
        struct msghdr fake = {.msg_control = *out, .msg_controllen = total};
        if (pass == 1) {
            if (!total)
                return true;
            if (!(*out = calloc(1, total))) {
                rt_no_memory(vm);
                return false;
            }
            fake.msg_control = *out;
            cm = CMSG_FIRSTHDR(&fake);
        }
        for (size_t i = 0; i < l->len; i++) {
            Value it = l->items[i];
            Value *f = v_isa(it, &rt_tuple_type) ? v_tuple(it)->items : v_list(it)->items;
            int level, type;
            RtBuffer buf;
            if (!arg_int(vm, f[0], &level) || !arg_int(vm, f[1], &type) ||
                !rt_get_buffer(vm, f[2], &buf, 0)) {
                free(*out);
                *out = NULL;
                return false;
            }
            if (pass == 0) {
                total += CMSG_SPACE(buf.len);
            } else {
                cm->cmsg_level = level;
                cm->cmsg_type = type;
                cm->cmsg_len = CMSG_LEN(buf.len);
                memcpy(CMSG_DATA(cm), buf.ptr, buf.len);
                cm = CMSG_NXTHDR(&fake, cm);
            }
            rt_buffer_release(vm, &buf);
        }
    }
    *outlen = total;
    return true;
}

/* sendmsg(buffers[, ancdata[, flags[, address]]]) */
static Value m_sendmsg(VM *vm, int argc, Value *argv, Value kwnames)
{
    Sock *s = SK(argv[0]);
    MsgCtx c;
    memset(&c, 0, sizeof c);
    if (!check_count(vm, "sendmsg", argc - 1, 1, 4))
        return VNULL;
    Value bufs = iterable_list(vm, argv[1], "sendmsg() argument 1");
    Value anc = !bufs ? VNULL : argc > 2 ? iterable_list(vm, argv[2], "sendmsg() argument 2")
                                         : rt_list_new(vm, 0);
    if (!anc || (argc > 3 && !arg_int(vm, argv[3], &c.flags)))
        return VNULL;
    if (argc > 4 && argv[4] != rt_None) {
        socklen_t alen;
        if (!parse_addr(vm, s, argv[4], &c.addr, &alen, "sendmsg"))
            return VNULL;
        c.msg.msg_name = &c.addr;
        c.msg.msg_namelen = alen;
    }
    size_t niov = v_list(bufs)->len;
    struct iovec *iov = calloc(niov ? niov : 1, sizeof *iov);
    BufSet held = {0};
    uint8_t *control = NULL;
    size_t controllen = 0;
    ssize_t n = -1;
    if (!iov)
        rt_no_memory(vm);
    else if (bufset_fill(vm, &held, bufs, iov, 0, "sendmsg") &&
             build_cmsgs(vm, anc, &control, &controllen)) {
        c.msg.msg_iov = iov;
        c.msg.msg_iovlen = niov;
        c.msg.msg_control = control;
        c.msg.msg_controllen = controllen;
        n = sock_call(vm, s, true, op_sendmsg, &c);
    }
    bufset_release(vm, &held);
    free(iov);
    free(control);
    rt_gc_keep_alive(bufs);
    return n < 0 ? VNULL : v_from_small(n);
}

/* (ancdata, msg_flags, address) of a finished recvmsg, after what it read. */
static Value recvmsg_result(VM *vm, MsgCtx *c, Value first)
{
    Value anc = rt_list_new(vm, 0);
    if (!anc)
        return VNULL;
    uint8_t *end = (uint8_t *)c->msg.msg_control + c->msg.msg_controllen;
    for (struct cmsghdr *cm = c->msg.msg_controllen ? CMSG_FIRSTHDR(&c->msg) : NULL; cm;
         cm = CMSG_NXTHDR(&c->msg, cm)) {
        uint8_t *data = CMSG_DATA(cm);
        size_t len = cm->cmsg_len > CMSG_LEN(0) ? cm->cmsg_len - CMSG_LEN(0) : 0;
        if (data + len > end) /* truncated by a short ancillary buffer */
            len = data < end ? (size_t)(end - data) : 0;
        Value d = rt_bytes_new(vm, data, len);
        Value item = d ? rt_tuple_pack(vm, 3, v_from_small(cm->cmsg_level),
                                       v_from_small(cm->cmsg_type), d)
                       : VNULL;
        if (!item || !rt_list_append(vm, anc, item))
            return VNULL;
    }
    Value addr = make_addr(vm, &c->addr, c->msg.msg_namelen);
    if (!addr)
        return VNULL;
    return rt_tuple_pack(vm, 4, first, anc, v_from_small(c->msg.msg_flags), addr);
}

/* The ancbufsize and flags arguments both recvmsg forms share. */
static bool recvmsg_args(VM *vm, int argc, Value *argv, const char *name, MsgCtx *c,
                         uint8_t **control)
{
    int64_t anc = 0;
    if ((argc > 2 && !arg_ssize(vm, argv[2], &anc)) || (argc > 3 && !arg_int(vm, argv[3], &c->flags)))
        return false;
    if (anc < 0 || anc > 0x7fffffff) {
        rt_raise(vm, &rt_exc_ValueError, "invalid ancillary data buffer length");
        return false;
    }
    *control = NULL;
    if (anc > 0 && !(*control = calloc(1, (size_t)anc))) {
        rt_no_memory(vm);
        return false;
    }
    c->msg.msg_control = *control;
    c->msg.msg_controllen = (size_t)anc;
    c->msg.msg_name = &c->addr;
    return true;
}

/* recvmsg(bufsize[, ancbufsize[, flags]]) -> (data, ancdata, msg_flags, address) */
static Value m_recvmsg(VM *vm, int argc, Value *argv, Value kwnames)
{
    MsgCtx c;
    memset(&c, 0, sizeof c);
    int64_t size;
    uint8_t *control;
    if (!check_count(vm, "recvmsg", argc - 1, 1, 3) || !arg_ssize(vm, argv[1], &size))
        return VNULL;
    if (size < 0)
        return rt_raise(vm, &rt_exc_ValueError, "negative buffer size in recvmsg()");
    if (!recvmsg_args(vm, argc, argv, "recvmsg", &c, &control))
        return VNULL;
    struct iovec iov = {.iov_base = malloc(size ? (size_t)size : 1), .iov_len = (size_t)size};
    Value r = VNULL;
    if (!iov.iov_base) {
        rt_no_memory(vm);
    } else {
        c.msg.msg_iov = &iov;
        c.msg.msg_iovlen = 1;
        ssize_t n = sock_call(vm, SK(argv[0]), false, op_recvmsg, &c);
        Value data = n >= 0 ? rt_bytes_new(vm, iov.iov_base, (size_t)n) : VNULL;
        if (data)
            r = recvmsg_result(vm, &c, data);
    }
    free(iov.iov_base);
    free(control);
    return r;
}

/* recvmsg_into(buffers[, ancbufsize[, flags]]) -> (nbytes, ancdata, msg_flags, address) */
static Value m_recvmsg_into(VM *vm, int argc, Value *argv, Value kwnames)
{
    MsgCtx c;
    memset(&c, 0, sizeof c);
    uint8_t *control;
    if (!check_count(vm, "recvmsg_into", argc - 1, 1, 3))
        return VNULL;
    Value bufs = iterable_list(vm, argv[1], "recvmsg_into() argument 1");
    if (!bufs || !recvmsg_args(vm, argc, argv, "recvmsg_into", &c, &control))
        return VNULL;
    size_t niov = v_list(bufs)->len;
    struct iovec *iov = calloc(niov ? niov : 1, sizeof *iov);
    BufSet held = {0};
    Value r = VNULL;
    if (!iov) {
        rt_no_memory(vm);
    } else if (bufset_fill(vm, &held, bufs, iov, RT_BUF_WRITABLE, "recvmsg_into")) {
        c.msg.msg_iov = iov;
        c.msg.msg_iovlen = niov;
        ssize_t n = sock_call(vm, SK(argv[0]), false, op_recvmsg, &c);
        if (n >= 0)
            r = recvmsg_result(vm, &c, v_from_small(n));
    }
    bufset_release(vm, &held);
    free(iov);
    free(control);
    rt_gc_keep_alive(bufs);
    return r;
}

static const NativeDef sock_methods[] = {
    {"__init__", m_init, NF_KEYWORDS},
    {"_accept", m_accept, 0},
    {"bind", m_bind, 0},
    {"close", m_close, 0},
    {"connect", m_connect, 0},
    {"connect_ex", m_connect_ex, 0},
    {"detach", m_detach, 0},
    {"fileno", m_fileno, 0},
    {"getpeername", m_getpeername, 0},
    {"getsockname", m_getsockname, 0},
    {"getsockopt", m_getsockopt, 0},
    {"getblocking", m_getblocking, 0},
    {"gettimeout", m_gettimeout, 0},
    {"listen", m_listen, 0},
    {"recv", m_recv, 0},
    {"recv_into", m_recv_into, NF_KEYWORDS},
    {"recvfrom", m_recvfrom, 0},
    {"recvfrom_into", m_recvfrom_into, NF_KEYWORDS},
    {"recvmsg", m_recvmsg, 0},
    {"recvmsg_into", m_recvmsg_into, 0},
    {"send", m_send, 0},
    {"sendall", m_sendall, 0},
    {"sendmsg", m_sendmsg, 0},
    {"sendto", m_sendto, 0},
    {"setblocking", m_setblocking, 0},
    {"settimeout", m_settimeout, 0},
    {"setsockopt", m_setsockopt, 0},
    {"shutdown", m_shutdown, 0},
    {NULL, NULL, 0},
};

static Value get_family(VM *vm, Value self) { return v_from_small(SK(self)->family); }
static Value get_type(VM *vm, Value self) { return v_from_small(SK(self)->type); }
static Value get_proto(VM *vm, Value self) { return v_from_small(SK(self)->proto); }
static Value get_timeout(VM *vm, Value self) { return timeout_value(vm, SK(self)->timeout); }

/* family, type and proto are members in CPython: "readonly attribute". */
static int set_member(VM *vm, Value self, Value v)
{
    rt_raise(vm, &rt_exc_AttributeError, "readonly attribute");
    return -1;
}

static const GetSetDef sock_getsets[] = {
    {"family", get_family, set_member},
    {"type", get_type, set_member},
    {"proto", get_proto, set_member},
    {"timeout", get_timeout, NULL},
    {NULL, NULL, NULL},
};

static Type sock_type = {
    .name = "_socket.socket", .instance_size = sizeof(Sock), .new = sock_new,
    .finalize = sock_finalize, .repr = sock_repr, .flags = TF_BASETYPE | TF_EXTERNAL,
};


/* ---- module functions: sockets and descriptors --------------------------------------- */

/* socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0) */
static Value f_socketpair(VM *vm, int argc, Value *argv, Value kwnames)
{
    int family = AF_UNIX, type = SOCK_STREAM, proto = 0, sv[2];
    if (!check_count(vm, "socketpair", argc, 0, 3) ||
        (argc > 0 && !arg_int(vm, argv[0], &family)) ||
        (argc > 1 && !arg_int(vm, argv[1], &type)) ||
        (argc > 2 && !arg_int(vm, argv[2], &proto)))
        return VNULL;
    int r = socketpair(family, type | SOCK_CLOEXEC, proto, sv);
    if (r < 0 && collect_for_fds(vm, errno))
        r = socketpair(family, type | SOCK_CLOEXEC, proto, sv);
    if (r < 0)
        return raise_errno(vm, errno);
    Value a = sock_from_fd(vm, sv[0], family, type, proto);
    if (!a) {
        close(sv[1]);
        return VNULL;
    }
    Value b = sock_from_fd(vm, sv[1], family, type, proto);
    return b ? rt_tuple_pack(vm, 2, a, b) : VNULL;
}

static bool arg_fd(VM *vm, Value v, int *fd)
{
    int64_t n;
    Value i = rt_index(vm, v);
    if (!i || !rt_as_i64(vm, i, &n))
        return false;
    *fd = n < INT32_MIN || n > INT32_MAX ? -1 : (int)n;
    return true;
}

static Value f_dup(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    if (!check_count(vm, "_socket.dup", argc, 1, 1) || !arg_fd(vm, argv[0], &fd))
        return VNULL;
    int r = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (r < 0 && collect_for_fds(vm, errno))
        r = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    return r < 0 ? raise_errno(vm, errno) : v_from_small(r);
}

static Value f_close(VM *vm, int argc, Value *argv, Value kwnames)
{
    int fd;
    if (!check_count(vm, "_socket.close", argc, 1, 1) || !arg_fd(vm, argv[0], &fd))
        return VNULL;
    if (close(fd) < 0 && errno != ECONNRESET)
        return raise_errno(vm, errno);
    return rt_None;
}

static Value f_getdefaulttimeout(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!check_count(vm, "_socket.getdefaulttimeout", argc, 0, 0))
        return VNULL;
    return timeout_value(vm, default_timeout);
}

static Value f_setdefaulttimeout(VM *vm, int argc, Value *argv, Value kwnames)
{
    double t;
    if (!check_count(vm, "_socket.setdefaulttimeout", argc, 1, 1) || !arg_timeout(vm, argv[0], &t))
        return VNULL;
    default_timeout = t;
    return rt_None;
}

/* ---- module functions: names and addresses ------------------------------------------- */

/* A str argument as C text ("s" format): no embedded NUL. */
static const char *arg_cstr(VM *vm, Value v, const char *fname, int argn)
{
    if (!v_is_str(v)) {
        rt_raise(vm, &rt_exc_TypeError, "%s() argument %d must be str, not %s", fname, argn,
                 rt_type_name(v));
        return NULL;
    }
    if (strlen(v_cstr(v)) != v_str(v)->len) {
        rt_raise(vm, &rt_exc_ValueError, "embedded null character");
        return NULL;
    }
    return v_cstr(v);
}

/* getaddrinfo(host, port, family=0, type=0, proto=0, flags=0) */
static Value f_getaddrinfo(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"host", "port", "family", "type", "proto", "flags", NULL};
    Value a[6];
    struct addrinfo hints = {0}, *res = NULL;
    if (!rt_parse_args(vm, "getaddrinfo", argc, argv, kwnames, names, 0, 2, a) ||
        !arg_int_opt(vm, a[2], 0, &hints.ai_family) ||
        !arg_int_opt(vm, a[3], 0, &hints.ai_socktype) ||
        !arg_int_opt(vm, a[4], 0, &hints.ai_protocol) || !arg_int_opt(vm, a[5], 0, &hints.ai_flags))
        return VNULL;
    char host[1024], port[1024];
    const char *hp = NULL, *pp = NULL;
    if (a[0] != rt_None) {
        if (!v_is_str(a[0]) && !v_isa(a[0], &rt_bytes_type))
            return rt_raise(vm, &rt_exc_TypeError, "getaddrinfo() argument 1 must be string or None");
        if (!host_arg(vm, a[0], host, sizeof host))
            return VNULL;
        hp = host;
    }
    if (v_is_small(a[1]) || (v_is(a[1], &rt_int_type))) {
        int64_t p;
        if (!rt_as_i64(vm, a[1], &p)) {
            vm->exc = VNULL;
            return rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C long");
        }
        snprintf(port, sizeof port, "%lld", (long long)p);
        pp = port;
    } else if (v_is_str(a[1]) || v_isa(a[1], &rt_bytes_type)) {
        const char *p = v_is_str(a[1]) ? v_cstr(a[1]) : (const char *)rt_bytes_view(a[1]).data;
        size_t n = v_is_str(a[1]) ? v_str(a[1])->len : rt_bytes_view(a[1]).len;
        if (n >= sizeof port || memchr(p, 0, n))
            return rt_raise(vm, &rt_exc_ValueError, "embedded null character");
        memcpy(port, p, n);
        port[n] = 0;
        pp = port;
    } else if (a[1] != rt_None) {
        return rt_raise(vm, &rt_exc_OSError, "Int or String expected");
    }
    int err = getaddrinfo(hp, pp, &hints, &res);
    if (err)
        return raise_gai(vm, err);
    Value list = rt_list_new(vm, 0);
    for (struct addrinfo *r = res; list && r; r = r->ai_next) {
        SockAddr sa;
        memset(&sa, 0, sizeof sa);
        memcpy(&sa, r->ai_addr, r->ai_addrlen < sizeof sa ? r->ai_addrlen : sizeof sa);
        Value addr = make_addr(vm, &sa, r->ai_addrlen);
        Value canon = addr ? rt_str_from_cstr(vm, r->ai_canonname ? r->ai_canonname : "") : VNULL;
        Value item = canon ? rt_tuple_pack(vm, 5, v_from_small(r->ai_family),
                                           v_from_small(r->ai_socktype),
                                           v_from_small(r->ai_protocol), canon, addr)
                           : VNULL;
        if (!item || !rt_list_append(vm, list, item))
            list = VNULL;
    }
    freeaddrinfo(res);
    return list;
}

/* getnameinfo(sockaddr, flags) -> (host, port) */
static Value f_getnameinfo(VM *vm, int argc, Value *argv, Value kwnames)
{
    int flags;
    if (!check_count(vm, "getnameinfo", argc, 2, 2))
        return VNULL;
    Value sa = argv[0];
    if (!v_isa(sa, &rt_tuple_type))
        return rt_raise(vm, &rt_exc_TypeError, "getnameinfo() argument 1 must be a tuple");
    Tuple *t = v_tuple(sa);
    int port;
    int64_t flow = 0, scope = 0;
    if (t->len < 2 || t->len > 4 || !v_is_str(t->items[0]) || !rt_is_int(t->items[1]) ||
        !arg_int(vm, t->items[1], &port) || (t->len > 2 && !rt_is_int(t->items[2])) ||
        (t->len > 3 && !rt_is_int(t->items[3])) ||
        (t->len > 2 && !rt_as_i64(vm, t->items[2], &flow)) ||
        (t->len > 3 && !rt_as_i64(vm, t->items[3], &scope))) {
        vm->exc = VNULL;
        return rt_raise(vm, &rt_exc_TypeError, "getnameinfo(): illegal sockaddr argument");
    }
    if (!arg_int(vm, argv[1], &flags))
        return VNULL;
    if ((uint32_t)flow > 0xfffff)
        return rt_raise(vm, &rt_exc_OverflowError, "getnameinfo(): flowinfo must be 0-1048575.");
    const char *host = arg_cstr(vm, t->items[0], "getnameinfo", 1);
    if (!host)
        return VNULL;
    char pbuf[32], hbuf[NI_MAXHOST], sbuf[NI_MAXSERV];
    snprintf(pbuf, sizeof pbuf, "%d", port);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_DGRAM,
                             .ai_flags = AI_NUMERICHOST}, *res;
    int err = getaddrinfo(host, pbuf, &hints, &res);
    if (err)
        return raise_gai(vm, err);
    Value r = VNULL;
    if (res->ai_next) {
        rt_raise(vm, &rt_exc_OSError, "sockaddr resolved to multiple addresses");
    } else if (res->ai_family == AF_INET && t->len != 2) {
        rt_raise(vm, &rt_exc_OSError, "IPv4 sockaddr must be 2 tuple");
    } else {
        if (res->ai_family == AF_INET6) {
            struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)res->ai_addr;
            s6->sin6_flowinfo = htonl((uint32_t)flow);
            s6->sin6_scope_id = (uint32_t)scope;
        }
        err = getnameinfo(res->ai_addr, res->ai_addrlen, hbuf, sizeof hbuf, sbuf, sizeof sbuf,
                          flags);
        if (err)
            raise_gai(vm, err);
        else {
            Value hv = rt_str_from_cstr(vm, hbuf), sv = hv ? rt_str_from_cstr(vm, sbuf) : VNULL;
            r = sv ? rt_tuple_pack(vm, 2, hv, sv) : VNULL;
        }
    }
    freeaddrinfo(res);
    return r;
}

static Value f_gethostname(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!check_count(vm, "_socket.gethostname", argc, 0, 0))
        return VNULL;
    char buf[1024];
    if (gethostname(buf, sizeof buf - 1) < 0)
        return raise_errno(vm, errno);
    buf[sizeof buf - 1] = 0;
    return rt_str_from_cstr(vm, buf);
}

/* The one host-name argument of the gethostby* functions. */
static bool host_name_arg(VM *vm, int argc, Value *argv, const char *fname, char *buf, size_t cap)
{
    return check_count(vm, fname, argc, 1, 1) && host_arg(vm, argv[0], buf, cap);
}

static Value f_gethostbyname(VM *vm, int argc, Value *argv, Value kwnames)
{
    char host[1024], out[INET_ADDRSTRLEN];
    SockAddr a;
    if (!host_name_arg(vm, argc, argv, "gethostbyname", host, sizeof host) ||
        !set_ip_addr(vm, host, &a, AF_INET))
        return VNULL;
    inet_ntop(AF_INET, &a.in4.sin_addr, out, sizeof out);
    return rt_str_from_cstr(vm, out);
}

/* CPython's gethost_common: (name, aliases, addresses) of a hostent. */
static Value hostent_value(VM *vm, struct hostent *h)
{
    Value aliases = rt_list_new(vm, 0), addrs = aliases ? rt_list_new(vm, 0) : VNULL;
    if (!addrs)
        return VNULL;
    for (char **p = h->h_aliases; p && *p; p++) {
        Value s = rt_str_from_cstr(vm, *p);
        if (!s || !rt_list_append(vm, aliases, s))
            return VNULL;
    }
    for (char **p = h->h_addr_list; p && *p; p++) {
        char buf[INET6_ADDRSTRLEN];
        inet_ntop(h->h_addrtype, *p, buf, sizeof buf);
        Value s = rt_str_from_cstr(vm, buf);
        if (!s || !rt_list_append(vm, addrs, s))
            return VNULL;
    }
    Value name = rt_str_from_cstr(vm, h->h_name);
    return name ? rt_tuple_pack(vm, 3, name, aliases, addrs) : VNULL;
}

static Value f_gethostbyname_ex(VM *vm, int argc, Value *argv, Value kwnames)
{
    char host[1024], buf[16384];
    SockAddr a;
    struct hostent he, *h = NULL;
    int herr = 0;
    if (!host_name_arg(vm, argc, argv, "gethostbyname_ex", host, sizeof host) ||
        !set_ip_addr(vm, host, &a, AF_INET))
        return VNULL;
    gethostbyname_r(host, &he, buf, sizeof buf, &h, &herr);
    return h ? hostent_value(vm, h) : raise_herror(vm, herr);
}

static Value f_gethostbyaddr(VM *vm, int argc, Value *argv, Value kwnames)
{
    char host[1024], buf[16384];
    SockAddr a;
    struct hostent he, *h = NULL;
    int herr = 0;
    if (!host_name_arg(vm, argc, argv, "gethostbyaddr", host, sizeof host) ||
        !set_ip_addr(vm, host, &a, AF_UNSPEC))
        return VNULL;
    if (a.sa.sa_family == AF_INET6)
        gethostbyaddr_r(&a.in6.sin6_addr, sizeof a.in6.sin6_addr, AF_INET6, &he, buf, sizeof buf,
                        &h, &herr);
    else
        gethostbyaddr_r(&a.in4.sin_addr, sizeof a.in4.sin_addr, AF_INET, &he, buf, sizeof buf,
                        &h, &herr);
    return h ? hostent_value(vm, h) : raise_herror(vm, herr);
}

static Value f_getservbyname(VM *vm, int argc, Value *argv, Value kwnames)
{
    const char *name, *proto = NULL;
    if (!check_count(vm, "getservbyname", argc, 1, 2) ||
        !(name = arg_cstr(vm, argv[0], "getservbyname", 1)) ||
        (argc == 2 && !(proto = arg_cstr(vm, argv[1], "getservbyname", 2))))
        return VNULL;
    struct servent *sp = getservbyname(name, proto);
    if (!sp)
        return rt_raise(vm, &rt_exc_OSError, "service/proto not found");
    return v_from_small(ntohs((uint16_t)sp->s_port));
}

static Value f_getservbyport(VM *vm, int argc, Value *argv, Value kwnames)
{
    int port;
    const char *proto = NULL;
    if (!check_count(vm, "getservbyport", argc, 1, 2) || !arg_int(vm, argv[0], &port) ||
        (argc == 2 && !(proto = arg_cstr(vm, argv[1], "getservbyport", 2))))
        return VNULL;
    if (port < 0 || port > 0xffff)
        return rt_raise(vm, &rt_exc_OverflowError, "getservbyport: port must be 0-65535.");
    struct servent *sp = getservbyport(htons((uint16_t)port), proto);
    if (!sp)
        return rt_raise(vm, &rt_exc_OSError, "port/proto not found");
    return rt_str_from_cstr(vm, sp->s_name);
}

static Value f_getprotobyname(VM *vm, int argc, Value *argv, Value kwnames)
{
    const char *name;
    if (!check_count(vm, "getprotobyname", argc, 1, 1) ||
        !(name = arg_cstr(vm, argv[0], "getprotobyname", 1)))
        return VNULL;
    struct protoent *sp = getprotobyname(name);
    if (!sp)
        return rt_raise(vm, &rt_exc_OSError, "protocol not found");
    return v_from_small(sp->p_proto);
}

/* ---- module functions: conversions --------------------------------------------------- */

static Value f_inet_aton(VM *vm, int argc, Value *argv, Value kwnames)
{
    const char *s;
    struct in_addr a;
    if (!check_count(vm, "inet_aton", argc, 1, 1) || !(s = arg_cstr(vm, argv[0], "inet_aton", 1)))
        return VNULL;
    if (!inet_aton(s, &a))
        return rt_raise(vm, &rt_exc_OSError, "illegal IP address string passed to inet_aton");
    return rt_bytes_new(vm, (const uint8_t *)&a, sizeof a);
}

static Value f_inet_ntoa(VM *vm, int argc, Value *argv, Value kwnames)
{
    RtBuffer buf;
    char out[INET_ADDRSTRLEN];
    if (!check_count(vm, "inet_ntoa", argc, 1, 1) || !rt_get_buffer(vm, argv[0], &buf, 0))
        return VNULL;
    bool ok = buf.len == 4;
    if (ok)
        inet_ntop(AF_INET, buf.ptr, out, sizeof out);
    rt_buffer_release(vm, &buf);
    if (!ok)
        return rt_raise(vm, &rt_exc_OSError, "packed IP wrong length for inet_ntoa");
    return rt_str_from_cstr(vm, out);
}

static Value f_inet_pton(VM *vm, int argc, Value *argv, Value kwnames)
{
    int af;
    const char *s;
    uint8_t out[16];
    if (!check_count(vm, "inet_pton", argc, 2, 2) || !arg_int(vm, argv[0], &af) ||
        !(s = arg_cstr(vm, argv[1], "inet_pton", 2)))
        return VNULL;
    int r = inet_pton(af, s, out);
    if (r < 0)
        return raise_errno(vm, errno);
    if (r == 0)
        return rt_raise(vm, &rt_exc_OSError, "illegal IP address string passed to inet_pton");
    return rt_bytes_new(vm, out, af == AF_INET ? 4 : 16);
}

static Value f_inet_ntop(VM *vm, int argc, Value *argv, Value kwnames)
{
    int af;
    RtBuffer buf;
    char out[INET6_ADDRSTRLEN];
    if (!check_count(vm, "inet_ntop", argc, 2, 2) || !arg_int(vm, argv[0], &af) ||
        !rt_get_buffer(vm, argv[1], &buf, 0))
        return VNULL;
    size_t want = af == AF_INET ? 4 : af == AF_INET6 ? 16 : 0;
    size_t len = buf.len;
    if (want && len == want)
        inet_ntop(af, buf.ptr, out, sizeof out);
    rt_buffer_release(vm, &buf);
    if (!want)
        return rt_raise(vm, &rt_exc_ValueError, "unknown address family %d", af);
    if (len != want)
        return rt_raise(vm, &rt_exc_ValueError, "invalid length of packed IP address string");
    return rt_str_from_cstr(vm, out);
}

/* htons/ntohs: a C uint16_t argument, with Argument Clinic's messages. */
static Value swap16(VM *vm, int argc, Value *argv, const char *fname)
{
    if (!check_count(vm, fname, argc, 1, 1))
        return VNULL;
    Value i = rt_index(vm, argv[0]);
    int64_t x;
    if (!i)
        return VNULL;
    if (rt_int_sign(i) < 0)
        return rt_raise(vm, &rt_exc_OverflowError,
                        "%s: can't convert negative Python int to C 16-bit unsigned integer", fname);
    if (!rt_as_i64(vm, i, &x) || x > 0xffff) {
        vm->exc = VNULL;
        return rt_raise(vm, &rt_exc_OverflowError,
                        "%s: Python int too large to convert to C 16-bit unsigned integer", fname);
    }
    return v_from_small(ntohs((uint16_t)x));
}

static Value swap32(VM *vm, int argc, Value *argv, const char *fname)
{
    if (!check_count(vm, fname, argc, 1, 1))
        return VNULL;
    Value v = argv[0];
    int64_t x;
    if (!rt_is_int(v))
        return rt_raise(vm, &rt_exc_TypeError, "expected int, %s found", rt_type_name(v));
    if (rt_int_sign(v) < 0)
        return rt_raise(vm, &rt_exc_OverflowError, "can't convert negative value to unsigned int");
    if (rt_int_bit_length(v) > 64)
        return rt_raise(vm, &rt_exc_OverflowError,
                        "Python int too large to convert to C unsigned long");
    if (rt_int_bit_length(v) > 32 || !rt_as_i64(vm, v, &x))
        return rt_raise(vm, &rt_exc_OverflowError, "int larger than 32 bits");
    return v_from_small(ntohl((uint32_t)x));
}

static Value f_htons(VM *vm, int argc, Value *argv, Value kwnames)
{
    return swap16(vm, argc, argv, "htons");
}
static Value f_ntohs(VM *vm, int argc, Value *argv, Value kwnames)
{
    return swap16(vm, argc, argv, "ntohs");
}
static Value f_htonl(VM *vm, int argc, Value *argv, Value kwnames)
{
    return swap32(vm, argc, argv, "_socket.htonl");
}
static Value f_ntohl(VM *vm, int argc, Value *argv, Value kwnames)
{
    return swap32(vm, argc, argv, "_socket.ntohl");
}

/* ---- module functions: interfaces ---------------------------------------------------- */

static Value f_if_nameindex(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!check_count(vm, "_socket.if_nameindex", argc, 0, 0))
        return VNULL;
    struct if_nameindex *ni = if_nameindex();
    if (!ni)
        return raise_errno(vm, errno);
    Value list = rt_list_new(vm, 0);
    for (struct if_nameindex *p = ni; list && p->if_index; p++) {
        Value name = rt_str_from_cstr(vm, p->if_name);
        Value item = name ? rt_tuple_pack(vm, 2, v_from_small(p->if_index), name) : VNULL;
        if (!item || !rt_list_append(vm, list, item))
            list = VNULL;
    }
    if_freenameindex(ni);
    return list;
}

static Value f_if_nametoindex(VM *vm, int argc, Value *argv, Value kwnames)
{
    char name[IF_NAMESIZE + 64];
    if (!check_count(vm, "if_nametoindex", argc, 1, 1))
        return VNULL;
    if (v_is_str(argv[0])) {
        snprintf(name, sizeof name, "%s", v_cstr(argv[0]));
    } else if (v_isa(argv[0], &rt_bytes_type)) {
        BView b = rt_bytes_view(argv[0]);
        snprintf(name, sizeof name, "%.*s", (int)(b.len < 100 ? b.len : 100), (const char *)b.data);
    } else {
        return rt_raise(vm, &rt_exc_TypeError, "expected str, bytes or os.PathLike object, not %s",
                        rt_type_name(argv[0]));
    }
    unsigned idx = if_nametoindex(name);
    if (idx == 0)
        return rt_raise(vm, &rt_exc_OSError, "no interface with this name");
    return v_from_small(idx);
}

static Value f_if_indextoname(VM *vm, int argc, Value *argv, Value kwnames)
{
    char name[IF_NAMESIZE + 1];
    if (!check_count(vm, "_socket.if_indextoname", argc, 1, 1))
        return VNULL;
    Value v = argv[0];
    if (!rt_is_int(v))
        return rt_raise(vm, &rt_exc_TypeError, "an integer is required");
    int64_t idx;
    if (rt_int_sign(v) < 0 || !rt_as_i64(vm, v, &idx) || idx > UINT32_MAX) {
        vm->exc = VNULL;
        return rt_raise(vm, &rt_exc_OverflowError, "index too large to convert to C unsigned int");
    }
    if (!if_indextoname((unsigned)idx, name))
        return raise_errno(vm, errno);
    return rt_str_from_cstr(vm, name);
}

/* CMSG_LEN / CMSG_SPACE(length): the control-buffer sizes for sendmsg/recvmsg. */
static Value cmsg_size(VM *vm, int argc, Value *argv, const char *fname, bool space)
{
    int64_t n;
    if (!check_count(vm, fname, argc, 1, 1) || !arg_ssize(vm, argv[0], &n))
        return VNULL;
    if (n < 0 || n > (int64_t)(INT32_MAX - CMSG_SPACE(0)))
        return rt_raise(vm, &rt_exc_OverflowError, "%s() argument out of range", fname);
    return v_from_small(space ? (int64_t)CMSG_SPACE((size_t)n) : (int64_t)CMSG_LEN((size_t)n));
}

static Value f_CMSG_LEN(VM *vm, int argc, Value *argv, Value kwnames)
{
    return cmsg_size(vm, argc, argv, "CMSG_LEN", false);
}
static Value f_CMSG_SPACE(VM *vm, int argc, Value *argv, Value kwnames)
{
    return cmsg_size(vm, argc, argv, "CMSG_SPACE", true);
}

static const NativeDef socket_functions[] = {
    {"socketpair", f_socketpair, 0},
    {"dup", f_dup, 0},
    {"close", f_close, 0},
    {"getdefaulttimeout", f_getdefaulttimeout, 0},
    {"setdefaulttimeout", f_setdefaulttimeout, 0},
    {"getaddrinfo", f_getaddrinfo, NF_KEYWORDS},
    {"getnameinfo", f_getnameinfo, 0},
    {"gethostname", f_gethostname, 0},
    {"gethostbyname", f_gethostbyname, 0},
    {"gethostbyname_ex", f_gethostbyname_ex, 0},
    {"gethostbyaddr", f_gethostbyaddr, 0},
    {"getservbyname", f_getservbyname, 0},
    {"getservbyport", f_getservbyport, 0},
    {"getprotobyname", f_getprotobyname, 0},
    {"inet_aton", f_inet_aton, 0},
    {"inet_ntoa", f_inet_ntoa, 0},
    {"inet_pton", f_inet_pton, 0},
    {"inet_ntop", f_inet_ntop, 0},
    {"htons", f_htons, 0},
    {"ntohs", f_ntohs, 0},
    {"htonl", f_htonl, 0},
    {"ntohl", f_ntohl, 0},
    {"if_nameindex", f_if_nameindex, 0},
    {"if_nametoindex", f_if_nametoindex, 0},
    {"if_indextoname", f_if_indextoname, 0},
    {"CMSG_LEN", f_CMSG_LEN, 0},
    {"CMSG_SPACE", f_CMSG_SPACE, 0},
    {NULL, NULL, 0},
};

/* ---- the module ---------------------------------------------------------------------- */

#define SOCKET_CONSTANTS(X) \
    X(AF_ALG) X(AF_APPLETALK) X(AF_ASH) X(AF_ATMPVC) X(AF_ATMSVC) X(AF_AX25) X(AF_BRIDGE) X(AF_CAN) \
    X(AF_DECnet) X(AF_ECONET) X(AF_INET) X(AF_INET6) X(AF_IPX) X(AF_IRDA) X(AF_KEY) X(AF_LLC) \
    X(AF_NETBEUI) X(AF_NETLINK) X(AF_NETROM) X(AF_PACKET) X(AF_PPPOX) X(AF_QIPCRTR) X(AF_RDS) \
    X(AF_ROSE) X(AF_ROUTE) X(AF_SECURITY) X(AF_SNA) X(AF_TIPC) X(AF_UNIX) X(AF_UNSPEC) X(AF_VSOCK) \
    X(AF_WANPIPE) X(AF_X25) X(AI_ADDRCONFIG) X(AI_ALL) X(AI_CANONNAME) X(AI_NUMERICHOST) \
    X(AI_NUMERICSERV) X(AI_PASSIVE) X(AI_V4MAPPED) X(EAI_ADDRFAMILY) X(EAI_AGAIN) X(EAI_BADFLAGS) \
    X(EAI_FAIL) X(EAI_FAMILY) X(EAI_MEMORY) X(EAI_NODATA) X(EAI_NONAME) X(EAI_OVERFLOW) \
    X(EAI_SERVICE) X(EAI_SOCKTYPE) X(EAI_SYSTEM) X(INADDR_ALLHOSTS_GROUP) X(INADDR_ANY) \
    X(INADDR_BROADCAST) X(INADDR_LOOPBACK) X(INADDR_MAX_LOCAL_GROUP) X(INADDR_NONE) \
    X(INADDR_UNSPEC_GROUP) X(IPPORT_RESERVED) X(IPPORT_USERRESERVED) X(IPPROTO_AH) \
    X(IPPROTO_DSTOPTS) X(IPPROTO_EGP) X(IPPROTO_ESP) X(IPPROTO_FRAGMENT) X(IPPROTO_GRE) \
    X(IPPROTO_HOPOPTS) X(IPPROTO_ICMP) X(IPPROTO_ICMPV6) X(IPPROTO_IDP) X(IPPROTO_IGMP) \
    X(IPPROTO_IP) X(IPPROTO_IPIP) X(IPPROTO_IPV6) X(IPPROTO_MPTCP) X(IPPROTO_NONE) X(IPPROTO_PIM) \
    X(IPPROTO_PUP) X(IPPROTO_RAW) X(IPPROTO_ROUTING) X(IPPROTO_RSVP) X(IPPROTO_SCTP) X(IPPROTO_TCP) \
    X(IPPROTO_TP) X(IPPROTO_UDP) X(IPPROTO_UDPLITE) X(IPV6_CHECKSUM) X(IPV6_DONTFRAG) \
    X(IPV6_DSTOPTS) X(IPV6_HOPLIMIT) X(IPV6_HOPOPTS) X(IPV6_JOIN_GROUP) X(IPV6_LEAVE_GROUP) \
    X(IPV6_MULTICAST_HOPS) X(IPV6_MULTICAST_IF) X(IPV6_MULTICAST_LOOP) X(IPV6_NEXTHOP) \
    X(IPV6_PATHMTU) X(IPV6_PKTINFO) X(IPV6_RECVDSTOPTS) X(IPV6_RECVHOPLIMIT) X(IPV6_RECVHOPOPTS) \
    X(IPV6_RECVPATHMTU) X(IPV6_RECVPKTINFO) X(IPV6_RECVRTHDR) X(IPV6_RECVTCLASS) X(IPV6_RTHDR) \
    X(IPV6_RTHDRDSTOPTS) X(IPV6_RTHDR_TYPE_0) X(IPV6_TCLASS) X(IPV6_UNICAST_HOPS) X(IPV6_V6ONLY) \
    X(IP_ADD_MEMBERSHIP) X(IP_BIND_ADDRESS_NO_PORT) X(IP_DEFAULT_MULTICAST_LOOP) \
    X(IP_DEFAULT_MULTICAST_TTL) X(IP_DROP_MEMBERSHIP) X(IP_HDRINCL) X(IP_MAX_MEMBERSHIPS) \
    X(IP_MULTICAST_IF) X(IP_MULTICAST_LOOP) X(IP_MULTICAST_TTL) X(IP_OPTIONS) X(IP_RECVOPTS) \
    X(IP_RECVRETOPTS) X(IP_RECVTOS) X(IP_RETOPTS) X(IP_TOS) X(IP_TRANSPARENT) X(IP_TTL) \
    X(MSG_CMSG_CLOEXEC) X(MSG_CONFIRM) X(MSG_CTRUNC) X(MSG_DONTROUTE) X(MSG_DONTWAIT) X(MSG_EOR) \
    X(MSG_ERRQUEUE) X(MSG_FASTOPEN) X(MSG_MORE) X(MSG_NOSIGNAL) X(MSG_OOB) X(MSG_PEEK) X(MSG_TRUNC) \
    X(MSG_WAITALL) X(NETLINK_CRYPTO) X(NETLINK_DNRTMSG) X(NETLINK_FIREWALL) X(NETLINK_IP6_FW) \
    X(NETLINK_NFLOG) X(NETLINK_ROUTE) X(NETLINK_USERSOCK) X(NETLINK_XFRM) X(NI_DGRAM) X(NI_MAXHOST) \
    X(NI_MAXSERV) X(NI_NAMEREQD) X(NI_NOFQDN) X(NI_NUMERICHOST) X(NI_NUMERICSERV) \
    X(PACKET_BROADCAST) X(PACKET_FASTROUTE) X(PACKET_HOST) X(PACKET_LOOPBACK) X(PACKET_MULTICAST) \
    X(PACKET_OTHERHOST) X(PACKET_OUTGOING) X(PF_PACKET) X(SCM_CREDENTIALS) X(SCM_RIGHTS) X(SHUT_RD) \
    X(SHUT_RDWR) X(SHUT_WR) X(SOCK_CLOEXEC) X(SOCK_DGRAM) X(SOCK_NONBLOCK) X(SOCK_RAW) X(SOCK_RDM) \
    X(SOCK_SEQPACKET) X(SOCK_STREAM) X(SOL_IP) X(SOL_SOCKET) X(SOL_TCP) X(SOL_UDP) X(SOMAXCONN) \
    X(SO_ACCEPTCONN) X(SO_BINDTODEVICE) X(SO_BROADCAST) X(SO_DEBUG) X(SO_DOMAIN) X(SO_DONTROUTE) \
    X(SO_ERROR) X(SO_INCOMING_CPU) X(SO_KEEPALIVE) X(SO_LINGER) X(SO_MARK) X(SO_OOBINLINE) \
    X(SO_PASSCRED) X(SO_PASSSEC) X(SO_PEERCRED) X(SO_PEERSEC) X(SO_PRIORITY) X(SO_PROTOCOL) \
    X(SO_RCVBUF) X(SO_RCVLOWAT) X(SO_RCVTIMEO) X(SO_REUSEADDR) X(SO_REUSEPORT) X(SO_SNDBUF) \
    X(SO_SNDLOWAT) X(SO_SNDTIMEO) X(SO_TYPE) X(TCP_CONGESTION) X(TCP_CORK) X(TCP_DEFER_ACCEPT) \
    X(TCP_FASTOPEN) X(TCP_INFO) X(TCP_KEEPCNT) X(TCP_KEEPIDLE) X(TCP_KEEPINTVL) X(TCP_LINGER2) \
    X(TCP_MAXSEG) X(TCP_NODELAY) X(TCP_NOTSENT_LOWAT) X(TCP_QUICKACK) X(TCP_SYNCNT) \
    X(TCP_USER_TIMEOUT) X(TCP_WINDOW_CLAMP) X(UDPLITE_RECV_CSCOV) X(UDPLITE_SEND_CSCOV)

static Value make_exception(VM *vm, const char *name, Type *base)
{
    Dict *ns = rt_dict_alloc(vm);
    Value bases = ns ? rt_tuple_pack(vm, 1, v_from(base)) : VNULL;
    if (!bases || !rt_dict_set_str(vm, ns, vm->names.__module__, rt_str_intern_cstr(vm, "socket")))
        return VNULL;
    return rt_class_new(vm, rt_str_intern_cstr(vm, name), bases, ns);
}

static bool add_constants(VM *vm, Dict *d)
{
#define X(name) && rt_dict_set_cstr(vm, d, #name, rt_int_from_i64(vm, (int64_t)(name)))
    return true SOCKET_CONSTANTS(X) ;
#undef X
}

Value mp_socket_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_socket", &d);
    if (!m || !mp_type_ready(vm, &sock_type, d) ||
        !rt_add_functions(vm, d, socket_functions, rt_str_intern_cstr(vm, "_socket")))
        return VNULL;
    if (!sock_native_init) {
        rt_gc_add_root(vm, &sock_native_init);
        rt_gc_add_root(vm, &socket_gaierror);
        rt_gc_add_root(vm, &socket_herror);
        if (!rt_add_methods(vm, &sock_type, sock_methods) ||
            !rt_add_getsets(vm, &sock_type, sock_getsets) ||
            !(socket_gaierror = make_exception(vm, "gaierror", &rt_exc_OSError)) ||
            !(socket_herror = make_exception(vm, "herror", &rt_exc_OSError)))
            return VNULL;
        sock_native_init = rt_dict_get_str(sock_type.dict, vm->names.__init__);
    }
    if (!rt_dict_set_cstr(vm, d, "SocketType", v_from(&sock_type)) ||
        !rt_dict_set_cstr(vm, d, "error", v_from(&rt_exc_OSError)) ||
        !rt_dict_set_cstr(vm, d, "timeout", v_from(&rt_exc_TimeoutError)) ||
        !rt_dict_set_cstr(vm, d, "gaierror", socket_gaierror) ||
        !rt_dict_set_cstr(vm, d, "herror", socket_herror) ||
        !rt_dict_set_cstr(vm, d, "has_ipv6", rt_True) || !add_constants(vm, d))
        return VNULL;
    return m;
}
