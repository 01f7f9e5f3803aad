# CPython's abc.py over minipy's _abc, types.py, keyword, operator.
import abc, types, keyword, operator, _abc

class Shape(abc.ABC):
    @abc.abstractmethod
    def area(self): ...
    @property
    @abc.abstractmethod
    def name(self): ...
    def describe(self):
        return "%s with area %s" % (self.name, self.area())

print(sorted(Shape.__abstractmethods__))
try:
    Shape()
except TypeError as e:
    print("TypeError", e)

class Square(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s * self.s
    @property
    def name(self): return "square"

print(Square(3).describe(), Square.__abstractmethods__)

class Half(Shape):
    def area(self): return 0
try:
    Half()
except TypeError as e:
    print("TypeError", e)

class Sized(metaclass=abc.ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Sized:
            return any("__len__" in B.__dict__ for B in C.__mro__)
        return NotImplemented

print(issubclass(list, Sized), issubclass(int, Sized), isinstance("ab", Sized))

class Registered(abc.ABC):
    pass
token = abc.get_cache_token()
print(Registered.register(int) is int, issubclass(int, Registered), isinstance(3, Registered),
      issubclass(bool, Registered), issubclass(str, Registered))
print(abc.get_cache_token() != token)
try:
    Registered.register(3)
except TypeError as e:
    print("TypeError", e)
class Sub(Registered): pass
try:
    Sub.register(Registered)
except RuntimeError as e:
    print("RuntimeError", e)
try:
    issubclass(3, Registered)
except TypeError as e:
    print("TypeError", e)
reg, cache, neg, ver = _abc._get_dump(Registered)
print(len(reg), isinstance(ver, int))
Registered._abc_registry_clear()
print(_abc._get_dump(Registered)[0])

class WithCM(abc.ABC):
    @classmethod
    @abc.abstractmethod
    def make(cls): ...
    @staticmethod
    @abc.abstractmethod
    def helper(): ...
print(sorted(WithCM.__abstractmethods__))
class Concrete(WithCM):
    @classmethod
    def make(cls): return cls.__name__
    @staticmethod
    def helper(): return 1
print(Concrete.make(), abc.update_abstractmethods(Concrete) is Concrete)

# types
def gen(): yield 1
async def coro(): pass
class C:
    def m(self): pass
print(types.FunctionType is type(gen), type(gen()) is types.GeneratorType,
      types.MethodType is type(C().m), types.BuiltinFunctionType is type(len),
      types.ModuleType is type(types), types.NoneType is type(None),
      types.EllipsisType is type(...), types.NotImplementedType is type(NotImplemented))
c = coro(); print(type(c) is types.CoroutineType); c.close()
ns = types.SimpleNamespace(a=1, b="x")
ns.c = [1]
print(ns, ns == types.SimpleNamespace(a=1, b="x", c=[1]))
M = types.new_class("M", (C,), {}, lambda ns: ns.update({"x": 5}))
print(M.__name__, M.x, M.__mro__[1] is C)
print(types.resolve_bases((int, list[int])))
print(types.GenericAlias(dict, (str, int)), list[int] == types.GenericAlias(list, (int,)))
print(types.prepare_class("P", (), {})[0] is type)

# keyword
print(keyword.iskeyword("for"), keyword.iskeyword("match"), keyword.issoftkeyword("match"),
      len(keyword.kwlist), keyword.softkwlist)

# operator
print(operator.add(2, 3), operator.itemgetter(1, 0)("ab"), operator.attrgetter("real")(3),
      operator.methodcaller("split", ",")("a,b"), operator.index(7), operator.length_hint([1, 2]))
print(operator.__name__, operator.add.__module__)

# types.MethodType, set/frozenset reduce (what copy uses)
def f(self, x):
    return (self, x)
m = types.MethodType(f, 5)
print(m(1), m.__self__, m.__func__ is f)
for a in ((1, 2), (f, None), (f,)):
    try:
        types.MethodType(*a)
    except TypeError as e:
        print("TypeError", e)
print({1, 2}.__reduce__(), frozenset().__reduce__())
class S(set): pass
s = S([3]); s.tag = 1
print(s.__reduce__())
