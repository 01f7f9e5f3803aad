# the math module
import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.isnan(math.nan))
print(math.sqrt(16), math.sqrt(2), math.floor(-2.5), math.ceil(2.1), math.trunc(-2.7), math.fabs(-3))
print(math.pow(2, 10), math.exp(1), math.log(math.e), math.log(8, 2), math.log2(1024), math.log10(1000))
print(math.sin(0), math.cos(0), round(math.sin(math.pi / 2), 10), math.atan2(1, 1), math.hypot(3, 4))
print(math.gcd(12, 18), math.lcm(4, 6), math.factorial(20), math.factorial(25), math.comb(10, 3), math.perm(5, 2))
print(math.isclose(0.1 + 0.2, 0.3), math.isfinite(1.0), math.isinf(math.inf), math.degrees(math.pi), math.radians(180))
print(math.fsum([0.1] * 10), math.prod([1, 2, 3, 4]), math.isqrt(17), math.copysign(3, -0.0), math.fmod(7, 3))
print(math.floor(1e20), type(math.floor(2.0)), math.modf(3.5), math.frexp(8.0), math.ldexp(0.5, 4))
for bad in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.factorial(-1), lambda: math.exp(1000)]:
    try:
        bad()
    except (ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)
