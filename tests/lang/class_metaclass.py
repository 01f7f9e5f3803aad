# Metaclasses: metaclass=, type(name, bases, ns), __prepare__, __new__,
# __init__, __call__, class keywords, methods and properties of the
# metaclass seen on the class, __instancecheck__/__subclasscheck__.

class Meta(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        print("prepare", mcs.__name__, name, [b.__name__ for b in bases], kw)
        ns = {"prepared": True}
        return ns
    def __new__(mcs, name, bases, ns, **kw):
        print("new", name, sorted(k for k in ns if not k.startswith("__")), kw)
        cls = super().__new__(mcs, name, bases, ns)
        cls.created_by = mcs.__name__
        return cls
    def __init__(cls, name, bases, ns, **kw):
        print("init", name, kw)
        super().__init__(name, bases, ns)
    def describe(cls):
        return f"{cls.__name__} made by {cls.created_by}"
    @property
    def upper_name(cls):
        return cls.__name__.upper()

class Thing(metaclass=Meta, flavour="plain"):
    x = 1
    def method(self):
        return "method"
print(type(Thing).__name__, Thing.prepared, Thing.describe(), Thing.upper_name, Thing().method())
print(isinstance(Thing, Meta), isinstance(Thing, type), type(Thing()).__name__)
class SubThing(Thing):
    y = 2
print(type(SubThing).__name__, SubThing.describe(), SubThing.x)
try:
    Thing().describe()
except AttributeError as e:
    print("AttributeError:", e)

# __call__ on the metaclass: singletons, instance counting
class Singleton(type):
    _instances = {}
    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]
class Config(metaclass=Singleton):
    def __init__(self, value=0):
        print("Config.__init__", value)
        self.value = value
a = Config(1)
b = Config(2)
print(a is b, a.value)

# type() with three arguments, with and without a metaclass
Point = type("Point", (), {"x": 0, "norm": lambda self: abs(self.x)})
p = Point()
p.x = -3
print(Point.__name__, Point.__qualname__, Point.__bases__, p.norm())
Derived = Meta("Derived", (Thing,), {"z": 3}, flavour="dynamic")
print(Derived.z, Derived.x, type(Derived).__name__)
print(type(3), type("s") is str, type(type), type(Meta))
for args in [(1, 2), ("A", 1, {}), ("A", (), []), (1, (), {}), ("A", (1,), {})]:
    try:
        type(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    Meta("X")
except TypeError as e:
    print("TypeError:", e)
try:
    type.__new__(1, "A", (), {})
except TypeError as e:
    print("TypeError:", e)

# the metaclass is derived from the bases; conflicts are errors
class M1(type): pass
class M2(type): pass
class M3(M1, M2): pass
class C1(metaclass=M1): pass
class C2(metaclass=M2): pass
try:
    class C12(C1, C2): pass
except TypeError as e:
    print("TypeError:", e)
class C3(C1, C2, metaclass=M3): pass
print(type(C3).__name__)
class C4(C1): pass
print(type(C4).__name__)
class C5(C1, metaclass=type): pass
print(type(C5).__name__)

# class keywords: __init_subclass__
class PluginBase:
    plugins = {}
    def __init_subclass__(cls, /, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        PluginBase.plugins[name or cls.__name__.lower()] = cls
class Alpha(PluginBase, name="alpha"): pass
class Beta(PluginBase): pass
print(sorted(PluginBase.plugins))
try:
    class Gamma(PluginBase, name="g", colour="red"): pass
except TypeError as e:
    print("TypeError:", e)
kw = {"name": "delta"}
class Delta(PluginBase, **kw): pass
print(sorted(PluginBase.plugins))
try:
    class Plain(bogus=1): pass
except TypeError as e:
    print("TypeError:", e)

# __instancecheck__ / __subclasscheck__
class Duck(type):
    def __instancecheck__(cls, obj):
        return hasattr(obj, "quack")
    def __subclasscheck__(cls, sub):
        return hasattr(sub, "quack")
class Quacker(metaclass=Duck): pass
class Mallard:
    def quack(self): return "quack"
print(isinstance(Mallard(), Quacker), isinstance(3, Quacker), issubclass(Mallard, Quacker), issubclass(int, Quacker))
print(isinstance(Mallard(), (int, Quacker)), issubclass(Mallard, (str, Quacker)))
print(type.__instancecheck__(Quacker, Mallard()), type.__subclasscheck__(int, bool))
try:
    isinstance(3, 4)
except TypeError as e:
    print("TypeError:", e)
try:
    issubclass(3, int)
except TypeError as e:
    print("TypeError:", e)
try:
    issubclass(int, 3)
except TypeError as e:
    print("TypeError:", e)

# a metaclass with __getattr__, __setattr__ and custom mro()
class Lazy(type):
    def __getattr__(cls, name):
        return f"<lazy {name}>"
    def __setattr__(cls, name, value):
        print("setting", name)
        super().__setattr__(name, value)
class UsesLazy(metaclass=Lazy):
    real = 1
print(UsesLazy.real, UsesLazy.anything)
UsesLazy.real = 2
print(UsesLazy.real)
class Reverse(type):
    def mro(cls):
        return [cls] + [b for b in type.mro(cls)[1:]][::-1]
class R1: pass
class R2(R1, metaclass=Reverse): pass
print([k.__name__ for k in R2.__mro__])

# functions as metaclasses, and __class__ cell checks
def func_meta(name, bases, ns, **kw):
    print("func_meta", name, kw)
    return {"name": name}
class NotAClass(metaclass=func_meta, k=1):
    pass
print(NotAClass)
class Sneaky(type):
    def __new__(mcs, name, bases, ns):
        ns = dict(ns)
        ns.pop("__classcell__", None)
        return super().__new__(mcs, name, bases, ns)
try:
    class Broken(metaclass=Sneaky):
        def f(self):
            return __class__
except RuntimeError as e:
    print("RuntimeError:", e)

# __prepare__ results, __mro_entries__ errors, non-class bases
class M(type):
    @classmethod
    def __prepare__(mcs, name, bases): return 5
try:
    class A(metaclass=M): pass
except TypeError as e: print(e)
class E:
    def __mro_entries__(self, bases): return [int]
try:
    class B(E()): pass
except TypeError as e: print(e)
class NS(dict):
    def __setitem__(self, k, v):
        print("ns set", k)
        super().__setitem__(k, v)
class M2(type):
    @classmethod
    def __prepare__(mcs, name, bases): return NS()
class C(metaclass=M2):
    x = 1
    def f(self): return x
print(C.x)
try:
    class D(3): pass
except TypeError as e: print(e)
try:
    class D2(len): pass
except TypeError as e: print(e)
