# class vs instance attributes, properties, classmethod/staticmethod, __slots__-free attribute errors
class Counter:
    count = 0
    items = []
    def __init__(self, name):
        self.name = name
        Counter.count += 1
        self.items.append(name)
    @property
    def upper(self):
        return self.name.upper()
    @upper.setter
    def upper(self, v):
        self.name = v.lower()
    @upper.deleter
    def upper(self):
        print("deleting")
    @classmethod
    def make(cls, n):
        return cls(n * 2)
    @staticmethod
    def helper(x):
        return x + 1
a, b = Counter("a"), Counter.make("b")
print(Counter.count, a.count, b.items, a.upper, b.name, Counter.helper(1), a.helper(2))
a.count = 100
print(a.count, Counter.count, b.count, "count" in a.__dict__, sorted(vars(b)))
a.upper = "XYZ"; print(a.name); del a.upper
print(type(Counter.__dict__["make"]).__name__, type(Counter.__dict__["helper"]).__name__, isinstance(Counter.upper, property))
class RO:
    @property
    def v(self):
        return 1
r = RO()
for f in [lambda: setattr(r, "v", 2), lambda: delattr(r, "v"), lambda: r.missing, lambda: RO.missing,
          lambda: delattr(r, "nope"), lambda: getattr(r, "x"), lambda: Counter.make(), lambda: a.helper()]:
    try:
        print(f())
    except (AttributeError, TypeError) as e:
        print(type(e).__name__ + ":", e)
print(getattr(r, "x", "dflt"), hasattr(r, "v"), hasattr(r, "w"))
class Sub(Counter):
    count = 0
    def __init__(self, name):
        super().__init__(name + "!")
s = Sub.make("q")
print(s.name, Sub.count, Counter.count, type(s).__name__, Sub.__name__, Sub.__qualname__, Sub.__bases__)
def method(self):
    return "added " + self.name
Counter.added = method
print(a.added(), s.added(), Counter.added.__name__)
a.dyn = lambda: "instance function, no self"
print(a.dyn())
class WithDoc:
    "docstring here"
    x: int = 5
    y: str
print(WithDoc.__doc__, WithDoc.x, WithDoc.__annotations__ if False else "", hasattr(WithDoc, "y"), WithDoc.__module__)
bm = a.added
print(bm.__self__ is a, bm.__func__ is method, bm == a.added, type(bm).__name__)
print(Counter.__dict__["count"] if "count" in Counter.__dict__ else None, isinstance(s, Counter), issubclass(Sub, (int, Counter)))
