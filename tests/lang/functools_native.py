# _functools: reduce, partial and cmp_to_key, the C half of functools.py
import _functools as F
from _functools import reduce, partial, cmp_to_key

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

def f(*a, **k):
    return a, k

# reduce
print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 10))
print(reduce(max, [3], 0), reduce(lambda a, b: a, [], 'init'), reduce(lambda a, b: a + b, 'abc'))
print(reduce(lambda a, b: [b] + a, iter([1, 2, 3]), []))
t(lambda: reduce(1))
t(lambda: reduce(lambda a, b: a, 1))
t(lambda: reduce(lambda a, b: a, []))
t(lambda: reduce(f=1))
t(lambda: reduce(len, [1, 2]))
t(lambda: reduce(1, 2, 3, 4))

# partial
p = partial(f, 1, 2, a=3)
print(p(), p(4, b=5), p(a=9), p.func is f, p.args, p.keywords)
print(partial(print, 1, sep='-')(2, end='!\n'))
pp = partial(partial(f, 1, a=1), 2, b=2)
print(pp.func is f, pp.args, pp.keywords, pp(3, a=3, c=4))
print(partial(f).args, partial(f).keywords, partial(f)(1, x=2))
r = repr(partial(f, 1, 'x', k=[2]))
print(r[:27], r[r.index(' at '):].split('>', 1)[1])
print(repr(partial(len))[:33], type(p), type(p).__name__, partial.__module__)
q = partial(f, 1)
q.attr = 5
print(q.attr, q.__dict__, partial(q, 2).func is q, partial(q, 2)(3))
del q.attr
t(lambda: q.attr)
print(partial(int, base=2)('101'), list(map(partial(pow, 2), range(5))))
def s1(): p.func = 1
def s2(): p.args = ()
def s3(): del p.keywords
t(s1)
t(s2)
t(s3)
t(lambda: partial())
t(lambda: partial(1))
t(lambda: partial(func=len))
t(lambda: partial(len, 1, 2)())
t(lambda: partial(f, **{'a b': 1})(1))

class P(partial):
    def twice(self, *a):
        return self(*a), self(*a)
sp = P(f, 1, x=2)
print(sp(2), sp.twice(0), isinstance(sp, partial), type(sp).__name__, repr(sp)[:12])

# cmp_to_key
K = cmp_to_key(lambda a, b: (a > b) - (a < b))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)), K(1) < K(2), K(2) <= K(1), K(1) == K(1))
print(K(3) > K(2), K(2) >= K(2), K(1) != K(2), K(5).obj, type(K).__name__, type(K(1)).__name__)
print(sorted(['b', 'A', 'c'], key=cmp_to_key(lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower()))))
t(lambda: K())
t(lambda: K(1, 2))
t(lambda: K(x=1))
t(lambda: K(1) < 2)
t(lambda: hash(K(1)))
t(lambda: cmp_to_key())
t(lambda: cmp_to_key(mycmp=len)(1).obj)
t(lambda: cmp_to_key(len)(1) < cmp_to_key(len)(2))
print(F.reduce.__module__)
