# truth testing via __bool__/__len__, __contains__ fallback to __iter__ and __getitem__, __iter__ as generator
class L:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
class B:
    def __bool__(self): return False
    def __len__(self): return 5
class Neither: pass
print(bool(L(0)), bool(L(3)), bool(B()), bool(Neither()), not L(0), "yes" if L(2) else "no", len(B()))
for bad in [lambda: bool(type("X", (), {"__bool__": lambda s: 1})()), lambda: bool(type("Y", (), {"__len__": lambda s: -1})()),
            lambda: len(type("Z", (), {"__len__": lambda s: "3"})()), lambda: len(Neither()), lambda: len(5),
            lambda: bool(type("W", (), {"__len__": lambda s: 2 ** 70})())]:
    try:
        print(bad())
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)
class It:
    def __iter__(self):
        print("  iter called")
        yield 1
        yield 2
        yield 3
print(2 in It(), 5 in It(), list(It()), sorted(It(), reverse=True), max(It()))
class GI:
    def __getitem__(self, i):
        if i > 4: raise IndexError(i)
        return i * i
print(9 in GI(), 10 in GI(), list(GI()), list(reversed([*GI()])), tuple(GI())[-1])
class C:
    def __contains__(self, x): return x == "magic"
    def __iter__(self): raise AssertionError("not used")
print("magic" in C(), "other" in C(), "magic" not in C())
class Truthy:
    def __contains__(self, x): return [1]
print(3 in Truthy())
try:
    3 in Neither()
except TypeError as e:
    print("TypeError:", e)
try:
    3 in 5
except TypeError as e:
    print("TypeError:", e)
class BadIter:
    def __iter__(self): return 5
try:
    iter(BadIter())
except TypeError as e:
    print("TypeError:", e)
try:
    for _ in BadIter(): pass
except TypeError as e:
    print("TypeError:", e)
print(bool(""), bool(" "), bool(0.0), bool(-0.0), bool([]), bool([0]), bool({}), bool(range(0)), bool(None), bool(1))
print(1 and 2, 0 and 2, 1 or 2, 0 or "", [] or {} or "last", L(0) or "fallback", (L(2) and "x"))
class Ones:
    def __init__(self): self.i = 0
    def __iter__(self): return self
    def __next__(self):
        self.i += 1
        if self.i > 3: raise StopIteration
        return self.i
o = Ones()
print(2 in o, list(o), 2 in o)
