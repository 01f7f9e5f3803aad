# Function attributes: __code__ (get/set), __closure__ cells, __defaults__, __dict__, __wrapped__.
def f(a, b=1, *, c=2):
    "doc"
    return a + b + c
def g(a, b=1, *, c=2):
    return a * b * c
def t(fn):
    try: print(repr(fn()))
    except Exception as e: print(type(e).__name__ + ":", e)
t(lambda: setattr(f, '__closure__', None))
t(lambda: setattr(f, '__globals__', {}))
t(lambda: setattr(f, '__code__', 5))
t(lambda: delattr(f, '__code__'))
t(lambda: setattr(f, '__defaults__', 5))
t(lambda: setattr(f, '__kwdefaults__', 5))
t(lambda: setattr(f, '__name__', 5))
t(lambda: setattr(f, '__qualname__', 5))
t(lambda: delattr(f, '__name__'))
t(lambda: delattr(f, '__dict__'))
t(lambda: setattr(f, '__dict__', 5))
f.__code__ = g.__code__
print(f(2, 3), f.__name__, f.__code__.co_name, f.__doc__)
def outer():
    x = 1
    def inner(): return x
    return inner
i = outer()
t(lambda: setattr(g, '__code__', i.__code__))
print(i.__closure__[0].cell_contents)
i.__closure__[0].cell_contents = 7
print(i())
del i.__closure__[0].cell_contents
t(lambda: i())
t(lambda: i.__closure__[0].cell_contents)
print(type(i.__closure__[0]))
f.attr = 1
print(f.__dict__, vars(f))
def deco(fn):
    def w(*a, **k): return fn(*a, **k)
    for n in ('__module__', '__name__', '__qualname__', '__doc__'):
        setattr(w, n, getattr(fn, n))
    w.__dict__.update(fn.__dict__)
    w.__wrapped__ = fn
    return w
@deco
def target(x):
    "target doc"
    return x
print(target.__wrapped__ is not None, target.__name__, target.__doc__, target.__qualname__, target(3))
print(f.__module__, f.__builtins__ is __builtins__.__dict__ if not isinstance(__builtins__, dict) else 'd')
c = g.__code__
c2 = c.replace(co_name="renamed")
print(c2.co_name, c.co_name, c2.co_varnames, c2 is c)
g.__code__ = c2
print(g(1, 2), g.__code__.co_name)
t(lambda: c.replace(co_bogus=1))
t(lambda: c.replace(1))
c3 = c.replace(co_consts=c.co_consts, co_firstlineno=100, co_filename="other.py", co_qualname="Q")
print(c3.co_firstlineno, c3.co_filename, c3.co_qualname)

# function(code, globals, name, argdefs, closure) and cell(), as types.FunctionType/CellType
def f2(a, b=2):
    return a + b + g
def mk():
    x = 10
    def inner(): return x
    return inner
FT = type(f2)
nf = FT(f2.__code__, {'g': 100})
print(nf(1, 2), nf.__name__, nf.__defaults__, nf.__globals__ == {'g': 100})
nf2 = FT(f2.__code__, {'g': 1}, "renamed", (5,))
print(nf2(1), nf2.__name__, nf2.__defaults__)
i = mk()
ni = FT(i.__code__, {}, None, None, i.__closure__)
print(ni())
CT = type(i.__closure__[0])
c = CT(42)
ni2 = FT(i.__code__, {}, None, None, (c,))
print(ni2(), CT().__repr__().startswith("<cell at"))
def t2(fn):
    try: print(fn())
    except Exception as e: print(type(e).__name__ + ":", e)
t2(lambda: FT(i.__code__, {}))
t2(lambda: FT(f2.__code__, 1))
t2(lambda: FT(1, {}))
t2(lambda: FT(i.__code__, {}, None, None, (1,)))
t2(lambda: FT(f2.__code__, {}, 5))
t2(lambda: FT(f2.__code__, {}, None, 5))
t2(lambda: FT(f2.__code__, {}, None, None, (c,)))
