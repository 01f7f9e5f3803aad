# Class machinery as library code uses it: an enum-like metaclass, registries,
# ABC-like virtual subclasses, a namedtuple built with type(), proxies.
# enum-like metaclass
class EnumMeta(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        return {}
    def __new__(mcs, name, bases, ns, **kw):
        members = {k: v for k, v in ns.items() if not k.startswith('_') and not callable(v)}
        cls = super().__new__(mcs, name, bases, ns)
        cls._members = {}
        for k, v in members.items():
            inst = object.__new__(cls)
            inst.name, inst.value = k, v
            cls._members[k] = inst
            setattr(cls, k, inst)
        return cls
    def __iter__(cls): return iter(cls._members.values())
    def __len__(cls): return len(cls._members)
    def __contains__(cls, item): return item in cls._members.values()
    def __getitem__(cls, name): return cls._members[name]
    def __call__(cls, value):
        for m in cls._members.values():
            if m.value == value: return m
        raise ValueError(f"{value!r} is not a valid {cls.__name__}")
    def __repr__(cls): return f"<enum {cls.__name__!r}>"
class Enum(metaclass=EnumMeta):
    def __repr__(self): return f"<{type(self).__name__}.{self.name}: {self.value!r}>"
class Color(Enum):
    RED = 1
    GREEN = 2
print(list(Color), len(Color), Color.RED in Color, Color['GREEN'], Color(2), repr(Color))
try: Color(5)
except ValueError as e: print(e)
print(type(Color), isinstance(Color, EnumMeta), type(Color.RED) is Color)
# registry via __init_subclass__
class Plugin:
    registry = {}
    def __init_subclass__(cls, /, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        Plugin.registry[name or cls.__name__] = cls
class A(Plugin, name="alpha"): pass
class B(Plugin): pass
print(sorted(Plugin.registry))
try:
    class Bad(Plugin, nonsense=1): pass
except TypeError as e: print(e)
# ABC-like
class ABCMeta(type):
    def __new__(mcls, name, bases, namespace, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        abstracts = {name for name, value in namespace.items() if getattr(value, "__isabstractmethod__", False)}
        for base in bases:
            for name in getattr(base, "__abstractmethods__", set()):
                value = getattr(cls, name, None)
                if getattr(value, "__isabstractmethod__", False):
                    abstracts.add(name)
        cls.__abstractmethods__ = frozenset(abstracts)
        cls._abc_registry = set()
        return cls
    def register(cls, subclass):
        cls._abc_registry.add(subclass); return subclass
    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))
    def __subclasscheck__(cls, subclass):
        if subclass in cls._abc_registry: return True
        return type.__subclasscheck__(cls, subclass)
def abstractmethod(f):
    f.__isabstractmethod__ = True
    return f
class Shape(metaclass=ABCMeta):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def perimeter(self): ...
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
try: Shape()
except TypeError as e: print(e)
try: Sq(2)
except TypeError as e: print(e)
class Sq2(Sq):
    def perimeter(self): return 4 * self.s
print(Sq2(3).area(), Sq2.__abstractmethods__)
class Virtual: pass
Shape.register(Virtual)
print(isinstance(Virtual(), Shape), issubclass(Virtual, Shape), issubclass(int, Shape), isinstance(Sq2(1), Shape))
# type() with 3 args and metaclass
X = type('X', (object,), {'a': 1, 'f': lambda self: self.a + 1})
print(X().f(), X.__name__, X.__module__ if hasattr(X, '__module__') else None)
Y = EnumMeta('Y', (Enum,), {'Q': 7})
print(list(Y))
try: type('Z', (1,), {})
except TypeError as e: print(e)
try: type('Z', (), [])
except TypeError as e: print(e)
try: type(1, 2)
except TypeError as e: print(e)
class Meta2(type):
    def __call__(cls, *a, **k):
        print("meta call", a, k)
        return super().__call__(*a, **k)
class W(metaclass=Meta2):
    def __init__(self, x): self.x = x
print(W(5).x)
class Singleton(type):
    _inst = {}
    def __call__(cls, *a):
        if cls not in cls._inst: cls._inst[cls] = super().__call__(*a)
        return cls._inst[cls]
class One(metaclass=Singleton): pass
print(One() is One())
class AttrMeta(type):
    def __getattr__(cls, name): return f"meta-getattr:{name}"
    @property
    def prop(cls): return "meta-prop:" + cls.__name__
class HasMeta(metaclass=AttrMeta): pass
print(HasMeta.anything, HasMeta.prop)
print(type.__instancecheck__(int, 3), type.__subclasscheck__(int, bool))

def namedtuple(typename, field_names):
    field_names = tuple(field_names.split())
    def __new__(_cls, *args):
        return tuple.__new__(_cls, args)
    def __repr__(self):
        return typename + "(" + ", ".join(f"{n}={v!r}" for n, v in zip(field_names, self)) + ")"
    def _asdict(self): return dict(zip(field_names, self))
    def _replace(self, **kw):
        return type(self)(*[kw.get(n, v) for n, v in zip(field_names, self)])
    ns = {"__new__": __new__, "__repr__": __repr__, "_fields": field_names, "__slots__": (),
          "_asdict": _asdict, "_replace": _replace}
    for i, n in enumerate(field_names):
        ns[n] = property(lambda self, i=i: self[i], doc=f"Alias for field number {i}")
    return type(typename, (tuple,), ns)
Pt = namedtuple("Pt", "x y")
p = Pt(1, 2)
print(p, p.x, p.y, p._asdict(), p._replace(y=5), isinstance(p, tuple), p == (1, 2), Pt.x.__doc__)
class Pt3(Pt):
    def norm(self): return (self.x ** 2 + self.y ** 2) ** 0.5
print(Pt3(3, 4).norm(), Pt3(3, 4))
try: p.z = 1
except AttributeError as e: print("AE", e)

class Validated:
    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        cls.validators = [k for k, v in vars(cls).items() if k.startswith("check_")]
class Form(Validated):
    def check_a(self): pass
    def check_b(self): pass
print(Form.validators)

class AutoRegister(type):
    classes = []
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        if bases:
            AutoRegister.classes.append(name)
class RBase(metaclass=AutoRegister):
    def __init_subclass__(cls, **kw):
        print("init_subclass", cls.__name__, type(cls).__name__)
        super().__init_subclass__(**kw)
class R1(RBase): pass
class R2(R1): pass
print(AutoRegister.classes)

class Swap1:
    __slots__ = ('a',)
class Swap2:
    __slots__ = ('a',)
class Plain1: pass
class Plain2:
    def who(self): return "Plain2"
o = Plain1(); o.__class__ = Plain2; print(o.who())
try:
    s = Swap1(); s.__class__ = Plain1
except TypeError as e: print("TE", e)

class LoggedAccess:
    def __init__(self): self.log = []
    def __getattribute__(self, name):
        if name != "log":
            object.__getattribute__(self, "log").append(name)
        return super().__getattribute__(name)
    @property
    def prop(self): return "p"
la = LoggedAccess(); la.prop; la.log; la.__class__
print(la.log)

class Meta(type):
    def __new__(mcs, name, bases, ns):
        if name != "Base":
            bases = bases + (Mixin,)
        return super().__new__(mcs, name, bases, ns)
class Mixin:
    def mixed(self): return "mixed in"
class Base(metaclass=Meta): pass
class Derived(Base): pass
print(Derived().mixed(), [k.__name__ for k in Derived.__mro__])
print(type.__call__(Derived).mixed())
class WithNewKw(tuple):
    def __new__(cls, *, a, b):
        return super().__new__(cls, (a, b))
print(WithNewKw(a=1, b=2))
class Counter(dict):
    def __init__(self, it=()):
        super().__init__()
        for x in it: self[x] = self.get(x, 0) + 1
    def most_common(self):
        return sorted(self.items(), key=lambda kv: (-kv[1], kv[0]))
print(Counter("abracadabra").most_common()[:3])
class OrderedSet(list):
    def add(self, x):
        if x not in self: self.append(x)
os_ = OrderedSet(); os_.add(3); os_.add(1); os_.add(3); print(os_, os_ == [3, 1])
class Str2(str):
    def __new__(cls, v): return super().__new__(cls, v.strip())
    def __eq__(self, other): return str.__eq__(self.lower(), str(other).lower())
    __hash__ = str.__hash__
print(Str2("  Hi ") == "hi", repr(Str2(" x ")), Str2("A") in ["a"])
