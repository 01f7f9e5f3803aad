# Where star-expressions are allowed, and CPython's messages where they are not.
cases = [
    '*a, *b = c',
    '*a = c',
    'a, *b, c = d',
    '[*a] = b',
    '(*a) = b',
    '*a, = b',
    'print(*a if b else c)',
    'x = *a',
    'x = *a,',
    'del *a, b',
    'for *a in b: pass',
    'for *a, in b: pass',
    'return *a',
    'def f(): return *a',
    'def f(): return *a,',
    'def f(): yield *a',
    'x[*a] = 1',
    'x[*a, *b]',
    'f(**a, *b)',
    'f(*a, k=1, *b)',
    '{**a: 1}',
    '{*a: 1}',
    '[*a for a in b]',
    '{**a for a in b}',
    'print(*)',
    'a = (*b)',
    'a = (*b,)',
    'a += *b,',
    'a: int = *b,',
    'with a as *b: pass',
    'with a as (*b, c): pass',
    'import *',
    'assert *a',
    '[**a]',
    '(**a)',
    'f(**)',
    '*a += 1',
    'lambda *a, *b: 1',
    'a = yield *b, c\n',
]
for src in cases:
    try:
        compile(src, "<s>", "exec")
        print(repr(src), "OK")
    except SyntaxError as e:
        print(repr(src), "SyntaxError:", e.msg, e.lineno, e.offset)
