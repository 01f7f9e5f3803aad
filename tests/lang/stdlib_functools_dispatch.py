# functools.singledispatch: register() imports typing, so this needs re (_sre).
from functools import singledispatch, singledispatchmethod

@singledispatch
def show(x):
    return "object %r" % (x,)
@show.register(int)
def _(x):
    return "int %d" % x
@show.register(list)
def _(x):
    return "list of %d" % len(x)
print(show(1), show([1, 2]), show("s"), show(True), show.dispatch(bool).__name__)
print(sorted(k.__name__ for k in show.registry))

class Formatter:
    @singledispatchmethod
    def fmt(self, x):
        return "?"
    @fmt.register(float)
    def _(self, x):
        return "%.1f" % x
print(Formatter().fmt(2.25), Formatter().fmt("a"))

