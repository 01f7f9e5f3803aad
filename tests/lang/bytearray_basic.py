# bytearray: construction, repr, indexing, mutation, operators, comparisons
print(bytearray(), bytearray(3), bytearray([1, 2, 255]), bytearray(b"abc"), bytearray("h\xe9", "utf-8"))
print(bytearray("abc", "ascii", "strict"), bytearray(range(65, 70)), bytearray(bytearray(b"xy")))
print(repr(bytearray(b"it's")), repr(bytearray(b'say "hi"')), repr(bytearray(b"both ' \"")), bytearray(b"\x00\n\\\xff"))
b = bytearray(b"hello world")
print(len(b), b[0], b[-1], b[1:4], b[::-1], b[::3], b[100:], type(b[1:2]).__name__)
b[0] = 72
b[-1] = ord("D")
print(b)
b[0:5] = b"HOWDY"
print(b)
b[0:5] = [104, 105]
print(b)
b[2:2] = bytearray(b"!!")
print(b)
b[::2] = b"x" * len(b[::2])
print(b)
del b[0]
del b[-2:]
print(b)
del b[::2]
print(b)
b[:] = b"abcdef"
b[1:5:2] = (0x42, 0x44)
print(b)
b[4:1:-1] = b"XYZ"
print(b)
b[1:3] = b
print(b)
del b[::-2]
print(b)
c = bytearray(b"ab")
c.append(99)
c.extend(b"de")
c.extend([102, 103])
c.extend(bytearray(b"h"))
c.extend(x for x in b"ij")
c.insert(0, 64)
c.insert(-1, 45)
c.insert(100, 46)
c.insert(-100, 35)
print(c)
print(c.pop(), c.pop(0), c.pop(3), c)
c.remove(100)
print(c)
c.reverse()
print(c)
d = c.copy()
c.clear()
print(c, d, d is not c)
e = bytearray(b"ab")
alias = e
e += b"cd"
e += bytearray(b"e")
print(e, alias is e)
e *= 2
print(e, alias is e)
e *= 0
print(e, alias)
print(bytearray(b"ab") * 3, 2 * bytearray(b"xy"), bytearray(b"a") + b"b", b"a" + bytearray(b"b"))
print(type(b"a" + bytearray(b"b")).__name__, type(bytearray(b"b") + b"a").__name__)
print(bytearray(b"abc") == b"abc", b"abc" == bytearray(b"abc"), bytearray(b"a") != bytearray(b"b"))
print(bytearray(b"a") < b"b", b"b" <= bytearray(b"b"), bytearray(b"ab") > bytearray(b"a"), bytearray(b"") >= b"")
print(bytearray(b"a") == "a", bytearray(b"1") == 1)
print(list(bytearray(b"abc")), [x for x in bytearray(b"\x00\xff")], 97 in bytearray(b"abc"), b"bc" in bytearray(b"abc"),
      bytearray(b"c") in bytearray(b"abc"), 100 in bytearray(b"abc"))
print(bytes(bytearray(b"xy")), bytes(bytearray()), str(bytearray(b"q")), bool(bytearray()), bool(bytearray(1)))
print(b"".join([bytearray(b"a"), b"b", bytearray(b"c")]), bytearray(b"-").join([b"x", bytearray(b"y")]))
print(bytearray(b"%s=%d %r") % (b"k", 5, "v"), bytearray(b"%s") % bytearray(b"x"), b"%s|%s" % (bytearray(b"y"), b"z"))
print(bytearray(b"caf\xc3\xa9").decode(), bytearray(b"abc").decode("ascii"), str(bytearray(b"hi"), "utf-8"))
print(bytearray.fromhex("de ad BE EF"), bytearray(b"\x01\xab").hex(), ord(bytearray(b"z")))
print(sorted([bytearray(b"b"), bytearray(b"a")]), max(bytearray(b"az")))
it = iter(bytearray(b"ab"))
print(type(it).__name__, next(it), next(it), next(it, "done"))
f = bytearray(b"abc")
for ch in f:
    if ch == 97:
        f.append(100)
print(f)
