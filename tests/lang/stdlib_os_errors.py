# os errors: OSError subclasses chosen by errno, CPython's messages and
# argument checking.
import errno
import os

base = "/tmp/minipy_os_errors_%d" % os.getpid()
os.mkdir(base)
f = os.path.join(base, "file")
open(f, "w").close()


def attempt(label, fn, *args, **kw):
    try:
        fn(*args, **kw)
    except Exception as e:
        msg = str(e).replace(base, "BASE")
        extra = ""
        if isinstance(e, OSError):
            extra = " errno=%s %s" % (errno.errorcode.get(e.errno), type(e.filename).__name__)
        print(label, type(e).__name__, msg + extra)
    else:
        print(label, "no error")


attempt("stat", os.stat, "nonexistent")
attempt("stat bytes", os.stat, b"/nonexistent/x")
attempt("stat fd", os.stat, 999)
attempt("lstat", os.lstat, base + "/missing")
attempt("open", os.open, base + "/missing/x", os.O_RDONLY)
attempt("mkdir", os.mkdir, base)
attempt("rmdir file", os.rmdir, f)
attempt("rmdir missing", os.rmdir, base + "/nope")
attempt("rmdir nonempty", os.rmdir, base)
attempt("unlink dir", os.unlink, base)
attempt("remove", os.remove, base + "/nope")
attempt("rename", os.rename, base + "/nope", base + "/other")
attempt("replace", os.replace, base + "/nope", base + "/other")
attempt("link", os.link, base + "/nope", base + "/other")
attempt("symlink", os.symlink, f, f)
attempt("readlink", os.readlink, f)
attempt("listdir", os.listdir, f)
attempt("scandir", os.scandir, base + "/nope")
attempt("chdir", os.chdir, f)
attempt("chmod", os.chmod, base + "/nope", 0o600)
attempt("utime", os.utime, base + "/nope")
attempt("truncate", os.truncate, base + "/nope", 0)
attempt("close", os.close, 999)
attempt("read", os.read, 999, 1)
attempt("write", os.write, 999, b"x")
attempt("fstat", os.fstat, 999)
attempt("lseek", os.lseek, 999, 0, 0)
attempt("dup", os.dup, 999)
attempt("kill", os.kill, 2**22 + 12345, 0)
attempt("waitpid", os.waitpid, -1, os.WNOHANG)
attempt("open dir for writing", os.open, base, os.O_WRONLY)
attempt("makedirs", os.makedirs, f + "/sub")
attempt("makedirs exists", os.makedirs, base)
attempt("removedirs", os.removedirs, base + "/nope")

# argument errors
attempt("stat list", os.stat, [])
attempt("stat float", os.stat, 3.5)
attempt("stat none", os.stat, None)
attempt("open list", os.open, [], 0)
attempt("listdir list", os.listdir, [])
attempt("stat nul", os.stat, "a\0b")
attempt("stat bytes nul", os.stat, b"a\0b")
attempt("stat 2 args", os.stat, "a", "b")
attempt("stat no args", os.stat)
attempt("stat bad kw", os.stat, "x", foo=1)
attempt("open 4 args", os.open, "a", 0, 0, 1)
attempt("close str", os.close, "a")
attempt("read 1 arg", os.read, 0)
attempt("read negative", os.read, 0, -1)
attempt("rename mixed", os.rename, "a", b"b")
attempt("utime both", os.utime, f, (1, 2), ns=(1, 2))
attempt("utime times", os.utime, f, (1,))
attempt("fspath int", os.fspath, 1)
attempt("strerror", lambda: print(os.strerror(errno.ENOENT), os.strerror(errno.EACCES)))
attempt("putenv =", os.putenv, "A=B", "c")
attempt("dir_fd with fd", os.stat, 0, dir_fd=1)
attempt("error is OSError", lambda: print(os.error is OSError))


class P:
    def __init__(self, p):
        self.p = p

    def __fspath__(self):
        return self.p


attempt("pathlike", os.stat, P(base + "/nope"))
attempt("pathlike bad", os.stat, P(3))
print(os.stat(P(f)).st_size, os.fspath(P("x")), os.fspath(b"y"))

e = OSError(errno.ENOENT, "msg", "a", None, "b")
print(type(e).__name__, e, e.errno, e.strerror, e.filename, e.filename2)
for code in ["EEXIST", "ENOENT", "EISDIR", "ENOTDIR", "EACCES", "EPERM", "EAGAIN", "ECHILD", "ESRCH",
             "EINTR", "EPIPE", "ECONNREFUSED", "ETIMEDOUT", "EBADF"]:
    print(code, type(OSError(getattr(errno, code), "x")).__name__)

os.remove(f)
os.rmdir(base)
