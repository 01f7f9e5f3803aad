# cmath: finite arguments across the branch cuts (signed zeros), constants, rect/polar/isclose, errors
import cmath
zs = [0j, 1+0j, -1+0j, 1j, -1j, 2+3j, -2+3j, -2-3j, 2-3j, 0.5+0.5j, complex(-1, 0.0), complex(-1, -0.0),
      complex(0.0, 2), complex(-0.0, 2), complex(2, 0.0), complex(2, -0.0), complex(-2, 0.0), complex(-2, -0.0),
      1e-10+1e-10j, 100+100j, 3, -4.5, complex(0.0, -2), complex(-0.0, -2), 1e300+1e300j, 0.1+10j, 1e200-3e200j, 4e307+1j, -1e308+1e308j, 1e-320+1e-320j, 1+1e-200j, 1e-160j+1, complex(1,-0.0), complex(-1, 0.0)]
names = ["sqrt", "exp", "log", "log10", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "phase", "polar"]
for n in names:
    f = getattr(cmath, n)
    for z in zs:
        try:
            r = f(z)
        except Exception as e:
            r = type(e).__name__ + " " + str(e)
        print(n, z, r)
inf, nan = float("inf"), float("nan")
print(cmath.log(8, 2), cmath.log(1j, 1j), cmath.log(-1, 10), cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.nan, cmath.infj, cmath.nanj)
print(cmath.rect(2, 0.5), cmath.rect(1, 0), cmath.rect(-1, 0), cmath.rect(inf, 0), cmath.rect(inf, 1), cmath.rect(0, inf), cmath.rect(2, nan))
for a in [(1, inf), (inf, inf), (nan, 1)]:
    try: print(cmath.rect(*a))
    except Exception as e: print(type(e).__name__, e)
print(cmath.isclose(1+1j, 1+1.0000000001j), cmath.isclose(1, 1.1), cmath.isclose(1, 1.1, rel_tol=0.2), cmath.isclose(0, 1e-10, abs_tol=1e-9))
print(cmath.isfinite(1j), cmath.isinf(complex(1, inf)), cmath.isnan(complex(nan, 1)), cmath.phase(-1), cmath.phase(complex(-1, -0.0)), cmath.polar(1j))
for f in [lambda: cmath.sqrt("x"), lambda: cmath.sqrt(), lambda: cmath.log(0), lambda: cmath.log(1, 1), lambda: cmath.atanh(1), lambda: cmath.isclose(1, 1, rel_tol=-1), lambda: cmath.isclose(1, 2, 3), lambda: cmath.rect(1j, 1), lambda: cmath.exp(1000), lambda: cmath.cosh(1000+1j)]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
