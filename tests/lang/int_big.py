# big ints: promotion past 62 bits, GMP arithmetic, demotion back to small
print(2 ** 200)
print(2 ** 61, 2 ** 62, 2 ** 63, 2 ** 64, -(2 ** 63))
big = 2 ** 100
print(big + 1, big - 1, big * big, big // 3, big % 1000007, -big // 7, -big % 7)
print(big // big, (big * 3) // big, big - big + 5)
m = 4611686018427387903  # 2**62 - 1
print(m + 1, m * 2, m * m, -m - 2, m + m)
f = 1
for i in range(1, 41):
    f *= i
print(f)
print(f // (2 ** 30), f % 999999937, f >> 100, f << 3, f & 0xFFFF, f | 1, f ^ f)
print(big == 2 ** 100, big > 2 ** 99, big < 1.0e300, big == float(big), hash(2 ** 61 - 1), hash(2**70))
print(int("123456789012345678901234567890"), int("-0x" + "f" * 30, 16))
print(pow(3, 200, 10 ** 9 + 7), pow(12345678901234567890, 3), 7 ** 70)
print(divmod(-(10 ** 30), 7), abs(-(10 ** 25)), float(10 ** 20), 10 ** 40 / 10 ** 20)
print(str(2 ** 64)[:5], len(str(3 ** 1000)), hex(2 ** 70), bin(2 ** 65))
