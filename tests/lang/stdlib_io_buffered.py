# BufferedReader/Writer/Random/RWPair over Python raw streams: what reaches
# the raw layer and when (peek, read1, flush, detach, seek/tell).
import io


class Raw(io.RawIOBase):
    """A raw stream over a bytearray that logs its calls."""

    def __init__(self, data=b"", chunk=None):
        self.data = bytearray(data)
        self.pos = 0
        self.chunk = chunk
        self.log = []

    def readable(self):
        return True

    def writable(self):
        return True

    def seekable(self):
        return True

    def readinto(self, b):
        n = len(b) if self.chunk is None else min(len(b), self.chunk)
        got = self.data[self.pos:self.pos + n]
        b[:len(got)] = got
        self.pos += len(got)
        self.log.append(("readinto", len(b), len(got)))
        return len(got)

    def write(self, b):
        b = bytes(b)
        self.data[self.pos:self.pos + len(b)] = b
        self.pos += len(b)
        self.log.append(("write", b))
        return len(b)

    def seek(self, pos, whence=0):
        self.pos = pos if whence == 0 else self.pos + pos if whence == 1 else len(self.data) + pos
        self.log.append(("seek", pos, whence))
        return self.pos

    def tell(self):
        return self.pos

    def truncate(self, size=None):
        size = self.pos if size is None else size
        del self.data[size:]
        self.log.append(("truncate", size))
        return size


raw = Raw(b"0123456789abcdefghij\nline2\nend", chunk=7)
r = io.BufferedReader(raw, buffer_size=8)
print(r.raw is raw, r.readable(), r.writable(), r.seekable(), r.closed)
print(r.peek(1), r.read(3), r.read1(100), r.read1(2), r.tell())
print(r.read(10), r.tell(), raw.log)
raw.log.clear()
print(r.readline(), r.readline(3), r.readline(), r.read(), r.read(), r.peek(5))
print(raw.log)
print(r.seek(2), r.read(3), r.seek(1, 1), r.read(2), r.seek(-3, 2), r.read())
b = bytearray(4)
print(r.seek(0), r.readinto(b), b, r.readinto1(b), b)
for bad in [(-2,), ("x",)]:
    try:
        r.read(*bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    r.write(b"x")
except io.UnsupportedOperation as e:
    print("UnsupportedOperation", e)
try:
    r.seek(0, 5)
except ValueError as e:
    print("ValueError", e)
d = r.detach()
print(d is raw)
for op in [r.read, r.tell, lambda: r.raw, r.close]:
    try:
        op()
    except ValueError as e:
        print("ValueError", e)
print(repr(r))

raw = Raw()
w = io.BufferedWriter(raw, buffer_size=8)
print(w.write(b"abc"), raw.log, w.tell())
print(w.write(b"defgh"), raw.log)
print(w.write(b"ijklmnopqrstuvwxyz"), raw.log)
raw.log.clear()
print(w.write(b"12"), w.flush(), raw.log, bytes(raw.data))
print(w.seek(1), w.write(b"X"), w.tell(), w.flush(), bytes(raw.data))
try:
    w.read()
except io.UnsupportedOperation as e:
    print("UnsupportedOperation", e)
print(w.writable(), w.readable(), w.truncate(5), bytes(raw.data))
w.close()
print(w.closed, raw.closed)
for op in [lambda: w.write(b"x"), w.flush, w.tell]:
    try:
        op()
    except ValueError as e:
        print("ValueError", e)

raw = Raw(b"abcdefghij")
rw = io.BufferedRandom(raw, buffer_size=4)
print(rw.read(2), rw.write(b"XY"), rw.tell(), rw.read(2), rw.flush(), bytes(raw.data))
print(rw.seek(0), rw.read(), rw.seek(8), rw.write(b"1234"), rw.seek(0), rw.read(), rw.tell())
print(rw.peek(1), rw.seek(3), rw.peek(2)[:2], rw.read1(3), rw.readable(), rw.writable())
rw.close()

pair = io.BufferedRWPair(Raw(b"in data\nmore"), Raw(), 4)
print(pair.read(3), pair.peek(1)[:1], pair.read1(2), pair.readline(), pair.write(b"out"), pair.readable(), pair.writable())
print(pair.flush(), pair.closed, pair.isatty())
pair.close()
print(pair.closed)

for cls in [io.BufferedReader, io.BufferedWriter, io.BufferedRandom]:
    try:
        cls(Raw(), 0)
    except ValueError as e:
        print(cls.__name__, "ValueError", e)
    print(cls.__name__, repr(cls(Raw())).startswith("<_io." + cls.__name__))


class ReadOnly(io.RawIOBase):
    def readable(self):
        return True

    def readinto(self, b):
        b[:2] = b"ro"
        return 2


for cls in [io.BufferedWriter, io.BufferedRandom]:
    try:
        cls(ReadOnly())
    except io.UnsupportedOperation as e:
        print(cls.__name__, "UnsupportedOperation", e)
ro = ReadOnly()
print(ro.read(5), ro.read(1), ro.readable(), ro.writable(), ro.seekable(), ro.closed)
try:
    ro.seek(0)
except io.UnsupportedOperation as e:
    print("UnsupportedOperation", e)
try:
    ro.fileno()
except io.UnsupportedOperation as e:
    print("UnsupportedOperation", e)
ro.close()
print(ro.closed)
try:
    ro.read(1)
except ValueError as e:
    print("ValueError", e)


class Counting(io.RawIOBase):
    def __init__(self):
        self.n = 0

    def readable(self):
        return True

    def readinto(self, b):
        if self.n >= 3:
            return 0
        self.n += 1
        b[:3] = b"ab\n"
        return 3


print(Counting().readall(), Counting().read(), list(io.BufferedReader(Counting())))
t = io.TextIOWrapper(io.BufferedReader(Counting()), encoding="ascii")
print(t.readlines())


class W(io.BufferedIOBase):
    def __init__(self):
        self.out = []

    def writable(self):
        return True

    def write(self, b):
        self.out.append(bytes(b))
        return len(b)


w = W()
t = io.TextIOWrapper(w, encoding="utf-8", line_buffering=True)
t.write("a")
t.write("b\nc")
print(w.out)
t.flush()
print(w.out)
b = io.BufferedIOBase()
for name in ["read", "read1", "write", "detach"]:
    try:
        getattr(b, name)(*([b"x"] if name == "write" else []))
    except io.UnsupportedOperation as e:
        print(name, "UnsupportedOperation", e)


class R1(io.BufferedIOBase):
    def read(self, n=-1):
        return b"xyz"[:n]

    read1 = read


buf = bytearray(2)
print(R1().readinto(buf), buf, R1().readinto1(bytearray(5)))
