# Error handlers on encode and decode, custom handlers, the exceptions' attributes and messages.
import codecs, _codecs

HANDLERS = ['strict', 'ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace', 'namereplace',
            'surrogateescape', 'surrogatepass']

def attempt(f):
    try:
        r = f()
    except (UnicodeError, TypeError, ValueError, LookupError, IndexError) as e:
        extra = ''
        if isinstance(e, UnicodeError):
            extra = ' [%s %r %s %s %r]' % (e.encoding if not isinstance(e, UnicodeTranslateError) else None,
                                           e.object, e.start, e.end, e.reason)
        return '%s: %s%s' % (type(e).__name__, e, extra)
    return ascii(r)

TEXT = ['a\xe9b\u20ac\u20acc\U0001F600', 'x\udcffy\udc80\udc81', 'p\ud800q', 'only ascii']
for enc in ['ascii', 'latin-1', 'utf-8', 'utf-16-le', 'utf-16', 'utf-32-be', 'utf-32', 'cp1252', 'cp437', 'koi8_r']:
    for h in HANDLERS:
        for t in TEXT:
            print(enc, h, ascii(t), attempt(lambda: t.encode(enc, h)))

DATA = [b'a\xffb\xfe\xfdc', b'h\xc3\xa9\xe2\x82', b'\xed\xa0\x80x', b'\xf0\x90\x28\xc0\xaf', b'\x80\x81\x82\x83\x84\x85',
        b'\x00\xd8\x41\x00', b'\x00\xdc', b'\x00\x00\x11\x00x', b'+AGE-+\xff', b'\x81\x8d\x90', b'a\\xq\\u12\\N{NOPE}\\']
for enc in ['ascii', 'utf-8', 'utf-16-le', 'utf-16-be', 'utf-32-le', 'utf-7', 'cp1252', 'unicode_escape', 'raw_unicode_escape']:
    for h in HANDLERS:
        for d in DATA:
            print(enc, h, d, attempt(lambda: d.decode(enc, h)))

# custom handlers: exception in, (replacement, newpos) out
seen = []
def myhandler(exc):
    seen.append((type(exc).__name__, exc.start, exc.end, exc.reason))
    if isinstance(exc, UnicodeEncodeError):
        return ('<%s>' % ','.join('%x' % ord(c) for c in exc.object[exc.start:exc.end]), exc.end)
    return ('[%s]' % exc.object[exc.start:exc.end].hex(), exc.end)
codecs.register_error('mine', myhandler)
print(codecs.lookup_error('mine') is myhandler)
print('a\xe9\xe8b\u20ac'.encode('ascii', 'mine'), 'a\u20acb'.encode('latin-1', 'mine'), 'a\u0100'.encode('cp1252', 'mine'))
print(b'a\xff\xfeb'.decode('ascii', 'mine'), b'a\xc3b'.decode('utf-8', 'mine'), b'a\x81'.decode('cp1252', 'mine'))
print(seen)

codecs.register_error('tobytes', lambda e: (b'<B>', e.end))
print('x\xe9y'.encode('ascii', 'tobytes'), attempt(lambda: 'x\ud800y'.encode('utf-16-le', 'tobytes')))
codecs.register_error('tobytes2', lambda e: (b'<B>!', e.end))
print('x\ud800y'.encode('utf-16-le', 'tobytes2'), attempt(lambda: 'x\ud800y'.encode('utf-32-le', 'tobytes2')), 'x\ud800\udc00y'.encode('utf-8', 'tobytes2'))
codecs.register_error('back', lambda e: ('?', 0 if e.start > 0 and e.object[0] == 'z' else e.end))
codecs.register_error('neg', lambda e: ('N', -2 if e.start == 0 else e.end))
print('\xe9ab\xe9'.encode('ascii', 'neg'), b'\xffab\xff'.decode('ascii', 'neg'))
codecs.register_error('far', lambda e: ('F', 100))
print(attempt(lambda: 'a\xe9'.encode('ascii', 'far')), attempt(lambda: b'a\xff'.decode('ascii', 'far')))
codecs.register_error('bad1', lambda e: 'oops')
codecs.register_error('bad2', lambda e: (1, 2))
codecs.register_error('bad3', lambda e: (b'x', 1))
codecs.register_error('nonascii', lambda e: ('\u20ac', e.end))
for h in ['bad1', 'bad2']:
    print(h, attempt(lambda: 'a\xe9'.encode('ascii', h)), attempt(lambda: b'a\xff'.decode('ascii', h)))
print(attempt(lambda: b'a\xff'.decode('utf-8', 'bad3')))
print(attempt(lambda: 'a\xe9'.encode('ascii', 'nonascii')), attempt(lambda: 'a\ud800'.encode('utf-8', 'nonascii')))
print(attempt(lambda: 'a\u0100'.encode('latin-1', 'nonascii')))
def raiser(exc):
    raise ValueError('handler says no: %s' % exc.reason)
codecs.register_error('raiser', raiser)
print(attempt(lambda: 'a\xe9'.encode('ascii', 'raiser')))
print(attempt(lambda: 'a\xe9'.encode('ascii', 'nosuch')), attempt(lambda: b'a\xff'.decode('utf-8', 'nosuch')))
print('abc'.encode('ascii', 'nosuch'), b'abc'.decode('ascii', 'nosuch'))
print(attempt(lambda: codecs.lookup_error('nosuch')), attempt(lambda: codecs.register_error('x', 1)))

# the standard handlers called directly
for name in HANDLERS:
    h = codecs.lookup_error(name)
    print(name, h.__name__)
    for exc in [UnicodeEncodeError('ascii', 'a\xe9\udc80\U0001F600b', 1, 4, 'r'),
                UnicodeDecodeError('utf-8', b'a\xe9\xed\xb2\x80b', 1, 3, 'r'),
                UnicodeDecodeError('utf-16-le', b'\x00\xdcab', 0, 2, 'r'),
                UnicodeTranslateError('a\xe9\u20acb', 1, 3, 'r'),
                ValueError('v')]:
        print('   ', type(exc).__name__, attempt(lambda: h(exc)))
print(attempt(lambda: codecs.strict_errors('notexc')))
print(codecs.ignore_errors(UnicodeEncodeError('ascii', 'abc', 5, 9, 'r')), codecs.replace_errors(UnicodeEncodeError('ascii', 'abc', -3, 0, 'r')))

# the exceptions themselves
e = UnicodeEncodeError('ascii', 'h\xe9llo', 1, 2, 'ordinal not in range(128)')
print(e, repr(e), e.args, e.encoding, e.object, e.start, e.end, e.reason)
e.start = 0; e.end = 3; e.reason = 'changed'
print(e)
print(UnicodeEncodeError('ascii', 'h\u1234', 1, 2, 'r'), UnicodeEncodeError('ascii', 'h\U00012345', 1, 2, 'r'))
print(UnicodeDecodeError('utf-8', b'ab\xff', 2, 3, 'bad'), UnicodeDecodeError('utf-8', bytearray(b'ab\xff'), 0, 3, 'bad').object)
print(UnicodeTranslateError('a\xe9', 1, 2, 'nope'), UnicodeTranslateError('a\xe9c', 0, 3, 'nope'), UnicodeTranslateError('a', 0, 1, 'x').encoding)
for args in [(), ('a',), (1, 'x', 0, 1, 'r'), ('a', 1, 0, 1, 'r'), ('a', 'x', 'y', 1, 'r'), ('a', 'x', 0, 1, 2)]:
    print(attempt(lambda: UnicodeEncodeError(*args)), attempt(lambda: UnicodeDecodeError(*args)))
print(attempt(lambda: UnicodeTranslateError(1, 0, 1, 'r')), attempt(lambda: UnicodeTranslateError('a', 0, 1)))
print(issubclass(UnicodeEncodeError, ValueError), UnicodeError('plain'), UnicodeError('a', 'b').args)
class MyEncErr(UnicodeEncodeError):
    pass
m = MyEncErr('enc', 'obj', 0, 1, 'why')
print(m, m.encoding, type(m).__name__)
