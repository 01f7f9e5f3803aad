# dataclasses: fields, defaults, frozen, order, asdict/astuple, replace, errors
import dataclasses
from dataclasses import dataclass, field, fields, asdict, astuple, replace, InitVar, FrozenInstanceError, KW_ONLY
from typing import List, ClassVar


@dataclass
class Point:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)
    secret: str = field(default="s", repr=False, compare=False)
    count: ClassVar[int] = 0


p = Point(1)
print(p)
print(Point(1, 2, ["a"]))
print(p == Point(1, 0, [], "other"), p == Point(2))
print([f.name for f in fields(p)])
print([(f.name, f.type, f.default is dataclasses.MISSING) for f in fields(Point)])
print(fields(Point)[2].default_factory is list)
print(asdict(Point(3, 4, [1, 2])))
print(astuple(Point(3, 4, [1, 2])))
p2 = replace(p, y=9)
print(p2, p2 is p)
print(dataclasses.is_dataclass(p), dataclasses.is_dataclass(Point), dataclasses.is_dataclass(1))
print(Point.__match_args__)
print(Point.count, hasattr(Point, "__hash__"), Point.__hash__)


@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int = 0


v = Version(1, 2)
print(v, hash(v) == hash(Version(1, 2)))
print(sorted([Version(2), Version(1, 5), Version(1, 2)]))
print(Version(1) < Version(1, 1), Version(2) >= Version(1, 9))
try:
    v.major = 3
except FrozenInstanceError as e:
    print(type(e).__name__, e)
try:
    del v.minor
except FrozenInstanceError as e:
    print(type(e).__name__, e)
print(isinstance(FrozenInstanceError(), AttributeError))


@dataclass
class WithPost:
    a: int
    scale: InitVar[int] = 2
    b: int = field(init=False)

    def __post_init__(self, scale):
        self.b = self.a * scale


w = WithPost(5)
print(w, WithPost(5, 3))
print([f.name for f in fields(WithPost)])


@dataclass(slots=True)
class Slotted:
    a: int
    b: str = "x"


s = Slotted(1)
print(s, Slotted.__slots__, hasattr(s, "__dict__"))
try:
    s.c = 1
except AttributeError as e:
    print("AttributeError")


@dataclass(kw_only=True)
class KW:
    a: int
    b: int = 2


print(KW(a=1))
try:
    KW(1)
except TypeError as e:
    print(e)


@dataclass
class Mixed:
    a: int
    _: KW_ONLY
    b: int
    c: int = 3


print(Mixed(1, b=2))
print(Mixed(1, c=4, b=5))


@dataclass
class Nested:
    p: Point
    items: List[Point]
    d: dict


n = Nested(Point(1), [Point(2, 3)], {"k": Point(4)})
print(asdict(n))
print(astuple(n))


@dataclass(eq=False)
class NoEq:
    a: int


print(NoEq(1) == NoEq(1), NoEq(1).__eq__(NoEq(1)))


@dataclass(repr=False)
class NoRepr:
    a: int


print(repr(NoRepr(1)).startswith("<__main__.NoRepr object at"))


class Base:
    pass


@dataclass
class Inherit(Point):
    z: int = 5


print(Inherit(1, 2, [], "s", 7))

# make_dataclass
C = dataclasses.make_dataclass("C", ["a", ("b", int), ("c", int, field(default=4))])
print(C(1, 2), [f.name for f in fields(C)])

# errors
try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError:", e)

try:
    @dataclass
    class BadDefault:
        a: list = []
except ValueError as e:
    print("ValueError:", e)

try:
    Point()
except TypeError as e:
    print("TypeError:", e)

try:
    Point(1, 2, [], "s", 5)
except TypeError as e:
    print("TypeError:", e)

try:
    asdict(5)
except TypeError as e:
    print("TypeError:", e)

try:
    fields(5)
except TypeError as e:
    print("TypeError:", e)

try:
    replace(w, b=1)
except ValueError as e:
    print("ValueError:", e)

try:
    field(default=1, default_factory=list)
except ValueError as e:
    print("ValueError:", e)

try:
    @dataclass(order=True, eq=False)
    class BadOrder:
        a: int
except ValueError as e:
    print("ValueError:", e)

try:
    @dataclass
    class NonFrozen(Version):
        c: int = 1
except TypeError as e:
    print("TypeError:", e)


@dataclass(unsafe_hash=True)
class Hashable:
    a: int
    b: list = field(default=None, hash=False)


print(hash(Hashable(1)) == hash(Hashable(1, [1])))
print(repr(field(default=1))[:6])
print(Point.__init__.__qualname__, Point.__repr__.__qualname__)
print(dataclasses.__all__[:5])
