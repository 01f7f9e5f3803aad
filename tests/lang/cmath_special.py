# cmath: special values (signed zeros, infinities, nans) of every function
import cmath, math

inf, nan = float('inf'), float('nan')
comps = [0.0, -0.0, 1.0, -1.0, 2.5, 0.5, 1e308, inf, -inf, nan]
names = ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh', 'exp',
         'log', 'log10', 'sqrt', 'sin', 'sinh', 'tan', 'tanh', 'phase', 'polar',
         'isfinite', 'isinf', 'isnan']

def show(v):
    if isinstance(v, complex):
        return '(%r, %r)' % (v.real, v.imag)
    if isinstance(v, tuple):
        return '(' + ', '.join(show(x) for x in v) + ')'
    return repr(v)

for name in names:
    f = getattr(cmath, name)
    out = []
    for re in comps:
        for im in comps:
            try:
                r = show(f(complex(re, im)))
            except Exception as e:
                r = '%s:%s' % (type(e).__name__, e)
            out.append(r)
    print(name, ' '.join(out))

for re in comps:
    for im in comps:
        for base in (2.0, complex(0.0, 1.0), 0.0):
            try:
                r = show(cmath.log(complex(re, im), base))
            except Exception as e:
                r = '%s:%s' % (type(e).__name__, e)
            print('log', show(complex(re, im)), show(base), r)

for r in comps:
    for phi in comps:
        try:
            v = show(cmath.rect(r, phi))
        except Exception as e:
            v = '%s:%s' % (type(e).__name__, e)
        print('rect', repr(r), repr(phi), v)

for a, b in [(1+1j, 1+1j), (inf, inf), (complex(inf, 1), complex(inf, 1)), (nan, nan),
             (1.0, 1.0 + 1e-10), (0j, 1e-300j), (complex(-inf, 0), complex(inf, 0))]:
    print('isclose', show(a), show(b), cmath.isclose(a, b), cmath.isclose(a, b, abs_tol=1e-9))
for bad in [dict(rel_tol=-1), dict(abs_tol=-1)]:
    try:
        cmath.isclose(1, 1, **bad)
    except Exception as e:
        print(type(e).__name__, e)
print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.nan, cmath.infj, cmath.nanj)
for f in (cmath.sqrt, cmath.exp, cmath.log):
    for arg in ('x', None, [1]):
        try:
            f(arg)
        except Exception as e:
            print(f.__name__, type(e).__name__, e)
print(cmath.sqrt(4), cmath.sqrt(-4), cmath.exp(1), cmath.log(math.e), cmath.log(8, 2), cmath.log10(100))
for z in (1e308 + 1e308j, complex(710, 0), complex(-710, 0), complex(0, 710), complex(710, 1)):
    for name in ('exp', 'cosh', 'sinh', 'cos', 'sin', 'tanh', 'tan'):
        try:
            print(name, show(z), show(getattr(cmath, name)(z)))
        except Exception as e:
            print(name, show(z), type(e).__name__, e)
