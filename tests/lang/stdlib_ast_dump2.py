# ast.parse + ast.dump(include_attributes=True), part 2 (stdlib_ast_dump has
# part 1): literals, f-strings, match statements, the eval and single modes,
# syntax errors, compile(..., PyCF_ONLY_AST).
import ast

SNIPPETS = [
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
