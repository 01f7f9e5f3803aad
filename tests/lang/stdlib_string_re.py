# string (Template, capwords, Formatter), textwrap and fnmatch: pure-Python
# library modules that run on the re package.
import string, textwrap, fnmatch

t = string.Template('$who likes ${what}; $$5')
print(t.substitute(who='tim', what='kung pao'), t.safe_substitute(who='x'), t.get_identifiers(), t.is_valid())
for bad in [lambda: t.substitute(who='a'), lambda: string.Template('$').substitute(), lambda: string.Template('${a').substitute(a=1)]:
    try:
        bad()
    except (KeyError, ValueError) as e:
        print(type(e).__name__, e)
class Pct(string.Template):
    delimiter = '%'
print(Pct('%x and %{y}').substitute(x=1, y=2), string.capwords(' hello   world '), string.capwords('a-b c-d', '-'))
f = string.Formatter()
print(f.format('{0}-{x!r:>5}|{1:.2f}', 1, 2.5, x='a'), list(f.parse('a{0}b{x:>3}')), f.vformat('{a}', (), {'a': 7}))

text = 'The quick brown fox jumps over the lazy dog. ' * 3
print(textwrap.fill(text, width=30))
print(textwrap.wrap('Supercalifragilistic word wrapping\ttabs here', 12))
print(textwrap.dedent('   a\n     b\n\n   c'), textwrap.shorten('Hello  world!  How are you?', 15))
print(textwrap.indent('a\nb\n\nc', '> '), textwrap.fill('one-two-three-four', 8), textwrap.wrap('', 5))
w = textwrap.TextWrapper(width=20, initial_indent='* ', subsequent_indent='  ', break_long_words=False)
print(w.fill('a verylongwordthatdoesnotfit and more words here'))

print(fnmatch.fnmatch('foo.py', '*.py'), fnmatch.fnmatch('Foo.PY', '*.py'), fnmatch.fnmatchcase('Foo.PY', '*.py'))
print(fnmatch.filter(['a.c', 'b.h', 'x.c', '.c'], '*.c'), fnmatch.translate('[!a-c]?*.txt'), fnmatch.translate('a[]b]'))
print(fnmatch.fnmatch('a[b', 'a[b'), fnmatch.fnmatch('ab', 'a[!b]'), fnmatch.fnmatch('a-', 'a[a-]'))
