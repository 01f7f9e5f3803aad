# ast.py's helpers over minipy's trees: literal_eval (and its errors),
# unparse round trips, NodeVisitor, walk, iter_fields, iter_child_nodes,
# get_docstring, get_source_segment, copy_location, increment_lineno.
import ast

for s in ['1', '-2.5', '+3', '1+2j', '-(1)', "'a' 'b'", "b'x'", '(1, [2, {3: 4}], {5})', 'set()',
          'None', 'True', '...', '{"a": (1, -2j)}', '  7', '\t[1,\n 2]', "'é'", '10**2', 'x', 'f()',
          '[1, x]', '{1: 2, **d}', '1 + 1', '(1).real', '"a" + "b"', '- - 1', '-"a"', 'set([1])',
          '{}', '1 if 2 else 3', '[*a]', '3j - 1', '0x10 + 1']:
    try:
        print(repr(s), '->', repr(ast.literal_eval(s)))
    except Exception as e:
        msg = str(e)
        if ' at 0x' in msg:
            msg = msg[:msg.index(' at 0x')] + '>'
        print(repr(s), '->', type(e).__name__, msg)
print(ast.literal_eval(ast.parse('[1, 2]', mode='eval')))
print(ast.literal_eval(ast.Constant(value=5)))
try:
    ast.literal_eval('1 +')
except SyntaxError as e:
    print('SyntaxError', e.msg)

SOURCES = [
    'x = 1',
    'a, *b = c',
    'del a[1:2], b.c',
    'x: int = 5',
    'from .. import (a as b, c)',
    'import a.b as c',
    'def f(a, /, b: int = 1, *args, c, d=2, **kw) -> bool:\n    """doc"""\n    return not a',
    '@d\nasync def g():\n    async with a as (b, c):\n        await b\n    async for x in y:\n        yield x',
    'class C(A, B, metaclass=M):\n    pass',
    'while x:\n    break\nelse:\n    continue',
    'if a:\n    pass\nelif b:\n    pass\nelse:\n    pass',
    'try:\n    pass\nexcept E as e:\n    raise X from e\nelse:\n    pass\nfinally:\n    pass',
    'try:\n    pass\nexcept* E:\n    pass',
    'with a, b as c:\n    pass',
    'global x, y',
    'x = lambda a, *b, **c: (a, b, c)',
    'x = [i for i in range(3) if i] + {k: v for k, v in d} | {s for s in t}',
    'x = (i async for i in g)',
    "x = f'{a!r:>{w}}' + f'{b=}' + f\"{'q'}\"",
    'x = a if b else c',
    'x = -a ** -b',
    'x = (a + b) * c - d / (e - f)',
    'x = a < b < c and not d or e',
    'x = a[1:2, ::3]',
    'x = (yield)',
    'print(*a, **b)',
    "match p:\n    case [1, *r] | {'k': _, **kw} | P(a, b=2) | (1 | 2) as z if z:\n        pass",
    'x = 1e100 + 1j + 0xff',
    "x = 'a\\nb' + \"c'd\" + b'\\x00'",
    'assert x, "m"',
    'nonlocal q',
    '(a := 5)',
    'x = ...',
]
for s in SOURCES:
    out = ast.unparse(ast.parse(s))
    again = ast.unparse(ast.parse(out))
    print(out)
    print('  stable' if out == again else '  UNSTABLE ' + again)


class Counter(ast.NodeVisitor):
    def __init__(self):
        self.names = []

    def visit_Name(self, node):
        self.names.append(node.id)
        self.generic_visit(node)

    def visit_FunctionDef(self, node):
        self.names.append('def ' + node.name)
        self.generic_visit(node)


src = '''"""Module doc."""
def f(a, b):
    """Function doc.

    More."""
    return a + b * c

class K:
    "K doc"
    x = f(1, 2)
'''
t = ast.parse(src)
c = Counter()
c.visit(t)
print(c.names)
print(sorted({type(n).__name__ for n in ast.walk(t)}))
print([(k, type(v).__name__) for k, v in ast.iter_fields(t.body[1])])
print([type(n).__name__ for n in ast.iter_child_nodes(t.body[1])])
# (clean=True needs inspect, which needs re)
print(repr(ast.get_docstring(t, False)), repr(ast.get_docstring(t.body[2], clean=False)))
print(repr(ast.get_docstring(t.body[1], clean=False)))
try:
    ast.get_docstring(t.body[1].body[1])
except TypeError as e:
    print(e)
ret = t.body[1].body[1]
print(repr(ast.get_source_segment(src, ret)), repr(ast.get_source_segment(src, ret.value, padded=True)))
print(repr(ast.get_source_segment(src, t.body[2])))
u = 'x = "ü" + y\n'
print(repr(ast.get_source_segment(u, ast.parse(u).body[0].value.right)))
new = ast.copy_location(ast.Name('z', ast.Load()), ret.value)
print(new.lineno, new.col_offset, new.end_lineno, new.end_col_offset)
ast.increment_lineno(t, 5)
print(t.body[1].lineno, t.body[1].end_lineno, ret.value.lineno)
print(ast.dump(ast.parse('x = 1'), indent=4))
