# from __future__: every 3.11 feature is accepted, unknown and late ones are not.
import __future__
print(__future__.all_feature_names)
print(__future__.annotations, __future__.division.getMandatoryRelease())
cases = [
    "from __future__ import nested_scopes, generators, division, absolute_import\n",
    "from __future__ import with_statement, print_function, unicode_literals\n",
    "from __future__ import barry_as_FLUFL, generator_stop, annotations\n",
    "'''doc'''\nfrom __future__ import annotations\nfrom __future__ import division\nx = 1\n",
    "from __future__ import (annotations,\n    division)\n",
    "from __future__ import nope\n",
    "from __future__ import annotations, braces\n",
    "from __future__ import annotations, spam\n",
    "import os\nfrom __future__ import annotations\n",
    "x = 1\n\nfrom __future__ import division\n",
    "from __future__ import annotations\nimport os; from __future__ import division\n",
    "def f():\n    from __future__ import division\n",
    "'''doc'''\n'''not a doc'''\nfrom __future__ import annotations\n",
    "from __future__ import annotations\nx: (yield) = 1\n",
    "from __future__ import annotations\nx: (y := 1) = 1\n",
    "from __future__ import annotations\ndef f(a: (yield)): pass\n",
    "def f():\n    global x\n    x: int = 1\n",
    "def f():\n    x = 1\n    def g():\n        nonlocal x\n        x: int\n",
    "global x\nx: int = 1\n",
    "def f():\n    x: int\n    global x\n",
    "(x): int = 1\n",
    "x.y: int\n",
    "1 <> 2\n",
    "from __future__ import barry_as_FLUFL\nprint(1 <> 2)\n",
    "from __future__ import barry_as_FLUFL\nprint(1 != 2)\n",
]
for src in cases:
    try:
        compile(src, "<s>", "exec")
        print("OK")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno, e.offset)
ns = {}
exec("from __future__ import annotations\ndef f(a: b.c[d]) -> e: pass\nx: 'q' = 1\n", ns)
print(ns["f"].__annotations__, ns["__annotations__"])
