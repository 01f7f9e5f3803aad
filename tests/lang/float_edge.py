# float formatting, round, divmod/modulo with negatives, special values, conversions
vals = [0.1, 1.0, -0.0, 1e16, 1e15, 123456789012345678.0, 1e-4, 1e-5, 0.30000000000000004, 2.5, 1/3, 1e22, 1e23, 5e-324, 1.7976931348623157e308]
for v in vals:
    print(repr(v), str(v), f"{v}", "%s %r %g %.3e" % (v, v, v, v))
print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.5), round(2.675, 2), round(1.005, 2), round(-0.0))
print(round(1234.5678, -2), round(1234.5678, 1), round(5e-324, 300), round(1e300, -300), type(round(2.5)), type(round(2.5, 0)))
for x, y in [(7.5, 2), (-7.5, 2), (7.5, -2), (-7.5, -2), (1e300, 1e-300), (0.0, 1.0), (-0.0, 1.0), (5, 0.3)]:
    print(x // y, x % y, divmod(x, y))
print(float("inf") % 3 if False else None, 3 % float("inf"), -3 % float("inf"), 3 // float("inf"), -3 // float("inf"))
print(float("1e500"), float("-inf"), float(" nan "), float("1_0.5"), float("-.5"), float("+1E3"), float("infinity"))
inf, nan = float("inf"), float("nan")
print(inf - inf, inf * 0, nan == nan, nan != nan, nan is nan, inf > 1e308, -inf < -1e308, [nan] == [nan])
print(int(2.9), int(-2.9), (2.5).is_integer(), (3.0).is_integer(), (0.5).as_integer_ratio(), (-0.75).as_integer_ratio())
print((255.5).hex(), float.fromhex("0x1.8p1"), 1e308 * 10, -1e308 * 10, 2.0 ** 0.5, (-8) ** (1 / 3) if False else 0)
print(3 * 0.1, 0.1 + 0.7, 1 - 0.9, 100 * 1.1, 1.1 * 1.1, 9.95 * 10, 4.35 * 100, 0.1 * 3 == 0.3)
print(hash(1.0) == hash(1), hash(0.5), hash(-1.0), hash(float("inf")), 1.0 == 1, 1.5 > 1, 2 ** 53 + 1 == 2.0 ** 53 + 1)
print(abs(-0.0), -(0.0), max(0.0, -0.0), min(-0.0, 0.0), sum([0.1] * 10), 1e-7, 1.0e-6, 123e5)
print(f"{2.5:.0f} {3.5:.0f} {0.125:.2f} {0.375:.2f} {1e-10:f} {1e10:.2e} {12.0:#g} {1.0:#.0f} {-1e-300:.1g}")
for bad in ["abc", "1e", "", "1.2.3", "0x10", "nan1"]:
    try:
        float(bad)
    except ValueError as e:
        print("ValueError:", e)
for f in [lambda: 1.0 / 0, lambda: 1.0 // 0.0, lambda: 5.0 % 0, lambda: divmod(1.0, 0), lambda: int(inf), lambda: int(nan),
          lambda: round(inf), lambda: round(nan), lambda: 10.0 ** 400, lambda: 0.0 ** -1, lambda: float(10 ** 400)]:
    try:
        print(f())
    except (ZeroDivisionError, OverflowError, ValueError) as e:
        print(type(e).__name__ + ":", e)
for h in ["0x1.8p1", " -0x1p-1074 ", "1.8p1", "0x1.000000000000080p0", "inf", "0x1p1024", "0x.p1", "nan"]:
    try:
        print(float.fromhex(h), float.fromhex(h).hex())
    except (ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)
