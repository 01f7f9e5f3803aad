# Subclassing every builtin type: constructors, __new__ overrides of
# immutable types, instance attributes, __missing__, Exception and type.

class MyInt(int):
    def __new__(cls, value, label=""):
        obj = super().__new__(cls, value)
        obj.label = label
        return obj
    def __repr__(self):
        return f"MyInt({int(self)}, {self.label!r})"
m = MyInt(5, "five")
print(m, m + 1, type(m + 1).__name__, m.label, isinstance(m, int), m == 5, {m: "x"}[5])
print(type(MyInt(3)).__name__, MyInt(True), int(m) * 2, sorted([MyInt(3), MyInt(1), 2]))

class Pair(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self): return self[0]
    @property
    def y(self): return self[1]
    def __repr__(self): return f"Pair{tuple.__repr__(self)}"
pr = Pair(1, 2)
print(pr, pr.x, pr.y, len(pr), pr + (3,), type(pr + (3,)).__name__, pr == (1, 2), hash(pr) == hash((1, 2)))
a, b = pr
print(a, b, list(pr), pr[::-1], max(pr))

class Name(str):
    def shout(self): return self.upper() + "!"
n = Name("bob")
n.extra = 1
print(n, repr(n), n.shout(), n.extra, n.__dict__, type(str(n)).__name__, type(n.title()).__name__, n + "by")
print({"bob": 1}[n], n in {"bob"}, "o" in n, f"<{n}>", "%s" % n, ", ".join([n, n]), n.startswith("b"))

class Celsius(float):
    def __new__(cls, v):
        return super().__new__(cls, round(v, 1))
    def to_f(self): return self * 9 / 5 + 32
c = Celsius(21.456)
print(c, c.to_f(), type(c * 2).__name__, c > 20, float(c), int(c))

class Stack(list):
    def push(self, x): self.append(x)
    def peek(self): return self[-1]
s = Stack([1, 2])
s.push(3)
print(s, s.peek(), len(s), type(s).__name__, type(s[:1]).__name__, type(s + [4]).__name__, s == [1, 2, 3])
s += [4]
print(s, type(s).__name__)
s.sort(reverse=True)
print(s, sorted(s), s.pop(), s)

class DefaultDict(dict):
    def __init__(self, factory, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.factory = factory
    def __missing__(self, key):
        value = self[key] = self.factory()
        return value
dd = DefaultDict(list, a=[1])
dd["b"].append(2)
dd["a"].append(3)
print(dd, dd.factory, len(dd), "c" in dd, dd.get("c"), sorted(dd.items()))
class CountingDict(dict):
    def __missing__(self, key): return 0
cd = CountingDict()
for ch in "hello":
    cd[ch] = cd[ch] + 1
print(cd, type(cd.copy()).__name__, cd == {"h": 1, "e": 1, "l": 2, "o": 1})
class LowerDict(dict):
    def __setitem__(self, k, v): super().__setitem__(k.lower(), v)
    def __getitem__(self, k): return super().__getitem__(k.lower())
ld = LowerDict()
ld["KEY"] = 1
print(ld["key"], ld["Key"], dict(ld))

class Tags(set):
    def add_all(self, *items):
        for i in items: self.add(i)
        return self
t = Tags(["a"]).add_all("b", "c")
print(sorted(t), type(t).__name__, type(t | {"d"}).__name__, type(t.copy()).__name__, "a" in t, repr(Tags()))
class Frozen(frozenset):
    def describe(self): return f"{len(self)} items"
fz = Frozen([1, 2])
print(fz.describe(), repr(fz), type(fz | {3}).__name__, hash(fz) == hash(frozenset([1, 2])), {fz: 1}[frozenset([1, 2])])
class Blob(bytes):
    def hexed(self): return self.hex()
bl = Blob(b"\x01\x02")
print(bl, bl.hexed(), type(bl + b"x").__name__, bl[0], type(bl[:1]).__name__, len(bl))

class AppError(Exception):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
    def __str__(self): return f"[{self.code}] {self.args[0]}"
try:
    raise AppError(404, "not found")
except Exception as e:
    print(type(e).__name__, e, e.code, e.args, isinstance(e, Exception))
class Multi(KeyError, IndexError): pass
try:
    raise Multi("k")
except IndexError as e:
    print("caught as IndexError:", repr(e), [k.__name__ for k in Multi.__mro__])
class MyValueError(ValueError):
    pass
try:
    int("x")
except MyValueError:
    print("wrong")
except ValueError as e:
    print("ValueError:", e)

class MyType(type):
    def __repr__(cls): return f"<MyType {cls.__name__}>"
Made = MyType("Made", (), {})
print(Made, type(Made).__name__, isinstance(Made, type), Made.__class__.__name__)

for base in (bool, type(None), range, slice, type(len)):
    try:
        type("X", (base,), {})
    except TypeError as e:
        print("TypeError:", e)
print(MyInt.__mro__[1:], Stack.__base__, Pair.__bases__)

# dunders a str subclass overrides win over the builtin fast paths
class Caseless(str):
    def __eq__(self, other): return self.lower() == str(other).lower()
    __hash__ = str.__hash__
    def __lt__(self, other): return self.lower() < str(other).lower()
    def __str__(self): return "caseless:" + str.__str__(self)
    def __format__(self, spec): return "fmt:" + str.__str__(self)
cs = Caseless("Hello")
print(cs == "hello", "hello" == cs, cs != "HELLO", cs in ["HELLO"], sorted([Caseless("b"), Caseless("A")]))
print(str(cs), f"{cs}", "{}".format(cs), print(cs), format(cs, ""))

# object.__new__ cannot make instances of builtin-based classes
class PyNew:
    def __new__(cls): return object.__new__(cls)
class PyNewSub(PyNew): pass
class ListNew(list):
    def __new__(cls): return object.__new__(cls)
for c in (Stack, AppError, list, ValueError, PyNewSub, ListNew):
    try:
        print(type(object.__new__(c)).__name__)
    except TypeError as e:
        print("TypeError:", e)
