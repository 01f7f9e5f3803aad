# fractions: construction from strings (parsed with re), arithmetic, limits.
from fractions import Fraction as F
print(F('3/7'), F(' -1.25e-2 '), F('1_000/3'), F('.5'), F('7'), F(1, 3) + F('0.5'), F(2.5), F(-6, 4))
print(F(1, 3) * 3, F(7, 2) // 2, F(7, 2) % 1, F(1, 3) ** 2, F(4, 9) ** 0.5, round(F(7, 3), 1), F('1.25').limit_denominator(3))
print(F(355, 113).as_integer_ratio(), float(F(1, 8)), repr(F(2, 4)), F(3, 4) < 1, hash(F(1, 2)) == hash(0.5), int(F(-7, 2)))
for bad in ['abc', '1/0', '1/-2', '', '1.5/2']:
    try:
        print(F(bad))
    except (ValueError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
print(format(F(1, 3), '') if hasattr(F, '__format__') else None, F.from_float(0.1).limit_denominator(100), F.from_decimal(5))
