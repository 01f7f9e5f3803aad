"""Docstring first."""
from __future__ import annotations
from __future__ import division, generators, nested_scopes, absolute_import, with_statement
from __future__ import print_function, unicode_literals, generator_stop, barry_as_FLUFL
def f(a: undefined[int], *b: List[str] | None, c: a.b.c = 1, **d: lambda x, *y, z=1, **w: x) -> -1 ** 2: pass
for k, v in f.__annotations__.items(): print(k, repr(v))
x: (1, 2) = 3
y: dict[str, tuple[int, ...]]
z: a if b else c
w: [i for i in range(3) if i]
v: {1: 2, **d}
u: {*a, b}
t: x[1:2, ::3]
s: not a or b and c
r: (a, b)[0]
q: 1 .real
o: f(*a, k=1, **kw)
n: f(i for i in j)
m: 'single' + "dq'"
l: a < b <= c is not d not in e
i: -(-x) ** -y
h: {}
g: set()
e: 1e400
print(__annotations__)
class C:
    attr: C
    def m(self, other: C) -> C: pass
print(C.__annotations__, C.m.__annotations__)
def g(): 
    local: nothing_here = 1
    return local
print(g())
import __future__
print(__future__.annotations)
