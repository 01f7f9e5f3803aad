# f-strings with conversions and format specs
x, n, v, name = 3.14159, 42, "text", "minipy"
print(f"{x:>8.3f}|{n:05d}|{v!r}|{name!s}|{name:^10}|{n:x}|{n:#b}|{n:,}|{1234567.891:,.2f}")
print(f"{x:.2e}|{x:10.4}|{n:+d}|{-n: d}|{0.5:%}|{0.25:.1%}|{n:<6}|{n:*>6}|{n:=+8}")
print(f"{'nested ' + name}", f"{n * 2}", f"{[1, 2][0]}", f"{ {'a': 1}['a'] }", f"{{literal}}")
width, prec = 12, 3
print(f"{x:{width}.{prec}f}|", f"{n=}", f"{x = :.2f}", f"{name!r:>12}")
print(f"{3:3}|{'s':3}|{True}|{None}|{1e20:g}|{12345678.0:g}|{0.000012:g}|{1.5:g}")
print(f"{255:08b}", f"{255:o}", f"{255:X}", f"{-255:#x}", f"{65:c}", f"{1.0:.0f}", f"{2.5:.0f}")
print(f"""multi
{n}""", f'{"quoted"}', F"{n}" + f"{n}")
