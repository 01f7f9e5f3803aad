# Code object attributes with CPython's values (co_flags, co_varnames, co_consts...), replace().
import sys
def f(a, b=2, /, c=3, *d, e, f=5, **g):
    x = 1
    def inner(): return x + a
    return inner
c = f.__code__
for n in ['co_name','co_qualname','co_argcount','co_posonlyargcount','co_kwonlyargcount','co_nlocals','co_varnames','co_freevars','co_cellvars','co_names','co_flags','co_firstlineno']:
    print(n, getattr(c, n))
i = f(1, e=2)
ic = i.__code__
for n in ['co_name','co_qualname','co_nlocals','co_varnames','co_freevars','co_cellvars','co_names','co_flags']:
    print(n, getattr(ic, n))
def gen(): yield 1
print(gen.__code__.co_flags, (lambda: 0).__code__.co_flags, (lambda: 0).__code__.co_name)
class K:
    def m(self): pass
print(K.m.__code__.co_qualname, K.m.__code__.co_flags)
print(f.__defaults__, f.__kwdefaults__, f.__qualname__, f.__module__, f.__name__)
print(compile("x = 1", "s", "exec").co_flags, compile("x", "s", "eval").co_flags)
print(compile("x = 1\ny = x\nprint(y)", "s", "exec").co_names)
print(c.co_consts[0], f.__code__.co_consts[0])
def documented():
    "the doc"
    return None
print(documented.__code__.co_consts[0])
print([type(x).__name__ for x in c.co_consts])
def kw(*, a, b): pass
print(kw.__code__.co_kwonlyargcount, kw.__code__.co_argcount, kw.__code__.co_flags)
def star(*args, **kwargs): pass
print(star.__code__.co_varnames, star.__code__.co_flags, star.__code__.co_argcount)
def genexp_user():
    return list(x for x in range(3))
print(genexp_user.__code__.co_flags)
print(type(c).__name__, c.co_filename == __file__, isinstance(c.co_code, bytes))
c2 = c.replace(co_name="renamed", co_qualname="Q.renamed")
print(c2.co_name, c2.co_qualname, c.co_name, c2.co_varnames == c.co_varnames)
for bad in [dict(co_bogus=1), dict(co_name=3), dict(co_firstlineno="x")]:
    try:
        c.replace(**bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    c.replace("x")
except TypeError as e:
    print("TypeError:", e)
