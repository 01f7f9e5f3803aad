# glob (CPython's) over posix.scandir/lstat and fnmatch.
import glob
import os

base = "/tmp/minipy_glob_%d" % os.getpid()
for rel in ["a.py", "b.py", "c.txt", ".hidden.py", "sub/d.py", "sub/e.txt", "sub/deep/f.py", "other/g.py"]:
    path = os.path.join(base, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "w").close()
os.symlink("sub", os.path.join(base, "link"))


def show(pattern, **kw):
    found = glob.glob(pattern, **kw)
    print(pattern.replace(base, "BASE"), sorted(p.replace(base, "BASE") for p in found))


show(base + "/*.py")
show(base + "/?.txt")
show(base + "/[ab].py")
show(base + "/*/*.py")
show(base + "/**/*.py", recursive=True)
show(base + "/**", recursive=True)
show(base + "/*", include_hidden=True)
show(base + "/nothing*")
show(base + "/sub")
show(base + "/link/*.txt")
show("*.py", root_dir=base)
show("**/*.txt", root_dir=base, recursive=True)
print([p.replace(os.fsencode(base), b"BASE") for p in glob.glob(os.fsencode(base) + b"/*.txt")])
print(sorted(p.replace(base, "BASE") for p in glob.iglob(base + "/sub/*")))
print(glob.escape("a[b]*?.py"), glob.has_magic("a*"), glob.has_magic("abc"))
os.chdir(base)
print(sorted(glob.glob("*.txt")), sorted(glob.glob("sub/*")))
os.chdir("/")
for top, dirs, files in os.walk(base, topdown=False):
    for f in files:
        os.remove(os.path.join(top, f))
    for d in dirs:
        p = os.path.join(top, d)
        os.unlink(p) if os.path.islink(p) else os.rmdir(p)
os.rmdir(base)
print(os.path.exists(base))
