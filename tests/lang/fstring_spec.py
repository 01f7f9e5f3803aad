# f-string and format-spec corner cases: fill/align, sign, #, 0, grouping, nested specs, conversions
x, f, s = 1234567, -3.14159, "héllo"
print(f"{x:,}|{x:_}|{x:_x}|{x:#_b}|{x:>12,}|{x:<12}|{x:^12}|{x:*^13}|")
print(f"{-x:012,}|{x:+}|{x: }|{-x: }|{x:=+12}|{x:#o}|{x:#X}|{255:08b}|")
print(f"{f:.2f}|{f:10.3f}|{f:<10.1f}|{f:+.0f}|{f:e}|{f:.3E}|{f:g}|{f:%}|{0.5:.0%}|")
print(f"{1e20:g}|{1e-5:g}|{123456789.0:g}|{0.0001:g}|{1.5e16:.3g}|{100.0:g}|{-0.0:g}|{-0.0}|")
print(f"{float('inf'):>6}|{float('-inf'):f}|{float('nan'):F}|{1e300*10:e}|")
print(f"{s:>8}|{s:<8}|{s:^9}|{s:.3}|{s!r}|{s!a}|{s:-^10.2}|")
w, p = 10, 3
print(f"{f:{w}.{p}f}|{x:{'>' if p else '<'}{w}}|{'ab':{'x'}^{w}}|")
print(f"{'{'}{{}}{'}'}|{x!s:>10}|{[1, 'a']!r:>12}|{None}|{True:>6}|{True:d}|")
print(f"{3:.3}|{1.0:.3}|{12345.678:.3}|{0.1 + 0.2}|{1/3:.20f}|")
print(f"{x=}|{f = :.1f}|{s=!r}|{x + 1=}|")
print(f"{1_000_000.123456:,.2f}|{-1234.5:_.3f}|{12:n}|{1.25:.1f}|{2.675:.2f}|")
print(format(42, "c"), format(0x1F600, "c") == "\U0001F600", format(3.0, ""), format(3, "e"))
print("{:>{w}}|{:{}}|{0}".format("a", "b", 5, w=4))
print("{0[1]}|{a.real}|{0!r:^7}".format(["x", "y"], a=5))
for bad in ["{:,s}", "{:=s}", "{:d}", "{:x}", "{:.2d}"]:
    try:
        print(bad.format(1.5 if bad != "{:,s}" and bad != "{:=s}" else "s"))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    format("abc", "+")
except ValueError as e:
    print("ValueError", e)
try:
    format(5, "s")
except ValueError as e:
    print("ValueError", e)
try:
    f"{x:zz}"
except ValueError as e:
    print("ValueError", e)
try:
    "{} {}".format(1)
except IndexError as e:
    print("IndexError", e)
try:
    "{0} {}".format(1, 2)
except ValueError as e:
    print("ValueError", e)
try:
    "{x}".format(y=1)
except KeyError as e:
    print("KeyError", e)
