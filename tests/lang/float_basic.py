# floats: repr is the shortest round-trip form, as CPython's
vals = [0.1, 0.2, 0.1 + 0.2, 1.0, -0.0, 1e16, 1e-5, 123456789012345.0, 1.5e300, 2.5, 1/3,
        3.141592653589793, 1e22, 5e-324, 100.0, 1e15, 0.0001, 12345.6789]
for v in vals:
    print(repr(v), str(v))
print(float("1e3"), float(" -2.5 "), float("inf"), float("-inf"), float("nan"), float(7))
print(7.0 // 2, -7.0 // 2, 7.0 % -2, -7.5 % 2, 2.0 ** 10, 2 ** 0.5, 10 / 4, 1e308 * 10)
print(round(2.5), round(3.5), round(-0.5), round(2.675, 2), round(1234.5678, -2), round(7.0))
print(int(2.9), float(2 ** 53 + 1), 0.1 + 0.7, 1.1 * 3, 3 * 0.1 == 0.3)
print(1.0 == 1, hash(1.0) == hash(1), hash(0.5), hash(-1.5), 1.5.is_integer(), (2.0).is_integer())
print(max(1.5, 2), min(-1, -1.5), abs(-3.25), divmod(7.5, 2))
print(f"{1e100}", 1e100, -1e-100, float("1_000.5"))
