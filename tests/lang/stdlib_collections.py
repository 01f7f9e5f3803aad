# collections: namedtuple, OrderedDict, Counter, ChainMap, deque, defaultdict,
# UserDict/UserList/UserString, collections.abc.
import collections
from collections import namedtuple, OrderedDict, Counter, ChainMap, deque, defaultdict
import collections.abc as cabc

Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, p.x + p.y, p[0], p._asdict(), p._replace(x=5), Point._fields, Point._make([3, 4]))
print(Point.__doc__, Point.x.__doc__, isinstance(p, tuple), p == (1, 2), hash(p) == hash((1, 2)))
P3 = namedtuple("P3", ["a", "b", "c"], defaults=[0, 1])
print(P3(9), P3._field_defaults, P3.__name__, P3.__module__)
R = namedtuple("R", "def x _y", rename=True)
print(R._fields)
for bad in (lambda: namedtuple("B", "x x"), lambda: namedtuple("B", "1x"),
            lambda: namedtuple("B", "_x"), lambda: Point(1), lambda: Point(1, 2, 3)):
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
x, y = p
print(x, y, p.count(1), p.index(2), repr(Point), Point.__match_args__)

od = OrderedDict(a=1, b=2, c=3)
od.move_to_end("a")
print(od, list(od), od.popitem(), od.popitem(last=False), od)
od["z"] = 26
od.move_to_end("z", last=False)
print(od, list(reversed(od)), od == OrderedDict([("z", 26), ("b", 2)]), od == {"b": 2, "z": 26})
print(OrderedDict.fromkeys("abc", 0), od.setdefault("q", 7), od.pop("q"), od | {"n": 1})

c = Counter("abracadabra")
print(c, c.most_common(2), c["z"], sorted(c.elements()), c.total())
c.update("aaz")
c.subtract({"a": 10})
print(c, +c, -c, Counter(a=3) + Counter(a=1, b=2), Counter(a=3) - Counter(a=1, b=2))
print(Counter(a=3) & Counter(a=1, b=2), Counter(a=3) | Counter(a=1, b=2), Counter(a=1) == Counter(a=1, b=0))
print(Counter({'x': 2}) <= Counter({'x': 3}), Counter("hello").most_common())

base, over = {"a": 1, "b": 2}, {"b": 3}
cm = ChainMap(over, base)
print(cm["a"], cm["b"], len(cm), sorted(cm), cm.maps, cm.new_child({"c": 4})["c"], cm.parents)
cm["d"] = 5
print(over, dict(cm), "d" in cm, cm.get("zz", 0))
try:
    del cm["a"]
except KeyError as e:
    print("KeyError", e)

d = deque([1, 2, 3], maxlen=4)
d.appendleft(0); d.append(4)
print(d, d.maxlen, d.popleft(), d.rotate(1), d)
dd = defaultdict(list)
dd["k"].append(1)
print(dd, dd.default_factory, dict(dd))

class MyDict(collections.UserDict):
    def __missing__(self, key):
        return key * 2
md = MyDict(a=1)
print(md["a"], md["zz"], len(md), md.data, isinstance(md, cabc.MutableMapping))
ul = collections.UserList([3, 1, 2])
ul.sort()
print(ul, ul + [4], ul * 2, ul[1:], type(ul[1:]).__name__)
us = collections.UserString("hello")
print(us.upper(), us[1:3], us + "!", len(us), "ell" in us)

print(isinstance([], cabc.Sequence), isinstance({}, cabc.Mapping), isinstance(set(), cabc.Set),
      isinstance(iter([]), cabc.Iterator), isinstance(len, cabc.Callable), issubclass(str, cabc.Hashable),
      isinstance((x for x in []), cabc.Generator), issubclass(list, cabc.Hashable))

class Seq(cabc.Sequence):
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
    def __getitem__(self, i):
        if i >= self.n: raise IndexError(i)
        return i * 10
s = Seq(4)
print(list(s), 20 in s, s.index(30), s.count(10), list(reversed(s)))
class Bag(cabc.MutableSet):
    def __init__(self, it=()): self.items = set(it)
    def __contains__(self, x): return x in self.items
    def __iter__(self): return iter(sorted(self.items))
    def __len__(self): return len(self.items)
    def add(self, x): self.items.add(x)
    def discard(self, x): self.items.discard(x)
b = Bag([1, 2, 3])
b -= {2}
print(list(b), list(b | {9}), b.isdisjoint([7]), list(b & {1}))
try:
    cabc.Sequence()
except TypeError as e:
    print("TypeError", e)
print(cabc.Callable[[int], str], cabc.Mapping[str, int])
