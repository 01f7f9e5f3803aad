# Round trips of every codec in _codecs, through str.encode/bytes.decode and codecs.
import codecs, _codecs

SAMPLES = ['', 'abc', 'h\xe9llo w\xf6rld', '\u20ac uro', 'emoji \U0001F600!', 'tab\tnl\nback\\slash', "quote'\"",
           '\x00\x7f\x80\xff', 'mixed \u0100\uffff\U00010000\U0010ffff']

def show(x):
    return ascii(x)

for enc in ['utf-8', 'utf-16', 'utf-16-le', 'utf-16-be', 'utf-32', 'utf-32-le', 'utf-32-be', 'utf-7',
            'unicode_escape', 'raw_unicode_escape']:
    for s in SAMPLES:
        b = s.encode(enc)
        back = b.decode(enc)
        print(enc, show(s), b, back == s)

for enc in ['latin-1', 'ascii', 'cp1252', 'cp437', 'iso8859_15', 'mac_roman', 'cp850', 'koi8_r', 'iso8859_5']:
    for s in SAMPLES:
        try:
            b = s.encode(enc)
        except UnicodeEncodeError as e:
            print(enc, show(s), 'EncodeError', e)
            continue
        print(enc, show(s), b, b.decode(enc) == s)
    print(enc, ascii(bytes(range(256)).decode(enc, 'replace')))

# the _codecs functions directly: (result, consumed)
print(_codecs.utf_8_encode('h\xe9'), _codecs.utf_8_decode(b'h\xc3\xa9'))
print(_codecs.utf_8_decode(b'h\xc3', 'strict', False), _codecs.utf_8_decode(b'h\xc3\xa9\xe2\x82', None, False))
print(_codecs.latin_1_encode('h\xe9'), _codecs.latin_1_decode(b'h\xe9'))
print(_codecs.ascii_encode('hi'), _codecs.ascii_decode(b'hi'), _codecs.ascii_decode(bytearray(b'hi')))
print(_codecs.utf_16_encode('hi'), _codecs.utf_16_encode('hi', None, 1), _codecs.utf_16_encode('hi', None, -1))
print(_codecs.utf_16_le_encode('h\U0001F600'), _codecs.utf_16_be_encode('h\U0001F600'))
print(_codecs.utf_16_decode(b'\xff\xfeh\x00i\x00'), _codecs.utf_16_decode(b'\xfe\xff\x00h\x00i'))
print(_codecs.utf_16_decode(b'h\x00i'), _codecs.utf_16_decode(b'h\x00i', 'strict', False))
print(_codecs.utf_16_ex_decode(b'\xfe\xff\x00h'), _codecs.utf_16_ex_decode(b'\xff\xfeh\x00'), _codecs.utf_16_ex_decode(b'h\x00'))
print(_codecs.utf_16_ex_decode(b'\x00h', None, 1), _codecs.utf_16_ex_decode(b'h\x00', None, -1, True))
print(_codecs.utf_16_le_decode(b'=\xd8', 'strict', False), _codecs.utf_16_le_decode(b'=\xd8\x00\xde'))
print(_codecs.utf_32_encode('hi'), _codecs.utf_32_le_encode('hi'), _codecs.utf_32_be_encode('h\U0001F600'))
print(_codecs.utf_32_decode(b'\xff\xfe\x00\x00h\x00\x00\x00'), _codecs.utf_32_decode(b'\x00\x00\xfe\xff\x00\x00\x00h'))
print(_codecs.utf_32_ex_decode(b'\x00\x00\xfe\xff\x00\x00\x00h'), _codecs.utf_32_decode(b'h\x00\x00', None, False))
print(_codecs.utf_7_encode('a+b-c~\\ \u20ac\U0001F600.'), _codecs.utf_7_decode(b'a+-b+IKw-x+IKw'), _codecs.utf_7_decode(b'a+IKw', None, False))
print(_codecs.utf_7_encode('+'), _codecs.utf_7_encode('\u20ac-'), _codecs.utf_7_encode('\u20aca'), _codecs.utf_7_encode('~!'))
print(_codecs.unicode_escape_encode('a\xe9\u20ac\U0001F600\\\n\'"'), _codecs.unicode_escape_decode(b'a\\xe9\\u20ac\\U0001f600\\n\\t\\\\\\101\\N{EURO SIGN}'))
print(_codecs.unicode_escape_decode('\\x41\xe9'), _codecs.unicode_escape_decode(b'ab\\', None, False), _codecs.unicode_escape_decode(b'ab\\x4', None, False))
import warnings
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    print(_codecs.unicode_escape_decode(b'\\q\\\n\\a\\b\\f\\v\\0\\777'))
    print(_codecs.escape_decode(b'\\q\\\xff'))
    print([(str(x.message), x.category.__name__) for x in w])
print(_codecs.raw_unicode_escape_encode('a\xe9\u20ac\U0001F600\\'), _codecs.raw_unicode_escape_decode(b'a\\u20ac\\\\u20ac\\U0001F600\\x\xe9'))
print(_codecs.raw_unicode_escape_decode(b'ab\\', None, False), _codecs.raw_unicode_escape_decode(b'ab\\u12', None, False), _codecs.raw_unicode_escape_decode(b'ab\\'))
print(_codecs.escape_encode(b'a\'b"\\\n\t\r\x00\xff'), _codecs.escape_decode(b'a\\x41\\n\\\'\\101\\\n'), _codecs.escape_decode('\\x41'))
print(_codecs.readbuffer_encode(b'ab'), _codecs.readbuffer_encode('h\xe9'), _codecs.readbuffer_encode(memoryview(b'xy')))
print(_codecs.charmap_decode(b'\x00\x01\x02', 'strict', 'abc'), _codecs.charmap_decode(b'\x00\x01', None, {0: 'x', 1: 0x263a}), _codecs.charmap_decode(b'\xe9'))
print(_codecs.charmap_encode('abc', 'strict', {97: 1, 98: b'BB', 99: 3}), _codecs.charmap_encode('h\xe9'))
print(_codecs.charmap_build('abc'))
print(codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM == codecs.BOM_UTF16)
print('utf-8-sig', 'x\u20ac'.encode('utf-8-sig'), b'\xef\xbb\xbfx'.decode('utf-8-sig'), b'x'.decode('utf-8-sig'))
print('hex', codecs.encode(b'\x01\xff', 'hex'), codecs.decode('01ff', 'hex'), codecs.decode(b'01FF', 'hex_codec'))
print('rot13', codecs.encode('Hello, World!', 'rot13'), codecs.decode('Uryyb', 'rot_13'))
print(str(b'h\xe9', 'latin-1'), str(b'h\xc3\xa9', encoding='utf-8'), str(b'h\xff', 'utf-8', 'replace'), bytearray(b'\xe9').decode('cp1252'))
print('x'.encode(encoding='UTF-16-LE'), b'x\x00'.decode(encoding='utf_16_le'), 'x'.encode('UTF8'), 'x'.encode('Latin1'), 'x'.encode('U8'))
for name in ['UTF-8', 'utf8', 'latin1', 'ISO-8859-1', 'cp1252', 'windows-1252', 'U16', 'utf_32_be', 'ascii', 'us-ascii', '646', 'unicode-escape', 'mac-roman']:
    print(name, codecs.lookup(name).name)
ci = codecs.lookup('utf-8')
print(ci.name, ci.encode('\xe9'), ci.decode(b'\xc3\xa9'), ci.incrementalencoder, ci.streamreader.__name__, ci._is_text_encoding)
print(codecs.getencoder('latin-1')('\xe9'), codecs.getdecoder('latin-1')(b'\xe9'))

# EncodingMap (charmap_build of a standard table) and the 8-bit codecs through it
import encodings.cp1252 as c, encodings.koi8_r as k, encodings.cp437 as d
m = c.encoding_table; print(type(m), m.size(), k.encoding_table.size())
print(type(m).__module__, type(m).__qualname__, repr(type(m)))
try: codecs.charmap_build('')
except Exception as e: print(type(e).__name__, e)
try: type(m)()
except Exception as e: print(type(e).__name__, e)
print(codecs.charmap_encode('a\u20ac', 'strict', m), len(codecs.charmap_build('a'*300)))
print(type(codecs.charmap_build('\x00abc')), codecs.charmap_build('\x00abc').size(), codecs.charmap_build('\x00ab\ufffec').size())
print(repr(m)[:22], type(d.encoding_map))
for enc in ['cp1252', 'cp1251', 'koi8_r', 'mac_roman', 'iso8859_7', 'cp850', 'cp437', 'hp_roman8', 'tis_620']:
    dec = bytes(range(256)).decode(enc, 'replace')
    enc_b = dec.encode(enc, 'replace')
    print(enc, enc_b == bytes(range(256)), sum(1 for ch in dec if ch == '\ufffd'), 'x\u20ac\u0416\xe9'.encode(enc, 'backslashreplace'))
