# ast.parse + ast.dump(include_attributes=True) over every statement and
# expression kind of 3.11: positions (col offsets are UTF-8 byte offsets),
# Constant.kind, f-string shapes, parenthesized starts, trailing ';'.
import ast

SNIPPETS = [
    "x = 1\n",
    "a = b = c\n",
    "a, *b = c\n",
    "[a, b] = c, d\n",
    "(a) = (b)\n",
    "x.y[z] += 1\n",
    "x: int = 3\n",
    "(x): int\n",
    "x.y: 'T'\n",
    "del a, b[1], c.d\n",
    "del (a, b)\n",
    "del ()\n",
    "del [a]\n",
    "pass; break; continue;\n",
    "return\nreturn x, y\n",
    "raise\nraise E from None\n",
    "assert x, 'msg'\n",
    "import os, os.path as p, a.b.c\n",
    "from . import x\nfrom ..a.b import (c as d, e,)\nfrom m import *\n",
    "global a, b\nnonlocal c\n",
    "if a:\n    pass\nelif b:\n    x\nelse:\n    y\n",
    "while x: y; z;\nelse: w\n",
    "for i, j in k:\n    break\nelse:\n    pass\n",
    "async def f():\n    async for x in y: pass\n    async with a as b, c: pass\n    await z\n",
    "with open(f) as g, (h) as (i, j): pass\n",
    "with (a as b, c as d,): pass\n",
    "with (a, b): pass\n",
    "try:\n    x\nexcept E as e:\n    y\nexcept (A, B):\n    z\nexcept:\n    w\nelse:\n    v\nfinally:\n    u\n",
    "try:\n    x\nexcept* E as e:\n    y\n",
    "@dec\n@dec2(a, b=1)\n@(d := x)\ndef f(a, /, b: int = 1, *c, d, e=2, **f) -> None:\n    '''doc'''\n    return a\n",
    "class C(B, metaclass=M, **kw):\n    x: int\n    def m(self): ...\n",
    "lambda: 0\nlambda a, *b, c=1, **d: a\nlambda a, /: a\n",
    "x = a if b else c\n",
    "x = a and b or not c\n",
    "x = -a + +b * ~c ** d // e % f @ g / h - i << j >> k & l | m ^ n\n",
    "x = a < b <= c == d != e > f >= g is h is not i in j not in k\n",
    "x = (a < b)\n",
    "f(a, *b, c=d, **e)\nf(x for x in y)\nf((x for x in y), z)\n",
    "x = [i for i in a if i if not i]\nx = {i for i in a}\nx = {k: v for k, v in a}\nx = (i async for i in a)\n",
    "x = {}\nx = {1: 2, **d, 3: 4}\nx = {1, 2}\nx = []\nx = ()\nx = (1,)\nx = 1,\n",
    "x = a[1:2, ::3, 4]\nx = a[:]\nx = a[b:]\nx = a[(1, 2)]\nx = a[*b]\n",
    "x = a.b.c(d)[e].f\n",
    "def g():\n    yield\n    yield x\n    yield from y\n    x = yield\n",
    "if (n := len(a)) > 10: pass\n",
    "x = 1_000 + 0x1F + 0o17 + 0b101 + 1.5e3 + 2j + 10 ** 30\n",
    "x = 'a' 'b' u'c' b'd' b'e' r'\\n' '\\u00e9' '\\N{BULLET}'\n",
    "x = u'kind' 'rest'\n",
    "x = 'é' + 'ü'; y = 'x'\n",
    "s = 'ñ'; t = f'{s}ü{s!r:>{w}}' + f'{a=}' + f'{b = !s:10}'\n",
    "x = f'a{b}c' f'd{e:{f}}' 'g'\n",
    "x = (f'U{s:02d}'\n     f'.{m:06d}')\n",
    "x = f'{a,}' + f'{ a, b }' + f'{(c, d)}'\n",
    "x = f''\nx = f'{{}}'\nx = f'{x!a}{y!s}'\n",
    "x = '''multi\nline''' + f'''{a}\n{b}'''\n",
    "x = (\n    a +\n    b\n)\n",
    "x = [\n    1,\n    2,\n]\n",
    "print(*a, sep='')\n",
    "match p:\n    case 1 | 2 | -3 | 1+2j | 'a' | b'x':\n        pass\n    case None | True | False:\n        pass\n    case [a, *rest] | (a, b) | ():\n        pass\n    case {'k': v, **kw}:\n        pass\n    case P(x, y=0) | a.B() | Q(z=[1]):\n        pass\n    case (0 as z) | (1 as z) if z:\n        pass\n    case _:\n        pass\n",
    "match a, b:\n    case x, y: pass\n    case [*_]: pass\n    case {1: _, **r}: pass\n",
    "x = ...\nx = None, True, False\n",
    "x = not a\nx = a if b else (c if d else e)\n",
    "x = [*a, *b]\nx = {**a}\n*a, b = c\n",
    "def f(*, a): pass\ndef g(a=1, /, b=2): pass\n",
    "class A: pass\nclass B(): pass\n",
    "for x in y: pass\n",
    "if a: b\nelif c: d\n",
    "x = a[b][c](d)(e)\n",
    "x = (yield)\n",
    "x = await y\n",
    "a.b = c.d = e\n",
    "x = -1 ** 2\n",
    "x = 'a' \\\n    'b'\n",
    "if a:\n    if b:\n        c;\n",
]

for src in SNIPPETS:
    print('#', repr(src))
    try:
        tree = ast.parse(src)
    except SyntaxError as e:
        print('SyntaxError', e)
        continue
    print(ast.dump(tree, include_attributes=True))

print(ast.dump(ast.parse('x', mode='eval'), include_attributes=True))
print(ast.dump(ast.parse('1 +\\\n2', mode='eval'), include_attributes=True, indent=2))
print(ast.dump(ast.parse('x = 1; y', mode='single'), include_attributes=True))
print(ast.dump(ast.parse('if x:\n  y\n', mode='single'), indent='  '))
print(ast.dump(ast.parse('def f(): pass'), annotate_fields=False))
print(ast.dump(ast.parse('from __future__ import braces')))
print(ast.dump(ast.parse('return 1\nbreak\ncontinue\nyield 2\nawait x\n')))
print(ast.dump(compile('a + b', '<s>', 'eval', ast.PyCF_ONLY_AST)))
print(ast.dump(compile(b'x = 1', '<s>', 'exec', flags=ast.PyCF_ONLY_AST)))
for bad in ['x = (', 'f(**a, *b)', 'def f(a=1, b): pass', 'x +* 1', 'a = 1 = 2']:
    try:
        ast.parse(bad)
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset)
t = ast.parse('x')
print(compile(t, 'f', 'exec', ast.PyCF_ONLY_AST) is t)
