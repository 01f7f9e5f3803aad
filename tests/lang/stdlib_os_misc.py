# Less common posix functions: positioned I/O, sendfile, ptys, device numbers, ids.
import os
p = "/tmp/minipy_os_misc_%d" % os.getpid()
fd = os.open(p, os.O_RDWR | os.O_CREAT, 0o600)
print(os.pwrite(fd, b"abcdef", 2), os.pread(fd, 4, 3), os.lseek(fd, 0, os.SEEK_CUR))
r, w = os.pipe()
print(os.sendfile(w, fd, 0, 8), os.read(r, 100))
os.posix_fallocate(fd, 0, 100); print(os.fstat(fd).st_size)
os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_NORMAL)
os.lockf(fd, os.F_LOCK, 0); os.lockf(fd, os.F_ULOCK, 0)
os.close(fd); os.close(r); os.close(w); os.unlink(p)
m, s = os.openpty(); print(os.isatty(m), os.isatty(s), os.ttyname(s).startswith("/dev/pts/"), os.get_inheritable(m)); os.close(m); os.close(s)
print(len(os.getrandom(5)), os.major(os.makedev(8, 1)), os.minor(os.makedev(8, 1)))
print(os.getresuid() == (os.getuid(),) * 3, os.getpriority(os.PRIO_PROCESS, 0), os.ctermid())
os.sched_yield()
print(os.sendfile.__name__)

# vectored I/O, memfd, scheduler limits, constants
import signal
r, w = os.pipe()
print(os.writev(w, [b"ab", bytearray(b"cd"), memoryview(b"ef")]))
a, b = bytearray(3), bytearray(10)
print(os.readv(r, [a, b]), a, b)
try: os.readv(r, [b"x"])
except BufferError as e: print(e)
fd = os.memfd_create("x"); print(os.write(fd, b"mem"), os.get_inheritable(fd)); os.close(fd)
print(os.sched_get_priority_max(os.SCHED_FIFO), os.sched_get_priority_min(os.SCHED_OTHER))
print(signal.SIGCLD, os.ST_RDONLY, hasattr(__import__('posix'), 'SEEK_SET'), os.SEEK_END)
