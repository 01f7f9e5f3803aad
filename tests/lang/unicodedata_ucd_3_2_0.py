# unicodedata.ucd_3_2_0, the Unicode 3.2.0 database (IDNA's stringprep uses it): every property
# of every code point agrees with CPython's, by digests over range(0x110000) in chunks.
import unicodedata
u = unicodedata.ucd_3_2_0

P = (1 << 61) - 1
CH = 4096


def digest(h, text):
    return (h * 1000003 + int.from_bytes(text.encode('utf-8'), 'little')) % P


FUNCS = ['name', 'category', 'bidirectional', 'combining', 'mirrored', 'east_asian_width',
         'decomposition', 'decimal', 'digit', 'numeric']
dig = {f: 0 for f in FUNCS + ['lookup', 'NFC', 'NFD', 'NFKC', 'NFKD', 'is_normalized']}
named = 0
for lo in range(0, 0x110000, CH):
    cs = [chr(c) for c in range(lo, lo + CH) if not 0xD800 <= c <= 0xDFFF]
    if not cs:
        continue
    for f in FUNCS:
        fn = getattr(u, f)
        if f in ('name', 'decimal', 'digit', 'numeric'):
            out = [str(fn(c, None)) for c in cs]
        else:
            out = [str(fn(c)) for c in cs]
        dig[f] = digest(dig[f], '|'.join(out))
    names = [unicodedata.name(c, '') for c in cs]
    named += sum(1 for c in cs if u.name(c, ''))
    back = []
    for n in names:
        try:
            back.append(u.lookup(n) if n else '.')
        except KeyError:
            back.append('?')
    dig['lookup'] = digest(dig['lookup'], ''.join(back))
    text = ' '.join(cs)
    for form in ('NFC', 'NFD', 'NFKC', 'NFKD'):
        dig[form] = digest(dig[form], u.normalize(form, text))
    flags = ''.join('%d%d%d%d' % tuple(u.is_normalized(f, c) for f in ('NFC', 'NFD', 'NFKC', 'NFKD'))
                    for c in cs[::7])
    dig['is_normalized'] = digest(dig['is_normalized'], flags)
print('named', named)
for f in dig:
    print(f, dig[f])

print(u.unidata_version, unicodedata.unidata_version, type(u).__name__, repr(unicodedata.UCD))
print(isinstance(u, unicodedata.UCD), unicodedata.UCD.__module__, repr(u)[:27])
for n in ['LATIN SMALL LETTER A', 'latin small letter a', 'NBSP', 'KEYCAP DIGIT SEVEN', 'GRINNING FACE',
          'CJK UNIFIED IDEOGRAPH-9FA6', 'CJK UNIFIED IDEOGRAPH-4E00', 'HANGUL SYLLABLE GA',
          'NUSHU CHARACTER-1B170', 'CJK COMPATIBILITY IDEOGRAPH-F900', 'EURO SIGN', b'EURO SIGN']:
    try:
        print(repr(n), ascii(u.lookup(n)))
    except KeyError as e:
        print(repr(n), 'KeyError', e)
calls = ["u.category()", "u.name()", "u.normalize('NFC')", "u.lookup()", "u.lookup(1)",
         "u.category('ab')", "u.decimal('a')", "u.digit('a')", "u.numeric('a')", "u.name('\\u0378')",
         "u.normalize('NFX', 'a')", "u.category(x='a')", "unicodedata.UCD()", "u.mirrored('\\u0378')"]
for c in calls:
    try:
        print(c, '->', ascii(eval(c)))
    except Exception as e:
        print(c, '!!', type(e).__name__, e)
