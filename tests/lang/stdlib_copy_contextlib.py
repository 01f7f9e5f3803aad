# copy (shallow and deep, __copy__/__deepcopy__, __reduce_ex__ paths) and contextlib.
import copy, contextlib

class Plain:
    def __init__(self, v): self.v = v
p = Plain([1, [2]])
s, d = copy.copy(p), copy.deepcopy(p)
print(s.v is p.v, d.v == p.v, d.v is p.v, d.v[1] is p.v[1], type(d).__name__)
nested = {"a": [1, {"b": (2, [3])}], "t": (1, 2)}
dn = copy.deepcopy(nested)
print(dn == nested, dn["a"] is nested["a"], dn["t"] is nested["t"], dn["a"][1]["b"][1] is nested["a"][1]["b"][1])
rec = [1]
rec.append(rec)
rc = copy.deepcopy(rec)
print(rc[1] is rc, rc is not rec)

class Custom:
    def __init__(self): self.log = []
    def __copy__(self):
        c = Custom(); c.log = ["copied"]; return c
    def __deepcopy__(self, memo):
        c = Custom(); c.log = ["deep", len(memo) >= 0]; return c
print(copy.copy(Custom()).log, copy.deepcopy(Custom()).log)

class Slotted:
    __slots__ = ("a", "b")
    def __init__(self): self.a = [1]
sl = copy.deepcopy(Slotted())
print(sl.a, hasattr(sl, "b"))

class WithState:
    def __init__(self): self.x = 1; self.cache = "big"
    def __getstate__(self):
        st = self.__dict__.copy(); del st["cache"]; return st
    def __setstate__(self, st):
        self.__dict__.update(st); self.cache = None
ws = copy.deepcopy(WithState())
print(ws.x, ws.cache)

class MyList(list):
    pass
ml = MyList([1, [2]]); ml.tag = "t"
mc = copy.deepcopy(ml)
print(type(mc).__name__, mc, mc.tag, mc[1] is ml[1])

class Args:
    def __new__(cls, n):
        o = super().__new__(cls); o.n = n; return o
    def __getnewargs__(self):
        return (self.n,)
print(copy.copy(Args(4)).n)
print(copy.copy(3), copy.deepcopy("s"), copy.copy([1, 2]), copy.deepcopy(frozenset({1})), copy.copy(len))

@contextlib.contextmanager
def tag(name):
    print("<%s>" % name)
    try:
        yield name.upper()
    finally:
        print("</%s>" % name)
with tag("b") as t:
    print("inside", t)
try:
    with tag("err"):
        raise ValueError("inner")
except ValueError as e:
    print("caught", e)

with contextlib.suppress(KeyError, IndexError):
    [][1]
print("suppressed")

with contextlib.ExitStack() as stack:
    for n in "xyz":
        stack.enter_context(tag(n))
    stack.callback(print, "callback ran")
    print("body")

class Res:
    def close(self): print("closed")
with contextlib.closing(Res()):
    print("using")
with contextlib.nullcontext(5) as five:
    print(five)

class Ctx(contextlib.ContextDecorator):
    def __enter__(self): print("enter"); return self
    def __exit__(self, *exc): print("exit", exc[0]); return False
@Ctx()
def decorated():
    print("decorated body")
decorated()

@contextlib.contextmanager
def swallow():
    try:
        yield
    except ZeroDivisionError:
        print("swallowed")
with swallow():
    1 / 0
print(contextlib.AbstractContextManager.__name__, isinstance(tag("q"), contextlib.AbstractContextManager))
