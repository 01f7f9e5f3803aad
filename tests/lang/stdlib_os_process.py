# Processes: fork + waitpid + _exit, pipes, exec, wait statuses, and
# _posixsubprocess.fork_exec as subprocess calls it.
import os
import sys

r, w = os.pipe()
print(os.get_inheritable(r), os.get_inheritable(w))
pid = os.fork()
if pid == 0:
    os.close(r)
    os.write(w, b"from child %d" % (os.getppid() > 0))
    os._exit(7)
os.close(w)
data = b""
while True:
    chunk = os.read(r, 100)
    if not chunk:
        break
    data += chunk
os.close(r)
wpid, status = os.waitpid(pid, 0)
print(data, wpid == pid, os.WIFEXITED(status), os.WEXITSTATUS(status), os.waitstatus_to_exitcode(status))
print(os.WIFSIGNALED(status), os.WIFSTOPPED(status))

# a child killed by a signal
pid = os.fork()
if pid == 0:
    os.kill(os.getpid(), 9)
    os._exit(0)
_, status = os.waitpid(pid, 0)
print(os.WIFSIGNALED(status), os.WTERMSIG(status), os.waitstatus_to_exitcode(status))

# os.wait and WNOHANG
pid = os.fork()
if pid == 0:
    os._exit(3)
wpid, status = os.wait()
print(wpid == pid, os.waitstatus_to_exitcode(status))
try:
    os.waitpid(-1, os.WNOHANG)
except ChildProcessError as e:
    print("ChildProcessError", e)

# output buffered before fork is not written twice
sys.stdout.write("before fork ")
pid = os.fork()
if pid == 0:
    os._exit(0)
os.waitpid(pid, 0)
print("once")

# register_at_fork
calls = []
os.register_at_fork(before=lambda: calls.append("before"), after_in_parent=lambda: calls.append("parent"))
pid = os.fork()
if pid == 0:
    os._exit(0)
os.waitpid(pid, 0)
print(calls)

# execv in a child, its output through a pipe; dup2 and inheritable fds
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.dup2(w, 1)
    os.close(r)
    os.execv("/bin/echo", ["echo", "hello", "from", "echo"])
    os._exit(99)
os.close(w)
out = os.read(r, 1000)
os.close(r)
print(out, os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
pid = os.fork()
if pid == 0:
    os.execve("/bin/sh", ["sh", "-c", "exit $CODE"], {"CODE": "5"})
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
print(os.system("exit 3") >> 8)

# dup, set_inheritable, set_blocking, pipe2
fd = os.dup(1)
print(fd > 2, os.get_inheritable(fd))
os.set_inheritable(fd, True)
print(os.get_inheritable(fd))
os.close(fd)
r, w = os.pipe2(os.O_NONBLOCK)
print(os.get_blocking(r))
try:
    os.read(r, 1)
except BlockingIOError as e:
    print("BlockingIOError", e.errno == 11)
os.set_blocking(r, True)
print(os.get_blocking(r))
os.close(r)
os.close(w)

# _posixsubprocess.fork_exec with the arguments subprocess passes
import _posixsubprocess

c2pread, c2pwrite = os.pipe()
errpipe_read, errpipe_write = os.pipe()
args = [b"/bin/sh", b"-c", b"echo out:$MINIPY_X; pwd"]
pid = _posixsubprocess.fork_exec(
    args, [b"/bin/sh"], True, (errpipe_write,), "/", [b"MINIPY_X=42"],
    -1, -1, c2pread, c2pwrite, -1, -1, errpipe_read, errpipe_write,
    True, False, -1, None, None, None, -1, None, True)
os.close(c2pwrite)
os.close(errpipe_write)
print(os.read(errpipe_read, 100))
os.close(errpipe_read)
out = b""
while True:
    chunk = os.read(c2pread, 100)
    if not chunk:
        break
    out += chunk
os.close(c2pread)
print(out, os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))

# a failing exec is reported through errpipe
errpipe_read, errpipe_write = os.pipe()
pid = _posixsubprocess.fork_exec(
    [b"nope"], [b"/nonexistent/nope"], True, (errpipe_write,), None, None,
    -1, -1, -1, -1, -1, -1, errpipe_read, errpipe_write,
    True, False, -1, None, None, None, -1, None, True)
os.close(errpipe_write)
print(os.read(errpipe_read, 100))
os.close(errpipe_read)
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
errpipe_read, errpipe_write = os.pipe()
pid = _posixsubprocess.fork_exec(
    [b"true"], [b"/bin/true"], True, (errpipe_write,), "/nonexistent", None,
    -1, -1, -1, -1, -1, -1, errpipe_read, errpipe_write,
    True, False, -1, None, None, None, -1, None, True)
os.close(errpipe_write)
print(os.read(errpipe_read, 100))
os.close(errpipe_read)
os.waitpid(pid, 0)
try:
    _posixsubprocess.fork_exec([b"x"], [b"x"], True, (3, 2), None, None, -1, -1, -1, -1, -1, -1,
                               -1, -1, True, False, -1, None, None, None, -1, None, True)
except ValueError as e:
    print("ValueError", e)
