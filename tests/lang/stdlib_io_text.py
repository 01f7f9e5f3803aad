# TextIOWrapper: newline modes, encodings and errors handlers, tell/seek
# cookies, reconfigure, detach, line buffering (over BytesIO and files).
import io
import os

D = os.path.join("/tmp", "minipy_io_text_%d" % os.getpid())
os.mkdir(D)
P = os.path.join(D, "t.txt")


def show(e):
    print(type(e).__name__, str(e).replace(D, "<tmp>"))


data = b"one\r\ntwo\rthree\nfour\r\n\rfive"
for nl in [None, "", "\n", "\r", "\r\n"]:
    t = io.TextIOWrapper(io.BytesIO(data), encoding="ascii", newline=nl)
    print(repr(nl), [t.readline() for _ in range(7)], t.newlines)
    t = io.TextIOWrapper(io.BytesIO(data), encoding="ascii", newline=nl)
    print(repr(nl), repr(t.read()), t.newlines, list(io.TextIOWrapper(io.BytesIO(data), newline=nl)))
    b = io.BytesIO()
    t = io.TextIOWrapper(b, encoding="ascii", newline=nl)
    t.write("a\nb\r\nc\rd\n")
    t.flush()
    print(repr(nl), b.getvalue())

# line endings split across reads
t = io.TextIOWrapper(io.BytesIO(b"ab\r" + b"\ncd\r" * 3000), newline=None)
t._CHUNK_SIZE = 3
print(t._CHUNK_SIZE, repr(t.readline()), repr(t.readline()), len(t.read()), t.newlines)
t = io.TextIOWrapper(io.BytesIO(b"x" * 10 + b"\r\n" + b"y" * 5), newline="")
t._CHUNK_SIZE = 4
print([t.readline() for _ in range(3)])
for nl in [None, "", "\r\n", "\r"]:
    for size in [1, 2, 3, 5]:
        t = io.TextIOWrapper(io.BytesIO(b"ab\r\ncd\re\nfgh\r\n\r\nlast"), newline=nl)
        t._CHUNK_SIZE = size
        got = [t.readline(), t.readline(2), t.readline(4), t.readline(), t.readline(), t.readline()]
        print(repr(nl), size, got, t.readlines())
t = io.TextIOWrapper(io.BytesIO("é€😀x\n".encode() * 2000))
lines = t.readlines()
print(len(lines), lines[-1], t.tell())
t = io.TextIOWrapper(io.BytesIO(b"abcdefghij\nklm"))
print(repr(t.readline(3)), repr(t.readline(20)), repr(t.readline(0)), repr(t.readline(-1)))
try:
    t.readline(None)
except TypeError as e:
    show(e)
t = io.TextIOWrapper(io.BytesIO("é€😀x\ny".encode()))
print(repr(t.read(2)), repr(t.read(1)), repr(t.readline()), repr(t.read(5)), repr(t.read()))

# encodings
text = "naïve café – 😀 \u20ac"
for enc in ["utf-8", "utf-8-sig", "UTF8", "latin-1", "ascii", "iso-8859-1"]:
    for errors in ["strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace", "surrogateescape"]:
        b = io.BytesIO()
        t = io.TextIOWrapper(b, encoding=enc, errors=errors)
        try:
            t.write(text)
            t.flush()
            print(enc, errors, t.encoding, t.errors, b.getvalue())
        except UnicodeEncodeError as e:
            print(enc, errors, "UnicodeEncodeError", e)
raw = b"ok \xff\xfe bad \xc3\xa9 \xe2\x82 end"
for enc in ["utf-8", "ascii", "latin-1", "utf-8-sig"]:
    for errors in ["strict", "ignore", "replace", "backslashreplace", "surrogateescape"]:
        t = io.TextIOWrapper(io.BytesIO(raw), encoding=enc, errors=errors)
        try:
            s = t.read()
            if "surrogate" in errors:
                b = io.BytesIO()
                w = io.TextIOWrapper(b, encoding="utf-8", errors="surrogateescape")
                w.write(s)
                w.flush()
                s = b.getvalue()
            print(enc, errors, ascii(s), len(s))
        except UnicodeDecodeError as e:
            print(enc, errors, "UnicodeDecodeError", e)
s = io.TextIOWrapper(io.BytesIO(b"\xffab\x80"), encoding="utf-8", errors="surrogateescape").read()
b = io.BytesIO()
t = io.TextIOWrapper(b, encoding="utf-8", errors="surrogateescape")
t.write(s)
t.flush()
print(len(s), b.getvalue())
b = io.BytesIO()
t = io.TextIOWrapper(b, encoding="utf-8")
try:
    t.write(s)
except UnicodeEncodeError as e:
    print("UnicodeEncodeError", e)
b = io.BytesIO()
t = io.TextIOWrapper(b, encoding="ascii")
for piece in ["ab\xe9", "\xe9\xe9x", "\u20ac"]:
    try:
        t.write(piece)
    except UnicodeEncodeError as e:
        print("UnicodeEncodeError", e)
# utf-8-sig: BOM written once, skipped on read
with open(P, "w", encoding="utf-8-sig") as f:
    f.write("first")
    f.write(" second\n")
with open(P, "rb") as f:
    print(f.read())
with open(P, encoding="utf-8-sig") as f:
    print(repr(f.read()), f.encoding)
with open(P, encoding="utf-8") as f:
    print(ascii(f.read()))
with open(P, "a", encoding="utf-8-sig") as f:
    f.write("more\n")
with open(P, "rb") as f:
    print(f.read())
for enc in ["ascii", "latin-1", "utf-8"]:
    with open(P, "w", encoding=enc) as f:
        print(f.encoding, f.errors, f.write("abc\n"))
# a multi-byte character split across chunks
t = io.TextIOWrapper(io.BytesIO("aé€😀b".encode() * 3))
t._CHUNK_SIZE = 1
print(repr(t.read()))
t = io.TextIOWrapper(io.BytesIO(b"abc\xe2\x82"))
try:
    t.read()
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e)

# tell and seek
with open(P, "w", encoding="utf-8") as f:
    f.write("héllo\nwörld\r\nthird line\n€uro\n")
with open(P, encoding="utf-8") as f:
    marks = []
    while True:
        pos = f.tell()
        line = f.readline()
        if not line:
            break
        marks.append((pos, line))
    print(marks, f.tell())
    for pos, line in reversed(marks):
        f.seek(pos)
        print(pos, repr(f.readline()) == repr(line))
    f.seek(0)
    print(repr(f.read(3)), f.tell(), repr(f.read(4)), f.tell())
    cookie = f.tell()
    rest = f.read()
    f.seek(cookie)
    print(f.read() == rest, f.seek(0, 2), repr(f.read()), f.seek(0, 1) == f.tell())
    for args in [(1, 1), (-1, 2), (0, 3), (-5,)]:
        try:
            f.seek(*args)
        except Exception as e:
            show(e)
    f.seek(0)
    next(f)
    try:
        f.tell()
    except OSError as e:
        show(e)
    list(f)
    print(f.tell() > 0)
with open(P, encoding="latin-1", newline="") as f:
    f.read(8)
    c = f.tell()
    print(c, repr(f.read(3)))
    f.seek(c)
    print(repr(f.read(3)))
with open(P, "r+", encoding="utf-8") as f:
    f.read(3)
    f.seek(f.tell())
    f.write("XY")
    f.seek(0)
    print(repr(f.read()))
    print(f.truncate(4), f.seek(0), repr(f.read()))

# reconfigure, detach, attributes
b = io.BytesIO()
t = io.TextIOWrapper(b, encoding="ascii", errors="strict")
print(t.line_buffering, t.write_through, t.encoding, repr(t).startswith("<_io.TextIOWrapper encoding="))
t.reconfigure(line_buffering=True)
t.write("no newline yet")
print(b.getvalue())
t.write("\n")
print(b.getvalue())
t.reconfigure(encoding="utf-8", line_buffering=False, write_through=True)
print(t.encoding, t.errors, t.line_buffering, t.write_through)
t.write("é")
print(b.getvalue())
t.reconfigure(errors="replace", newline="\r\n")
t.write("a\nb")
print(t.errors, b.getvalue())
for kw in [dict(encoding=1), dict(newline="x"), dict(bogus=1)]:
    try:
        t.reconfigure(**kw)
    except Exception as e:
        show(e)
try:
    t.reconfigure("utf-8")
except TypeError as e:
    show(e)
r = io.TextIOWrapper(io.BytesIO(b"abc\ndef"))
r.read(1)
try:
    r.reconfigure(encoding="latin-1")
except Exception as e:
    show(e)
r.reconfigure(line_buffering=True)
buf = t.detach()
print(buf is b, t.buffer if False else "detached")
for op in [lambda: t.write("x"), lambda: t.read(), lambda: t.encoding, lambda: repr(t), lambda: t.closed]:
    try:
        print(op())
    except Exception as e:
        show(e)
for kw in [dict(newline="x"), dict(newline=1), dict(errors=1), dict(encoding=1)]:
    try:
        io.TextIOWrapper(io.BytesIO(), **kw)
    except Exception as e:
        show(e)
t = io.TextIOWrapper(io.BytesIO(b"abc"))
t.mode = "r"
print(repr(t), t.name if hasattr(t, "name") else "no name")
try:
    t.write(b"x")
except TypeError as e:
    show(e)
t.close()
print(t.closed, repr(t))
try:
    t.read()
except ValueError as e:
    show(e)
w = io.TextIOWrapper(io.BufferedReader(io.BytesIO(b"abc")))
try:
    w.write("x")
except Exception as e:
    show(e)
w = io.TextIOWrapper(io.BufferedWriter(io.BytesIO()))
try:
    w.read()
except Exception as e:
    show(e)
os.remove(P)
os.rmdir(D)
