# _collections.deque: every method, maxlen, indexing, comparison, copies, iteration checks
from _collections import deque

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = deque([1, 2, 3])
d.append(4); d.appendleft(0)
print(d, len(d), d[0], d[-1], d[2], bool(d), bool(deque()))
print(d.pop(), d.popleft(), d)
d.extend('ab'); d.extendleft('xy')
print(d, d.count('a'), d.count(9), d.index(2), d.index('a', 2), d.index(3, -4, -1))
d.rotate(); print(d)
d.rotate(2); print(d)
d.rotate(-3); print(d)
d.rotate(0); d.rotate(len(d) * 5 + 1); print(d)
d.reverse(); print(d)
d.insert(1, 'i'); d.insert(-1, 'j'); d.insert(100, 'end'); d.insert(-100, 'start'); print(d)
d.remove('i'); print(d)
d[0] = 'S'; d[-1] = 'E'; del d[1]; del d[-2]; print(d)
print('a' in d, 'zz' in d, list(reversed(d)), list(d), d.maxlen)
d.clear(); print(d, len(d))

# maxlen
m = deque(range(5), maxlen=3)
print(m, m.maxlen)
m.append(5); print(m)
m.appendleft(1); print(m)
m.extend([7, 8]); print(m)
m.extendleft([0]); print(m)
print(deque('abc', 0), deque(maxlen=0).maxlen, deque([], maxlen=2))
z = deque(maxlen=0); z.append(1); z.extend(range(3)); print(z)
t(lambda: m.insert(0, 9))
m.pop(); m.insert(0, 9); print(m)

# repr, equality, ordering
r = deque([1]); r.append(r)
print(r, deque(), deque([[1], (2,)]), deque('ab', 5))
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) != deque([1, 3]), deque([1]) == [1])
print(deque([1, 2]) < deque([1, 3]), deque([1, 2]) <= deque([1, 2, 0]), deque([2]) > deque([1, 9]))
print(deque('b') >= deque('a'), deque() < deque([0]), deque([1, 2], 5) == deque([1, 2]))
t(lambda: deque() < [])
t(lambda: hash(deque()))

# arithmetic
a = deque([1, 2])
print(a + deque([3]), a * 2, 2 * a, a * 0, a * -1, deque([1, 2, 3], 4) * 2)
a += [5]; print(a)
a += a; print(a)
a *= 2; print(a)
a *= 0; print(a)
t(lambda: deque() + [])
t(lambda: deque() * 'a')
t(lambda: deque() * 1.5)

# copies
c = deque([1, [2]], 5)
c2 = c.copy(); c3 = c.__copy__()
print(c2, c3, c2 is c, c2[1] is c[1], c2.maxlen)

# iteration
it = iter(deque([1, 2, 3]))
print(next(it), it.__length_hint__(), list(it), type(it).__name__, type(reversed(deque())).__name__)
def grow():
    d = deque([1, 2, 3])
    for x in d:
        d.append(x)
t(grow)
def shrink():
    d = deque([1, 2, 3])
    it = iter(d)
    next(it)
    d.pop()
    return next(it)
t(shrink)
def setitem_ok():
    d = deque([1, 2, 3])
    it = iter(d); next(it); d[0] = 5
    return list(it)
t(setitem_ok)
def rev_mut():
    d = deque([1, 2])
    for x in reversed(d):
        d.rotate()
t(rev_mut)
class Eq:
    def __init__(self, d): self.d = d
    def __eq__(self, other):
        self.d.append(1)
        return False
def count_mut():
    d = deque([1, 2])
    d.count(Eq(d))
t(count_mut)
def remove_mut():
    d = deque([1, 2])
    d.remove(Eq(d))
t(remove_mut)
def index_mut():
    d = deque([1, 2])
    d.index(Eq(d))
t(index_mut)

# errors
t(lambda: deque(maxlen=-1))
t(lambda: deque(maxlen='a'))
t(lambda: deque([], 1, 2))
t(lambda: deque(x=1))
t(lambda: deque(1))
t(lambda: deque().pop())
t(lambda: deque().popleft())
t(lambda: deque([1]).index(2))
t(lambda: deque([1]).index(1, 'a'))
t(lambda: deque([1]).index(1, 0, 1, 2))
t(lambda: deque([1]).remove(2))
t(lambda: deque([1])[1])
t(lambda: deque([1])[-2])
t(lambda: deque([1])['a'])
t(lambda: deque([1])[0:1])
def s1(): d = deque([1]); d[5] = 1
def s2(): d = deque([1]); del d[5]
def s3(): d = deque([1]); d.maxlen = 3
t(s1)
t(s2)
t(s3)
t(lambda: deque().rotate('a'))
t(lambda: deque().rotate(1, 2))
t(lambda: deque().append())
t(lambda: deque().append(1, 2))
t(lambda: deque().appendleft())
t(lambda: deque().count())
t(lambda: deque().index())
t(lambda: deque().insert(1))
t(lambda: deque().extend(1))
t(lambda: deque().extendleft())
t(lambda: deque().pop(1))
t(lambda: deque().clear(1))
t(lambda: deque().remove())
print(deque.__module__, deque, deque[int], deque([1, 2], 2).__reduce__()[:3])

# subclasses
class D(deque):
    def first(self):
        return self[0]
e = D([1, 2, 3], maxlen=4)
e.append(4); e.append(5)
print(e, e.first(), type(e.copy()).__name__, e.copy(), isinstance(e, deque), e == deque([2, 3, 4, 5]))
class D2(deque):
    def __init__(self, n):
        super().__init__(range(n), maxlen=n)
        self.n = n
f = D2(3)
print(f, f.n, f.maxlen)
t(lambda: f + deque([9]))
d = deque([1, 2]); d.__init__([7], 1); print(d)
t(lambda: deque().append(x=1))
t(lambda: deque().rotate(x=1))
t(lambda: [].append(x=1))
