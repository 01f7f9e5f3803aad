# __getattr__, __getattribute__-free hooks: __setattr__, __delattr__, __dir__-free; property interplay
class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "log", [])
    def __getattr__(self, name):
        self.log.append(name)
        if name.startswith("bad"):
            raise AttributeError(f"no {name} here")
        return getattr(self._target, name)
    def __setattr__(self, name, value):
        self.log.append("set " + name)
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        self.log.append("del " + name)
        object.__delattr__(self, name)
p = Proxy([3, 1, 2])
print(p.count(1), p.index(2), p.log)
p.extra = 5
print(p.extra, p.log)
del p.extra
print(p.log)
try:
    p.bad_thing
except AttributeError as e:
    print("AttributeError:", e)
print(getattr(p, "bad_x", "fallback"), hasattr(p, "bad_y"), hasattr(p, "append"))
try:
    del p.never
except AttributeError as e:
    print("AttributeError:", e)
class Lazy:
    def __getattr__(self, name):
        value = len(name)
        setattr(self, name, value)
        return value
z = Lazy()
print(z.hello, z.__dict__, z.hi, sorted(z.__dict__))
class Frozen:
    def __init__(self, x):
        object.__setattr__(self, "x", x)
    def __setattr__(self, k, v):
        raise AttributeError(f"cannot assign {k!r}: frozen")
fz = Frozen(1)
try:
    fz.x = 2
except AttributeError as e:
    print("AttributeError:", e, fz.x)
class Dflt:
    a = 1
    def __getattr__(self, name):
        return "dflt:" + name
d = Dflt()
print(d.a, d.b, getattr(d, "c"), d.__class__.__name__)
class Chained:
    @property
    def p(self):
        return self.q
    def __getattr__(self, name):
        if name == "q":
            raise AttributeError("q missing")
        return name * 2
print(Chained().p)
class NoGA:
    pass
n = NoGA()
n.__dict__["direct"] = 7
print(n.direct, vars(n))
try:
    n.missing
except AttributeError as e:
    print("AttributeError:", e)
try:
    object().x = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    (5).foo = 1
except AttributeError as e:
    print("AttributeError:", e)
