# array: methods, slicing, operators, comparisons
import array, copy

def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

a = array.array('i', [1, 2, 3])
a.append(4); a.extend([5, 6]); a.extend(array.array('i', [7])); a.extend(x for x in (8, 9))
print(a)
a.insert(0, 0); a.insert(-1, 99); a.insert(100, 100); a.insert(-100, -100); print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
t(lambda: array.array('i').pop())
t(lambda: a.pop(100))
t(lambda: a.pop('x'))
a.remove(8); print(a)
t(lambda: a.remove(42))
print(a.index(3), a.index(5, 2), a.index(5, -5), a.index(5, 0, 6))
t(lambda: a.index(5, 0, 3))
t(lambda: a.index(42))
t(lambda: a.index())
print(a.count(3), a.count(42), array.array('i', [1, 1, 2]).count(1))
a.reverse(); print(a)
b = array.array('h', [1, 256, -2]); b.byteswap(); print(b)
for tc in 'bBuhHiIlLqQfd':
    x = array.array(tc, 'ab' if tc == 'u' else [1, 2])
    x.byteswap(); x.byteswap(); print(tc, x, x.tobytes().hex())
print(array.array('d', [1.0]).tobytes(), array.array('f', [1.0]).tobytes())
c = array.array('h'); c.frombytes(b'\x01\x00\x02\x00'); c.frombytes(bytearray(b'\x03\x00')); c.frombytes(memoryview(b'\x04\x00')); print(c)
t(lambda: c.frombytes(b'\x01'))
t(lambda: c.frombytes('ab'))
t(lambda: c.frombytes(c)); cb = array.array("B", b"\x05\x00"); c.frombytes(cb); print(c)
d = array.array('d'); d.fromlist([1, 2.5]); print(d, d.tolist())
t(lambda: d.fromlist([3, 'x']))
print(d)
t(lambda: d.fromlist((1, 2)))
u = array.array('u', 'ab'); u.fromunicode('cd'); print(u, u.tounicode())
t(lambda: u.fromunicode(b'x'))
t(lambda: array.array('i').fromunicode('x'))
t(lambda: array.array('i').tounicode())
info = a.buffer_info(); print(type(info).__name__, len(info), info[1] == len(a), type(info[0]).__name__)
# slicing and slice assignment
s = array.array('i', range(10))
s[2:5] = array.array('i', [20, 30]); print(s)
s[:0] = array.array('i', [-1, -2]); print(s)
s[len(s):] = array.array('i', [7, 7, 7]); print(s)
s[::3] = array.array('i', [0] * len(s[::3])); print(s)
t(lambda: s.__setitem__(slice(None, None, 2), array.array('i', [1])))
t(lambda: s.__setitem__(slice(0, 2), [1, 2]))
t(lambda: s.__setitem__(slice(0, 2), array.array('h', [1, 2])))
s[:] = s; print(s)
s[1:3] = s; print(s)
del s[1]; del s[-1]; print(s)
del s[::2]; print(s)
del s[5:1]; del s[::-3]; print(s)
s[0] = 42; s[-1] = 43; print(s)
t(lambda: s.__setitem__(100, 1))
t(lambda: s.__delitem__(100))
t(lambda: s.__setitem__(0, 'x'))
t(lambda: s.__setitem__(0, 2**40))
# operators
x = array.array('i', [1, 2]); y = array.array('i', [3])
print(x + y, x * 3, 3 * x, x * 0, x * -1, y * 1)
t(lambda: x + [1])
t(lambda: x + array.array('h', [1]))
t(lambda: x * 'a')
t(lambda: x * 1.5)
x += y; print(x)
x *= 2; print(x)
z = x; z *= 0; print(x, z is x)
def iadd_list():
    q = array.array('i'); q += [1]
t(iadd_list)
t(lambda: array.array('i').extend(array.array('h')))
t(lambda: array.array('i').extend(5))
t(lambda: array.array('i').extend([1, 'x']))
q = array.array('i'); 
try:
    q.extend([1, 2, 'x', 3])
except TypeError as e:
    print(e, q)
# comparisons
p, r = array.array('i', [1, 2, 3]), array.array('i', [1, 2, 4])
print(p == r, p != r, p < r, p <= r, p > r, p >= r, p == p[:], p < p + p)
print(array.array('i', [1, 2]) == array.array('d', [1.0, 2.0]), array.array('b', [1]) < array.array('Q', [2]))
print(array.array('i') == array.array('u'), p == [1, 2, 3], p != (1, 2, 3))
t(lambda: p < [1])
print(array.array('d', [float('nan')]) == array.array('d', [float('nan')]))
print(array.array('u', 'abc') < array.array('u', 'abd'))
# copies and pickling support
print(copy.copy(p), copy.deepcopy(p), copy.copy(p) is p, p.__copy__(), p.__deepcopy__({}))
for proto in range(6):
    print(proto, p.__reduce_ex__(proto))
f, args, state = p.__reduce_ex__(4); print(f(*args))
class Sub(array.array):
    pass
sb = Sub('d', [1.5]); sb.attr = 'x'
print(sb, type(sb).__name__, sb.__reduce_ex__(3)[1:], type(sb[:]).__name__, type(sb + sb).__name__)
f, args, state = sb.__reduce_ex__(3); rb = f(*args); print(rb, type(rb).__name__)
recon = array._array_reconstructor
print(recon(array.array, 'i', 8, b'\x01\x00\x00\x00'), recon(array.array, 'i', 9, b'\x00\x00\x00\x01'))
print(recon(array.array, 'd', 17, b'?\xf0\x00\x00\x00\x00\x00\x00'), recon(array.array, 'h', 4, b'\xff\xff'))
print(recon(array.array, 'l', 8, b'\xff\xff\xff\xff'), recon(array.array, 'u', 18, b'h\x00i\x00=\xd8\x00\xde'))
print(recon(array.array, 'I', 7, b'\x00\x00\x00\x05'), recon(array.array, 'f', 15, b'\x3f\x80\x00\x00'))
t(lambda: recon(1, 'i', 8, b''))
t(lambda: recon(int, 'i', 8, b''))
t(lambda: recon(array.array, 'x', 8, b''))
t(lambda: recon(array.array, 'i', 99, b''))
t(lambda: recon(array.array, 'i', 8, 'ab'))
t(lambda: recon(array.array, 'i', 9, b'\x00'))
# argument counts
a = array.array('i', [1])
for f in (lambda: a.append(), lambda: a.append(1, 2), lambda: a.insert(1), lambda: a.pop(1, 2),
          lambda: a.tolist(1), lambda: a.count(), lambda: a.extend(), lambda: a.index(),
          lambda: a.remove(), lambda: a.reverse(1), lambda: a.byteswap(1), lambda: a.tobytes(1),
          lambda: a.frombytes(), lambda: a.fromlist(), lambda: a.buffer_info(1), lambda: a.__reduce_ex__(),
          lambda: a.__copy__(1), lambda: a.__deepcopy__(), lambda: a.fromfile(1), lambda: a.tofile(),
          lambda: a.index(1, 'x'), lambda: a.insert('x', 1), lambda: a.append(x=1)):
    t(f)
