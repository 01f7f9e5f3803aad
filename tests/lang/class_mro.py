# Multiple inheritance: C3 linearisation, __mro__/__bases__/mro(), lookup
# along the MRO (and its cache staying right when classes change), errors.

def names(cls):
    return [k.__name__ for k in cls.__mro__]

class O: pass
class A(O): pass
class B(O): pass
class C(O): pass
class D(O): pass
class E(O): pass
class K1(A, B, C): pass
class K2(D, B, E): pass
class K3(D, A): pass
class Z(K1, K2, K3): pass
print(names(Z))
print([k.__name__ for k in Z.mro()], type(Z.mro()).__name__)
print(Z.__bases__ == (K1, K2, K3), Z.__base__ is K1, O.__bases__, object.__bases__, object.__mro__)
print(names(bool), int.__base__, bool.__bases__)

# diamond with method resolution
class Base:
    def who(self): return "Base"
    def hello(self): return "hello from Base"
class Left(Base):
    def who(self): return "Left"
class Right(Base):
    def who(self): return "Right"
    def hello(self): return "hello from Right"
class Diamond(Left, Right): pass
d = Diamond()
print(d.who(), d.hello(), names(Diamond))
print(isinstance(d, Right), issubclass(Diamond, Base), issubclass(Diamond, (int, Right)))
print(Right in Diamond.__mro__, Diamond.__subclasses__(), sorted(c.__name__ for c in Base.__subclasses__()))

# changes to any class of the MRO are seen (the attribute caches follow)
def probe(obj):
    return obj.hello()
for i in range(3):
    probe(d)
Left.hello = lambda self: "patched Left"
print(probe(d))
del Left.hello
print(probe(d))
Right.hello = lambda self: "patched Right"
print(probe(d))
Base.extra = 5
print(d.extra)
Right.extra = 6
print(d.extra)
del Right.extra
print(d.extra)
class Counter:
    n = 0
class Sub(Counter, Base): pass
s = Sub()
for i in range(5):
    Counter.n += 1
    print(s.n, end=" ")
print()
# dunders through a mixin are slots of the subclass
class ReprMixin:
    def __repr__(self): return f"<{type(self).__name__} {self.__dict__}>"
    def __eq__(self, other): return type(self) is type(other) and self.__dict__ == other.__dict__
    __hash__ = None
class Point(ReprMixin, Base):
    def __init__(self, x): self.x = x
print(Point(1), Point(1) == Point(1), Point(1) != Point(2))
try:
    hash(Point(1))
except TypeError as e:
    print("TypeError:", e)
ReprMixin.__len__ = lambda self: 3
print(len(Point(0)))

# errors
class X: pass
class Y: pass
class P(X, Y): pass
class Q(Y, X): pass
for bases in [(P, Q), (X, P), (X, X), (int, str), (int, bool), (dict, list),
              (OSError, SyntaxError), (KeyError, IndexError), (ValueError, OSError), (StopIteration, OSError)]:
    try:
        T = type("T", bases, {})
        print("ok", names(T))
    except TypeError as e:
        print("TypeError:", e)
try:
    class Bad(P, Q): pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Bad2(1): pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Bad3(A, A): pass
except TypeError as e:
    print("TypeError:", e)

# bases from an expression, starred and computed
mixins = (Left, Right)
class Star(*mixins, O): pass
print(names(Star))
def make(*bases):
    class Made(*bases):
        pass
    return Made
print(names(make(A, B)), names(make()))
# __mro_entries__ (PEP 560)
class Alias:
    def __init__(self, origin): self.origin = origin
    def __mro_entries__(self, bases): return (self.origin,)
class FromAlias(Alias(Left)): pass
print(names(FromAlias), FromAlias.__orig_bases__[0].origin is Left, FromAlias.__bases__)

# __bases__ assignment
class A:
    def f(self): return "A"
class B:
    def f(self): return "B"
    def g(self): return "B.g"
class C(A): pass
class D(C): pass
d = D()
print(d.f(), [k.__name__ for k in D.__mro__])
C.__bases__ = (B,)
print(d.f(), d.g(), [k.__name__ for k in D.__mro__], C.__base__.__name__, A.__subclasses__(), [k.__name__ for k in B.__subclasses__()])
C.__bases__ = (A, B)
print(d.f(), [k.__name__ for k in C.__mro__])
for bad in [[A], (), (1,), (D,), (int,)]:
    try:
        C.__bases__ = bad
    except TypeError as e:
        print("TypeError:", e)
try:
    int.__bases__ = (object,)
except TypeError as e:
    print("TypeError:", e)
try:
    del C.__bases__
except TypeError as e:
    print("TypeError:", e)
class S1:
    __slots__ = ('a',)
class S2: pass
class E(S2): pass
try:
    E.__bases__ = (S1,)
except TypeError as e:
    print("TypeError:", e)
print([k.__name__ for k in C.__mro__])
