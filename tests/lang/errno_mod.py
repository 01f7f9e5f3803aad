# errno: the constants and errorcode, in CPython's order
import errno
print(errno.ENOENT, errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, errno.EDEADLOCK, errno.ENOTSUP)
print(errno.errorcode[errno.ENOENT], errno.errorcode[11], errno.errorcode[35], errno.errorcode[95])
print(len(errno.errorcode), list(errno.errorcode.items()))
print([n for n in vars(errno) if n.startswith('E')])
print(sorted(n for n in dir(errno) if not n.startswith('__')) == sorted([n for n in vars(errno) if n.startswith('E')] + ['errorcode']))
try:
    open('/nonexistent/file')
except OSError as e:
    print(e.errno == errno.ENOENT, errno.errorcode[e.errno])
