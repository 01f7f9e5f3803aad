# CPython's Lib/socket.py over minipy's _socket
import socket


def t(label, f):
    try:
        r = f()
        print(label, "->", repr(r))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


print(socket.AF_INET, repr(socket.AF_INET), repr(socket.SOCK_DGRAM), repr(socket.MSG_PEEK))
print(socket.socket.__mro__)
print(socket.timeout is TimeoutError, socket.error is OSError, socket.has_ipv6)
s = socket.socket()
print(s.family, repr(s.family), repr(s.type), s.proto)
r = repr(s)
print(r[:r.index("fd=")], r[r.index(", family"):])
t("inheritable", lambda: s.get_inheritable())
s.bind(("127.0.0.1", 0))
s.listen()
port = s.getsockname()[1]
c = socket.create_connection(("127.0.0.1", port), timeout=5)
conn, addr = s.accept()
print(type(conn).__name__, addr[0], conn.gettimeout(), conn.family)
c.sendall(b"hello" * 1000)
data = b""
while len(data) < 5000:
    data += conn.recv(4096)
print(len(data))
conn.send(b"bye")
print(c.recv(10))
with conn, c, s:
    pass
print(s._closed, repr(s))
t("send closed", lambda: c.send(b"x"))

a, b = socket.socketpair()
print(repr(a.family), repr(b.type))
a.sendall(b"x")
print(b.recv(1))
d = a.dup()
print(type(d).__name__, d.family, d.fileno() != a.fileno())
d.close()
fd = a.detach()
x = socket.socket(fileno=fd)
print(repr(x.family), repr(x.type))
x.close()
b.close()

u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind(("127.0.0.1", 0))
v = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
v.sendto(b"dgram", u.getsockname())
d, fr = u.recvfrom(100)
print(d, fr[0], fr[1] == v.getsockname()[1])
u.close()
v.close()

print(socket.getaddrinfo("127.0.0.1", 80))
print(socket.getaddrinfo("127.0.0.1", 80, type=socket.SOCK_STREAM))
print(socket.getfqdn("127.0.0.1") != "")
srv = socket.create_server(("127.0.0.1", 0))
print(srv.getsockname()[0], srv.gettimeout())
srv.close()

# makefile (needs _io)
a, b = socket.socketpair()
w = a.makefile("wb")
w.write(b"line one\nline two\n")
w.flush()
r = b.makefile("rb")
print(r.readline(), r.readline())
w.close()
r.close()
a.close()
b.close()
