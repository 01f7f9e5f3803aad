# dunder methods users expect: repr/str, comparisons, hash, containers, iteration, call, arithmetic
class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"V({self.x}, {self.y})"
    def __str__(self):
        return f"<{self.x},{self.y}>"
    def __eq__(self, o):
        return isinstance(o, V) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)
    def __add__(self, o):
        return V(self.x + o.x, self.y + o.y)
    def __sub__(self, o):
        return V(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return V(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return V(-self.x, -self.y)
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __bool__(self):
        return bool(self.x or self.y)
a, b = V(1, 2), V(3, 4)
print(a, repr(a), [a], str(b), a + b, b - a, a * 3, 3 * a, -a, abs(b), a == V(1, 2), a != b, a < b, b > a)
print(sorted([b, a, V(0, 9)]), {a: "found"}[V(1, 2)], len({a, V(1, 2), b}), bool(V(0, 0)), bool(a))
print(f"{a}", f"{a!r}", "%s %r" % (a, a), max([a, b]), min(a, b))
class Bag:
    def __init__(self):
        self.items = {}
    def __len__(self):
        return len(self.items)
    def __getitem__(self, k):
        return self.items[k]
    def __setitem__(self, k, v):
        self.items[k] = v
    def __delitem__(self, k):
        del self.items[k]
    def __contains__(self, k):
        return k in self.items
    def __iter__(self):
        return iter(sorted(self.items))
bag = Bag()
bag["b"] = 2
bag["a"] = 1
print(len(bag), bag["a"], "b" in bag, "z" in bag, list(bag), [k for k in bag])
del bag["a"]
print(len(bag), bool(bag))
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(5)), sum(Countdown(4)))
class Adder:
    def __init__(self, k):
        self.k = k
    def __call__(self, x):
        return x + self.k
add5 = Adder(5)
print(add5(10), callable(add5), callable(5), list(map(add5, [1, 2])))
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
print(list(Seq()), 20 in Seq())
class Acc:
    def __init__(self):
        self.v = []
    def __iadd__(self, other):
        self.v.append(other)
        return self
acc = Acc()
acc += 1
acc += 2
print(acc.v)
class NoHash:
    def __eq__(self, o):
        return True
try:
    hash(NoHash())
except TypeError as e:
    print("TypeError:", e)
try:
    V(1, 2) + 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    a / b
except TypeError as e:
    print("TypeError:", e)
