# _struct: formats, byte orders, sizes, alignment, every format character, errors
import _struct as struct

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# sizes and alignment
for fmt in ['', 'x', 'c', 'b', 'B', '?', 'h', 'H', 'i', 'I', 'l', 'L', 'q', 'Q', 'n', 'N', 'P', 'e', 'f', 'd',
            '@bhiqd', '=bhiqd', '<bhiqd', '>bhiqd', '!bhiqd', 'bi', 'ib', 'b0l', '@c0i', '3s', '5p', '2h3x',
            ' 3s 2 h'.replace(' 2 ', '2'), '0s', '10x', 'hhl', '<hhl', '?q', 'ce', 'cf', 'cd', 'cP']:
    print(repr(fmt), struct.calcsize(fmt))

# every integer code, both byte orders, round trips
vals = {'b': -5, 'B': 250, 'h': -1234, 'H': 54321, 'i': -123456789, 'I': 3000000000, 'l': -2**40,
        'L': 2**40, 'q': -2**62, 'Q': 2**64 - 1, 'n': -7, 'N': 2**63, 'P': 4096}
for code, v in vals.items():
    for order in '@=<>!':
        if order != '@' and code in 'nNP':
            continue
        if order != '@' and code in 'lL':
            v2 = v % 2**31
        else:
            v2 = v
        b = struct.pack(order + code, v2)
        print(order + code, b, struct.unpack(order + code, b))
print(struct.pack('<i', True), struct.pack('>h', False), struct.pack('?', 0), struct.pack('?????', 1, 0, 'a', '', []))
print(struct.unpack('??', b'\x00\x05'), struct.unpack('<bB', b'\xff\xff'), struct.unpack('>hH', b'\xff\xfe\xff\xfe'))
class Idx:
    def __index__(self): return 7
print(struct.pack('<i', Idx()), struct.pack('<d', Idx()), struct.pack('<f', 2))

# floats
for code in 'efd':
    for order in '<>':
        for x in [0.0, -0.0, 1.5, -2.25, 1e-5, 65504.0, float('inf'), float('-inf')]:
            b = struct.pack(order + code, x)
            print(order + code, x, b, struct.unpack(order + code, b))
print(struct.pack('<e', float('nan')), struct.unpack('<e', b'\x00\x7e'), struct.unpack('<e', b'\x00\x04'))
print(struct.pack('<e', 65519.0), struct.pack('<e', 0.1), struct.pack('<e', 1e-8), struct.pack('<e', 6.1e-5))
print(struct.unpack('<f', struct.pack('<f', 0.1)), struct.pack('f', 3.5e38), struct.pack('>f', 3.4e38))

# bytes codes
print(struct.pack('c', b'x'), struct.pack('3s', b'abcdef'), struct.pack('5s', b'hi'), struct.pack('0s', b'x'))
print(struct.pack('5p', b'hello world'), struct.pack('3p', b''), struct.pack('0p', b'x'), struct.pack('1p', b'abc'))
print(struct.unpack('5p', b'\x09abcd'), struct.unpack('5p', b'\x02abcd'), struct.unpack('3s2c', b'abcde'))
print(struct.pack('300p', b'x' * 400)[:3], len(struct.pack('300p', b'x' * 400)))
print(struct.pack('3x2?', 0, 5), struct.unpack('2xh', b'\x00\x00\x01\x00'), struct.pack('<h2xh', 1, 2))
print(struct.pack('@bi', 1, 2), struct.pack('=bi', 1, 2), struct.pack('@b0l', 1), struct.pack(b'<H', 1))

# Struct objects
s = struct.Struct('<ihd')
print(s.format, s.size, s.pack(1, 2, 3.0), s.unpack(s.pack(-1, -2, -3.5)), type(s).__name__)
print(s.unpack_from(b'\x00' * 4 + s.pack(7, 8, 9.0), 4), s.unpack_from(buffer=s.pack(1, 1, 1.0)))
print(struct.Struct(b'>q').format, struct.Struct(format='b').size, struct.unpack_from('<h', b'abcdef', offset=-2))
print(list(struct.iter_unpack('<h', b'\x01\x00\x02\x00\x03\x00')), list(s.iter_unpack(b'')))
it = struct.iter_unpack('<h', b'\x01\x00\x02\x00')
print(it.__length_hint__(), next(it), it.__length_hint__(), list(it), type(it).__name__)
print(struct.error, struct.error.__mro__)
t(lambda: struct.unpack(s, s.pack(5, 6, 7.0)))
class MyStruct(struct.Struct):
    def __init__(self, n):
        super().__init__('<%di' % n)
print(MyStruct(3).size, MyStruct(2).pack(1, 2))
try:
    struct.pack('b', 999)
except struct.error as e:
    print('caught', type(e).__name__, e.args)

# errors
t(lambda: struct.pack('ii', 1))
t(lambda: struct.pack('i', 1, 2))
t(lambda: struct.pack('z'))
t(lambda: struct.pack('3'))
t(lambda: struct.pack('<P', 1))
t(lambda: struct.pack('=n', 1))
t(lambda: struct.pack('i', 1.5))
t(lambda: struct.pack('i', '1'))
t(lambda: struct.pack('d', 'x'))
t(lambda: struct.pack('<f', 1e40))
t(lambda: struct.pack('<e', 1e6))
t(lambda: struct.pack('<e', 65520.0))
t(lambda: struct.pack('c', b'ab'))
t(lambda: struct.pack('c', 'a'))
t(lambda: struct.pack('s', 'a'))
t(lambda: struct.pack('p', 1))
t(lambda: struct.unpack('i', b'ab'))
t(lambda: struct.unpack('i', 'abcd'))
t(lambda: struct.unpack_from('i', b'ab', 1))
t(lambda: struct.unpack_from('i', b'abcdefgh', -10))
t(lambda: struct.unpack_from('i', b'abcdefgh', 6))
t(lambda: struct.unpack_from('i', b'abcdefgh', 'a'))
t(lambda: struct.iter_unpack('i', b'abcde'))
t(lambda: struct.iter_unpack('', b''))
t(lambda: struct.Struct(1))
t(lambda: struct.Struct())
t(lambda: struct.calcsize(1))
t(lambda: struct.calcsize())
t(lambda: struct.calcsize('i 2 h'))
t(lambda: struct.calcsize('999999999999999999999i'))
t(lambda: struct.calcsize('99999999999999999999'))
t(lambda: struct.calcsize('4611686018427387904q'))
t(lambda: struct.pack('\0'))
t(lambda: struct.pack())
t(lambda: struct.pack(x=1))
t(lambda: struct.unpack('i'))
t(lambda: struct.Struct('i').pack(x=1))
t(lambda: struct.Struct('i').unpack())
t(lambda: struct.pack_into('i', b'abcd', 0, 1))
t(lambda: struct.pack_into('i'))
for fmt in ['b', 'B', 'h', 'H', 'i', 'I', 'l', '<l', 'L', '<L', 'q', '>q', 'Q', '>Q', 'n', 'N', 'P']:
    for v in [2**31, -1, 2**64, -2**63 - 1]:
        t(lambda: struct.pack(fmt, v))
t(lambda: struct.unpack('i', b'aaaa', x=1))
t(lambda: struct.iter_unpack('i', b'', x=1))
t(lambda: struct.pack_into('i', x=1))
t(lambda: struct._clearcache(1))
t(lambda: struct.Struct('i').unpack(x=1))
t(lambda: struct.Struct('i').pack_into())
t(lambda: struct.Struct('i').pack_into(1))
t(lambda: struct.pack_into('i', 1))
