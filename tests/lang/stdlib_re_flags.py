# re: flags (IGNORECASE, MULTILINE, DOTALL, VERBOSE, ASCII, LOCALE on
# bytes), inline flags, anchors and word boundaries.
import re

print(re.findall('(?m)^x.*$', 'x1\nxy\nyx\n'), re.findall('^x.*$', 'x1\nxy'), re.findall('x.*$', 'x1\nx2\n'))
print(re.findall('(?s).+', 'a\nb'), re.findall('.+', 'a\nb'), re.findall('(?s:.)+x', 'a\nx'))
print(re.search('^b', 'ab'), re.search('^b', 'ab', re.M), re.search(r'\Ab', 'a\nb', re.M), re.search(r'a\Z', 'a\n'))
print(re.search('a$', 'a\n'), re.search('a$', 'a\nb'), re.search('(?m)a$', 'a\nb'), re.findall('$', 'a\n'))
print(re.findall(r'(?i)[a-z]+', 'AbC abc ABC'), re.findall('(?i)straße', 'STRASSE straße STRAßE'))
print(re.findall('(?i)ǆ', 'Ǆ ǅ ǆ'), re.findall('(?i)ſ', 'ſs S'), re.findall('(?i)k', 'K k \u212a'))
print(re.findall('(?i)[α-ω]+', 'αβγ ΑΒΓ'), re.findall(r'(?i)\u0130', 'i I \u0130'), re.findall('(?i)[ΣΑ]+', 'σας ΣΑΣ'))
print(re.match('(?i:A)b', 'ab'), re.match('(?i:A)b', 'aB'), re.match('(?i)a(?-i:b)', 'AB'), re.match('(?i)a(?-i:b)', 'Ab'))
print(re.findall(r'\bfoo\b', 'foo bar foobar (foo)'), re.findall(r'\Bo', 'foo boo o'), re.findall(r'\b', 'ab c'))
print(re.findall(r'\w+', 'é_1 ab'), re.findall(r'(?a)\w+', 'é_1 ab'), re.findall(r'\w+', 'é_1', re.ASCII))
print(re.findall(r'(?a)\b\w+\b', 'xéy ab'), re.findall(r'\b\w+\b', 'xéy ab'))
v = re.compile(r'''
    (?P<int> \d+ )    # integer part
    (?: \. (?P<frac> \d* ) )?   # optional fraction
    \ [#]  # a literal space and hash
''', re.VERBOSE)
print(v.match('3.14 #').groupdict(), v.match('3 #').groupdict(), v.match('3.14#'))
print(re.match(r'(?x) ( \d+ ) \s* [a-z]  # comment', '12 ab').groups())
print(re.findall(rb'(?i)[a-z]+', b'AbC \xc9\xe9'), re.findall(rb'(?L)\w+', b'ab\xe9'), re.findall(rb'(?iL)A', b'aA'))
print(re.compile('a', re.I).flags, re.compile(b'a').flags, re.compile('(?s)a').flags, re.compile('a', re.A).flags)
print(re.match('(?i)[^a]', 'A'), re.match(r'(?i)[\w]', 'É'), re.match('(?i)[k-m]+', 'KLM\u212a'))
print(re.findall('(?i)x[a-c]y', 'XAY xby XCy'), re.sub('(?i)b', '-', 'aBcb'), re.split('(?i)x', 'aXbxc'))
print(re.findall('(?i)(a)\\1', 'aA Aa aa'), re.findall('(?i)[\u0101-\u0103]', '\u0100\u0102'))
print(re.findall(r'(?m)^\s*(\w+)', ' a\n  b\nc'), re.findall(r'(?ms)^a.b$', 'a\nb\na b'))
