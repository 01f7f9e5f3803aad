# Incremental codecs, stream readers/writers, codecs.open, iterencode/iterdecode, BOMs.
import codecs, os

def feed_decoder(enc, data, step=1, errors='strict'):
    d = codecs.getincrementaldecoder(enc)(errors)
    out = []
    for i in range(0, len(data), step):
        out.append(d.decode(data[i:i + step]))
    out.append(d.decode(b'', final=True))
    return out

text = 'h\xe9\u20ac\U0001F600!'
for enc in ['utf-8', 'utf-8-sig', 'utf-16', 'utf-16-le', 'utf-16-be', 'utf-32', 'utf-32-le', 'utf-32-be', 'utf-7',
            'latin-1', 'cp1252', 'unicode_escape', 'raw_unicode_escape']:
    try:
        data = text.encode(enc)
    except UnicodeEncodeError:
        data = 'h\xe9!'.encode(enc)
    for step in [1, 2, 3, 5]:
        parts = feed_decoder(enc, data, step)
        print(enc, step, ascii(parts), ''.join(parts) == data.decode(enc))
    e = codecs.getincrementalencoder(enc)()
    chunks = [e.encode(c) for c in data.decode(enc)] + [e.encode('', final=True)]
    print(enc, 'enc', chunks, b''.join(chunks) == data)
    e.reset()
    print(enc, 'reset', e.encode('h'))

# incomplete input at the end of a final decode
for enc, data in [('utf-8', b'ab\xe2\x82'), ('utf-16-le', b'a\x00b'), ('utf-16', b'\xff\xfea\x00=\xd8'), ('utf-32', b'\xff\xfe\x00\x00a\x00'),
                  ('utf-7', b'a+IKw'), ('unicode_escape', b'a\\u20')]:
    d = codecs.getincrementaldecoder(enc)()
    print(enc, ascii(d.decode(data)), end=' ')
    try:
        d.decode(b'', final=True)
    except UnicodeDecodeError as e:
        print('->', e)
    d2 = codecs.getincrementaldecoder(enc)('replace')
    print('   replace', ascii(d2.decode(data) + d2.decode(b'', True)))

# BOM handling
print('utf-16 encodes', 'ab'.encode('utf-16'), 'utf-32 encodes', 'ab'.encode('utf-32'))
print(b'\xfe\xff\x00a\x00b'.decode('utf-16'), b'\xff\xfea\x00b\x00'.decode('utf-16'), b'a\x00b\x00'.decode('utf-16'))
print(b'\x00\x00\xfe\xff\x00\x00\x00a'.decode('utf-32'), b'a\x00\x00\x00'.decode('utf-32'))
print(ascii(b'\xff\xfea\x00'.decode('utf-16-le')), ascii(b'\xef\xbb\xbfa'.decode('utf-8')), b'\xef\xbb\xbfa'.decode('utf-8-sig'))
d = codecs.getincrementaldecoder('utf-16')()
print(ascii(d.decode(b'\xfe')), ascii(d.decode(b'\xff\x00')), ascii(d.decode(b'a')), d.getstate())
e = codecs.getincrementalencoder('utf-16')()
print(e.encode('a'), e.encode('b'), e.getstate())
e = codecs.getincrementalencoder('utf-8-sig')()
print(e.encode('a'), e.encode('b'))

# iterencode / iterdecode
print(list(codecs.iterencode(['a', '\xe9', '\u20ac'], 'utf-16-le')))
print(list(codecs.iterdecode([b'\xe2', b'\x82', b'\xac', b'x'], 'utf-8')))
print(list(codecs.iterdecode([b'\xff', b'\xfe', b'a\x00'], 'utf-16')))

# StreamWriter / StreamReader over a small byte stream
class Stream:
    def __init__(self, data=b''):
        self.data = bytearray(data)
        self.pos = 0
    def write(self, b):
        self.data += b
        return len(b)
    def read(self, n=-1):
        if n is None or n < 0:
            n = len(self.data) - self.pos
        r = bytes(self.data[self.pos:self.pos + n])
        self.pos += len(r)
        return r
buf = Stream()
w = codecs.getwriter('utf-16')(buf)
w.write('h\xe9')
w.write('\u20ac\n2nd line\n')
w.writelines(['x', 'y'])
print(bytes(buf.data))
r = codecs.getreader('utf-16')(Stream(buf.data))
print(ascii(r.readline()), ascii(r.read()))
r = codecs.getreader('utf-8')(Stream('a\u20acb\nc\r\nd'.encode()))
print(ascii(r.read(1)), ascii(r.read(1)), ascii(r.readlines()))
r = codecs.getreader('ascii')(Stream(b'a\xffb'), 'backslashreplace')
print(ascii(r.read()))
srw = codecs.StreamRecoder(Stream('h\xe9'.encode('latin-1')), codecs.getencoder('utf-8'), codecs.getdecoder('utf-8'),
                           codecs.getreader('latin-1'), codecs.getwriter('latin-1'))
print(srw.read())
path = '/tmp/minipy_codecs_test_%d.txt' % os.getpid()
with codecs.open(path, 'w', encoding='cp1252') as f:
    f.write('caf\xe9 \u20ac\nline 2\n')
with open(path, 'rb') as f:
    print(f.read())
with codecs.open(path, 'r', encoding='cp1252') as f:
    print(ascii(f.readline()), ascii(f.readlines()))
with codecs.open(path, 'r', encoding='ascii', errors='replace') as f:
    print(ascii(f.read()))
os.remove(path)
