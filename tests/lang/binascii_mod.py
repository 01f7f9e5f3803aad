# binascii: hex, base64, uu, crc32, crc_hqx and their errors
import binascii as B

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

data = bytes(range(256))
print(B.hexlify(b'\x00\xffabc'), B.b2a_hex(b''), B.hexlify(b'abc', '-', 2), B.hexlify(b'abcde', ':', -2))
print(B.hexlify(b'abcdef', b' '), B.hexlify(b'abcdef', '.', 1), B.hexlify(b'abcdef', '.', 4), B.hexlify(b'a', '-', 3))
print(B.hexlify(data) == data.hex().encode(), B.unhexlify('48656c6c6f'), B.a2b_hex(b'DEADbeef'), B.unhexlify(''))
print(B.unhexlify(B.hexlify(data)) == data, B.b2a_hex(b'xyz', sep='_', bytes_per_sep=1))
for n in range(8):
    raw = bytes(range(100, 100 + n))
    enc = B.b2a_base64(raw)
    print(n, enc, B.a2b_base64(enc) == raw, B.b2a_base64(raw, newline=False))
print(B.a2b_base64(b'YWJj\nZGVm'), B.a2b_base64('YW Jj!!ZA=='), B.a2b_base64('YWI=ignored'), B.a2b_base64(''), B.a2b_base64('YQ==='))
print(B.a2b_base64(B.b2a_base64(data)) == data, B.a2b_base64('YWJj', strict_mode=True), B.a2b_base64('YQ==', strict_mode=True))
for s in ['abc', 'a', 'ab=c', '=ab', 'ab!c', 'abc==', 'abc=d', 'YQ', 'YQ=', 'ab==cd', 'a===']:
    t(lambda: B.a2b_base64(s))
    t(lambda: B.a2b_base64(s, strict_mode=True))
print(B.crc32(b''), B.crc32(b'hello world'), B.crc32(b'world', B.crc32(b'hello ')), B.crc32(b'a', -1), B.crc32(data))
print(B.crc_hqx(b'', 0), B.crc_hqx(b'123456789', 0xffff), B.crc_hqx(b'abc', 0x1ffff), B.crc_hqx(data, 7))
for n in [0, 1, 2, 3, 10, 45]:
    raw = bytes(range(n))
    enc = B.b2a_uu(raw)
    print(n, enc, B.a2b_uu(enc) == raw, B.b2a_uu(raw, backtick=True))
print(B.a2b_uu(b'#86)C'), B.a2b_uu(b'~'), B.a2b_uu(b''), B.a2b_uu(b'!80  \n'), B.a2b_uu('`'))
t(lambda: B.a2b_uu(b'#86)C\x00'))
t(lambda: B.a2b_uu(b'#8\x016)C'))
t(lambda: B.b2a_uu(b'x' * 46))
t(lambda: B.hexlify('ab'))
t(lambda: B.hexlify(b'abc', b'--'))
t(lambda: B.hexlify())
t(lambda: B.b2a_hex(b'ab', sep=1))
t(lambda: B.hexlify(b'ab', bytes_per_sep='a'))
t(lambda: B.unhexlify('abc'))
t(lambda: B.unhexlify('zz'))
t(lambda: B.unhexlify(1))
t(lambda: B.unhexlify('é'))
t(lambda: B.crc32('a'))
t(lambda: B.crc32())
t(lambda: B.crc_hqx(b'a'))
t(lambda: B.b2a_base64(b'abc', False))
t(lambda: B.b2a_base64('abc'))
t(lambda: B.a2b_base64(5))
print(B.Error.__mro__, B.Incomplete.__mro__, issubclass(B.Error, ValueError))
try:
    B.unhexlify('0')
except ValueError as e:
    print('ValueError caught:', type(e).__name__, e)
print(sorted(n for n in dir(B) if not n.startswith('__')))
