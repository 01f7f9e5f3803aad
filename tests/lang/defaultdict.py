# _collections.defaultdict, _count_elements and _tuplegetter
from _collections import defaultdict, _count_elements, _tuplegetter
import _collections

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = defaultdict(list)
d['a'].append(1); d['a'].append(2); d['b'].append(3)
print(d, d['a'], len(d), 'c' in d, d.get('c'), d.default_factory)
n = defaultdict(int, {'x': 1}, y=2)
n['x'] += 1; n['z'] += 5
print(n, sorted(n.items()), n.keys(), list(n.values()))
print(defaultdict(), defaultdict(None, [(1, 2)]), isinstance(d, dict), type(d).__name__, defaultdict.__module__)
print(d.__missing__('new'), d['new'], d.copy(), type(d.copy()).__name__, d.__copy__() == d, d.copy() is d)
dn = defaultdict(None)
t(lambda: dn['missing'])
t(lambda: dn.__missing__(('tu', 'ple')))
dn.default_factory = lambda: 'dflt'
print(dn['k'], dict(dn))
dn.default_factory = None
t(lambda: dn['q'])
print(n | {'w': 0}, {'w': 0} | n, type({'w': 0} | n).__name__)
n |= {'v': 9}
print(n, n == {'x': 2, 'y': 2, 'z': 5, 'v': 9}, dict(n))
print(n.pop('v'), n.setdefault('s', 1), n.get('zz', 'dflt'), 'zz' in n, sorted(n))
r = defaultdict(list); r['self'] = r
print(r)
print(defaultdict(int, a=1).__reduce__()[:4], defaultdict.__missing__, defaultdict[str, int])
t(lambda: defaultdict(1))
t(lambda: defaultdict(list, {1: 2}, {3: 4}))
t(lambda: defaultdict(list).__missing__())
t(lambda: defaultdict(list, 5))
t(lambda: hash(defaultdict()))

class Counting(defaultdict):
    def __missing__(self, key):
        return 'made-' + str(key)
c = Counting(int)
print(c['a'], c, type(c).__name__, c.default_factory)
class Tree(defaultdict):
    def __init__(self):
        super().__init__(Tree)
tr = Tree()
tr['a']['b']['c'] = 1
print(tr['a']['b'], type(tr['a']).__name__, 'x' in tr)
class Plain(defaultdict):
    pass
p = Plain(list, k=[1])
p['z'].append(0)
print(p, type(p.copy()).__name__)

# _count_elements
counts = {}
_count_elements(counts, 'abracadabra')
print(counts)
dd = defaultdict(int)
_count_elements(dd, [1, 2, 1])
print(dd)
class M(dict):
    def get(self, k, d=None):
        return dict.get(self, k, d)
mm = M(); _count_elements(mm, 'aab'); print(mm)
t(lambda: _count_elements())
t(lambda: _count_elements({}, 1))
t(lambda: _count_elements({}, [[]]))

# _tuplegetter
class Point(tuple):
    __slots__ = ()
    x = _tuplegetter(0, 'Alias for field number 0')
    y = _tuplegetter(1, 'Alias for field number 1')
pt = Point((3, 4))
print(pt.x, pt.y, Point.x, Point.x.__doc__, repr(Point.y))
Point.x.__doc__ = 'the x'
print(Point.x.__doc__, Point.__dict__['x'].__get__(pt), Point.x.__get__(None, Point))
def s1(): pt.x = 1
def s2(): del pt.y
t(s1)
t(s2)
t(lambda: _tuplegetter(1))
t(lambda: _tuplegetter(5, 'doc').__get__((1, 2, 3)))
t(lambda: _tuplegetter(1, 'doc').__get__([1, 2, 3]))
t(lambda: _tuplegetter('a', 'doc'))
print(sorted(n for n in dir(_collections) if not n.startswith('__') and n != 'OrderedDict'))
