class G(dict):
    def get(self, k, d=None):
        print("get", k)
        return dict.get(self, k, d)
match G(a=1, b=2):
    case {"a": 1, "b": bb, **rest}:
        print("G", bb, rest)
match range(3):
    case [0, *mid, 2]:
        print("range", mid)
match (1, 2, 3):
    case [a, *rest]:
        print(type(rest).__name__, rest)
def gen():
    yield 1
match gen():
    case [x]:
        print("gen is a sequence?")
    case _:
        print("generator is not a sequence")
class Base:
    __match_args__ = ("a",)
    def __init__(self): self.a = "A"; self.b = "B"
class Sub(Base):
    __match_args__ = ("b", "a")
match Sub():
    case Base(x):
        print("Base pattern on Sub picks", x)
match Sub():
    case Sub(x, y):
        print("Sub pattern", x, y)
class MyInt(int):
    pass
match MyInt(7):
    case MyInt(v):
        print("MyInt self", v, type(v).__name__)
class WithArgs(int):
    __match_args__ = ("real",)
match WithArgs(8):
    case WithArgs(r):
        print("real", r)
class Prop:
    __match_args__ = ("p",)
    @property
    def p(self):
        raise AttributeError("nope")
match Prop():
    case Prop(q):
        print("no")
    case _:
        print("AttributeError means no match")
class Boom:
    __match_args__ = ("p",)
    @property
    def p(self):
        raise KeyError("boom")
try:
    match Boom():
        case Boom(q):
            pass
except KeyError as e:
    print("KeyError propagates", e)
# class scope captures
class K:
    match 5:
        case captured:
            pass
print(K.captured)
# match with return inside try/finally
def tf(v):
    try:
        match v:
            case 1:
                return "one"
            case _:
                return "other"
    finally:
        print("finally", v)
print(tf(1), tf(2))
# or-pattern with captures in sequence at different positions
match [2, 1]:
    case [1, x] | [x, 1]:
        print("or x", x)
# nested or within sequence
match [3, [4, 5]]:
    case [3 | 4 as first, [4, 5] | [5, 4] as second]:
        print(first, second)
# value pattern with enum-like class attribute and module attr
import sys
match sys.maxsize:
    case sys.maxsize:
        print("maxsize matched")
# None/True/False use identity
match 1:
    case True:
        print("wrong: 1 is not True")
    case 1.0:
        print("1 == 1.0")
match 0:
    case False:
        print("wrong")
    case _:
        print("0 is not False")
# mapping pattern keys and non-hashable
try:
    match {"a": 1}:
        case {"a": [1, 2]}:
            pass
except Exception as e:
    print(type(e).__name__)
match {1: "x", "k": "y"}:
    case {1: one, "k": k}:
        print(one, k)
match {}:
    case {**rest}:
        print("rest of empty", rest)
