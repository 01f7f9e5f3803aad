# \N{NAME} escapes in str literals: names in any case, aliases, algorithmic names (CJK unified
# ideographs, Hangul syllables), and the unicode-escape codec's errors, which CPython places at
# the token after the string (eval()'s end of input has odd positions: not printed for it).
tests = [r"'\N{latin small letter a}'", r"'\N{NULL}'", r"'\N{KEYCAP DIGIT SEVEN}'", r"'\N{cjk unified ideograph-4e00}'", r"'\N{CJK UNIFIED IDEOGRAPH-4e00}'", r"'\N{CJK UNIFIED IDEOGRAPH-4E00}'", r"'\N{CJK UNIFIED IDEOGRAPH-04E00}'", r"'\N{cjk unified ideograph-20000}'",
r"'\N{hangul syllable gag}'", r"'\N{HANGUL SYLLABLE GAG}'", r"'\N{hangul syllable GAG}'", r"'\N{HANGUL SYLLABLE A}'", r"'\N{HANGUL SYLLABLE}'", r"'\N{HANGUL SYLLABLE GAGX}'", r"'\N{FOO}'", r"'ab\N{FOO}'", r"'é\N{FOO}'", r"'é\x1'", r"'é\U11111111'", r"'\N'", r"'\N{'", r"'\N{}'", r"'\Nx'", r"'\N{A'", r"f'{1}\N{FOO}'", r"f'\N{DASH}{1}'", r"f'{1}\N{EM DASH}'",r"b'\N{DASH}'", r"'\N{ LATIN SMALL LETTER A}'", r"'\N{LATIN  SMALL LETTER A}'", r"'\N{cjk compatibility ideograph-f900}'", r"'\N{TANGUT IDEOGRAPH-17000}'", r"'\N{tangut ideograph-17000}'", r"'x\ny\N{BAR}'",
r"'\N{nushu character-1b170}'", r"'\N{NUSHU CHARACTER-1B17}'", r"'\N{NUSHU CHARACTER-01B170}'", r"'\N{no-break space}\N{NBSP}\N{LINE FEED}\N{BOM}'", r"'\N{EM DASH}'.encode()", r"r'\N{EM DASH}'", r"'\N{GREEK SMALL LETTER ALPHA}\N{COMBINING ACUTE ACCENT}'", r"f'{{\N{BULLET}}}'", r"f'{{}}\N{XYZ}'", r"f'{1:\N{BULLET}>5}'", r"'\N{é}'", r"'a' '\N{XYZ}'", r"'\N{LATIN SMALL LETTER A WITH GRAVE}\N{latin capital letter sharp s}'", r"'\N{VARIATION SELECTOR-17}'", r"'\N{BYZANTINE MUSICAL SYMBOL FHTORA SKLIRON CHROMA VASIS}'", r"'\N{LATIN SMALL LETTER O WITH VERTICAL LINE BELOW AND ACUTE}'",
r"'\N{GRINNING FACE}\N{grinning face}'", r"u'\N{SNOWMAN}'", r"'''\N{SNOWMAN}\n\N{COMET}'''", r"'\N{LATIN SMALL LETTER A}'*3"]
for t in tests:
    try: print(t, ascii(eval(t)))
    except SyntaxError as e: print(t, "SE", e.msg, e.lineno)  # offsets: see below

# in source text, not eval()
print('\N{LATIN SMALL LETTER E WITH ACUTE}t\N{LATIN SMALL LETTER E WITH ACUTE}', "\N{EURO SIGN}", f"{2 + 3}\N{EURO SIGN}")
print(ascii('\N{SPACE}\N{zero width space}\N{ZWSP}\N{LRM}\N{FVS1}\N{VS256}'))
print(len('\N{CJK UNIFIED IDEOGRAPH-2B81D}\N{HANGUL SYLLABLE HIH}\N{HANGUL SYLLABLE KWEOLH}'))
print(b'\N{EM DASH}', rb'\N{X}', r'\N{X}', br'a\N')
try:
    exec("x = 1\ny = '''ab\n\\N{NOT A NAME}'''\n")
except SyntaxError as e:
    print(e.msg)

for src in ["'\\N{XYZ}'", "x = '\\N{XYZ}'\n", "x = ('\\N{XYZ}'\n)\n", "f('\\N{XYZ}')", "'\\N{XYZ}'.x",
            "x = '\\N{XYZ}'  ;y=1", "'\'\'\\n\\N{XYZ}\\n\'\'\'", "f'{1}\\N{XYZ}'+1", "'\\x1' + 1", "b'\\x1' + 1",
            "('a'\n 'b\\N{XYZ}'\n 'c')"]:
    try:
        compile(src, 's', 'exec')
    except SyntaxError as e:
        print(repr(src), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
