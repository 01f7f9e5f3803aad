# os over the native posix module: files and folders in a scratch folder.
import os
import stat

base = "/tmp/minipy_os_files_%d" % os.getpid()
os.mkdir(base)
print(os.path.isdir(base), os.path.exists(base + "/nothing"))

# open/write/read/lseek/fstat/ftruncate/close on raw descriptors
p = os.path.join(base, "a.txt")
fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
print(type(fd).__name__, os.get_inheritable(fd), os.get_blocking(fd))
print(os.write(fd, b"hello world\n"), os.write(fd, bytearray(b"second\n")))
os.fsync(fd)
st = os.fstat(fd)
print(st.st_size, stat.S_ISREG(st.st_mode), stat.S_IMODE(st.st_mode) & 0o600)
os.ftruncate(fd, 5)
os.close(fd)
fd = os.open(p, os.O_RDWR)
print(os.read(fd, 100), os.read(fd, 100))
print(os.lseek(fd, 1, os.SEEK_SET), os.read(fd, 2), os.lseek(fd, 0, os.SEEK_CUR), os.lseek(fd, 0, os.SEEK_END))
os.close(fd)
print(os.path.getsize(p))
os.truncate(p, 2)
print(os.stat(p).st_size)

# stat_result: a struct sequence
st = os.stat(p)
print(type(st).__name__, type(st).__module__, len(st), st.n_fields, st.n_sequence_fields, st.n_unnamed_fields)
print(st[6] == st.st_size, st[0] == st.st_mode, st[7] == int(st.st_atime), isinstance(st, tuple))
print(type(st.st_mtime).__name__, type(st.st_mtime_ns).__name__, st.st_mtime_ns // 10**9 == st[8])
print(st.st_nlink, st.st_uid == os.getuid(), st.st_blksize > 0, st.st_ino == os.lstat(p).st_ino)
r = repr(st)
print(r.startswith("os.stat_result(st_mode="), "st_ctime=" in r, "st_atime_ns" in r)
try:
    st.st_size = 3
except AttributeError as e:
    print("AttributeError", e)
s2 = os.stat_result(tuple(range(10)))
print(s2, s2.st_atime, s2.st_blksize)
for bad in [(1, 2), tuple(range(20))]:
    try:
        os.stat_result(bad)
    except TypeError as e:
        print("TypeError", e)

# utime in seconds and nanoseconds
os.utime(p, (1000000000, 1200000000))
st = os.stat(p)
print(st.st_atime, st.st_mtime, st.st_mtime_ns, st[8])
os.utime(p, ns=(1500000000123456789, 1600000000987654321))
print(os.stat(p).st_mtime_ns, os.path.getmtime(p))

# chmod, access
os.chmod(p, 0o600)
print(oct(stat.S_IMODE(os.stat(p).st_mode)), os.access(p, os.R_OK), os.access(p + "x", os.F_OK))

# rename, replace, link, symlink, readlink, lstat, unlink
q = os.path.join(base, "b.txt")
os.rename(p, q)
print(os.path.exists(p), os.path.exists(q))
os.link(q, p)
print(os.stat(q).st_nlink, os.path.samefile(p, q))
os.unlink(p)
os.symlink("b.txt", os.path.join(base, "link"))
ln = os.path.join(base, "link")
print(os.readlink(ln), os.readlink(ln.encode()), os.path.islink(ln), stat.S_ISLNK(os.lstat(ln).st_mode))
print(os.stat(ln).st_ino == os.stat(q).st_ino, os.stat(ln, follow_symlinks=False).st_ino == os.lstat(ln).st_ino)
os.replace(q, p)
print(sorted(os.listdir(base)), os.path.exists(ln))

# folders, listdir, scandir, walk
os.makedirs(os.path.join(base, "d1", "d2", "d3"))
os.makedirs(os.path.join(base, "d1", "d2"), exist_ok=True)
for name in ["d1/f1", "d1/d2/f2", "d1/d2/d3/f3"]:
    with open(os.path.join(base, name), "w") as f:
        f.write(name)
print(sorted(os.listdir(base)), sorted(os.listdir(base.encode())))
with os.scandir(base) as it:
    entries = sorted(it, key=lambda e: e.name)
for e in entries:
    print(repr(e), e.name, e.path == os.path.join(base, e.name), e.is_dir(), e.is_file(), e.is_symlink(),
          e.is_dir(follow_symlinks=False), e.inode() == os.lstat(e.path).st_ino, os.fspath(e) == e.path)
print(entries[0].stat().st_size, entries[-1].stat(follow_symlinks=False).st_size > 0)
print(type(entries[0]).__name__, type(os.scandir(base)).__name__)
for top, dirs, files in os.walk(base):
    dirs.sort()
    print(os.path.relpath(top, base), dirs, sorted(files))
for top, dirs, files in os.walk(base, topdown=False):
    print(os.path.relpath(top, base), sorted(dirs), sorted(files))
fd = os.open(base, os.O_RDONLY)
print(sorted(os.listdir(fd)), sorted(e.name for e in os.scandir(fd)))
print(sorted(os.listdir(os.path.join(base, "d1"))))
print(os.stat("f1", dir_fd=os.open(os.path.join(base, "d1"), os.O_RDONLY)).st_size)
os.close(fd)
print(sorted(t[0][len(base):] or "." for t in os.fwalk(base)))

# cwd
old = os.getcwd()
os.chdir(base)
print(os.getcwd() == base, os.getcwdb() == base.encode(), sorted(os.listdir()), os.path.abspath("x") == base + "/x")
os.chdir(old)

# umask
m = os.umask(0o22)
print(os.umask(m) == 0o22)

# removal
os.removedirs(os.path.join(base, "d1", "d2", "d3")) if False else None
for top, dirs, files in os.walk(base, topdown=False):
    for f in files:
        os.remove(os.path.join(top, f))
    for d in dirs:
        os.rmdir(os.path.join(top, d))
os.rmdir(base)
print(os.path.exists(base))
