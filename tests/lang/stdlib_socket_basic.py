# _socket: the socket object (CPython's Modules/socketmodule.c) over socketpair
import _socket as S


def t(label, f):
    try:
        r = f()
        print(label, "->", repr(r))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


def fdless(s):
    head, sep, rest = s.partition("fd=")
    return head + sep + "N" + rest[rest.index(","):] if sep else s


print(S.AF_INET, S.AF_INET6, S.AF_UNIX, S.SOCK_STREAM, S.SOCK_DGRAM, S.SOCK_RAW)
print(S.SOL_SOCKET, S.SO_REUSEADDR, S.SO_TYPE, S.IPPROTO_TCP, S.TCP_NODELAY, S.SHUT_RDWR)
print(S.SOCK_NONBLOCK, S.SOCK_CLOEXEC, S.MSG_PEEK, S.MSG_DONTWAIT, S.AI_PASSIVE, S.NI_NUMERICHOST)
print(S.EAI_NONAME, S.INADDR_ANY, S.INADDR_LOOPBACK, S.INADDR_BROADCAST, S.has_ipv6)
print(S.error is OSError, S.timeout is TimeoutError, S.SocketType is S.socket)
print(S.gaierror.__mro__, S.herror.__mro__)
print(S.socket.__name__, S.socket.__module__)

# ---- a connected pair
a, b = S.socketpair()
print(fdless(repr(a)))
print(a.family, a.type, a.proto, a.timeout, a.gettimeout(), a.getblocking())
t("send bytes", lambda: a.send(b"hello"))
t("recv", lambda: b.recv(100))
t("send bytearray", lambda: a.send(bytearray(b"abc")))
t("send memoryview", lambda: a.send(memoryview(b"0123456789")[2:6]))
buf = bytearray(10)
t("recv_into", lambda: b.recv_into(buf))
print(buf)
t("sendall", lambda: a.sendall(b"x" * 100000))
got = 0
while got < 100000:
    got += len(b.recv(65536))
print("sendall received", got)
a.send(b"peek")
t("MSG_PEEK", lambda: b.recv(10, S.MSG_PEEK))
t("recv after peek", lambda: b.recv(10))
mv = memoryview(bytearray(8))
a.send(b"abcdefgh")
t("recv_into nbytes", lambda: b.recv_into(mv, 3))
t("recv_into kw", lambda: b.recv_into(buffer=mv[3:], flags=0))
print(bytes(mv))
t("recv_into bytes", lambda: b.recv_into(b"xx"))
t("recv_into too small", lambda: b.recv_into(bytearray(2), 5))
t("recv_into negative", lambda: b.recv_into(bytearray(2), -1))
t("recv negative", lambda: b.recv(-1))
t("send str", lambda: a.send("x"))
t("sendall str", lambda: a.sendall("x"))

# ---- timeouts and blocking
t("settimeout", lambda: b.settimeout(0.05))
print(b.timeout, b.gettimeout(), b.getblocking())
t("recv timeout", lambda: b.recv(1))
t("recv_into timeout", lambda: b.recv_into(bytearray(1)))
t("setblocking(False)", lambda: b.setblocking(False))
print(b.timeout, b.getblocking())
t("recv nonblocking", lambda: b.recv(1))
t("setblocking(True)", lambda: b.setblocking(True))
print(b.timeout, b.getblocking())
t("settimeout(None)", lambda: b.settimeout(None))
t("settimeout(-1)", lambda: b.settimeout(-1))
t("settimeout('a')", lambda: b.settimeout("a"))
t("settimeout(nan)", lambda: b.settimeout(float("nan")))
t("settimeout(2)", lambda: b.settimeout(2))
print(b.gettimeout())
b.settimeout(None)
t("defaulttimeout", lambda: S.getdefaulttimeout())
S.setdefaulttimeout(1.5)
c, d = S.socketpair()
print(c.gettimeout(), d.gettimeout())
c.close()
d.close()
S.setdefaulttimeout(None)
t("setdefaulttimeout(-3)", lambda: S.setdefaulttimeout(-3))
n = S.socket(S.AF_INET, S.SOCK_STREAM | S.SOCK_NONBLOCK)
print("SOCK_NONBLOCK", n.type, n.timeout)
n.close()

# ---- options
t("getsockopt SO_TYPE", lambda: a.getsockopt(S.SOL_SOCKET, S.SO_TYPE))
t("getsockopt SO_DOMAIN", lambda: a.getsockopt(S.SOL_SOCKET, S.SO_DOMAIN))
s = S.socket()
t("setsockopt int", lambda: s.setsockopt(S.SOL_SOCKET, S.SO_REUSEADDR, 1))
t("getsockopt", lambda: s.getsockopt(S.SOL_SOCKET, S.SO_REUSEADDR) != 0)
t("setsockopt bytes", lambda: s.setsockopt(S.SOL_SOCKET, S.SO_REUSEADDR, (0).to_bytes(4, "little")))
t("getsockopt bytes", lambda: s.getsockopt(S.SOL_SOCKET, S.SO_REUSEADDR, 4))
t("getsockopt buflen 0", lambda: s.getsockopt(S.SOL_SOCKET, S.SO_REUSEADDR, 0))
t("getsockopt buflen -1", lambda: s.getsockopt(S.SOL_SOCKET, S.SO_REUSEADDR, -1))
t("getsockopt buflen 2000", lambda: s.getsockopt(S.SOL_SOCKET, S.SO_REUSEADDR, 2000))
t("setsockopt str", lambda: s.setsockopt(S.SOL_SOCKET, S.SO_REUSEADDR, "x"))
t("setsockopt None", lambda: s.setsockopt(S.SOL_SOCKET, S.SO_REUSEADDR, None))
t("setsockopt bad", lambda: s.setsockopt(S.SOL_SOCKET, 12345, 1))

# ---- descriptors: fileno detection, dup, detach, close
f = S.socket(fileno=S.dup(a.fileno()))
print("from fileno", f.family, f.type, f.proto)
f.close()
print("dup method", hasattr(a, "dup"))
t("fileno=-1", lambda: S.socket(fileno=-1))
t("fileno=1.5", lambda: S.socket(fileno=1.5))
t("bad family", lambda: S.socket(99999))
t("family str", lambda: S.socket(family="x"))
fd = a.detach()
print("detach", fd > 2, a.fileno(), fdless(repr(a)))
t("send detached", lambda: a.send(b"x"))
a = S.socket(fileno=fd)
t("close", lambda: a.close())
t("close again", lambda: a.close())
print(a.fileno(), repr(a))
t("close(-1)", lambda: S.close(-1))
t("dup(-1)", lambda: S.dup(-1))
b.shutdown(S.SHUT_WR)
t("shutdown bad", lambda: b.shutdown(99))
b.close()
s.close()

# ---- AF_UNIX addresses
u = S.socket(S.AF_UNIX)
t("unbound name", lambda: u.getsockname())
t("abstract bind", lambda: u.bind(b"\0minipy-socket-test-%d" % id(u)) is None)
t("abstract name", lambda: u.getsockname()[:1])
t("bind int", lambda: S.socket(S.AF_UNIX).bind(1))
t("path too long", lambda: S.socket(S.AF_UNIX).bind("x" * 200))
t("connect missing", lambda: S.socket(S.AF_UNIX).connect("/nonexistent/minipy"))
u.close()
p, q = S.socketpair(S.AF_UNIX, S.SOCK_DGRAM)
p.send(b"one")
p.send(b"two")
t("dgram recv", lambda: (q.recv(10), q.recv(10)))
t("peer", lambda: q.getpeername())
p.close()
q.close()


# ---- subclassing from Python with slots (as Lib/socket.py does)
class Sock(S.socket):
    __slots__ = ["__weakref__", "_io_refs", "_closed"]

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        S.socket.__init__(self, family, type, proto, fileno)
        self._closed = False

    @property
    def family(self):
        return ("fam", super().family)


x = Sock(S.AF_UNIX, S.SOCK_STREAM)
print(type(x).__name__, x.family, x.type, x._closed)
x._io_refs = 3
print(x._io_refs)
t("no dict", lambda: setattr(x, "other", 1))
x.close()


class Plain(S.socket):
    pass


y = Plain(S.AF_UNIX)
print(type(y).__name__, y.family, fdless(repr(y)))
y.extra = 1
print(y.extra)
y.close()
