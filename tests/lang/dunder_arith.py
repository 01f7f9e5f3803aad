# reflected and in-place arithmetic dunders, NotImplemented fallbacks, comparison reflection
class M:
    def __init__(self, v): self.v = v
    def __repr__(self): return f"M({self.v})"
    def __add__(self, o): return M(self.v + (o.v if isinstance(o, M) else o)) if isinstance(o, (M, int)) else NotImplemented
    def __radd__(self, o): return M(o * 1000 + self.v) if isinstance(o, int) else NotImplemented
    def __sub__(self, o): return M(self.v - o)
    def __rsub__(self, o): return M(o - self.v)
    def __mul__(self, o): return M(self.v * o)
    __rmul__ = __mul__
    def __truediv__(self, o): return M(self.v / o)
    def __rtruediv__(self, o): return M(o / self.v)
    def __floordiv__(self, o): return M(self.v // o)
    def __mod__(self, o): return M(self.v % o)
    def __rmod__(self, o): return f"rmod {o}"
    def __pow__(self, o, mod=None): return M(pow(self.v, o, mod))
    def __rpow__(self, o): return M(o ** self.v)
    def __matmul__(self, o): return "matmul"
    def __lshift__(self, o): return M(self.v << o)
    def __rrshift__(self, o): return M(o >> self.v)
    def __and__(self, o): return M(self.v & o)
    def __ror__(self, o): return M(o | self.v)
    def __xor__(self, o): return M(self.v ^ o)
    def __invert__(self): return M(~self.v)
    def __pos__(self): return M(+self.v)
    def __iadd__(self, o): self.v += o * 10; return self
    def __imul__(self, o): return NotImplemented
m = M(3)
print(m + 1, 1 + m, m + m, m - 1, 10 - m, m * 2, 2 * m, m / 2, 6 / m, m // 2, m % 2, 7 % m)
print(m ** 2, 2 ** m, pow(m, 2, 5), m @ m, m << 2, 64 >> m, m & 1, 4 | m, m ^ 1, ~m, +m)
x = m; x += 1; print(x, m, x is m)
y = M(2); y *= 4; print(y)
z = M(1); z -= 1; print(z)
class Other:
    def __radd__(self, o): return "Other.__radd__"
    def __eq__(self, o): return "Other.__eq__"
    def __lt__(self, o): return "Other.__lt__"
    def __gt__(self, o): return "Other.__gt__"
print(M(1) + "s" if False else "", M(1) + Other(), [1] + Other() if False else "", 5 == Other(), Other() == 5, 3 < Other(), 3 > Other())
class Sub(M):
    def __radd__(self, o): return "Sub.__radd__ wins"
print(M(1) + Sub(2))
class OnlyEq:
    def __init__(self, k): self.k = k
    def __eq__(self, o): return isinstance(o, OnlyEq) and o.k == self.k
print(OnlyEq(1) == OnlyEq(1), OnlyEq(1) != OnlyEq(1), OnlyEq(1) != OnlyEq(2), OnlyEq(1) == 1, OnlyEq.__hash__)
for f in [lambda: M(1) + "s", lambda: "s" + M(1), lambda: M(1) < M(2), lambda: Other() - 1, lambda: -M(1),
          lambda: M(1) >> 1, lambda: 1 << M(1), lambda: 1 @ M(1), lambda: M(1) @ 1 if False else divmod(M(1), 2), lambda: abs(M(1))]:
    try:
        print(f())
    except TypeError as e:
        print("TypeError:", e)
s = "abc"; s *= 2; t = (1,); t += (2,); l = [1]; l2 = l; l += [2]; print(s, t, l, l2 is l)
n = 5; n **= 2; n //= 3; n <<= 2; n %= 7; n |= 8; n ^= 3; n &= 14; n >>= 1; print(n)
f = 7.0; f /= 2; f -= 0.5; f **= 2; print(f)
