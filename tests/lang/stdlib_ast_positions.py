# Positions in corner cases: CRLF, tabs, form feeds, comments, continuation
# lines, multi-line f-strings, chained calls, unpacking.
import ast
for s in ["x = 1\r\ny = (2 +\r\n 3)\r\n", "if x:\n\ty = 1\n\tz = 'é' + \\\n\t\t'ü'\n", "\x0cx = 1\n", "x = 1 # c\n# c2\n", "def f():\n    pass\n\n\n# end\n",
          "@d\n\nclass A:\n  '''d'''\n", "x = [\n  1, 2,  # c\n]\n", "a = b if c else d  # c\n", "lambda: (yield)\n", "x = 'a' \\\n 'b'\n",
          "try:\n  pass\nexcept:\n  pass\n", "with a:\n  pass\n  # c\n", "x = f'{\n1}'\n", "x = f'''{\na\n}'''\n", "x = f'{x:{y}}'\n", "x = f'{x!r:^{y}.{z}}'\n",
          "x = f'a' f'b'\n", "x = 'a' f'{b}' 'c'\n", "f(a)(b)\n", "x[1](2)[3]\n", "-x ** 2\n", "not a == b\n", "print(*(yield))\n" if False else "x = *a, *b\n",
          "for x, in y: pass\n", "x = a.b\\\n.c\n", "x = (  # c\n  a)\n", "import a as b\n", "from a import (b)\n", "global x\n", "x: 'a' = 1\n"]:
    try:
        print(ast.dump(ast.parse(s), include_attributes=True))
    except SyntaxError as e:
        print('SyntaxError', e.msg, e.lineno, e.offset)
