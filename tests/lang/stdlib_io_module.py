# The io module over _io: names, the ABCs, sys.stdout and co, print(file=).
import gc
import io
import os
import sys
import _io

D = os.path.join("/tmp", "minipy_io_module_%d" % os.getpid())
os.mkdir(D)
P = os.path.join(D, "m.txt")

print(io.open is open, io.open is _io.open, io.DEFAULT_BUFFER_SIZE, io.SEEK_SET, io.SEEK_CUR, io.SEEK_END)
print([n for n in io.__all__ if not hasattr(io, n)])
print(io.UnsupportedOperation.__mro__, io.UnsupportedOperation.__module__)
print(io.BlockingIOError is BlockingIOError, issubclass(io.UnsupportedOperation, OSError))
for cls in [io.FileIO, io.BytesIO, io.StringIO, io.BufferedReader, io.BufferedWriter,
            io.BufferedRandom, io.BufferedRWPair, io.TextIOWrapper, io.IncrementalNewlineDecoder]:
    print(cls.__name__, cls.__module__, cls.__qualname__, [b.__name__ for b in cls.__mro__])
for abc in [io.IOBase, io.RawIOBase, io.BufferedIOBase, io.TextIOBase]:
    print(abc.__name__, type(abc).__name__, [b.__name__ for b in abc.__mro__])
print(issubclass(io.FileIO, io.RawIOBase), issubclass(io.FileIO, io.IOBase), issubclass(io.BytesIO, io.BufferedIOBase),
      issubclass(io.StringIO, io.TextIOBase), issubclass(io.TextIOWrapper, io.TextIOBase),
      issubclass(io.BufferedRandom, io.BufferedIOBase), issubclass(io.StringIO, io.RawIOBase))
with open(P, "w") as f:
    print(isinstance(f, io.IOBase), isinstance(f, io.TextIOBase), isinstance(f.buffer, io.BufferedIOBase),
          isinstance(f.buffer.raw, io.RawIOBase), isinstance(f, io.RawIOBase))
print(isinstance(io.BytesIO(), io.IOBase), isinstance(sys.stdout, io.TextIOBase), isinstance(sys.stdout.buffer.raw, io.FileIO))


class Mine(io.RawIOBase):
    pass


class MyText(io.TextIOBase):
    def write(self, s):
        sys.stdout.write("[" + s + "]")
        return len(s)


print(isinstance(Mine(), io.IOBase), isinstance(Mine(), _io._RawIOBase), isinstance(MyText(), io.TextIOBase))
print(MyText().encoding, MyText().errors, MyText().newlines)
print("to my text", 1, file=MyText())
m = Mine()
print(m.readable(), m.writable(), m.seekable(), m.closed, m.__enter__() is m)
for op in [m.fileno, m.tell, lambda: m.truncate(0), lambda: m.seek(0)]:
    try:
        op()
    except io.UnsupportedOperation as e:
        print("UnsupportedOperation", e)
m.close()
print(m.closed)
try:
    m.flush()
except ValueError as e:
    print("ValueError", e)
try:
    iter(m)
except ValueError as e:
    print("ValueError", e)
print(io.text_encoding(None), io.text_encoding("latin-1"), io.text_encoding(None, 2))
with io.open_code(__file__) as f:
    print(type(f).__name__, f.mode, f.readline())

# the standard streams (stdout and stderr are pipes here)
for s in [sys.stdin, sys.stdout, sys.stderr]:
    print(repr(s), s.name, s.mode, s.encoding, s.line_buffering, s.write_through, repr(s.buffer), repr(s.buffer.raw),
          s.fileno(), s.isatty(), s.readable(), s.writable(), s.closed)
print(sys.stdout.errors == sys.stdin.errors, sys.stderr.errors)
print(sys.stdout is sys.__stdout__, sys.stderr is sys.__stderr__, sys.stdin is sys.__stdin__)
print(sys.stdout.write("written\n"), sys.stdout.buffer.raw.closefd)
print("text 1")
sys.stdout.buffer.write(b"bytes 1\n")
print("text 2")
sys.stdout.flush()
sys.stdout.buffer.write(b"bytes 2\n")
print("text 3", flush=True)
sys.stdout.buffer.write(b"bytes 3\n")
sys.stdout.buffer.flush()
print("to stderr", file=sys.stderr)
sys.stderr.write("stderr write\n")
print("sep", "end", sep="--", end="!!\n")
print(*range(5), sep=None, end=None)
print()
buf = io.StringIO()
print("into", "string", 3.5, None, file=buf, sep="|")
print(repr(buf.getvalue()))


class Writer:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)


w = Writer()
print("a", "b", file=w, end="")
print(w.parts)
with open(P, "w") as f:
    print("to a file", 42, file=f)
    print("second", file=f, flush=True)
with open(P) as f:
    print(repr(f.read()))
for bad in [dict(sep=1), dict(end=2), dict(file=1)]:
    try:
        print("x", **bad)
    except Exception as e:
        print(type(e).__name__, e)

# IncrementalNewlineDecoder, and subclasses of the native classes
d = io.IncrementalNewlineDecoder(None, translate=True)
print(repr(d.decode("a\r")), d.getstate(), repr(d.decode("\nb\r")), repr(d.decode("", final=True)), d.newlines)
d.reset()
print(d.newlines, d.getstate())
d.setstate((b"", 1))
print(repr(d.decode("x")), repr(d.newlines))
d = io.IncrementalNewlineDecoder(None, False)
print(repr(d.decode("a\r\nb\rc\n")), d.newlines, repr(d.decode("\r")), d.getstate(), repr(d.decode("\r", True)))
try:
    io.IncrementalNewlineDecoder()
except TypeError as e:
    print("TypeError", e)


class Upper(io.TextIOWrapper):
    def write(self, s):
        return super().write(s.upper())


b = io.BytesIO()
u = Upper(b, encoding="utf-8")
print("shout", file=u)
u.flush()
print(b.getvalue(), isinstance(u, io.TextIOWrapper), type(u).__name__, u.encoding)


class Raw2(io.FileIO):
    pass


class Buf2(io.BufferedReader):
    def read(self, n=-1):
        return super().read(n).upper()


print(Buf2(io.BytesIO(b"abc")).read(), issubclass(Raw2, io.RawIOBase))

# files closed when they become garbage
f = open(P, "w")
f.write("unclosed data")
del f
gc.collect()
with open(P) as f:
    print(repr(f.read()))
open(P, "w").write("one-liner")
print(repr(open(P).read()))
os.remove(P)
os.rmdir(D)
print("last line")
