# __slots__: member descriptors, no instance dict, __dict__/__weakref__ in
# slots, inheritance, private names, errors.

class P:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = P(1, 2)
print(p.x, p.y, P.__slots__, type(P.x).__name__, P.x, P.y.__name__, P.x.__objclass__ is P)
print(sorted(k for k in P.__dict__ if not k.startswith("__")), hasattr(p, "__dict__"), hasattr(p, "__weakref__"))
p.x = 10
print(p.x, P.x.__get__(p, P), P.x.__get__(None, P) is P.x)
P.y.__set__(p, 20)
print(p.y)
for action in ["p.z = 3", "p.__dict__", "print(p.z)"]:
    try:
        exec(action)
    except AttributeError as e:
        print("AttributeError:", e)
del p.x
try:
    p.x
except AttributeError as e:
    print("AttributeError:", e)
try:
    del p.x
except AttributeError as e:
    print("AttributeError:", e)
try:
    P.x.__get__("not a P", str)
except TypeError as e:
    print("TypeError:", e)

# a subclass without __slots__ gets a dict; one with __slots__ adds members
class P2(P):
    pass
p2 = P2(1, 2)
p2.z = 3
print(p2.x, p2.z, p2.__dict__)
class P3(P):
    __slots__ = ("w",)
p3 = P3(1, 2)
p3.w = 4
print(p3.x, p3.w, hasattr(p3, "__dict__"))
class WithDict:
    __slots__ = ("a", "__dict__")
wd = WithDict()
wd.a = 1
wd.b = 2
print(wd.a, wd.__dict__, sorted(k for k in WithDict.__dict__ if k in ("a", "__dict__", "__weakref__")))
class WithWeak:
    __slots__ = "__weakref__"
print(WithWeak().__weakref__, hasattr(WithWeak(), "__dict__"))
class One:
    __slots__ = "only"
o = One()
o.only = "yes"
print(o.only, One.__slots__)
class Empty:
    __slots__ = ()
try:
    Empty().a = 1
except AttributeError as e:
    print("AttributeError:", e)

# private names are mangled
class Secret:
    __slots__ = ("__hidden", "_Secret__other", "__dunder__")
    def __init__(self):
        self.__hidden = "h"
    def reveal(self):
        return self.__hidden
print(Secret().reveal(), sorted(k for k in Secret.__dict__ if "hidden" in k or "dunder" in k))

# slots with multiple inheritance: one slotted base is fine, two conflict
class SA:
    __slots__ = ("a",)
class SB:
    __slots__ = ("b",)
class Mixin:
    def hello(self): return "hello"
class Combined(SA, Mixin):
    pass
c = Combined()
c.a = 1
c.other = 2
print(c.a, c.other, c.hello())
try:
    class Both(SA, SB): pass
except TypeError as e:
    print("TypeError:", e)
class EmptyA:
    __slots__ = ()
class EmptyB:
    __slots__ = ()
class BothEmpty(EmptyA, EmptyB):
    __slots__ = ("v",)
be = BothEmpty()
be.v = 5
print(be.v)

# errors when the class is made
bad = [("x",), ("1x",), ("a", "a b"), ("__dict__", "__dict__"), ("__weakref__", "__weakref__")]
for slots in bad[1:]:
    try:
        type("Bad", (), {"__slots__": slots})
    except TypeError as e:
        print("TypeError:", e)
try:
    class Conflict:
        __slots__ = ("a",)
        a = 1
except ValueError as e:
    print("ValueError:", e)
for base in (int, tuple, bytes):
    try:
        type("S", (base,), {"__slots__": ("a",)})
    except TypeError as e:
        print("TypeError:", e)
    print("empty slots ok", type("S", (base,), {"__slots__": ()}).__name__)
try:
    type("S", (), {"__slots__": 3})
except TypeError as e:
    print("TypeError:", e)
try:
    type("S", (), {"__slots__": [1]})
except TypeError as e:
    print("TypeError:", e)
class Sub(P):
    __slots__ = ("__dict__",)
s = Sub(1, 2)
s.q = 9
print(s.q, s.__dict__)
try:
    class Sub2(Sub):
        __slots__ = ("__dict__",)
except TypeError as e:
    print("TypeError:", e)

# __class__ assignment needs the same layout
class Plain1: pass
class Plain2:
    def who(self): return "Plain2"
o = Plain1()
o.__class__ = Plain2
print(o.who(), type(o).__name__)
class SlotA:
    __slots__ = ("a",)
class SlotB:
    __slots__ = ("a",)
class SlotA2(SlotA):
    __slots__ = ()
for target in (Plain1, SlotB, SlotA2, int):
    try:
        s = SlotA()
        s.__class__ = target
        print("ok", type(s).__name__)
    except TypeError as e:
        print("TypeError:", e)

# a secondary base may supply the instance dict (and weakrefs) even when
# the class itself has __slots__
class Slotted:
    __slots__ = ("c",)
class Dicty:
    pass
class Mixed(Dicty, Slotted):
    __slots__ = ("d",)
m = Mixed()
m.c, m.d, m.extra = 1, 2, 3
print(m.c, m.d, m.__dict__, hasattr(m, "__weakref__"), [k.__name__ for k in Mixed.__mro__])
