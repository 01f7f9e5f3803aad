# functools: partial, reduce, lru_cache, cache, cached_property, wraps,
# total_ordering, singledispatch, cmp_to_key, partialmethod.
import functools
from functools import (partial, reduce, lru_cache, cache, cached_property, wraps,
                       total_ordering, singledispatch, singledispatchmethod, cmp_to_key,
                       partialmethod, update_wrapper)

def power(base, exp=2, *, mod=None):
    r = base ** exp
    return r % mod if mod else r
sq = partial(power, exp=2)
cube_mod = partial(power, exp=3, mod=7)
print(sq(5), cube_mod(4), sq.func is power, sq.args, sq.keywords, partial(sq, 3)())
print(repr(partial(max, 1)).startswith("functools.partial(<built-in function max>, 1"))
print(reduce(lambda a, b: a * b, range(1, 6)), reduce(lambda a, b: a + b, [], 10))
try:
    reduce(lambda a, b: a, [])
except TypeError as e:
    print("TypeError", e)

calls = []
@lru_cache(maxsize=2)
def fib(n):
    calls.append(n)
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(20), fib.cache_info())
fib.cache_clear()
print(fib.cache_info(), fib.__wrapped__.__name__, fib.cache_parameters())

@cache
def square(x):
    calls.append(x)
    return x * x
calls.clear()
print(square(3), square(3), square(4), calls, square.cache_info().hits)

@lru_cache(typed=True)
def ident(x):
    return type(x).__name__
print(ident(1), ident(1.0), ident.cache_info().currsize)

class Circle:
    def __init__(self, r): self.r = r
    @cached_property
    def area(self):
        print("computing")
        return 3 * self.r ** 2
c = Circle(2)
print(c.area, c.area, "area" in vars(c))
del c.area
print(c.area)

def deco(f):
    @wraps(f)
    def inner(*a, **k):
        return f(*a, **k)
    return inner
@deco
def documented(x):
    "The docstring."
    return x
print(documented.__name__, documented.__doc__, documented.__wrapped__.__name__, documented(4))

@total_ordering
class Version:
    def __init__(self, n): self.n = n
    def __eq__(self, o): return self.n == o.n
    def __lt__(self, o): return self.n < o.n
print(Version(1) < Version(2), Version(3) >= Version(2), Version(1) > Version(2), Version(2) <= Version(2))
try:
    @total_ordering
    class NoOrder:
        pass
except ValueError as e:
    print("ValueError", e)

print(sorted(["bb", "a", "ccc"], key=cmp_to_key(lambda a, b: len(a) - len(b))))

class Cell:
    def __init__(self): self.alive = False
    def set_state(self, state): self.alive = state
    set_alive = partialmethod(set_state, True)
cell = Cell(); cell.set_alive()
print(cell.alive)

def target(): pass
def wrapper(): pass
update_wrapper(wrapper, target)
print(wrapper.__name__, wrapper.__wrapped__ is target)
