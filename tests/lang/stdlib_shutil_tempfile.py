# shutil and tempfile (CPython's) over posix: copies, trees, rmtree (the dir_fd-based path),
# move, which, disk_usage, and temporary files and folders.
import os, shutil, tempfile, stat
base = tempfile.mkdtemp(prefix="minipy_shutil_")
print(os.path.isdir(base), os.path.basename(base).startswith("minipy_shutil_"), oct(stat.S_IMODE(os.stat(base).st_mode)))
src = os.path.join(base, "src")
os.makedirs(os.path.join(src, "sub", "deeper"))
for rel, text in [("a.txt", "alpha\n"), ("b.py", "print(1)\n"), ("sub/c.txt", "gamma\n"), ("sub/deeper/d.py", "x = 4\n")]:
    with open(os.path.join(src, rel), "w") as f:
        f.write(text)
os.chmod(os.path.join(src, "a.txt"), 0o640)
os.symlink("a.txt", os.path.join(src, "link"))
dst = shutil.copy(os.path.join(src, "a.txt"), os.path.join(base, "copy.txt"))
print(os.path.basename(dst), open(dst).read(), oct(stat.S_IMODE(os.stat(dst).st_mode)))
shutil.copy2(os.path.join(src, "a.txt"), os.path.join(base, "copy2.txt"))
print(os.stat(os.path.join(base, "copy2.txt")).st_mtime_ns == os.stat(os.path.join(src, "a.txt")).st_mtime_ns)
shutil.copyfile(os.path.join(src, "b.py"), os.path.join(base, "cf.py"))
print(open(os.path.join(base, "cf.py")).read())
t = shutil.copytree(src, os.path.join(base, "tree"), ignore=shutil.ignore_patterns("*.py"))
for top, dirs, files in os.walk(t):
    dirs.sort()
    print(os.path.relpath(top, base), sorted(files))
print(os.path.islink(os.path.join(t, "link")))
t2 = shutil.copytree(src, os.path.join(base, "tree2"), symlinks=True)
print(os.path.islink(os.path.join(t2, "link")), os.readlink(os.path.join(t2, "link")))
shutil.move(os.path.join(base, "tree2"), os.path.join(base, "moved"))
print(sorted(os.listdir(base)))
shutil.rmtree(os.path.join(base, "moved"))
print(os.path.exists(os.path.join(base, "moved")))
try:
    shutil.rmtree(os.path.join(base, "nope"))
except FileNotFoundError as e:
    print("FileNotFoundError", e.strerror)
errs = []
shutil.rmtree(os.path.join(base, "nope"), onerror=lambda f, p, e: errs.append(e[0].__name__))
print(errs)
print(shutil.which("sh") is not None, shutil.which("no-such-program-xyz"))
u = shutil.disk_usage(base)
print(type(u).__name__, u.total >= u.used >= 0)
print(shutil.get_terminal_size((77, 11)) if not os.isatty(1) else "tty")
try:
    shutil.copy(os.path.join(base, "nope"), base)
except FileNotFoundError as e:
    print("FileNotFoundError", e.strerror)
try:
    shutil.copyfile(os.path.join(src, "a.txt"), os.path.join(src, "a.txt"))
except shutil.SameFileError as e:
    print("SameFileError")
with tempfile.TemporaryDirectory(prefix="minipy_td_") as d:
    print(os.path.isdir(d), os.path.basename(d).startswith("minipy_td_"))
    keep = d
print(os.path.exists(keep))
fd, name = tempfile.mkstemp(suffix=".dat", dir=base)
os.write(fd, b"mkstemp")
os.close(fd)
print(name.endswith(".dat"), os.path.dirname(name) == base, open(name, "rb").read())
with tempfile.NamedTemporaryFile(dir=base, suffix=".tmp", delete=True) as f:
    f.write(b"named")
    f.flush()
    nm = f.name
    print(os.path.exists(nm), open(nm, "rb").read())
print(os.path.exists(nm))
with tempfile.TemporaryFile(dir=base) as f:
    f.write(b"anon")
    f.seek(0)
    print(f.read())
print(tempfile.gettempdir() == "/tmp" or tempfile.gettempdir(), tempfile.gettempprefix())
shutil.rmtree(base)
print(os.path.exists(base))
