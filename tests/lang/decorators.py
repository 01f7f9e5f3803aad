# function and class decorators, docstrings, function attributes
def trace(fn):
    def wrapper(*args, **kwargs):
        print("calling", fn.__name__, args, kwargs)
        return fn(*args, **kwargs)
    return wrapper
def times(n):
    def deco(fn):
        def inner(*a):
            return [fn(*a) for _ in range(n)]
        return inner
    return deco
@trace
def add(a, b=0):
    """Add two numbers."""
    return a + b
@times(3)
def hello(name):
    return "hi " + name
print(add(1, b=2), hello("x"))
def documented():
    """The docstring."""
print(documented.__doc__, add.__name__, (lambda: 0).__name__, documented.__qualname__)
registry = []
def register(cls):
    registry.append(cls.__name__)
    return cls
@register
class Plugin:
    """Plugin docs."""
print(registry, Plugin.__doc__)
def outer():
    def inner():
        pass
    return inner
print(outer().__qualname__)
documented.custom = "attr"
print(documented.custom)
print(__name__, __doc__)
