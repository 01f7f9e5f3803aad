# _operator: the functions and the getter types behind operator.py
import _operator as op

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(op.add(1, 2), op.sub(5, 3), op.mul('ab', 2), op.truediv(7, 2), op.floordiv(7, 2), op.mod(7, 3))
print(op.pow(2, 10), op.lshift(1, 5), op.rshift(64, 2), op.and_(12, 10), op.or_(12, 10), op.xor(12, 10))
print(op.neg(3), op.pos(-3), op.inv(5), op.invert(5), op.abs(-2.5), op.index(True), op.truth([]), op.not_(0))
print(op.lt(1, 2), op.le(2, 2), op.eq(1, 1.0), op.ne(1, 2), op.gt('b', 'a'), op.ge([1], [1, 0]))
print(op.is_(None, None), op.is_not(1, None), op.contains([1, 2], 2), op.contains('abc', 'd'))
print(op.concat([1], [2]), op.concat('a', 'b'), op.countOf([1, 2, 1, 1], 1), op.indexOf('abc', 'c'))
l = [1, 2, 3]
op.setitem(l, 0, 9)
op.delitem(l, 1)
print(l, op.getitem(l, -1), op.getitem({'a': 1}, 'a'), op.getitem('abcd', slice(1, 3)))
x = [1]
y = op.iadd(x, [2])
print(x, y is x, op.iadd(1, 2), op.isub(5, 1), op.imul([0], 3), op.iconcat([1], (2,)), op.ior({1}, {2}))
print(op.ipow(2, 3), op.ilshift(1, 3), op.irshift(8, 1), op.iand(7, 3), op.ixor(5, 1), op.imod(7, 4))
print(op.itruediv(1, 4), op.ifloordiv(9, 2), op.call(len, 'abc'), op.call(dict, a=1), op.call(max, 1, 5, key=None))

class M:
    def __init__(self, v): self.v = v
    def __matmul__(self, o): return ('matmul', self.v, o)
    def __imatmul__(self, o): return ('imatmul', self.v, o)
print(op.matmul(M(1), 2), op.imatmul(M(1), 3))

# length_hint
class H:
    def __init__(self, r): self.r = r
    def __length_hint__(self): return self.r
class L:
    def __len__(self): return 3
class LE:
    def __len__(self): raise TypeError('no len')
    def __length_hint__(self): return 4
print(op.length_hint([1, 2]), op.length_hint(H(5)), op.length_hint(L()), op.length_hint(LE()))
print(op.length_hint(object()), op.length_hint(object(), 7), op.length_hint(H(NotImplemented), 2))
t(lambda: op.length_hint(H('x')))
t(lambda: op.length_hint(H(-1)))
t(lambda: op.length_hint())
t(lambda: op.length_hint([1], 'a'))

# itemgetter, attrgetter, methodcaller
g = op.itemgetter(1)
print(g([10, 20]), g('ab'), op.itemgetter(0, 2)('abc'), op.itemgetter('k')({'k': 5}), repr(g))
print(repr(op.itemgetter(1, 'a')), repr(op.itemgetter((1, 2))), op.itemgetter(slice(1, None))([1, 2, 3]))
print(sorted([(1, 'b'), (0, 'c'), (2, 'a')], key=op.itemgetter(1)))
class P: pass
p = P(); p.a = 1; p.b = P(); p.b.c = 'deep'
print(op.attrgetter('a')(p), op.attrgetter('b.c')(p), op.attrgetter('a', 'b.c')(p))
print(repr(op.attrgetter('a')), repr(op.attrgetter('a.b', 'c')))
m = op.methodcaller('split', ',', maxsplit=1)
print(m('a,b,c'), repr(m), op.methodcaller('upper')('x'), repr(op.methodcaller('f', 1, 'x', k=[2])))
print(type(g), type(g).__name__, type(g).__module__, op.itemgetter, op.add, op.add.__name__)
t(lambda: op.attrgetter('zz')(p))
t(lambda: op.attrgetter('b.zz')(p))

# compare_digest
print(op._compare_digest('abc', 'abc'), op._compare_digest('abc', 'abd'), op._compare_digest(b'a', b'ab'))
print(op._compare_digest(b'', b''), op._compare_digest('', 'x'))
t(lambda: op._compare_digest('a', b'a'))
t(lambda: op._compare_digest(b'a', 1))
t(lambda: op._compare_digest(1, 2))
t(lambda: op._compare_digest('é', 'é'))

# errors
t(lambda: op.add(1))
t(lambda: op.add(a=1, b=2))
t(lambda: op.neg())
t(lambda: op.neg(1, 2))
t(lambda: op.not_())
t(lambda: op.truth(x=1))
t(lambda: op.index(1.5))
t(lambda: op.countOf(1))
t(lambda: op.countOf(1, 1))
t(lambda: op.indexOf([1], 2))
t(lambda: op.concat(1, 2))
t(lambda: op.concat({}, {}))
t(lambda: op.iconcat(1, 2))
t(lambda: op.concat([1], (2,)))
t(lambda: op.itemgetter())
t(lambda: op.attrgetter())
t(lambda: op.attrgetter(1))
t(lambda: op.attrgetter('a', 2))
t(lambda: op.methodcaller())
t(lambda: op.methodcaller(1))
t(lambda: op.itemgetter(1)(1))
t(lambda: op.itemgetter(5)([1]))
t(lambda: op.itemgetter(1, x=2))
t(lambda: op.attrgetter('a', x=1))
t(lambda: op.itemgetter(1)())
t(lambda: op.itemgetter(1)([1, 2], x=1))
t(lambda: op.attrgetter('a')())
t(lambda: op.methodcaller('a')())
t(lambda: op.methodcaller('a')(1, 2))
t(lambda: op.methodcaller('nope')(1))
t(lambda: op.getitem())
t(lambda: op.setitem([1], 0))
t(lambda: op.delitem([1], 5))
t(lambda: op.contains(1, 2))
t(lambda: op.call())
t(lambda: op.is_(1))
t(lambda: op.truediv(1, 0))
t(lambda: op.lt(1, 'a'))
t(lambda: op.add([], 1))
print(sorted(n for n in dir(op) if not n.startswith('__')))
