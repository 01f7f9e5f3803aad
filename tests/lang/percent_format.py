# printf-style formatting
print("%d %i %s %r %f" % (42, -3, "s", "r", 1.5))
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("%.3f|%10.2f|%-10.2f|%e|%E|%g|%G" % (3.14159, 2.5, 2.5, 12345.678, 0.00012, 1e-10, 1e20))
print("%x %X %o %#x %#o %c %c" % (255, 255, 8, 255, 8, 65, "z"))
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30}, "%%", "%s" % [1, 2], "%s" % (1,))
print("%*d|%-*d|%.*f" % (6, 1, 6, 2, 2, 3.14159), "%s" % None, "%r" % "x")
for bad in [("%d", "x"), ("%s %s", ("a",)), ("%s", ("a", "b"))]:
    try:
        print(bad[0] % bad[1])
    except TypeError as e:
        print("TypeError:", e)
