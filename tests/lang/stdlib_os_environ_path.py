# os.environ (over posix.environ's bytes), os.path (CPython's posixpath) and
# the module's constants and small functions.
import os
import posix
import sys

print(type(posix.environ).__name__, all(type(k) is bytes and type(v) is bytes for k, v in posix.environ.items()))
print(os.environ["HOME"] == posix.environ[b"HOME"].decode(), os.environb[b"HOME"] == posix.environ[b"HOME"])
os.environ["MINIPY_TEST_VAR"] = "value 1"
print(os.environ["MINIPY_TEST_VAR"], os.getenv("MINIPY_TEST_VAR"), os.environb[b"MINIPY_TEST_VAR"])
print("MINIPY_TEST_VAR" in os.environ, os.environ.get("MINIPY_NOT_SET"), os.getenv("MINIPY_NOT_SET", "dflt"))
os.environ.setdefault("MINIPY_TEST_VAR", "other")
print(os.environ.pop("MINIPY_TEST_VAR"), "MINIPY_TEST_VAR" in os.environ)
try:
    os.environ["MINIPY_NOT_SET"]
except KeyError as e:
    print("KeyError", e)
try:
    os.environ["X"] = 1
except TypeError as e:
    print("TypeError", e)
os.putenv("MINIPY_PUT", "p")
os.unsetenv("MINIPY_PUT")
print(repr(os.environ)[:8], type(os.environ.copy()).__name__)
print(os.fsencode("abc"), os.fsdecode(b"abc"), os.fsencode(b"x"), os.fsdecode("y"))

# os.path is CPython's posixpath
p = os.path
print(p.__name__, p.sep, p.pathsep, p.curdir, p.pardir, p.extsep, p.altsep, p.devnull)
print(p.join("a", "b", "c"), p.join("/a", "/b"), p.join("a", ""), p.join(b"a", b"b"))
print(p.split("/a/b/c"), p.split("c"), p.split("/"), p.splitext("a/b.tar.gz"), p.splitext(".bashrc"))
print(p.basename("/a/b/"), p.dirname("/a/b/"), p.dirname("a"), p.basename(b"/x/y"))
print(p.normpath("/a//b/./c/../d"), p.normpath(""), p.normpath("../../a"), p.normpath("//a"))
print(p.isabs("/a"), p.isabs("a"), p.abspath("/a/../b"), p.relpath("/a/b/c", "/a"), p.relpath("/a", "/a/b/c"))
print(p.commonpath(["/usr/lib", "/usr/local/lib"]), p.commonprefix(["interview", "internet"]))
print(p.expanduser("~") == os.environ["HOME"], p.expanduser("~/x") == os.environ["HOME"] + "/x")
print(p.splitdrive("/a/b"), p.normcase("/A/b"), p.realpath("/") == "/")
print(p.exists("/"), p.isdir("/"), p.isfile("/"), p.islink("/"), p.ismount("/"), p.lexists("/nope"))
print(p.getsize("/nope") if False else None, p.samestat(os.stat("/"), os.stat("/")))

# constants and small functions
print(os.name, os.sep, os.linesep == "\n", os.devnull, os.curdir, os.extsep)
print(os.F_OK, os.R_OK, os.W_OK, os.X_OK, os.SEEK_SET, os.SEEK_CUR, os.SEEK_END)
print(os.O_RDONLY, os.O_WRONLY, os.O_RDWR, os.O_CREAT, os.O_EXCL, os.O_TRUNC, os.O_APPEND, os.O_NONBLOCK,
      os.O_CLOEXEC, os.O_DIRECTORY, os.O_NOFOLLOW)
print(os.EX_OK, os.EX_USAGE, os.EX_SOFTWARE, os.WNOHANG, os.P_PID)
print(os.getpid() > 1, os.getppid() > 0, os.getuid() == os.geteuid(), os.getgid() == os.getegid())
print(type(os.getgroups()).__name__, os.cpu_count() >= 1, len(os.urandom(16)), os.urandom(0))
u = os.uname()
print(type(u).__name__, type(u).__module__, u.sysname, len(u), u[0] == u.sysname)
t = os.times()
print(type(t).__name__, len(t), t.user >= 0, t.elapsed > 0)
print(os.sysconf("SC_PAGESIZE") > 0, os.sysconf_names["SC_PAGESIZE"] == os.sysconf_names["SC_PAGE_SIZE"],
      os.pathconf("/", "PC_NAME_MAX") > 0, type(os.confstr("CS_PATH")).__name__)
print(os.isatty(-1), os.device_encoding(-1), os.strerror(2))
ts = os.terminal_size((80, 24))
print(ts, ts.columns, ts.lines)
print(os.stat in os.supports_dir_fd, os.stat in os.supports_fd, os.stat in os.supports_follow_symlinks,
      os.scandir in os.supports_fd, os.open in os.supports_dir_fd, os.utime in os.supports_fd)
print(sorted(x for x in posix._have_functions if x in ("HAVE_FSTATAT", "HAVE_OPENAT", "HAVE_FDOPENDIR")))
print(os.get_exec_path()[:0], isinstance(os.PathLike, type), issubclass(posix.DirEntry, os.PathLike))
print("posix" in sys.builtin_module_names, os.path is sys.modules["os.path"], "posixpath" in sys.modules)
