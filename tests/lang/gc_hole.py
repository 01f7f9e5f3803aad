# C code holding a value that a Python callback removes from its container,
# with a collection forced in between (issue 10's second hole): the value
# must survive while C still uses it.  Run under the gc_stress build too.
import gc


def churn():
    gc.collect()
    return [[i, str(i)] * 4 for i in range(2000)]


class Item:
    """An item whose __eq__ empties the list it sits in, then collects."""
    def __init__(self, name, home):
        self.name = name
        self.payload = [name] * 3
        self.home = home

    def __eq__(self, other):
        self.home.clear()
        churn()
        return self.payload == [other] * 3

    __hash__ = None


xs = []
xs.extend(Item("item%d" % i, xs) for i in range(5))
print("index:", xs.index("item0"), len(xs))
xs.extend(Item("item%d" % i, xs) for i in range(5))
print("in:", "item3" in xs, len(xs))
xs.extend(Item("item%d" % i, xs) for i in range(5))
print("count:", xs.count("item0"), len(xs))


# max/min keep the best item and its key while the key function empties the list.
data = [[i, "v%d" % i] for i in range(50)]
def key(pair):
    data.clear()
    churn()
    return pair[0]
best = max(iter(data), key=key)
print("max:", best, len(data))


# sorted: the list is empty while it is sorted; every comparison collects, so
# the values live only in the sort's own arrays and merge buffers.
class Slow:
    def __init__(self, v):
        self.v = v
        self.label = "n%d" % v

    def __lt__(self, other):
        if (self.v * 7 + other.v) % 97 == 0:
            churn()
        return self.v < other.v


vals = [Slow((i * 37) % 200) for i in range(200)]
out = sorted(vals)
print("sorted:", [s.label for s in out[:5]], [s.label for s in out[-3:]], len(out))
vals.sort(key=lambda s: (gc.collect() if s.v % 50 == 0 else 0, -s.v)[1])
print("sort key:", [s.label for s in vals[:3]])


# A dict value fetched by a lookup whose key __eq__ deletes it.
class Key:
    def __init__(self, k, d):
        self.k = k
        self.d = d

    def __hash__(self):
        return hash(self.k)

    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k


d = {}
d[Key("a", d)] = ["alpha", "value"]
class Evil(Key):
    def __eq__(self, other):
        self.d.clear()
        churn()
        return Key.__eq__(self, other)
    __hash__ = Key.__hash__
print("dict get:", d.get(Evil("a", d)), d.get(Evil("b", d), "missing"))
d[Key("a", d)] = ["alpha", "value"]
print("dict pop:", d.pop(Evil("a", d), "gone"), len(d))


# A generator driven by C (list(), set(), sum()) whose items exist nowhere else.
def gen(n):
    for i in range(n):
        if i % 100 == 0:
            churn()
        yield ["g", i, str(i)]
print("list(gen):", len(list(gen(500))), sum(len(x) for x in gen(300)))
print("set(gen):", len(set(tuple(x) for x in gen(300))))
print("join:", len("".join(x[2] for x in gen(300))))


# f(*args) / f(**kw) with freshly built arguments.
def f(*a, **k):
    churn()
    return len(a), sorted(k), a[-1], k["z"]
print("star:", f(*[str(i) for i in range(10)], **{"z": ["zz"], "y": 1}))
