# array: the buffer protocol, files
import array, os

def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

a = array.array('i', [1, 2, 3])
m = memoryview(a)
print(m.format, m.itemsize, m.nbytes, m.readonly, m.tolist(), len(m))
m[0] = 10; print(a)
a[1] = 20; print(m.tolist(), m[1])
t(lambda: a.append(4))
t(lambda: a.extend([4]))
t(lambda: a.pop())
t(lambda: a.frombytes(b'\x00' * 4))
a[0] = 5; print(a)
m.release(); a.append(4); print(a)
print(bytes(array.array('h', [1, -1])), bytearray(array.array('B', [65, 66])))
print(bytes(array.array('d', [1.0])).hex(), b''.join([array.array('B', b'xy')]))
for tc in 'bBhHiIlLqQfd':
    mv = memoryview(array.array(tc, [1, 2]))
    print(tc, mv.format, mv.itemsize, mv.tolist(), mv.cast('B').tolist()[:2])
mu = memoryview(array.array('u', 'ab')); print(mu.format, mu.itemsize, mu.nbytes)
b = array.array('B', b'hello')
print(b.tobytes().upper(), bytes(b) == b'hello', b'ell' in bytes(b))
with memoryview(b) as v:
    print(v.tobytes()[1:3], v[1])
b.append(33); print(b)
# files
path = "/tmp/array_buffer_%d.bin" % os.getpid()
with open(path, 'wb') as f:
    array.array('h', range(5)).tofile(f)
    array.array('h').tofile(f)
with open(path, 'rb') as f:
    r = array.array('h'); r.fromfile(f, 3); print(r)
    r.fromfile(f, 2); print(r)
    t(lambda: r.fromfile(f, 1))
    print(r)
with open(path, 'rb') as f:
    r = array.array('h')
    t(lambda: r.fromfile(f, 10))
    print(r)
    t(lambda: r.fromfile(f, -1))
os.remove(path)
t(lambda: array.array('i').tofile(5))
