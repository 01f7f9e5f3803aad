# int arithmetic: floor division and modulo signs, powers, bit operations
for a in (7, -7, 0, 1, -1, 13):
    for b in (2, -2, 3, -5):
        print(a, b, a + b, a - b, a * b, a // b, a % b, divmod(a, b), a / b)
print(2 ** 10, 2 ** -1, (-2) ** 3, 10 ** 0, pow(3, 4, 5), pow(2, -1, 7))
print(5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 10, -16 >> 2, 255 >> 3)
print(-(-5), +5, abs(-12), int("42"), int("-0x1f", 16), int("0b101", 0), int("z", 36))
print(int(3.99), int(-3.99), int("  12  "), int("1_000"))
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x //= 5; print(x)
x %= 3; print(x)
x **= 5; print(x)
x <<= 2; print(x)
x >>= 1; print(x)
x |= 7; print(x)
x &= 12; print(x)
x ^= 5; print(x)
print(True + True, True * 10, False - 1, 3 > 2 > 1, 1 < 2 < 2)
print(hex(255), oct(8), bin(10), hex(-42), bin(0))
print((17).bit_length(), (-1).bit_length(), int.__name__)
