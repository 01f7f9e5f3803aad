# re: Unicode classes on non-ASCII text, bytes/bytearray/memoryview
# subjects, and spans measured in characters.
import re

print(re.findall(r'\d+', '1٣۴ x 12'), re.findall(r'(?a)\d+', '1٣۴'), re.findall(r'\s+', 'a\u2003\u00a0b\x1cc'))
print(re.findall(r'\w+', 'héllo wörld ñ_1 日本語 ½'), re.findall(r'\W+', 'a—b…c'), re.findall(r'\S+', 'αβ γ'))
print(re.findall(r'[^\W\d]+', 'ab1cé2'), re.findall(r'[\d\s]+', '1 ٢x'), re.findall('[α-ω]+', 'αβγ ΑΒΓ'))
x = 'é' * 70 + 'abc' + '日本' * 40
m = re.search('(é+)(a)(bc)', x)
print(m.span(), m.span(2), m.group(3), len(m.group(1)), m.end())
print(re.search('日本', x).span(), re.sub('é', 'e', x)[65:80], re.split('c', x)[1][:4], len(re.findall('.', x)))
print(re.search('ü+', 'xxüüüy'), re.match('.', '😀x'), re.findall('[😀-😂]', 'a😁b😂'))
print(re.sub(r'\s+', ' ', 'a  \u2003 b'), re.sub('(?<=é)x', 'y', 'éx ex'), re.findall(r'\bé\w*', 'é éa aé'))
print(repr(re.search('x+', 'é' * 10 + 'x' * 100)))

print(re.findall(rb'\d+', b'a1b22c333'), re.match(b'(a)(b)', bytearray(b'abc')).group(0, 1, 2))
print(re.match(b'ab', memoryview(b'abc')), re.sub(b'a', b'X', bytearray(b'banana')), re.split(b'n', memoryview(b'banana')))
print(re.findall(rb'\w+', b'ab\xe9 c_1'), re.findall(rb'[\x80-\xff]+', b'a\xe9\xffb'), re.sub(rb'\xe9', b'e', b'\xe9t\xe9'))
m = re.search(rb'(?P<k>\w+)=(?P<v>\w*)', b'  key=val ')
print(m, m.groupdict(), m.expand(rb'\g<v>:\1'), m.string, m.regs)
print(re.subn(rb'(\w)', lambda m: m.group(1).upper(), b'ab c'), re.findall(b'', b'ab'))
ba = bytearray(b'xyz')
m = re.search(b'y', ba)
print(m.group(), type(m.group()).__name__, m.string is ba)
print(re.compile(b'\\d').scanner(b'1a2').search(), [m.span() for m in re.finditer(b'a', bytearray(b'aba'))])
class S(str):
    pass
m = re.match('a+', S('aab'))
print(m, type(m.group()).__name__, type(m.string).__name__, type(re.sub('a', 'b', S('a'))).__name__)
