import shlex

cases = [
    'a b c',
    'echo "hello world" \'single q\'',
    'foo\\ bar baz',
    'x="a b" y=\'c d\'',
    'one # comment here',
    '  leading   and trailing  ',
    '"esc \\" quote" \'no \\ esc\'',
    'a"b c"d',
    '',
    'path/to/file.txt --opt=val -x',
]
for c in cases:
    print(repr(c), shlex.split(c))
print(shlex.split('one # comment', comments=True))
print(shlex.split('a b', posix=False))
print(shlex.split('"a b" \'c d\' e', posix=False))

for bad in ['"unterminated', "'open", 'trailing\\']:
    try:
        shlex.split(bad)
    except ValueError as e:
        print('ValueError', e)

for s in ['', 'simple', 'has space', "it's", 'a"b', '$HOME', 'x;y', 'é', '-flag', 'a\nb']:
    print(repr(s), shlex.quote(s))
print(shlex.join(['ls', '-l', 'my file', "o'neil", '']))
print(shlex.split(shlex.join(['a b', 'c"d', "e'f"])))

lex = shlex.shlex('a = b + "c d"; e', posix=True)
print(list(lex))
lex = shlex.shlex('a=b,c', posix=False)
print(list(lex))
lex = shlex.shlex('key=value other', posix=True, punctuation_chars=True)
print(list(lex))
lex = shlex.shlex('ls | grep x && echo done; (cd /tmp) > out', punctuation_chars=True)
print(list(lex))
lex = shlex.shlex('a:b:c')
lex.whitespace = ':'
lex.whitespace_split = True
print(list(lex))
lex = shlex.shlex('x y z')
print(lex.get_token(), lex.get_token())
lex.push_token('pushed')
print(lex.get_token(), lex.get_token(), repr(lex.get_token()))
lex = shlex.shlex('first\nsecond third', posix=True)
lex.get_token(); print(lex.lineno)
lex.get_token(); print(lex.lineno)
print(shlex.shlex('a b').eof, repr(shlex.shlex('a b', posix=True).eof))
