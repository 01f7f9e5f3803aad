# with statement: __enter__ value, __exit__ arguments, suppression, nesting, exceptions in __exit__, return/break inside
class CM:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, repr(ev), tb is not None)
        return self.suppress
with CM("a") as x:
    print("body", x)
with CM("b", suppress=True):
    raise ValueError("hidden")
print("after suppressed")
with CM("outer") as o, CM("inner", True) as i:
    print(o, i)
    1 / 0
def ret():
    with CM("r"):
        return "returned"
print(ret())
for n in range(3):
    with CM(f"loop{n}"):
        if n == 1:
            break
        continue
class BadExit:
    def __enter__(self): return self
    def __exit__(self, *a): raise KeyError("from exit")
try:
    with BadExit():
        raise ValueError("body")
except KeyError as e:
    print("KeyError", e, "context:", repr(e.__context__))
class NoEnter:
    def __exit__(self, *a): pass
try:
    with NoEnter():
        pass
except (AttributeError, TypeError) as e:
    print(type(e).__name__ + ":", e)
class NoExit:
    def __enter__(self): return 1
try:
    with NoExit():
        pass
except (AttributeError, TypeError) as e:
    print(type(e).__name__ + ":", e)
with CM("tuple") as (a, b, *rest):
    print(a, b, rest)
class Truthy:
    def __enter__(self): return self
    def __exit__(self, *a): return "yes"
with Truthy():
    raise RuntimeError("swallowed by truthy return")
print("done")
with open("with_protocol.py") as fh:
    print(fh.readline().rstrip()[:20], fh.closed)
print(fh.closed)
with CM("unhandled"):
    raise IndexError("escapes")
