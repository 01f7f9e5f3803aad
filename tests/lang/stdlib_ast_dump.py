# ast.parse + ast.dump(include_attributes=True), part 1 (stdlib_ast_dump2 has
# the rest) over every statement and
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
]

for src in SNIPPETS:
    print('#', repr(src))
    try:
        tree = ast.parse(src)
    except SyntaxError as e:
        print('SyntaxError', e)
        continue
    print(ast.dump(tree, include_attributes=True))

