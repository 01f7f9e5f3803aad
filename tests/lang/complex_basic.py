# complex: literals, constructor, repr/str, attributes, arithmetic, comparisons, hashing
print(1j, 2.5J, 0j, 1_0j, 1e3j, .5j, 10.j, 007j, type(1j).__name__)
vals = [1j, -1j, 1 + 2j, -1 - 2j, complex(-0.0, -0.0), complex(0.0, -0.0), complex(-0.0, 0.0), 0j,
        complex(1e300, 1e-300), complex(1.5, 1e16), complex(1e16, 0.5), complex(123456789.0, 0.1),
        complex(float("nan"), float("inf")), complex(float("-inf"), float("nan")), complex(2, float("-inf"))]
for v in vals:
    print(repr(v), str(v), v.real, v.imag, v.conjugate())
print(complex(), complex(2), complex(2.5), complex(True), complex(1, 2), complex(1.5, -2), complex(real=3, imag=4))
print(complex(1j), complex(1j, 1j), complex(1 + 2j, 3 + 4j), complex(0, 1j), complex(imag=2), complex("3"))
for s in ["1+2j", "-1.5-2.5J", " (3-j) ", "j", "-j", "+J", "1e3", "1e-3j", "inf+nanj", "-Infinity-infj",
          "1_000+2_0j", "(1)", ".5-.5j", "5.j", "NaN", "1+j"]:
    print(repr(s), complex(s))
class C:
    def __complex__(self):
        return 5 + 6j
class F:
    def __float__(self):
        return 2.5
class I:
    def __index__(self):
        return 7
print(complex(C()), complex(F()), complex(I()), complex(F(), I()))
a, b = 3 + 4j, 1 - 2j
print(a + b, a - b, a * b, a / b, a ** 2, a ** -1, a ** 0.5, a ** b, -a, +a, abs(a))
print(a + 1, 1 + a, a - 2.5, 2.5 - a, a * 2, 2 * a, a / 2, 2 / a, 2 ** a, a ** 3, True + a)
print(1j * 1j, 1j ** 2, (1 + 1j) ** 100, 0j ** 0, 0 ** 0j, 2j ** 0.5, (-8) ** (1 / 3), (-1) ** 0.5)
print((1e200 + 1e200j) / (1e200 + 1e200j), (1 + 2j) / 1e-320j, 1 / (1e-310 + 1e-310j))
print(a == 3 + 4j, a != b, complex(3) == 3, complex(3) == 3.0, 3 == complex(3), complex(3, 1) == 3,
      complex(2 ** 53 + 1) == 2 ** 53 + 1, 1j == "1j", 1j != None)
print(hash(1j) == hash(complex(0, 1)), hash(complex(3)) == hash(3), hash(complex(2.5)) == hash(2.5),
      hash(3 + 4j), hash(-1 - 1j), hash(complex(1e300, -1e300)))
print({1j: "a", complex(0, 1): "b", 2: "c", complex(2): "d"})
print(bool(0j), bool(1j), bool(complex(0.0, -0.0)), [x for x in (0j, 1, 2j) if x])
print((5).real, (5).imag, (5).conjugate(), (2.5).real, (2.5).imag, (2.5).conjugate(), True.imag)
print(complex.__name__, isinstance(1j, complex), complex(1, 2).__complex__(), (1 + 2j).__getnewargs__())
x = 1 + 2j
x += 1
x *= 1j
x **= 2
x /= 2j
print(x)
print(sum([1j, 2, 3.5]), sum([1 + 1j] * 3, 1j), max([1, 2]), eval("3+4j"), eval(repr(complex(-0.0, -1.5))))
import marshal
code = compile("print(1j, -2.5j, (1+2j), 1e300j, 0j, -0j)", "<m>", "exec")
exec(marshal.loads(marshal.dumps(code)))
print(marshal.loads(marshal.dumps([1j, complex(-0.0, float("inf")), (2 + 3j,)])))
