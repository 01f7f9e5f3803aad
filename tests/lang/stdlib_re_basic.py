# re: match/search/fullmatch/findall/finditer/sub/subn/split over str,
# with pos/endpos and the Match API.
import re

p = re.compile(r'(?P<w>\w+)@(?P<d>\w+)\.com')
s = 'mail joe@ex.com and ann@foo.com now'
for m in p.finditer(s):
    print(m, m.start('d'), m.end(1), m.span('w'), m.groupdict(), m.re is p, m.string is s, m.pos, m.endpos)
    print(m.expand(r'\g<d>:\1 \\ \n'), m.group(), m.group(0, 'w', 2), m['d'], m.regs, m.lastindex, m.lastgroup)

print(re.match('abc', 'abcdef'), re.match('abc', 'xabc'), re.search('abc', 'xabc'))
print(re.fullmatch(r'a.*c', 'abbbc'), re.fullmatch('a', 'ab'), re.fullmatch('a|ab', 'ab'))
print(p.match(s, 5), p.match(s, 5, 10), p.search(s, pos=20), p.search(s, 0, 100), p.findall(s, 10, -1))
print(re.compile('').match('abc', 2, 1), re.compile('a').search('abc', -5, 99))
print(re.compile('b').search('abc', endpos=1), re.compile('$').search('abc', 0, 2))

print(re.findall(r'\w+', 'hello world, again'))
print(re.findall(r'(a)(b)?', 'ab a'), re.findall(r'(\d)-(\d)', '1-2 3-4'), re.findall('', 'ab'))
print([m.span() for m in re.finditer('a*', 'baaac')], type(re.finditer('a', 'a')).__name__)

print(re.sub(r'(\w)(\w*)', r'\2\1ay', 'hello world'))
print(re.sub('x*', '-', 'abxd'), re.subn('', '-', 'ab'), re.sub('a', 'b', 'aaa', count=2))
print(re.sub('(?P<n>a)', r'\g<n>\g<0>\g<1>', 'bab'), re.subn(r'(\d+)', lambda m: str(int(m[1]) * 2), 'a1b22c'))
print(re.sub('a', lambda m: None if False else '', 'banana'), re.sub('b', 'x\\ty', 'abc'))
print(p.sub(lambda m: m['w'].upper(), s), p.subn(r'<\2>', s, 1))

print(re.split(r'[,;]\s*', 'a, b;c,   d'), re.split('', 'ab'), re.split('(b)|x', 'abxc'))
print(re.split('a', 'bab', maxsplit=1), re.split(r'\s*', ' a b '), re.split('(x)(y)?', 'axbxyc'))

m = re.match('(a)|(b)', 'b')
print(m.span(1), m.groups('-'), m.groups(), m.lastindex, m.lastgroup, m.start(1), m.end(2))
m = re.match(r'(?P<first>\w+) (?P<last>\w+)?', 'Jane ')
print(m.groupdict(), m.groupdict('?'), m.group('last'), m.lastgroup)
print(re.compile(r'\d').scanner('1a2').search().group(), re.compile('a').scanner('ba').match())

sc = re.Scanner([(r'\d+', lambda s, t: int(t)), (r'\s+', None), (r'[a-z]+', lambda s, t: t)])
print(sc.scan('12 abc 7 x!'))
print(re.escape('a.b*c\n'), re.escape('ab_1'))
x = 'lorem ipsum ' * 1000 + 'needle'
print(re.search('needle', x).span(), re.search(r'n\w+e\b', x).span(), len(re.findall(r'\w+', x)))
