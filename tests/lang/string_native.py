# _string: formatter_parser and formatter_field_name_split (string.Formatter's engine)
import _string

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for s in ['a{0}b{1:>3}c{2!r}{{}}', '', 'abc', '{}', '{:{}}', '{a.b[c]}', '{0!s:>{1}}', 'x{{y}}z', '{!r}', '{0!}',
          '{0!rr}', '{', '}', 'a}b', '{0', '{0:', '{0!r', '{0[}', '{0:{{}}}', '{{', '}}', 'a{}{}', '{0!r:}', '{:}',
          '{0.}', '{[}', '{0]}', '{é}', 'é{0}ü', '{0!é}', '{a{b}', '{0:x{y}z}', 'tail{{', '{0[:]}', '{!}', '{0!:}']:
    t(lambda: list(_string.formatter_parser(s)))
for s in ['a.b[c]', '0[1].x', '', 'a', 'a[', 'a.', 'a[]', 'a]', '[1]', '.x', 'a.b.c[0][1]', '10', 'a[b]c', 'a[0]x',
          '99999999999999999999', 'x[99999999999999999999]', 'é.ü[ß]', '007', 'a[-1]']:
    t(lambda: (lambda r: (r[0], list(r[1])))(_string.formatter_field_name_split(s)))
it = _string.formatter_parser('a{0}')
print(iter(it) is it, next(it), list(it), type(it).__name__, type(_string.formatter_field_name_split('a')[1]).__name__)
t(lambda: _string.formatter_parser(1))
t(lambda: _string.formatter_field_name_split(1))
t(lambda: _string.formatter_parser())
print(sorted(n for n in dir(_string) if not n.startswith('__')))
