# big ints with every operator, mixed with small ints and negatives; conversions and errors
a = 2 ** 100 + 12345
b = -(3 ** 50)
c = 7
for x, y in [(a, b), (b, a), (a, c), (c, a), (b, -c), (-a, c), (a, a)]:
    print(x + y, x - y, x * y)
    print(x // y, x % y, divmod(x, y), x / y)
    print(x & y, x | y, x ^ y, ~x, -x, +x, abs(x))
print(a << 3, a >> 3, b >> 1, b >> 200, -1 >> 100, 1 << 130, a >> 0, (-a) << 2)
print(a ** 2, b ** 3, pow(a, 3, 1000007), pow(b, 2, -7), pow(3, -1, 7), pow(c, 0), (-2) ** 101)
print(a == a + 0, a < b, b < a, a > 2 ** 100, a >= a, hash(2 ** 61 - 1), hash(2 ** 61), hash(-(2 ** 70)))
print(a.bit_length(), b.bit_length(), (0).bit_length(), (-1).bit_length(), a.to_bytes(14, "big"))
print(int.from_bytes(b"\xff\xff", "big", signed=True), int.from_bytes(b"\x01\x00", "little"), (-5).to_bytes(2, "big", signed=True))
print(str(10 ** 40), repr(-10 ** 40), hex(a), oct(b), bin(-a), int("1" * 40), int("-ff" * 10, 16))
print(float(a), float(b), int(1e30), int(-1.5e19), round(a, -5), round(b, -10), round(12345, -2), round(-15, -1))
print(a % 1000, b % 1000, -7 // 2, -7 % 2, 7 // -2, 7 % -2, divmod(-7, 2), divmod(7, -2), divmod(-7, -2))
print(True + a, a * False, a * True, bool(a), bool(a - a), 10 ** 20 // 10 ** 19, 10 ** 20 % 3)
print(max(a, b, c), min(a, b, c), sum([a, b, c]), sorted([a, b, c, 0, -1]), a.__index__() == a)
print(int(" 42 "), int("0x1f", 0), int("0b101", 0), int("1_000"), int("-0o17", 0), int("z", 36), int("+12"))
print((2 ** 64).__format__("x"), format(2 ** 70, ","), format(-2 ** 70, "_x"), f"{a:>40}")
for bad in ["", "1.5", "0x", "1__0", "_1", "12a", " ", "٣x"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
for bad in [("12", 1), ("12", 37), ("9", 8)]:
    try:
        int(*bad)
    except ValueError as e:
        print("ValueError:", e)
for expr in ["a // 0", "a % 0", "divmod(a, 0)", "a / 0", "1 << -1", "pow(2, -1, 4)", "a ** -1 * 0", "2 ** 10000 * 1.0"]:
    try:
        print(expr, eval(expr) if False else None)
        r = {"a // 0": lambda: a // 0, "a % 0": lambda: a % 0, "divmod(a, 0)": lambda: divmod(a, 0),
             "a / 0": lambda: a / 0, "1 << -1": lambda: 1 << -1, "pow(2, -1, 4)": lambda: pow(2, -1, 4),
             "a ** -1 * 0": lambda: a ** -1 * 0, "2 ** 10000 * 1.0": lambda: 2 ** 10000 * 1.0}[expr]()
        print(r)
    except (ZeroDivisionError, ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)
try:
    int(None)
except TypeError as e:
    print("TypeError:", e)
try:
    int("5", base=10.0)
except TypeError as e:
    print("TypeError:", e)
print((5).real, True.real, type(True.real).__name__, (5).imag, (-3).numerator, (7).denominator, (2.5).real, (2.5).imag, a.real == a, b.numerator == b)
try:
    (5).real = 1
except AttributeError as e:
    print("AttributeError:", e)
