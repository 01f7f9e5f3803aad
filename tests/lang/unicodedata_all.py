# Every unicodedata property of every code point agrees with CPython (Unicode 14.0.0): each
# function runs over all of range(0x110000) in chunks and a digest of its results is printed.
import unicodedata as u

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
    names = [u.name(c, '') for c in cs]
    named += sum(1 for n in names if n)
    back = ''.join(u.lookup(n) if n else '.' for n in names)
    dig['lookup'] = digest(dig['lookup'], back)
    text = ' '.join(cs)
    for form in ('NFC', 'NFD', 'NFKC', 'NFKD'):
        dig[form] = digest(dig[form], u.normalize(form, text))
    flags = ''.join('%d%d%d%d' % tuple(u.is_normalized(f, c) for f in ('NFC', 'NFD', 'NFKC', 'NFKD'))
                    for c in cs[::7])
    dig['is_normalized'] = digest(dig['is_normalized'], flags)
print('named', named)
for f in dig:
    print(f, dig[f])
