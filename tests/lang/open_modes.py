# open() text modes: w, r, a, x, r+, w+; iteration, readline(s), seek/tell, write return values, errors
import os
name = "open_modes.tmp"
with open(name, "w") as f:
    print(f.write("first\n"), f.write("second\nthird"), f.mode, f.name, f.closed)
with open(name) as f:
    print(repr(f.read()))
with open(name, "a") as f:
    f.write("\nappended")
with open(name, "r") as f:
    print(f.readline(), f.readline().rstrip(), f.readlines())
with open(name) as f:
    print([line.rstrip("\n") for line in f])
with open(name) as f:
    print(repr(f.read(3)), repr(f.read(4)), f.tell())
    f.seek(0)
    print(repr(f.readline()), repr(f.read()))
    print(repr(f.read()), repr(f.readline()))
with open(name, "r+") as f:
    f.write("FIRST")
    f.seek(0)
    print(repr(f.readline()))
with open(name, "w+") as f:
    f.write("new content")
    f.seek(0)
    print(repr(f.read()))
try:
    open(name, "x")
except FileExistsError as e:
    print("FileExistsError:", e.errno, e.strerror, e.filename)
os.remove(name)
with open(name, "x") as f:
    f.writelines(["a\n", "b\n"])
print(open(name).read().splitlines())
with open(name, "a+") as f:
    f.write("c\n")
    f.seek(0)
    print(f.read().split())
f = open(name)
f.close()
for op in [lambda: f.read(), lambda: open("no_such_dir/x.txt"), lambda: open(name, "q"), lambda: open(name, "rw"),
           lambda: open(name).write("x"), lambda: open(name, "w").read(), lambda: open(5.5)]:
    try:
        op()
    except (ValueError, OSError, TypeError) as e:
        print(type(e).__name__ if type(e).__name__ != "UnsupportedOperation" else "OSError", e, isinstance(e, OSError))
with open(name, "w") as f:
    f.write("línea ünïcode €\n")
with open(name) as f:
    s = f.read()
    print(s, len(s))
with open(name, "rb") as f:
    b = f.read()
    print(b, len(b))
with open(name, "wb") as f:
    print(f.write(b"\x00\x01bin"))
with open(name, "rb") as f:
    print(f.read(), f.mode)
os.remove(name)
print(os.path.exists(name))
