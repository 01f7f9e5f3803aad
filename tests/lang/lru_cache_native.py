# _functools._lru_cache_wrapper: the engine under functools.lru_cache
from _functools import _lru_cache_wrapper as W

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class CI(tuple):
    def __new__(cls, hits, misses, maxsize, currsize):
        return tuple.__new__(cls, (hits, misses, maxsize, currsize))

calls = []
def double(x):
    calls.append(x)
    return x * 2
w = W(double, 2, False, CI)
print(w(1), w(2), w(1), w(3), w(2), w(1), w.cache_info(), calls)
w.cache_clear()
print(w.cache_info(), w(5), w.cache_info())
u = W(double, None, False, CI)
print([u(i % 3) for i in range(7)], u.cache_info())
z = W(double, 0, False, CI)
print(z(1), z(1), z.cache_info())
neg = W(double, -5, False, CI)
print(neg(1), neg.cache_info())
ty = W(lambda x: type(x).__name__, 10, True, CI)
print(ty(1), ty(1.0), ty(True), ty.cache_info())
un = W(lambda x: type(x).__name__, 10, False, CI)
print(un(1), un(1.0), un(True), un.cache_info())
kw = W(lambda *a, **k: (a, sorted(k.items())), None, False, CI)
print(kw(1, b=2), kw(1, b=2), kw(1, c=2), kw(b=2), kw.cache_info())

def fib(n):
    return n if n < 2 else f(n - 1) + f(n - 2)
f = W(fib, None, False, CI)
print(f(80), f.cache_info())
f2 = W(fib, 3, False, CI)
f = f2
print(f2(30), f2.cache_info())

class C:
    @staticmethod
    def mk():
        return W(lambda self, x: (type(self).__name__, x), 5, False, CI)
C.m = C.mk()
c = C()
print(c.m(1), c.m(1), C.m.cache_info(), C.m(c, 1))
w.__wrapped__ = double
w.__name__ = 'double'
print(w.__wrapped__ is double, w.__name__, w.__dict__ == {'__wrapped__': double, '__name__': 'double'})
w.__qualname__ = 'q.double'
print(w.__reduce__(), w.__copy__() is w, w.__deepcopy__({}) is w, type(w).__name__, type(w).__module__)
t(lambda: W(len))
t(lambda: W(1, 2, 3, 4))
t(lambda: W(len, 'a', 3, 4))
t(lambda: w([]))
t(lambda: w.cache_info(1))
t(lambda: w.nope)
t(lambda: W(len, 2, False, CI)(x=1))
