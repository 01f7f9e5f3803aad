import pickle, io, copyreg

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, o):
        return type(o) is Point and (self.x, self.y) == (o.x, o.y)
    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"

class Reduced:
    def __init__(self, a, b=0):
        self.a, self.b = a, b
    def __reduce__(self):
        return (Reduced, (self.a, self.b))
    def __repr__(self):
        return f"Reduced({self.a}, {self.b})"

class Stateful:
    def __init__(self):
        self.v = 1
        self.cache = "drop me"
    def __getstate__(self):
        d = dict(self.__dict__)
        del d["cache"]
        return d
    def __setstate__(self, st):
        self.__dict__.update(st)
        self.cache = "rebuilt"

class Slots:
    __slots__ = ("p", "q")
    def __init__(self):
        self.p, self.q = 1, [2]

class NewArgs:
    def __new__(cls, n):
        o = super().__new__(cls)
        o.n = n
        return o
    def __getnewargs__(self):
        return (self.n,)

class MyList(list):
    pass

class MyDict(dict):
    pass

def func():
    pass

values = [None, True, False, 0, 1, -1, 255, 256, 65535, 65536, 2**31 - 1, -2**31, 2**63, -2**100, 10**30,
          0.0, -0.5, 1e300, float("inf"), 1.5 + 2j, "", "abc", "ünïcödé €", "x" * 300, b"", b"\x00\xff" * 200,
          bytearray(b"ba"), (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), [], [1, [2, [3]]], {}, {"a": 1, 2: "b"},
          set(), {1, 2, 3}, frozenset({"x"}), range(1, 10, 2), slice(1, 5, None), Ellipsis, NotImplemented,
          len, func, Point, int, type(None)]

for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    bad = []
    for v in values:
        s = pickle.dumps(v, protocol=proto)
        r = pickle.loads(s)
        if r != v or type(r) is not type(v):
            bad.append((v, r))
    print(proto, "builtins", "ok" if not bad else bad)
    p = pickle.loads(pickle.dumps(Point(1, [2, 3]), proto))
    print(proto, p, p == Point(1, [2, 3]))
    print(proto, pickle.loads(pickle.dumps(Reduced(5, b=7), proto)))
    st = pickle.loads(pickle.dumps(Stateful(), proto))
    print(proto, st.v, st.cache, sorted(vars(st)))
    if proto >= 2:
        sl = pickle.loads(pickle.dumps(Slots(), proto))
        print(proto, sl.p, sl.q)
    print(proto, pickle.loads(pickle.dumps(NewArgs(9), proto)).n)
    ml = MyList([1, 2]); ml.tag = "t"
    md = MyDict(k=1); md.tag = "u"
    rml, rmd = pickle.loads(pickle.dumps((ml, md), proto))
    print(proto, type(rml).__name__, rml, rml.tag, type(rmd).__name__, rmd, rmd.tag)
    rec = [1, 2]
    rec.append(rec)
    r = pickle.loads(pickle.dumps(rec, proto))
    print(proto, r[:2], r[2] is r)
    d = {}
    d["self"] = d
    rd = pickle.loads(pickle.dumps(d, proto))
    print(proto, rd["self"] is rd)
    shared = [1]
    t = pickle.loads(pickle.dumps((shared, shared, {"s": shared}), proto))
    print(proto, t[0] is t[1] is t[2]["s"])
    p = Point(0, 0); p.me = p
    rp = pickle.loads(pickle.dumps(p, proto))
    print(proto, rp.me is rp)

print(pickle.dumps(None, 0), pickle.dumps(True, 2), pickle.dumps(1, 2), pickle.dumps("a", 3))
print(pickle.dumps([1, "a", (2.0,)], 0))
print(pickle.dumps({"k": [1, 2]}, 2))
print(pickle.dumps((1, 2), 4))
print(pickle.dumps(b"ab", 3), pickle.dumps(b"ab", 5))
print(pickle.HIGHEST_PROTOCOL, pickle.DEFAULT_PROTOCOL)

buf = io.BytesIO()
pk = pickle.Pickler(buf, protocol=2)
pk.dump([1, 2])
pk.dump("two")
buf.seek(0)
up = pickle.Unpickler(buf)
print(up.load(), up.load())
buf = io.BytesIO()
pickle.dump({"x": 1}, buf)
buf.seek(0)
print(pickle.load(buf))

class Pt2:
    def __init__(self, a):
        self.a = a
def reduce_pt2(p):
    return (Pt2, (p.a * 10,))
copyreg.pickle(Pt2, reduce_pt2)
print(pickle.loads(pickle.dumps(Pt2(4))).a)

def err(f, *a):
    try:
        print("ok", f(*a))
    except Exception as e:
        print(type(e).__name__, e)

# The messages below are those of both pickle.py and _pickle.
err(pickle.dumps, 1, 6)
err(pickle.dumps, (x for x in ()))
try:
    pickle.loads(b"")
except EOFError:
    print("EOFError")
try:
    pickle.dumps(lambda: 0)
except pickle.PicklingError:
    print("PicklingError")
print(issubclass(pickle.PicklingError, pickle.PickleError), issubclass(pickle.UnpicklingError, pickle.PickleError))
