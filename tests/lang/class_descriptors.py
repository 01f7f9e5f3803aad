# The descriptor protocol: data vs non-data precedence, __get__ with None,
# __set__, __delete__, __set_name__, __getattribute__/__getattr__ overrides,
# __class_getitem__.

class Typed:
    def __init__(self, kind):
        self.kind = kind
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = name
        self.slot = "_" + name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.slot)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name} must be {self.kind.__name__}")
        setattr(obj, self.slot, value)
    def __delete__(self, obj):
        print("delete", self.name)
        delattr(obj, self.slot)

class Person:
    name = Typed(str)
    age = Typed(int)
    def __init__(self, name, age):
        self.name = name
        self.age = age
p = Person("Ann", 30)
print(p.name, p.age, sorted(p.__dict__), Person.name.name)
try:
    p.age = "old"
except TypeError as e:
    print("TypeError:", e)
p.__dict__["age"] = "shadow"
print(p.age)
del p.age
try:
    p.age
except AttributeError as e:
    print("AttributeError:", e)

class NonData:
    def __get__(self, obj, objtype=None):
        return ("computed", obj is None, objtype.__name__)
class Holder:
    attr = NonData()
h = Holder()
print(h.attr, Holder.attr)
h.attr = "instance wins"
print(h.attr, Holder.attr)
del h.attr
print(h.attr)

# read-only data descriptor: __set__ raising; __get__ only on the class
class ReadOnly:
    def __get__(self, obj, objtype=None):
        return 42
    def __set__(self, obj, value):
        raise AttributeError("read-only")
class R:
    const = ReadOnly()
r = R()
try:
    r.const = 1
except AttributeError as e:
    print("AttributeError:", e)
print(r.const, R.const)
print(hasattr(type(Person.__dict__["name"]), "__set__"), hasattr(NonData, "__set__"))

# builtin descriptors called directly
class WithProp:
    def __init__(self): self._v = 1
    @property
    def v(self): return self._v
    @v.setter
    def v(self, value): self._v = value
    @v.deleter
    def v(self): print("deleting v"); del self._v
    @staticmethod
    def s(): return "static"
    @classmethod
    def c(cls): return cls.__name__
w = WithProp()
prop = WithProp.__dict__["v"]
print(prop.__get__(w, WithProp), prop.__get__(None, WithProp) is prop)
prop.__set__(w, 5)
print(w.v)
prop.__delete__(w)
print(hasattr(w, "_v"))
print(WithProp.__dict__["s"].__get__(None, WithProp)(), WithProp.__dict__["c"].__get__(None, WithProp)())
def plain(self): return "plain bound"
print(plain.__get__(w, WithProp)())
try:
    prop.__get__(None, None)
except TypeError as e:
    print("TypeError:", e)
try:
    w.missing_prop
except AttributeError as e:
    print("AttributeError:", e)
class NoSetter:
    @property
    def x(self): return 1
try:
    NoSetter().x = 2
except AttributeError as e:
    print("AttributeError:", e)
try:
    del NoSetter().x
except AttributeError as e:
    print("AttributeError:", e)

# __getattribute__ and __getattr__
class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_target", target)
    def __getattribute__(self, name):
        if name.startswith("_"):
            return object.__getattribute__(self, name)
        return getattr(object.__getattribute__(self, "_target"), name)
    def __setattr__(self, name, value):
        setattr(self._target, name, value)
class Target:
    def __init__(self): self.value = 7
    def double(self): return self.value * 2
t = Target()
px = Proxy(t)
print(px.value, px.double())
px.value = 8
print(t.value, px.double())
try:
    px.nothing
except AttributeError as e:
    print("AttributeError:", e)
class Fallback:
    real = "real"
    def __getattr__(self, name):
        if name == "boom":
            raise AttributeError("no boom here")
        return "fallback:" + name
f = Fallback()
print(f.real, f.virtual, getattr(f, "other"), hasattr(f, "boom"))
class Counting:
    def __init__(self): self.hits = 0
    def __getattribute__(self, name):
        if name != "hits":
            object.__setattr__(self, "hits", object.__getattribute__(self, "hits") + 1)
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return None
cn = Counting()
cn.a = 1
print(cn.a, cn.b, cn.hits)
try:
    object.__getattribute__(cn, "zzz")
except AttributeError as e:
    print("AttributeError:", e)
try:
    object.__getattribute__(cn, 5)
except TypeError as e:
    print("TypeError:", e)

# __class_getitem__ is an implicit classmethod
class Registry:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item!r}]"
class Special(Registry): pass
print(Registry[int], Special["x"], Registry[1, 2])
try:
    Holder[int]
except TypeError as e:
    print("TypeError:", e)

# __set_name__ runs for attributes added by the class body only, once
class Recorder:
    def __set_name__(self, owner, name):
        print("recorded", owner.__name__, name)
class UsesRecorder:
    a = Recorder()
    b = c = Recorder()
UsesRecorder.d = Recorder()
class BadName:
    def __set_name__(self, owner, name):
        raise ValueError("nope")
try:
    class Fails:
        attr = BadName()
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))
except ValueError as e:
    print("ValueError:", e)
