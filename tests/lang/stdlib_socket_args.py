# _socket: argument checking (counts, types, ranges) with CPython's messages; fds and construction
import _socket as S
def t(f):
    try: r = f(); print("ok", repr(r))
    except Exception as e: print(type(e).__name__, e)
s = S.socket()
t(lambda: s.bind(("127.0.0.1", 2**40)))
t(lambda: s.bind(("127.0.0.1", 2**70)))
t(lambda: S.socket(S.AF_INET6).bind(("::1", 2**40)))
t(lambda: s.setblocking(2**40))
t(lambda: s.setblocking(2**70))
t(lambda: s.setblocking(1.0))
t(lambda: s.settimeout(True))
t(lambda: s.gettimeout())
t(lambda: S.socket(S.AF_INET, S.SOCK_STREAM, 0, None, 5))
t(lambda: S.socket(x=1))
t(lambda: S.socket(fileno=2**40))
t(lambda: s.recv())
t(lambda: s.recv(1, 2, 3))
t(lambda: s.recv(x=1))
t(lambda: s.send())
t(lambda: s.bind())
t(lambda: s.connect())
t(lambda: s.fileno(1))
t(lambda: s.listen(1, 2))
t(lambda: s.setsockopt(1, 2))
t(lambda: s.getsockopt(1))
t(lambda: s.settimeout())
t(lambda: s.shutdown())
t(lambda: S.getaddrinfo())
t(lambda: S.getaddrinfo("a"))
t(lambda: S.inet_aton())
t(lambda: S.htons())
t(lambda: S.socketpair(1,2,3,4))
t(lambda: S.getnameinfo(("127.0.0.1", 80)))
t(lambda: S.gethostbyname())
t(lambda: S.getservbyname())
t(lambda: S.setdefaulttimeout())
t(lambda: S.dup())

import os, gc
class Plain(S.socket): pass
class Init(S.socket):
    def __init__(self, *a):
        super().__init__(*a)
gc.collect()
n0 = len(os.listdir('/proc/self/fd'))
ps = [Plain() for i in range(10)] + [Init() for i in range(10)] + [S.socket() for i in range(10)]
print(len(os.listdir('/proc/self/fd')) - n0)

# garbage sockets close their descriptors
n0 = len(os.listdir('/proc/self/fd'))
for i in range(100):
    a, b = S.socketpair()
del a, b
gc.collect()
print(len(os.listdir("/proc/self/fd")) - n0 < 50)
s = S.socket()
for a in [(1,), (1, 2, 3, 4, 5)]:
    t(lambda: s.setsockopt(*a))
s.close()

# read-only attributes
_socket = S
s=_socket.socket()
for a in ('family','timeout', 'other'):
  for op in (lambda: setattr(s,a,1), lambda: delattr(s,a)):
    try: op()
    except Exception as e: print(type(e).__name__, e)
class P(_socket.socket): pass
p=P()
for a in ('family','timeout', 'other'):
  for op in (lambda: setattr(p,a,1), lambda: delattr(p,a)):
    try: op()
    except Exception as e: print(type(e).__name__, e)
p.other = 5
print(p.other)
s.close(); p.close()
