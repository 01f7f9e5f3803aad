# BytesIO and StringIO: the whole API and its errors.
import io

b = io.BytesIO(b"hello\nworld\nlast")
print(b.readable(), b.writable(), b.seekable(), b.isatty(), b.tell(), b.closed)
print(b.read(2), b.read1(2), b.read1(), b.read(), b.read(5), b.tell())
print(b.seek(0), b.readline(), b.readline(3), b.readline(-1), b.readline(None), b.readline())
print(b.seek(0), b.readlines(), b.seek(0), b.readlines(7), b.seek(0), list(b))
print(b.seek(3), b.seek(2, 1), b.seek(-2, 2), b.read(), b.seek(100), b.read(), b.tell())
print(b.write(b"!"), b.getvalue(), b.tell())
print(b.seek(0), b.write(b"HE"), b.getvalue(), b.truncate(8), b.getvalue(), b.tell(), b.truncate(), b.getvalue())
buf = bytearray(4)
print(b.seek(1), b.readinto(buf), buf, b.readinto(bytearray(10)), b.readinto(memoryview(bytearray(2))))
print(b.writelines([b"a", bytearray(b"b"), memoryview(b"c")]), b.getvalue())
for args in [(-1,), (0, 3), (1.5,)]:
    try:
        b.seek(*args)
    except Exception as e:
        print(type(e).__name__, e)
for bad in [-1, "x"]:
    try:
        b.truncate(bad)
    except Exception as e:
        print(type(e).__name__, e)
for bad in ["str", 5]:
    try:
        b.write(bad)
    except Exception as e:
        print(type(e).__name__, e)
v = b.getbuffer()
print(type(v).__name__, bytes(v), len(v))
v[0] = ord("Z")
print(b.getvalue())
for op in [lambda: b.write(b"x"), lambda: b.truncate(0), lambda: b.close()]:
    try:
        op()
    except BufferError as e:
        print("BufferError", e)
v.release()
print(b.write(b"ok"), b.closed)
b.close()
b.close()
print(b.closed)
for name in ["read", "getvalue", "getbuffer", "tell", "readable", "write", "seek", "flush", "readline", "isatty"]:
    try:
        args = (b"x",) if name == "write" else (0,) if name == "seek" else ()
        getattr(b, name)(*args)
    except ValueError as e:
        print(name, e)
with io.BytesIO(b"ctx") as c:
    print(c.read())
print(c.closed)
print(io.BytesIO().getvalue(), io.BytesIO(None).read(), io.BytesIO(bytearray(b"ba")).read(), io.BytesIO(initial_bytes=b"kw").read())
try:
    io.BytesIO("str")
except TypeError as e:
    print("TypeError", e)
g = io.BytesIO(b"abc")
g.seek(5)
g.write(b"z")
print(g.getvalue())


class MyBytes(io.BytesIO):
    def read(self, n=-1):
        return b"<" + super().read(n) + b">"


m = MyBytes(b"data")
print(m.read(2), m.read(), isinstance(m, io.BufferedIOBase), isinstance(m, io.IOBase))

s = io.StringIO("héllo\nwörld\nlast")
print(s.readable(), s.writable(), s.seekable(), s.tell(), s.line_buffering, s.newlines, s.closed)
print(repr(s.read(3)), s.tell(), repr(s.readline()), repr(s.readline(2)), repr(s.readline(None)), repr(s.read()))
print(s.seek(0), s.readlines(), s.seek(0), list(s), s.seek(0, 2), s.seek(0, 1))
print(s.seek(3), s.write("LL"), s.getvalue(), s.tell(), s.truncate(5), s.getvalue(), s.tell())
print(s.seek(10), s.write("x"), repr(s.getvalue()), len(s.getvalue()))
for args in [(-1,), (1, 1), (1, 2), (0, 5)]:
    try:
        s.seek(*args)
    except Exception as e:
        print(type(e).__name__, e)
for bad in [-1]:
    try:
        s.truncate(bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    s.write(b"bytes")
except TypeError as e:
    print("TypeError", e)
print(s.write("é😀"), s.tell(), s.writelines(["a", "b"]), s.tell())
s.close()
print(s.closed)
for name in ["read", "getvalue", "tell", "write", "readline", "seek", "readable"]:
    try:
        args = ("x",) if name == "write" else (0,) if name == "seek" else ()
        getattr(s, name)(*args)
    except ValueError as e:
        print(name, e)
for nl in [None, "", "\n", "\r", "\r\n"]:
    s = io.StringIO(newline=nl)
    s.write("a\nb\r\nc\rd")
    s.write("\r")
    s.write("\ne")
    print(repr(nl), repr(s.getvalue()), s.newlines, s.seek(0), [s.readline() for _ in range(6)])
    s = io.StringIO("x\r\ny\rz\n", newline=nl)
    print(repr(nl), list(s), s.newlines)
for kw in [dict(newline="x"), dict(newline=1), dict(initial_value=b"b"), dict(initial_value=3)]:
    try:
        io.StringIO(**kw)
    except Exception as e:
        print(type(e).__name__, e)
print(repr(io.StringIO(None).getvalue()), repr(io.StringIO(initial_value="kw").read()))
with io.StringIO("ctx") as c:
    print(c.read())
print(c.closed)


class MyStr(io.StringIO):
    def write(self, s):
        return super().write(s.upper())


m = MyStr()
print("abc", file=m)
print(repr(m.getvalue()), isinstance(m, io.TextIOBase))
