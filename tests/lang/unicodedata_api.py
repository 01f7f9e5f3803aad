# The unicodedata module: each function on examples, names and aliases and named sequences,
# normalization forms, and the error paths with CPython's messages.
import unicodedata as u

print(u.unidata_version, u.__name__)
for c in 'aA1½Ⅻ٣\u0300\u05d0\uac00\u4e00 \t\u2028€😀\U000e0100\ufb01\u00c5\uffff\U0010ffff\x00':
    print(ascii(c), u.category(c), u.bidirectional(c), u.combining(c), u.mirrored(c),
          u.east_asian_width(c), repr(u.decomposition(c)), u.decimal(c, None), u.digit(c, None),
          u.numeric(c, None), u.name(c, '-'))
for c in '()<>[]«»∑√':
    print(c, u.mirrored(c), u.bidirectional(c))
for c in '⅓⅞↉〇౸𐄳𒐳𖭡':
    print(ascii(c), u.numeric(c), u.digit(c, 'no'), u.decimal(c, 'no'))

# names, aliases, named sequences, algorithmic names
for n in ['LATIN SMALL LETTER A', 'latin small letter a', 'Latin Small Letter A', 'NBSP', 'nbsp',
          'NO-BREAK SPACE', 'LINE FEED', 'LF', 'EOL', 'BYTE ORDER MARK', 'BOM', 'ZWNJ',
          'LATIN CAPITAL LETTER GHA', 'KEYCAP DIGIT SEVEN', 'keycap number sign',
          'LATIN SMALL LETTER O WITH VERTICAL LINE BELOW AND ACUTE', 'TAMIL SYLLABLE KSSAU',
          'CJK UNIFIED IDEOGRAPH-4E00', 'CJK UNIFIED IDEOGRAPH-04E00', 'CJK UNIFIED IDEOGRAPH-4e00',
          'cjk unified ideograph-4E00', 'CJK UNIFIED IDEOGRAPH-3400', 'CJK UNIFIED IDEOGRAPH-3134A',
          'CJK UNIFIED IDEOGRAPH-3134B', 'CJK UNIFIED IDEOGRAPH-E000', 'CJK UNIFIED IDEOGRAPH-',
          'CJK COMPATIBILITY IDEOGRAPH-F900', 'cjk compatibility ideograph-2fa1d',
          'CJK COMPATIBILITY IDEOGRAPH-FA6E', 'KHITAN SMALL SCRIPT CHARACTER-18B00',
          'NUSHU CHARACTER-1B2FB', 'NUSHU CHARACTER-1B2FC', 'TANGUT IDEOGRAPH-17000',
          'HANGUL SYLLABLE GA', 'HANGUL SYLLABLE GAG', 'HANGUL SYLLABLE HIH', 'HANGUL SYLLABLE A',
          'HANGUL SYLLABLE YAE', 'HANGUL SYLLABLE SSANG', 'HANGUL SYLLABLE', 'hangul syllable ga',
          'HANGUL SYLLABLE GAGG', 'HANGUL SYLLABLE GX', 'GRINNING FACE', 'SPACE ', ' SPACE', '',
          'VARIATION SELECTOR-17', 'variation selector-256', 'VARIATION SELECTOR-257',
          'WITH', 'LATIN', 'A', 'X' * 100, 'ARABIC LIGATURE UIGHUR KIRGHIZ YEH WITH HAMZA ABOVE WITH ALEF MAKSURA ISOLATED FORM']:
    try:
        print(repr(n), ascii(u.lookup(n)))
    except KeyError as e:
        print(repr(n), 'KeyError', e)
print(ascii(u.lookup(b'EM DASH')), ascii(u.lookup(b'nbsp')))
for c in ['\uac00', '\ud7a3', '\uac01', '\u4e00', '\U00020000', '\U0002a6df', '\U0002a6e0', '\uf900',
          '\U00018b00', '\U0001b170', '\U00017000', '\ue000', '\U000f0000', '\u0378', '\x7f', '\u00ad']:
    print(ascii(c), u.name(c, None))

# normalization
samples = ['café', 'cafe\u0301', 'Å', 'A\u030a', '\u212b', 'ﬁ', '①', 'x²', '\u1e9b\u0323',
           '\uac00\u11a8', '\u1100\u1161\u11a8', '\u1100\u1161', '각', 'ḍ̇', 'ḍ̇', 'q̣̇',
           'a\u0301\u0316\u0300', '\u0344', '\u0958', 'é\u0301', '\u0f73', 'Ω', '½', '㍿', 'ſt',
           'ﷺ', '\u2000', 'e\u0304\u0301', '\u00e9\u0327', 'Ǆ', '', 'ascii only']
for s in samples:
    print(ascii(s), [ascii(u.normalize(f, s)) for f in ('NFC', 'NFD', 'NFKC', 'NFKD')],
          [u.is_normalized(f, s) for f in ('NFC', 'NFD', 'NFKC', 'NFKD')])

# errors
calls = ["u.name()", "u.name('ab')", "u.name(1)", "u.name('\\x00')", "u.name('\\x00', 5)",
         "u.name('a', 1, 2)", "u.name(chr=1)", "u.category('ab')", "u.category()", "u.category(1)",
         "u.bidirectional('ab')", "u.combining('')", "u.mirrored(3)", "u.east_asian_width('xx')",
         "u.decomposition('ab')", "u.decimal('a')", "u.decimal('a', None)", "u.digit('a')",
         "u.numeric('a')", "u.numeric('a', 'x')", "u.decimal('ab')", "u.digit()",
         "u.lookup('foo')", "u.lookup(1)", "u.lookup()", "u.lookup('x'*300)", "u.lookup('é')",
         "u.lookup('SPACE', 1)", "u.normalize('NFX', 'a')", "u.normalize('NFC')",
         "u.normalize(1, 'a')", "u.normalize('NFC', 1)", "u.normalize('nfc', 'a')",
         "u.is_normalized('NFX', 'a')", "u.is_normalized('NFC', b'a')",
         "u.normalize(form='NFC', unistr='a')", "u.category(c='a')"]
for c in calls:
    try:
        print(c, '->', ascii(eval(c)))
    except Exception as e:
        print(c, '!!', type(e).__name__, e)
