# re: the Pattern/Match/Scanner API at its edges: keyword arguments, argument
# errors, read-only attributes, copies, and _sre.compile() refusing bad code.
import re
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ':', e)
p = re.compile('(a)(b)?')
m = p.match('ab')
for f in [lambda: p.match(string='ab'), lambda: p.match('ab', pos=1), lambda: p.sub(repl='x', string='ab', count=1),
          lambda: p.split(string='xaby', maxsplit=1), lambda: m.start(group=1), lambda: m.group(group=1), lambda: m.span(1, 2),
          lambda: m.groups(default=0), lambda: m.groupdict(default=1), lambda: m.expand(template='\\1'), lambda: p.scanner('a').search(1),
          lambda: re.sub('a', 'b', 'aa', flags=re.I), lambda: re.split('a', 'bab', 1), lambda: m.group(2, 3), lambda: m.group(-1),
          lambda: m.group(2**70), lambda: m.group(True), lambda: p.match('ab', 2**70), lambda: p.match('ab', '1'),
          lambda: p.findall('abab', endpos=3), lambda: p.search('xab', -100), lambda: p.fullmatch('ab', 0, 1),
          lambda: len(m.__class__.__dict__) > 0, lambda: m.lastindex, lambda: re.compile('(?P<n>a)|b').match('b').lastgroup,
          lambda: re.compile('(a)|(b)').match('b').lastgroup, lambda: p.sub('\\2', 'a'), lambda: p.sub(lambda m: m.group(2), 'a'),
          lambda: re.compile(r'(?P<n>x)').sub(r'[\g<n>]', 'axb'), lambda: re.sub('', lambda m: '<%d>' % m.start(), 'abc'),
          lambda: p.__copy__(), lambda: m.__deepcopy__({}), lambda: p.pattern, lambda: re.compile(p) is p,
          lambda: re.compile(p, re.I), lambda: type(p)(), lambda: type(m)(), lambda: p.flags & re.U,
          lambda: m.string, lambda: setattr(m, 'pos', 3), lambda: setattr(p, 'x', 1), lambda: hash(m) == hash(m),
          lambda: m == m, lambda: m == p.match('ab'), lambda: p < p, lambda: re.match('(?:(?:a|b)*c)*', 'ab' * 1000 + 'c').end(),
          lambda: re.search(r'\d{3}', '12 123').group(), lambda: re.compile('a' * 1000).search('a' * 999), 
          lambda: re.finditer(r'\w+', 'a b').__next__().group(), lambda: re.compile('x').scanner('xx').pattern.pattern]:
    show(f)
for f in [lambda: p.__copy__(1), lambda: p.__deepcopy__(), lambda: m.__copy__(1), lambda: m.__deepcopy__(1, 2),
          lambda: m.end(1, 2), lambda: m.span(a=1), lambda: m.groups(1, 2), lambda: re.Pattern.__class_getitem__(),
          lambda: p.match(), lambda: p.sub('a'), lambda: p.split(), lambda: m.expand(), lambda: delattr(m, 'pos'),
          lambda: setattr(m, 'lastindex', 1), lambda: setattr(p, 'groupindex', 1), lambda: setattr(p, 'flags', 1),
          lambda: p.scanner('a').match(1)]:
    show(f)
import _sre
for code in [[999], [17, 5, 1], [13, 100, 0], [1], [24, 5, 0, 1, 16, 97, 1, 1], [23, 4, 0, 1, 18, 1]]:
    show(lambda: _sre.compile('a', 0, code, 1, {}, (None, None)).match('a'))
show(lambda: _sre.compile('a', 0, [1, 2**40], 0, {}, ()))
show(lambda: _sre.compile('a', 0, (1,), 0, {}, ()))
# re.DEBUG prints the parsed pattern and the disassembled code
re.compile(r'(?P<x>a|b)+?[c-e\d]{2}(?<=d)\1', re.DEBUG)
re.compile(r'(?i)[^\w\u0100-\u0300]|\bx$', re.DEBUG)
# weak references to patterns (not to matches); a scanner holds the buffer of
# a bytearray until it is collected
import weakref, gc
p = re.compile('a')
r = weakref.ref(p)
print(r() is p, weakref.proxy(p).match('a'))
show(lambda: weakref.ref(p.match('a')))
b = bytearray(b'x')
it = re.finditer(b'a', b)
show(lambda: b.extend(b'x' * 400))
print(list(it))
del it
gc.collect()
b.extend(b'x' * 400)
print(len(b))
