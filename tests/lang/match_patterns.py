class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

class Color:
    RED = "red"
    GREEN = "green"

def describe(v):
    match v:
        case None:
            return "none"
        case True:
            return "true"
        case 0 | 0.5:
            return "zero-ish"
        case -1:
            return "minus one"
        case "hello" | b"bytes":
            return "greeting"
        case Color.RED:
            return "red!"
        case int(n) if n > 100:
            return f"big int {n}"
        case int() | float() as num:
            return f"number {num}"
        case str(s):
            return f"string {s!r}"
        case []:
            return "empty list"
        case [x]:
            return f"one {x}"
        case [1, 2, *rest]:
            return f"starts 1,2 then {rest}"
        case [first, *_, last]:
            return f"first {first} last {last}"
        case (a, b, c):
            return "never (3-seq matched above)"
        case {"type": "circle", "r": r}:
            return f"circle r={r}"
        case {"type": t, **others}:
            return f"type {t} others {others}"
        case {}:
            return "some mapping"
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=y):
            return f"on y axis at {y}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point(x, y):
            return f"point {x},{y}"
        case _:
            return "other"

for v in [None, True, False, 0, 0.5, -1, "hello", b"bytes", "red", 1000, 5, 2.5, "s", [], [9],
          [1, 2, 3, 4], [7, 8, 9, 10], (1, 2, 3), {"type": "circle", "r": 2},
          {"type": "sq", "side": 3, "c": 1}, {"a": 1}, Point(0, 0), Point(0, 5), Point(3, 3),
          Point(1, 2), object, range(2), (x for x in [])]:
    print(repr(v)[:20], "->", describe(v))

# captures are only bound when the whole case matches
match (1, 2):
    case (q, 3):
        pass
    case _:
        print("q bound?", "q" in dir())

# or-patterns binding in different orders
def order(v):
    match v:
        case (a, b, 0) | (b, a, 1):
            return a, b
    return None
print(order((1, 2, 0)), order((1, 2, 1)), order((1, 2, 2)))

# nested patterns and as
match {"points": [Point(1, 2), Point(3, 4)], "name": "seg"}:
    case {"points": [Point(x1, y1) as p1, Point(x2, y2)], "name": str() as nm}:
        print(x1, y1, x2, y2, p1, nm)

# tuple subjects, star subjects
match 1, 2:
    case a, b:
        print("tuple", a, b)
rest = [3, 4]
match 1, *rest:
    case (1, *others):
        print("others", others)

# soft keywords are still names
match = [1, 2]
case = 3
_ = 4
print(match, case, _)
match[0] = 5
print(match)
def match(x): return x * 2
print(match(3))

# guards with side effects, fall through to the next case
log = []
def g(x):
    log.append(x)
    return False
match 5:
    case n if g(n):
        print("no")
    case 5:
        print("five", log)

# mapping with non-dict mapping-like object and defaultdict-like get
class D(dict):
    def __missing__(self, k):
        return "missing"
match D(a=1):
    case {"b": _}:
        print("wrong")
    case {"a": 1}:
        print("dict subclass ok")

# self-matching builtins
for v in [3, "x", 2.0, [1], (1,), {1: 2}, {1}, frozenset(), b"z", True]:
    match v:
        case bool(b):
            print("bool", b)
        case int(i):
            print("int", i)
        case str(s) | bytes(s):
            print("str/bytes", s)
        case float(f):
            print("float", f)
        case list(l) | tuple(l):
            print("seq", l)
        case dict(d):
            print("dict", d)
        case set(s) | frozenset(s):
            print("set", s)

# str is not a sequence pattern
match "abc":
    case [a, b, c]:
        print("str matched as sequence")
    case _:
        print("str is not a sequence here")

# match statements in loops: break/continue/return
for i in range(5):
    match i:
        case 1:
            continue
        case 3:
            break
    print("i", i)

# class patterns errors at run time
class NoArgs:
    pass
class BadArgs:
    __match_args__ = ["x"]
class Dup:
    __match_args__ = ("a", "a")
    a = 1
for cls, pat in [(NoArgs, "NoArgs(1)"), (BadArgs, "BadArgs(1)"), (Dup, "Dup(1, 2)"), (Dup, "Dup(1, a=2)"),
                 (None, "notaclass()"), (int, "int(1, 2)")]:
    src = "match subj:\n    case " + pat + ":\n        pass\n"
    try:
        exec(src, {"NoArgs": NoArgs, "BadArgs": BadArgs, "Dup": Dup, "subj": cls() if cls else 1, "notaclass": len})
        print("matched or not, no error")
    except TypeError as e:
        print("TypeError:", e)
# missing attribute is just no match
match Point(1, 2):
    case Point(z=1):
        print("no")
    case Point(x=1):
        print("x is 1")

# duplicate keys found at run time
k = "a"
try:
    match {"a": 1}:
        case {"a": 1, Color.GREEN: 2}:
            pass
except ValueError as e:
    print("ValueError", e)

class K:
    a = "a"
try:
    match {"a": 1}:
        case {"a": 1, K.a: 2}:
            pass
except ValueError as e:
    print("ValueError", e)

# value patterns compare with ==
class Eq:
    def __eq__(self, other):
        print("eq called with", other)
        return True
class H:
    e = Eq()
match 42:
    case H.e:
        print("Eq matched")

def f(p):
    match p:
        case Point(x=px) if px > 0:
            return "pos"
        case Point():
            return "nonpos"
print(f(Point(1, 0)), f(Point(-1, 0)), f(3))
