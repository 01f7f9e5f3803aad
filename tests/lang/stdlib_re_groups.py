# re: groups, backreferences, conditional groups, alternation and repeats
# (greedy, lazy, possessive, atomic), and their capture semantics.
import re

tests = [
    (r'(a|ab)(c|bcd)(d*)', 'abcd'), (r'(a*?)(b+?)', 'aabbb'), (r'(?:(a)|b)*', 'ab'),
    (r'(?:(a)|(b))+', 'ab'), (r'((a)|b)+', 'ab'), (r'(a)(b)?', 'a'), (r'(a|b)*?c', 'abac'),
    (r'(\w+)\s+\1', 'hello hello world'), (r'(?P<x>a)(?P=x)', 'aa'), (r'(?i)(ab)\1', 'abAB'),
    (r'(a)?b(?(1)c|d)', 'abc'), (r'(a)?b(?(1)c|d)', 'bd'), (r'(a)?b(?(1)c|d)', 'bc'),
    (r'(?P<q>")?\w+(?(q)")', '"abc"'), (r'(?P<q>")?\w+(?(q)")', 'abc"'),
    (r'(.)(.)(.)\3\2\1', 'xabccba'), (r'(a{2})*', 'aaaaa'), (r'(?:a{2,3}){2}', 'aaaaaaa'),
    (r'a{,2}', 'aaa'), (r'a{3,}', 'aaaaa'), (r'x{0}y', 'y'), (r'(ab)*?b', 'ababb'),
    (r'(a+|b+)*c', 'aabbac'), (r'(|a)+', 'aa'), (r'(a|)+b', 'aab'), (r'(?:a?)*?b', 'aab'),
    (r'(a|b)*?(b|c)', 'abbc'), (r'(?>a|ab)c', 'abc'), (r'(?:a|ab)c', 'abc'), (r'(?>a+)b', 'aaab'),
    (r'(?>a+)a', 'aaa'), (r'a++b', 'aaab'), (r'a++a', 'aaa'), (r'(?:ab)++c', 'ababc'),
    (r'(?:ab)++ab', 'ababab'), (r'(?:a|b)*+c', 'abac'), (r'a?+a', 'a'), (r'(a)*+', 'aaa'),
    (r'(?:(a)|b)++', 'aba'), (r'a{2,3}+a', 'aaaa'), (r'(?:x|y){2,}+y', 'xyxy'),
    (r'(a*)*b', 'aaab'), (r'(a*)+b', 'aab'), (r'(a*)*', 'b'), (r'(a|b|)*c', 'abc'),
    (r'\d{2,4}?', '12345'), (r'(\d+?)(\d*)', '12345'), (r'(?:(\d)|x)+?y', '1x2y'),
    (r'(a)|(b)|(c)', 'c'), (r'(?:(a)|b)(?(1)x|y)', 'by'), (r'(?:a(?=b)|.)+', 'abac'),
]
for pat, s in tests:
    m = re.search(pat, s)
    print(repr(pat), repr(s), m and (m.span(), m.groups(), m.lastindex, m.regs))
    print('   ', re.findall(pat, s), re.sub(pat, '<\\g<0>>', s))

big = 'ab' * 100000
print(re.match('(a|b)*', big).span(), re.match('(?:a|b)*c', big), re.match('(ab)*', big).group(1))
print(re.match('(?:(a)|b)*?$', big).span(), re.fullmatch(r'(?:a|(b))+', big).span(1))
print(re.match('(?>(?:a|b)*)', big).span(), re.match('(?:ab)*+$', big).end(), len(re.findall('(a)(?=b)', big[:3000])))
print(re.match(r'(a*)*b', 'a' * 20), re.search(r'(x+x+)+y', 'x' * 16))
