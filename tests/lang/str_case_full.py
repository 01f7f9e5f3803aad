# str's case mappings and character predicates agree with CPython for every code point: each
# method runs over all of range(0x110000) in chunks and a digest of its results is printed.
P = (1 << 61) - 1
CH = 4096
PREDS = ['isalpha', 'isalnum', 'isdecimal', 'isdigit', 'isnumeric', 'isprintable', 'isspace',
         'isupper', 'islower', 'istitle', 'isidentifier']
MAPS = ['upper', 'lower', 'casefold', 'title', 'swapcase', 'capitalize']

def chars(lo, hi):
    return [chr(c) for c in range(lo, hi) if not 0xD800 <= c <= 0xDFFF]

pdig = {m: 0 for m in PREDS}
mdig = {m: 0 for m in MAPS}
counts = {m: 0 for m in PREDS}
for lo in range(0, 0x110000, CH):
    cs = chars(lo, lo + CH)
    if not cs:
        continue
    for m in PREDS:
        f = getattr(str, m)
        bits = bytes(map(f, cs))
        counts[m] += bits.count(1)
        pdig[m] = (pdig[m] * 1000003 + int.from_bytes(bits, 'little')) % P
    spaced = ' '.join(cs)
    for m in MAPS:
        out = getattr(spaced, m)()
        if m == 'capitalize':
            out = ''.join(c.capitalize() for c in cs)
        mdig[m] = (mdig[m] * 1000003 + int.from_bytes(out.encode('utf-8'), 'little')) % P
for m in PREDS:
    print(m, counts[m], pdig[m])
for m in MAPS:
    print(m, mdig[m])

# full (special) case mappings and context
for s in ['ß', 'ﬁ', 'ﬃ', 'ŉ', 'ǰ', 'ΐ', 'ᾳ', 'ᾼ', 'İ', 'ı', 'ǅ', 'ǆ', 'Ǆ', 'ﬆ', 'և', 'ẞ', 'µ', 'ſ', 'K', 'Ω']:
    print(ascii(s), ascii(s.upper()), ascii(s.lower()), ascii(s.title()), ascii(s.casefold()),
          ascii(s.swapcase()), ascii(s.capitalize()), s.isupper(), s.islower(), s.istitle())
for s in ['ΣΑΣ', 'ΟΔΟΣ ΟΔΟΣ.', 'Σ', 'AΣ', 'AΣb', "AΣ'", "A'Σ", 'A.Σ.', 'ΣΣ', 'a\u0345Σ', 'ΑΣ\u0301 Β']:
    print(ascii(s.lower()), ascii(s.swapcase()), ascii(s.capitalize()), ascii(s.title()))
print(ascii('ǆemal ǉubljana'.title()), ascii('straße ﬁsh'.title()), ascii("they're bill's".title()))
print('ǅ'.istitle(), 'ǅa'.istitle(), 'Aǅ'.istitle(), 'ᾼ'.isupper(), 'ᾳ'.islower())
print([s.isidentifier() for s in ['a', '_', 'é', 'ℕ', '℘x', '·', 'a·', '1a', 'a1', '°', 'x\u0300', '\u0300']])
print(int('١٢٣'), float('٣.٥'), int('\uff11\uff12'), int(' \u2003 7 \u3000'))
