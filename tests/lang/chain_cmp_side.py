# chained comparisons evaluate each operand once, short-circuit; conditional expressions; and/or values
calls = []
def v(x):
    calls.append(x)
    return x
print(v(1) < v(2) < v(3), calls); calls.clear()
print(v(1) < v(0) < v(3), calls); calls.clear()
print(v(5) > v(3) == v(3) >= v(2) != v(9), calls); calls.clear()
print(v(1) in [v(1)] not in [[1]], calls); calls.clear()
print(1 < 2 > 1.5, 1 == 1.0 == True, "a" < "b" < "c", [] == [] is not None, 0 < 0 <= 0, 3 > 2 > 1 > 0)
print(v(1) if v(True) else v(2), calls); calls.clear()
print(v(1) if v(0) else v(2), calls); calls.clear()
x = 5
print("big" if x > 10 else "mid" if x > 3 else "small", [("e" if n % 2 == 0 else "o") for n in range(4)])
print(v(0) and v(1), v(2) and v(3), v(0) or v(4), v(5) or v(6), calls); calls.clear()
print(not v(0) or v(7), (v(1) and v(0)) or v(8), calls); calls.clear()
print(None or 0 or "" or [] , 1 and [] and 2, (0, 0) or 1, not [], not not "x")
class C:
    def __init__(self, n): self.n = n
    def __lt__(self, o):
        print(f"  {self.n} < {o.n}")
        return self.n < o.n
    def __bool__(self):
        print("  bool", self.n)
        return self.n > 0
print(C(1) < C(2) < C(3))
print(C(1) < C(0) < C(3))
class R:
    def __lt__(self, o): return R()
    def __bool__(self):
        print("  R.bool")
        return True
r = R() < R() < R()
print(type(r).__name__)
try:
    1 < "a" < 2
except TypeError as e:
    print("TypeError:", e)
try:
    print(1 < 2 < "x")
except TypeError as e:
    print("TypeError:", e)
print(1 < 3 < "x" if False else "skipped", (lambda q: 0 <= q < 10)(5), (lambda q: 0 <= q < 10)(10))
