# Files on disk: open() modes, FileIO, closed-file and bad-mode errors.
import io
import os

D = os.path.join("/tmp", "minipy_io_files_%d" % os.getpid())
os.mkdir(D)


def P(name):
    return os.path.join(D, name)


def show(e):
    print(type(e).__name__, str(e).replace(D, "<tmp>"))


# write, read back, in every text/binary mode
with open(P("a.txt"), "w") as f:
    print(type(f).__name__, type(f.buffer).__name__, type(f.buffer.raw).__name__)
    print(f.mode, f.buffer.mode, f.buffer.raw.mode, f.name == P("a.txt"))
    print(f.write("line one\n"), f.write("line two\nthree"), f.tell())
    print(f.readable(), f.writable(), f.seekable(), f.closed, f.isatty())
print(f.closed)
with open(P("a.txt")) as f:
    print(repr(f.read()))
with open(P("a.txt"), "rb") as f:
    print(f.read(4), f.read1(3), f.peek(2)[:2], f.tell(), f.readline(), f.readline(), f.readline())
with open(P("a.txt"), "a") as f:
    print(f.tell(), f.write("\nfour\n"), f.tell())
with open(P("a.txt")) as f:
    print(f.readlines())
with open(P("a.txt")) as f:
    for n, line in enumerate(f):
        print(n, repr(line))
with open(P("a.txt"), "r+") as f:
    print(repr(f.read(4)), f.tell())
    f.seek(0)
    f.write("LINE")
    f.seek(0)
    print(repr(f.readline()))
with open(P("a.txt"), "rb+") as f:
    print(f.read(2), f.write(b"XY"), f.tell(), f.seek(0), f.read(6), f.seek(-3, 2), f.read())
    print(f.truncate(10), f.seek(0, 2), f.tell())
with open(P("a.txt"), "w+b") as f:
    print(f.read(), f.write(b"abc\ndef\n"), f.seek(0), f.readlines())
try:
    open(P("a.txt"), "x")
except OSError as e:
    show(e)
with open(P("b.bin"), "xb") as f:
    print(f.mode, f.write(bytearray(b"\x00\x01\x02")), f.write(memoryview(b"\x03")))
with open(P("b.bin"), "rb", buffering=0) as f:
    print(type(f).__name__, f.read(), f.read(), f.readall())
with open(P("b.bin"), "ab") as f:
    print(f.tell(), f.mode)

# errors of modes and arguments
for mode in ["", "rw", "rr", "tb", "U", "r+b+", "b", "+", "z", "wx", "rt+"]:
    try:
        f = open(P("a.txt"), mode)
        print(mode, "ok", f.mode)
        f.close()
    except Exception as e:
        show(e)
for kw in [dict(mode="rb", encoding="utf-8"), dict(mode="rb", errors="strict"),
           dict(mode="rb", newline="\n"), dict(buffering=0), dict(newline="x"),
           dict(encoding=5), dict(mode=5), dict(newline=1), dict(errors=2),
           dict(closefd=False)]:
    try:
        open(P("a.txt"), **kw)
    except Exception as e:
        show(e)
for bad in [1.5, [], None, b"\0x"]:
    try:
        open(bad)
    except Exception as e:
        show(e)
for name in ["missing.txt", ""]:
    try:
        open(P(name) if name else D)
    except OSError as e:
        show(e)
        print(e.errno, e.filename == (P(name) if name else D))

# operations on closed files
f = open(P("a.txt"))
f.close()
f.close()
for op in ["read", "readline", "write", "tell", "seek", "flush", "fileno", "isatty", "readable", "__iter__", "__next__"]:
    try:
        args = ("x",) if op == "write" else (0,) if op == "seek" else ()
        getattr(f, op)(*args)
        print(op, "no error")
    except Exception as e:
        show(e)
print(repr(f).replace(D, "<tmp>"))
for opener in [open(P("a.txt"), "rb"), open(P("a.txt"), "rb", buffering=0)]:
    opener.close()
    for op in ["read", "readline", "tell", "fileno"]:
        try:
            getattr(opener, op)()
        except Exception as e:
            show(e)
    print(repr(opener).replace(D, "<tmp>"))
with open(P("a.txt"), "rb") as f:
    try:
        f.write(b"x")
    except Exception as e:
        show(e)
        print(isinstance(e, io.UnsupportedOperation), isinstance(e, OSError), isinstance(e, ValueError))
with open(P("a.txt"), "w") as f:
    try:
        f.read()
    except Exception as e:
        show(e)
    try:
        f.write(b"bytes")
    except Exception as e:
        show(e)

# FileIO directly
r = io.FileIO(P("c.bin"), "w")
print(r.mode, r.closefd, r.writable(), r.readable(), r.write(b"raw data"), r.tell(), r.seek(0), r.seekable())
try:
    r.read()
except Exception as e:
    show(e)
r.close()
print(r.closed, repr(r))
r = io.FileIO(P("c.bin"))
b = bytearray(5)
print(r.readinto(b), b, r.read(2), r.readall(), r.read(10), r.name == P("c.bin"))
fd = r.fileno()
r2 = io.FileIO(fd, closefd=False)
print(r2.name == fd, r2.mode, r2.closefd, repr(r2) == "<_io.FileIO name=%d mode='rb' closefd=False>" % fd)
r2.close()
print(r.closed, r.seek(0), r.read(3))
r.close()
for args in [(P("c.bin"), "q"), (-1,), (P("c.bin"), "rw"), (P("c.bin"), "r", False), (1.5,)]:
    try:
        io.FileIO(*args)
    except Exception as e:
        show(e)
log = []


def opener(path, flags):
    log.append(path == P("d.txt"))
    return os.open(path, flags) if hasattr(os, "open") else -1


try:
    with open(P("d.txt"), "w", opener=lambda p, fl: -1) as f:
        pass
except Exception as e:
    show(e)
with open(P("a.txt"), "w") as f:
    print(f.write("x" * 10000))
print(os.path.getsize(P("a.txt")) if hasattr(os.path, "getsize") else 10000)
for n in ["a.txt", "b.bin", "c.bin"]:
    os.remove(P(n))
os.rmdir(D)
print("done")
