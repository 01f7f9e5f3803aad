# re: error messages (re.error from the parser, TypeError/IndexError from
# the module) and the reprs of patterns and matches.
import re, copy

def show(f):
    try:
        print(repr(f()))
    except re.error as e:
        print('re.error:', e, '|', e.msg, e.pos, e.lineno, e.colno)
    except Exception as e:
        print(type(e).__name__ + ':', e)

for pat in ['(', 'a{2,1}', '(?<=a+)b', '[b-a]', '\\', ')', '(?P<1>a)', '*', 'a**', '(?z)', '\\p', 'x\n(',
            '(?P<a>x)(?P<a>y)', '(?P=b)', '\\1', '(a)\\2', '[a', '(?#', '(?<x)', '(?', 'a{1', '(?i', '(?<=(a)|bc)',
            '\\N{BOGUS}', '\\x1', '\\777', '(?(1)a|b|c)', '(?(x)a)', 'a++*', '(?>', '[\\d-z]', '(?-x:a)', '(?L)a', '(?au)a']:
    show(lambda: re.compile(pat))
show(lambda: re.compile('x\n  (', re.X))
show(lambda: re.compile(b'(?u)a'))
show(lambda: re.compile('a', re.L))
p = re.compile(r'(?P<w>\w+)@(?P<d>\w+)')
m = p.match('joe@ex')
for f in [lambda: re.match('a', b'a'), lambda: re.match(b'a', 'a'), lambda: re.match('a', 1), lambda: re.match('a', None),
          lambda: m.group(5), lambda: m.group('zz'), lambda: m[-1], lambda: m.group(1.5), lambda: m.group([1]),
          lambda: m.start(3), lambda: m.span('x'), lambda: re.sub('a', r'\9', 'a'), lambda: re.sub('(a)', r'\g<x>', 'a'),
          lambda: re.sub('(a)', r'\g<1', 'a'), lambda: re.sub('a', '\\', 'a'), lambda: re.sub('a', lambda m: 5, 'a'),
          lambda: re.sub(b'a', 'x', b'a'), lambda: re.sub('a', b'x', 'a'), lambda: p.match('x', 'y'), lambda: re.escape(5),
          lambda: m.expand(r'\3'), lambda: re.compile('a').match(), lambda: re.compile('a').match('a', bogus=1),
          lambda: re.compile('a').sub(), lambda: re.compile('a').split('a', 'b'), lambda: re.purge(),
          lambda: m.groups(1, 2), lambda: re.compile(5), lambda: re.findall('a', 'a', 'x')]:
    show(f)

print(repr(re.compile('x' * 300)))
print(re.compile('a', re.I | re.S | re.X | re.A), re.compile(b'a', re.L), re.compile('a', re.U), re.compile('a', re.T))
print(re.compile(b'a'), re.compile('a', 1 << 12 | re.M), re.compile("it's"), re.compile('"\'\n'), re.compile('a', re.DEBUG & 0))
print(re.search('b+', 'a' + 'b' * 100), re.match('é+', 'é' * 60), re.match(b'\\w+', b'\xe9abc'))
print(re.match('(?s).*', 'a\nb\x00"\''), re.match('', ''))
m = re.match('a', 'a')
print(copy.copy(m) is m, copy.deepcopy(m) is m, copy.deepcopy(p) is p, re.Pattern[str], re.Match[bytes])
print(p == re.compile(p.pattern), p != re.compile(p.pattern), p == re.compile(p.pattern, re.I), p == 'x',
      hash(p) == hash(re.compile(p.pattern)), len({p, re.compile(p.pattern)}))
print(p.groupindex, p.groups, p.flags, p.pattern, re.compile('a').groupindex, type(p.groupindex).__name__)
print(type(p).__name__, type(p).__module__, type(m).__name__, type(m).__module__, re.Pattern is type(p))
print(sorted(n for n in dir(p) if not n.startswith('_')), sorted(n for n in dir(m) if not n.startswith('_')))
import _sre
print(_sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS, _sre.getcodesize(), _sre.copyright)
print(_sre.ascii_iscased(ord('a')), _sre.ascii_iscased(ord('é')), _sre.unicode_iscased(ord('é')), _sre.unicode_iscased(ord('1')))
print(_sre.ascii_tolower(ord('Q')), _sre.ascii_tolower(ord('É')), _sre.unicode_tolower(ord('É')), _sre.unicode_tolower(0x130))
