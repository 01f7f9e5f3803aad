import difflib

a = """one
two
three
four
five
six
seven
eight
nine
ten""".splitlines(keepends=True)
b = """one
two
3
four
five
six
seven
eight and a half
nine
ten
eleven""".splitlines(keepends=True)

print(''.join(difflib.unified_diff(a, b, fromfile='a.txt', tofile='b.txt')), end='')
print('---- n=1')
print(''.join(difflib.unified_diff(a, b, fromfile='a', tofile='b', n=1)), end='')
print('---- context')
print(''.join(difflib.context_diff(a, b, fromfile='a', tofile='b')), end='')
print('---- lineterm')
for line in difflib.unified_diff(['x', 'y'], ['x', 'z'], lineterm=''):
    print(line)
print('---- ndiff')
print(''.join(difflib.ndiff(['one\n', 'two\n', 'three\n'], ['ore\n', 'tree\n', 'emu\n'])), end='')
diff = list(difflib.ndiff(['abcdefg\n'], ['abXdeYg\n']))
print(''.join(difflib.restore(diff, 1)), end='')
print(''.join(difflib.restore(diff, 2)), end='')
print('---- Differ')
d = difflib.Differ()
for line in d.compare(['  private Thread currentThread;\n'], ['  private volatile Thread currentThread;\n']):
    print(line, end='')

print('---- SequenceMatcher')
s = difflib.SequenceMatcher(None, "abxcd", "abcd")
print(s.ratio(), s.quick_ratio(), s.real_quick_ratio())
print(s.get_matching_blocks())
for op in s.get_opcodes():
    print(op)
s = difflib.SequenceMatcher(lambda x: x == " ", "private Thread currentThread;",
                            "private volatile Thread currentThread;")
print(round(s.ratio(), 3))
print(s.find_longest_match(0, 29, 0, 38))
for op in s.get_opcodes():
    print(op)
s = difflib.SequenceMatcher(None, "qabxcd", "abycdf")
for tag, i1, i2, j1, j2 in s.get_opcodes():
    print('{:7}   a[{}:{}] --> b[{}:{}] {!r:>8} --> {!r}'.format(tag, i1, i2, j1, j2, s.a[i1:i2], s.b[j1:j2]))
s = difflib.SequenceMatcher(None, list(range(100)), list(range(0, 100, 2)) + [1000])
print(round(s.ratio(), 4))
for g in s.get_grouped_opcodes(2):
    print(g[:3])
s.set_seqs("abcd", "bcde")
print(s.ratio())
s.set_seq1("bcde")
print(s.ratio())
print(difflib.SequenceMatcher(None, "", "").ratio())
print(difflib.SequenceMatcher(None, "abc", "").ratio())

print('---- get_close_matches')
print(difflib.get_close_matches('appel', ['ape', 'apple', 'peach', 'puppy']))
import keyword
print(difflib.get_close_matches('wheel', keyword.kwlist))
print(difflib.get_close_matches('pineapple', keyword.kwlist))
print(difflib.get_close_matches('accept', keyword.kwlist))
print(difflib.get_close_matches('lamdba', keyword.kwlist, n=1, cutoff=0.5))
try:
    difflib.get_close_matches('x', ['y'], n=0)
except ValueError as e:
    print('ValueError', e)
try:
    difflib.get_close_matches('x', ['y'], cutoff=2)
except ValueError as e:
    print('ValueError', e)
print(difflib.IS_CHARACTER_JUNK(' '), difflib.IS_CHARACTER_JUNK('x'))
print(difflib.IS_LINE_JUNK('  # \n'), difflib.IS_LINE_JUNK('code\n'))
print('---- diff_bytes')
for line in difflib.diff_bytes(difflib.unified_diff, [b'a\n', b'b\n'], [b'a\n', b'c\n'], b'x', b'y'):
    print(line)
print('---- HtmlDiff')
h = difflib.HtmlDiff(wrapcolumn=20)
t = h.make_table(['hello world\n', 'same\n'], ['hello there world\n', 'same\n'], 'from', 'to')
print(t)
print(h.make_table(['a\tb\n'], ['a\tc\n'], context=True, numlines=0))
