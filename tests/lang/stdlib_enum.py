# enum: Enum, IntEnum, Flag, IntFlag, StrEnum, auto, unique, members and errors.
import enum
from enum import Enum, IntEnum, Flag, IntFlag, StrEnum, auto, unique

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1  # alias

print(Color.RED, repr(Color.GREEN), Color(3), Color["BLUE"], Color.CRIMSON is Color.RED)
print(list(Color), len(Color), Color.RED.name, Color.RED.value, Color.__members__.keys())
print(Color.RED in Color, isinstance(Color.RED, Color), type(Color.RED).__name__, hash(Color.RED) == hash(Color.RED))
try:
    Color(7)
except ValueError as e:
    print("ValueError", e)
try:
    Color["PINK"]
except KeyError as e:
    print("KeyError", e)
try:
    Color.RED = 5
except AttributeError as e:
    print("AttributeError", e)

class Ordinal(IntEnum):
    ONE = 1
    TWO = 2
print(Ordinal.TWO + 1, Ordinal.ONE < Ordinal.TWO, Ordinal(2), sorted([Ordinal.TWO, Ordinal.ONE]), f"{Ordinal.ONE}")

class Perm(Flag):
    R = 4
    W = 2
    X = 1
rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.W in rw, Perm.X in rw, list(rw), ~Perm.R, bool(Perm(0)), Perm(7))

class Bits(IntFlag):
    A = auto()
    B = auto()
    C = auto()
print(Bits.A | Bits.C, int(Bits.B | Bits.C), Bits(3), Bits.A & 1, list(Bits))

class Shade(StrEnum):
    DARK = auto()
    LIGHT = "light!"
print(Shade.DARK, Shade.LIGHT.upper(), Shade("dark"), Shade.DARK == "dark")

class Auto(Enum):
    FIRST = auto()
    SECOND = auto()
print([m.value for m in Auto])

try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print("ValueError", e)

class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)
    MARS = (6.42e23, 3.39e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def gravity(self):
        return round(6.67e-11 * self.mass / self.radius ** 2, 2)
print(Planet.EARTH.gravity, Planet.MARS.mass, Planet.EARTH.value)

class WithMethods(Enum):
    A = "a"
    def describe(self):
        return "%s=%s" % (self.name, self.value)
    @classmethod
    def default(cls):
        return cls.A
print(WithMethods.default().describe())

Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value, Enum("E2", [("X", 10), ("Y", 20)]).Y)
try:
    class Sub(Color):
        PINK = 9
except TypeError as e:
    print("TypeError", e)

match Color.GREEN:
    case Color.RED:
        print("red")
    case Color.GREEN:
        print("green matched")
print(enum.Enum.__name__, Color.RED.__class__.__mro__[1].__name__)
