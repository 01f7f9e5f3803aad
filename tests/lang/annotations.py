def f(a: int, /, b: "str" = 1, *c: list[int], d: dict = {}, **e: None) -> bool: pass
print(f.__annotations__)
def g(x, y=2): pass
print(g.__annotations__)
g.__annotations__ = {'z': 1}; print(g.__annotations__)
try:
    g.__annotations__ = 5
except TypeError as e: print(e)
x: int = 5
y: "list"
print(__annotations__, x)
class C:
    a: int
    b: str = "hi"
    if True:
        c: float = 1.0
    def m(self) -> "C": pass
print(C.__annotations__, C.b, C.m.__annotations__)
class D: pass
print(hasattr(D, '__annotations__'))
def h():
    z: int = 3
    w: undefined_name
    return z
print(h())
obj = C()
obj.attr: int = 4
print(obj.attr)
lst = [0, 1]
lst[0]: int = 9
print(lst)
class E:
    __private: int = 1
print(E.__annotations__)
import sys
print('__annotations__' in dir(sys.modules[__name__]))
lam = lambda q: q
print(lam.__annotations__)
Ts = [int]
def f(*args: *Ts): pass
print(f.__annotations__)
try:
    exec("def g(*args: *[1, 2]): pass")
except ValueError as e:
    print("ValueError:", e)
exec("from __future__ import annotations\ndef h(*args: *Ts): pass\nprint(h.__annotations__)")
for src in ["def f(a: *b): pass", "def f(**k: *b): pass", "def f(*, a: *b): pass", "lambda *a: *b: 1"]:
    try:
        compile(src, "<s>", "exec"); print("OK")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.offset)
class C:
    def m(self, x: int) -> str: pass
    @staticmethod
    def s(y: float): pass
    @classmethod
    def c(cls, z: bytes): pass
print(C().m.__annotations__, C.s.__annotations__, C.c.__annotations__)
try:
    C().__annotations__
except AttributeError as e:
    print("AttributeError", e)
def f(a: int): pass
del f.__annotations__
print(f.__annotations__)
f.__annotations__ = None
print(f.__annotations__)
