# minipy runs _pydecimal (no _decimal): exception messages, flag/trap values (0/1 vs bool)
# and the operand type names in TypeError differ from the C module, so only types are printed.
import decimal
from decimal import Decimal as D, localcontext, getcontext, Context

print(D("1.1") + D("2.2"), D("1.30") * D("2"), D("1") / D("3"), D("7") // D("2"), D("-7") % D("3"))
print(D(10) ** 20, D(2) ** D("0.5"), D("1e3"), D("-0"), D("1.23E+5"), D(0.1))
print(repr(D("3.14")), repr(D("NaN")), repr(D("-Infinity")), str(D("sNaN")), D("1E-10"), D("123456789e-20"))
print(D("1.2345").quantize(D("0.01")), D("1.2355").quantize(D("0.001")), D("7.325").quantize(D(".01"), rounding=decimal.ROUND_DOWN))
for mode in [decimal.ROUND_UP, decimal.ROUND_DOWN, decimal.ROUND_CEILING, decimal.ROUND_FLOOR,
             decimal.ROUND_HALF_UP, decimal.ROUND_HALF_DOWN, decimal.ROUND_HALF_EVEN, decimal.ROUND_05UP]:
    print(mode, [str(D(s).quantize(D("1"), rounding=mode)) for s in ["2.5", "-2.5", "1.5", "0.4", "-0.6", "5.1"]])
print(D("3.14159").to_integral_value(), round(D("2.675"), 2), round(D("2.5")), int(D("-3.9")), float(D("0.125")))
print(D("1.000").normalize(), D("120").normalize(), D("12.3400").as_tuple(), D((0, (3, 1, 4), -2)))
print(D("1.5").as_integer_ratio(), D("10").sqrt(), D("2").exp(), D("100").ln(), D("1000").log10())
print(D(5).compare(D(3)), D("1.0") == D("1"), D("1.0").compare_total(D("1")), D(1) < 2.5, D("0.1") == 0.1)
print(D("-5").copy_abs(), D("5").copy_negate(), D("1.5").copy_sign(D("-2")), abs(D("-2.50")), -D("0"), +D("1.00"))
print(D("12.345").adjusted(), D("1.2").is_signed(), D("NaN").is_nan(), D("Inf").is_infinite(), D("0.00").is_zero())
print(D(12).max(D(13)), D(12).min(D("NaN")), D("3.4").fma(2, 1), D(17).remainder_near(5), divmod(D(17), D(5)))
print(hash(D(5)) == hash(5), hash(D("0.5")) == hash(0.5), D("2.50").scaleb(2), D(5).shift(1), D(10).logb())
print(D(1).next_plus(), D(1).next_minus(), D("10.5").to_eng_string(), D("1E+7").to_eng_string(), D(7).number_class())
print(f"{D('1234.5678'):.2f}", f"{D('1234.5678'):,}", f"{D('0.000123'):e}", f"{D('12'):>8}", f"{D('0.5'):%}")
print(D.from_float(0.25), D("  3.5  "), D("1_000.5"), sorted([D(3), D("1.5"), D(2)]), sum([D("0.1")] * 10))

ctx = getcontext()
print(ctx.prec, ctx.rounding, ctx.Emax, ctx.Emin, ctx.capitals, ctx.clamp)
with localcontext() as c:
    c.prec = 5
    print(D(1) / D(7), D("123456789") + 0, bool(c.traps[decimal.Inexact]))
    c.rounding = decimal.ROUND_DOWN
    print(D(2) / D(3))
print(D(1) / D(7))
with localcontext(prec=3, rounding=decimal.ROUND_UP):
    print(D(2) / D(3))
c = Context(prec=4, rounding=decimal.ROUND_HALF_DOWN)
print(c.add(D("1.2345"), 0), c.divide(1, 8), c.create_decimal("3.14159"), c.power(2, 10), c.sqrt(2))
print(c.plus(D("2.55555")), c.quantize(D("1.5"), D("1")), c.Etiny(), c.Etop())
print(repr(Context(prec=6, Emax=99, Emin=-99, flags=[], traps=[decimal.DivisionByZero])))
c2 = Context()
c2.clear_flags()
r = c2.divide(D(1), D(3))
print(bool(c2.flags[decimal.Inexact]), bool(c2.flags[decimal.Rounded]), bool(c2.flags[decimal.DivisionByZero]))

def err(f, *a):
    try:
        print("ok", f(*a))
    except Exception as e:
        print(type(e).__name__, [t.__name__ for t in type(e).__mro__[:4]])

err(lambda: D(1) / D(0))
err(lambda: D(0) / D(0))
err(lambda: D("abc"))
err(lambda: D("sNaN") + 1)
err(lambda: D("Inf") - D("Inf"))
err(lambda: D(1) < D("NaN"))
err(lambda: D("1.5").quantize(D("1e-30")))
err(lambda: int(D("NaN")))
err(lambda: int(D("Inf")))
err(lambda: D(1) + "1")
err(lambda: D(2) ** D("1e1000"))
with localcontext() as cx:
    cx.traps[decimal.Inexact] = True
    err(lambda: D(1) / D(3))
    cx.traps[decimal.Inexact] = False
    cx.traps[decimal.DivisionByZero] = False
    print(D(1) / D(0), D(-1) / D(0), bool(cx.flags[decimal.DivisionByZero]))
    cx.traps[decimal.InvalidOperation] = False
    print(D(0) / D(0), D("Inf") - D("Inf"))
    cx.Emax = 10
    err(lambda: D("9e10") * 10)
    cx.traps[decimal.Overflow] = False
    print(D("9e10") * 100)
for name in ["DivisionByZero", "InvalidOperation", "Overflow", "Underflow", "Inexact", "Rounded",
             "Subnormal", "Clamped", "FloatOperation", "DecimalException"]:
    e = getattr(decimal, name)
    print(name, issubclass(e, ArithmeticError), issubclass(e, decimal.DecimalException))
print(issubclass(decimal.DivisionByZero, ZeroDivisionError), issubclass(decimal.FloatOperation, TypeError))
print(decimal.MAX_PREC > 0, decimal.MAX_EMAX > 0, decimal.MIN_EMIN < 0, decimal.HAVE_THREADS)
