# memoryview: views over bytes and bytearray, slicing without copy, attributes, tolist/tobytes/hex
b = bytes(range(10))
m = memoryview(b)
print(len(m), m[0], m[-1], m.readonly, m.format, m.itemsize, m.ndim, m.shape, m.strides, m.nbytes, m.obj is b)
print(m.tobytes(), m.tolist(), m.hex(), m.hex(":", 2), bytes(m), m[2:5].tolist(), m[::3].tolist(), m[::-2].tolist())
s = m[2:8:2]
print(s.shape, s.strides, s.nbytes, s.tobytes(), bytes(s), s.c_contiguous, m.c_contiguous, s.contiguous)
ba = bytearray(b"hello world")
v = memoryview(ba)
print(v.readonly, v[0], chr(v[4]))
v[0] = 72
v[6:11] = b"WORLD"
print(ba)
w = v[::2]
w[0] = ord("J")
w[1:3] = b"__"
print(ba, w.tolist())
sub = v[6:]
sub[0] = ord("w")
print(ba, sub.tobytes(), sub.obj is ba)
print(m == b, m == bytearray(b), m[:3] == b"\x00\x01\x02", v == ba, m != b"x", memoryview(b"ab") == memoryview(bytearray(b"ab")))
print(list(memoryview(b"abc")), [x for x in memoryview(b"xy")], b"y" in bytes(memoryview(b"xy")))
print(b"-".join([memoryview(b"a"), b"b"]), b"ab" + memoryview(b"cd"), bytearray(b"x") + memoryview(b"y"))
print(b"abc".startswith(memoryview(b"ab")), bytes(memoryview(b"abc")[::-1]), bytearray(memoryview(b"q")))
print(str(memoryview(b"caf\xc3\xa9"), "utf-8"), hash(memoryview(b"abc")) == hash(b"abc"))
with memoryview(bytearray(b"ctx")) as cm:
    print(cm.tobytes(), cm.released if hasattr(cm, "released") else None)
print(cm.released if hasattr(cm, "released") else None)
r = memoryview(b"xyz")
r.release()
r.release()
print(repr(r).startswith("<released memory at 0x"), repr(memoryview(b"")).startswith("<memory at 0x"))
# casts
d = bytearray(8)
dv = memoryview(d)
iv = dv.cast("i")
print(iv.format, iv.itemsize, len(iv), iv.shape, iv.tolist())
iv[0] = -2
iv[1] = 0x01020304
print(d, iv.tolist(), dv.cast("H").tolist(), dv.cast("b").tolist()[:4])
q = dv.cast("Q")
q[0] = 2 ** 64 - 1
print(q.tolist(), dv.cast("q").tolist(), dv.cast("@B")[:3].tolist())
fv = memoryview(bytearray(16)).cast("d")
fv[0] = 1.5
fv[1] = 3
print(fv.tolist(), fv.cast("B").cast("f").tolist()[2:], memoryview(b"ab").cast("c").tolist())
print(memoryview(b"\x01\x00").cast("?").tolist(), memoryview(b"abcd").cast("B", [4]).tolist(), memoryview(b"abcd").cast("I", []).tolist())
ro = memoryview(bytearray(b"rw")).toreadonly()
print(ro.readonly, ro.tobytes())
