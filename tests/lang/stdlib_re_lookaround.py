# re: lookahead and lookbehind assertions, positive and negative, with
# captures inside them and at the edges of pos/endpos.
import re

for pat, s in [(r'(?=ab)a', 'xab'), (r'(?!ab)a', 'abac'), (r'(?<=x)y', 'xyy'), (r'(?<!x)y', 'xyy'),
               (r'(?<=\d{3})x', '12x 123x'), (r'(?<=ab|cd)x', 'abx cdx ex'), (r'\w+(?=,)', 'a, bc, d'),
               (r'(?=(\w+))\w', 'abc'), (r'(?!(a))\w', 'ab'), (r'(?<=(a))b', 'ab'), (r'(?<!(a))b', 'cb'),
               (r'(?<=^)a', 'aa'), (r'(?<=\b)a', 'a ba'), (r'a(?=b)|a(?=c)', 'ac ab'), (r'(?=a|b)(.)', 'cab'),
               (r'(?<=a(?=b))b', 'ab'), (r'(?!)', 'a'), (r'(?=)', 'ab'), (r'(?<![a-z])\d+', 'a1 2 b33'),
               (r'(?:(?!ab).)+', 'xxabyy'), (r'(?<=(?P<x>.))y(?P=x)', 'ayaxyx')]:
    m = re.search(pat, s)
    print(repr(pat), repr(s), m and (m.span(), m.groups()), re.findall(pat, s))
p = re.compile(r'(?<=a)b')
print(p.search('ab', 1), p.match('ab', 1), p.search('xb', 1), re.compile(r'a(?=b)').search('ab', 0, 1))
print(re.compile(r'(?<!a)b').match('ab', 1), re.compile(r'\bb').match('ab', 1), re.compile('^b').match('ab', 1))
print(re.sub(r'(?<=\d)(?=(\d{3})+\b)', ',', '1234567 89 1000'))
