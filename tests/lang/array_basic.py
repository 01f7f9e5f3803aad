# array: every typecode, construction, items, repr, sequence protocol
import array

def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

print(array.typecodes, array.ArrayType is array.array, array.array.__name__, array.array.__module__)
for tc in array.typecodes:
    a = array.array(tc)
    print(tc, a, a.typecode, a.itemsize, len(a))
for tc in 'bBhHiIlLqQ':
    a = array.array(tc, [0, 1, 2, 3, 100])
    print(tc, a, a[0], a[-1], a[1:3], a[::-2], a.tolist())
for tc in 'fd':
    a = array.array(tc, [0.5, -1, 2.25, 1e10])
    print(tc, a, a[1], type(a[1]).__name__, a.tolist())
print(array.array('f', [0.1])[0], array.array('d', [0.1])[0])
print(array.array('d', [float('inf'), float('-inf')]), array.array('d', [float('nan')]))
u = array.array('u', 'héllo wörld €𝄞')
print(u, len(u), u[1], u[-1], u[2:5], u.tounicode())
# limits of each integer typecode
lims = {'b': (-128, 127), 'B': (0, 255), 'h': (-2**15, 2**15 - 1), 'H': (0, 2**16 - 1),
        'i': (-2**31, 2**31 - 1), 'I': (0, 2**32 - 1), 'l': (-2**63, 2**63 - 1),
        'L': (0, 2**64 - 1), 'q': (-2**63, 2**63 - 1), 'Q': (0, 2**64 - 1)}
for tc, (lo, hi) in lims.items():
    print(tc, array.array(tc, [lo, hi]))
    t(lambda: array.array(tc, [lo - 1]))
    t(lambda: array.array(tc, [hi + 1]))
    t(lambda: array.array(tc, [2**64]))
    t(lambda: array.array(tc, [-2**64]))
    t(lambda: array.array(tc, [2**100]))
    t(lambda: array.array(tc, [1.5]))
    t(lambda: array.array(tc, ['1']))
    t(lambda: array.array(tc, [None]))
print(array.array('i', [True, False]))
class Idx:
    def __index__(self): return 7
print(array.array('i', [Idx()]), array.array('d', [Idx()]))
class Fl:
    def __float__(self): return 2.5
print(array.array('d', [Fl()]))
t(lambda: array.array('i', [Fl()]))
for tc in 'fd':
    t(lambda: array.array(tc, ['x']))
    t(lambda: array.array(tc, [None]))
    t(lambda: array.array(tc, [b'a']))
t(lambda: array.array('f', [1e300]))
t(lambda: array.array('u', ['ab']))
t(lambda: array.array('u', [1]))
t(lambda: array.array('u', ['a', 'b']))
# constructors
print(array.array('i', range(5)), array.array('i', (x * x for x in range(4))))
print(array.array('B', b'abc'), array.array('h', b'\x01\x00\x02\x00'), array.array('B', bytearray(b'xy')))
print(array.array('i', array.array('i', [1, 2])), array.array('d', array.array('i', [1, 2])))
print(array.array('u', array.array('u', 'xy')))
t(lambda: array.array('h', b'\x01'))
t(lambda: array.array('i', 'abc'))
t(lambda: array.array('i', array.array('u', 'ab')))
t(lambda: array.array('x'))
t(lambda: array.array('ii'))
t(lambda: array.array(1))
t(lambda: array.array())
t(lambda: array.array('i', [], 3))
t(lambda: array.array('i', typecode='i'))
t(lambda: array.array('i', 5))
t(lambda: hash(array.array('i')))
# sequence protocol
a = array.array('i', range(10))
print(3 in a, 30 in a, 3.0 in a, list(iter(a)), list(reversed(a)))
print(type(iter(a)).__name__, type(iter(a)))
t(lambda: a[10])
t(lambda: a[-11])
t(lambda: a['x'])
t(lambda: a[1.5])
print(a[2:8:3], a[-3:], a[100:], a[::-1], a[5:2])
print(bool(array.array('i')), bool(a))
print(array.array('u', 'abc') == array.array('u', 'abc'), 'b' in array.array('u', 'abc'))
