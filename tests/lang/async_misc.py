# Async odds and ends: methods, super(), classmethods, delegation of throw/close
# through nested awaits, async with in async generators, f-strings, argument errors,
# and an uncaught error's traceback through three coroutines.

def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value

class Base:
    async def hello(self):
        return "base hello"
    @classmethod
    async def make(cls):
        return cls.__name__
    @staticmethod
    async def st(x):
        return x + 1

class Child(Base):
    async def hello(self):
        r = await super().hello()
        return "child+" + r

print(run(Child().hello()), run(Child.make()), run(Child.st(1)))

async def agen_with():
    class M:
        async def __aenter__(self):
            return "m"
        async def __aexit__(self, *a):
            print("exit", a[0])
    async with M() as m:
        yield m
        yield m * 2

async def use():
    out = []
    g = agen_with()
    async for x in g:
        out.append(x)
        if len(out) == 1:
            break
    await g.aclose()
    return out
print(run(use()))

async def inner():
    raise ValueError("deep")

async def middle():
    await inner()

async def outer():
    await middle()

def tb_lines():
    try:
        run(outer())
    except ValueError as e:
        tb = e.__traceback__
        while tb:
            print("line", tb.tb_lineno)
            tb = tb.tb_next
tb_lines()

async def gen_exc_ctx():
    try:
        raise KeyError("a")
    except KeyError:
        await P()
        raise ValueError("b")

class P:
    def __await__(self):
        yield 1

c = gen_exc_ctx()
c.send(None)
try:
    c.send(None)
except ValueError as e:
    print(repr(e), repr(e.__context__))

import sys
async def exc_info_across():
    try:
        raise KeyError("x")
    except KeyError:
        await P()
        return sys.exc_info()[0].__name__
c = exc_info_across()
c.send(None)
print(sys.exc_info())
try:
    c.send(None)
except StopIteration as e:
    print(e.value)

# ---- delegation
class Y:
    def __await__(self):
        v = yield "y"
        return v
async def inner():
    try:
        return await Y()
    except ValueError as e:
        print("inner caught", repr(e))
        return "inner-recovered"
    finally:
        print("inner finally")
async def outer():
    r = await inner()
    print("outer got", r)
    return r
c = outer()
print(c.send(None))
try: c.throw(ValueError("x"))
except StopIteration as e: print("stop", e.value)
c = outer()
c.send(None)
print(c.close())
async def ag():
    try:
        await Y()
        yield 1
        await Y()
        yield 2
    finally:
        print("ag finally")
async def user():
    g = ag()
    try:
        print("anext", await g.__anext__())
        print("anext", await g.__anext__())
    except KeyError as e:
        print("user caught", repr(e))
    return "u"
c = user()
print(c.send(None))
print(c.send("a"))
try: c.throw(KeyError("k"))
except StopIteration as e: print("stop", e.value)
g = ag()
a = g.__anext__()
print(a.send(None), type(g.ag_await).__name__, g.ag_running)
try: a.throw(IndexError("i"))
except IndexError as e: print("propagated", repr(e), g.ag_running)
try: g.__anext__().send(None)
except StopAsyncIteration: print("exhausted")

# ---- async with inside async generators
def run2(coro):
    try:
        while True:
            print(" loop", coro.send(None))
    except StopIteration as e:
        return e.value
class Y:
    def __await__(self):
        yield "y"
class M:
    async def __aenter__(self):
        await Y()
        return "m"
    async def __aexit__(self, *a):
        await Y()
        print("exit", a[0])
async def agen_with():
    async with M() as m:
        yield m
        yield m * 2
        return
async def use():
    g = agen_with()
    out = []
    async for x in g:
        out.append(x)
        break
    await g.aclose()
    return out
print(run2(use()))
async def use2():
    return [x async for x in agen_with()]
print(run2(use2()))

# ---- f-strings
async def g(x):
    return x
async def f():
    return f"{await g(1)}-{await g(2)!r:>4}"
c = f()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)

# ---- argument errors
async def f(): pass
async def ag(): yield
c = f(); g = ag()
for fn in [lambda: c.send(), lambda: c.send(1, 2), lambda: c.__await__(1), lambda: g.asend(), lambda: g.aclose(1),
           lambda: g.__anext__().send(), lambda: c.__await__().send(), lambda: g.athrow(), lambda: c.throw(),
           lambda: c.throw(1), lambda: c.throw(ValueError, 1, 2, 3)]:
    try: fn()
    except TypeError as e: print(e)
c.close()


# ---- an uncaught error's traceback through three coroutines
async def fail_inner():
    raise ValueError("deep")


async def fail_middle():
    await fail_inner()


async def fail_outer():
    await fail_middle()


def run(coro):
    while True:
        coro.send(None)


run(fail_outer())
