# Async generators: yield inside async def, __aiter__/__anext__, asend,
# athrow, aclose, StopAsyncIteration, and CPython's messages.


def run(coro):
    try:
        while True:
            y = coro.send(None)
            print("  loop got", y)
    except StopIteration as e:
        return e.value


def err(fn):
    try:
        r = fn()
        print("  ok", r)
    except BaseException as e:
        print("  %s: %s" % (type(e).__name__, e))


class Pause:
    def __await__(self):
        got = yield "pause"
        return got


async def count(n):
    for i in range(n):
        yield i


async def collect(agen):
    out = []
    async for x in agen:
        out.append(x)
    return out


print("-- basics")
g = count(3)
print(type(g).__name__, repr(g).startswith("<async_generator object count at 0x"))
print(g.__name__, g.__qualname__, g.ag_running, g.ag_await, g.ag_code is count.__code__)
print(count.__code__.co_flags & 0x200 != 0, count.__code__.co_flags & 0x80 == 0)
print(g.__aiter__() is g, type(g.__anext__()).__name__, type(g.asend(None)).__name__)
print(type(g.athrow(ValueError)).__name__, type(g.aclose()).__name__)
print(hasattr(g, "__next__"), hasattr(g, "__iter__"), hasattr(g, "send"))
print(run(collect(count(4))))

print("-- stepping __anext__ by hand")
g = count(2)
for _ in range(3):
    aw = g.__anext__()
    try:
        aw.send(None)
    except StopIteration as e:
        print("value", e.value)
    except StopAsyncIteration as e:
        print("StopAsyncIteration", repr(e))
aw = g.__anext__()
err(lambda: next(aw))
err(lambda: aw.send(None))

print("-- awaits inside pass through")


async def ticker():
    for i in range(2):
        got = await Pause()
        yield ("tick", i, got)


g = ticker()
aw = g.__anext__()
print(aw.send(None))
try:
    aw.send("resumed")
except StopIteration as e:
    print("value", e.value)
aw = g.asend("ignored for yield")
print(aw.send(None))
err(lambda: aw.send("again"))
err(lambda: aw.send(None))

print("-- asend")


async def acc():
    total = 0
    while True:
        v = yield total
        if v is None:
            return
        total += v


g = acc()
print(run(g.asend(None)))
print(run(g.asend(5)))
print(run(g.asend(7)))
err(lambda: run(g.asend(None)))
err(lambda: run(g.asend(1)))
err(lambda: run(acc().asend(3)))

print("-- athrow")


async def guarded():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("  caught", repr(e))
        yield "recovered"
    finally:
        print("  guarded finally")


g = guarded()
print(run(g.__anext__()))
print(run(g.athrow(ValueError("bad"))))
err(lambda: run(g.athrow(KeyError("k"))))
err(lambda: run(g.__anext__()))
g = guarded()
print(run(g.__anext__()))
err(lambda: run(g.athrow(TypeError, TypeError("t"))))
g = guarded()
err(lambda: run(g.athrow(ValueError)))
aw = guarded().athrow(ValueError)
err(lambda: aw.send(1))

print("-- aclose")
g = guarded()
print(run(g.__anext__()))
print(run(g.aclose()))
err(lambda: run(g.__anext__()))
print(run(g.aclose()))
print(run(count(2).aclose()))
aw = count(2).aclose()
run(aw)
err(lambda: aw.send(None))


async def stubborn():
    try:
        yield 1
    finally:
        yield 2


g = stubborn()
print(run(g.__anext__()))
err(lambda: run(g.aclose()))


async def awaits_in_finally():
    try:
        yield 1
    finally:
        await Pause()
        print("  finally finished")


g = awaits_in_finally()
print(run(g.__anext__()))
print(run(g.aclose()))

print("-- errors inside")


async def raises_sai():
    yield 1
    raise StopAsyncIteration


async def raises_si():
    yield 1
    raise StopIteration


for agen in (raises_sai, raises_si):
    g = agen()
    run(g.__anext__())
    err(lambda: run(g.__anext__()))


async def raises_value():
    yield 1
    raise ValueError("inner")


err(lambda: run(collect(raises_value())))


async def returns_early(n):
    if n:
        return
    yield "never"


print(run(collect(returns_early(1))))

print("-- running")


async def reentrant():
    aw = g.__anext__()
    try:
        aw.send(None)
    except RuntimeError as e:
        print("  inner:", e)
    yield "r"


g = reentrant()
print(run(g.__anext__()))


async def slow_gen():
    await Pause()
    yield 1


g = slow_gen()
a1 = g.__anext__()
print(a1.send(None), g.ag_running, type(g.ag_await).__name__)
err(lambda: g.__anext__().send(None))
err(lambda: g.aclose().send(None))
err(lambda: g.athrow(ValueError).send(None))
try:
    a1.send(None)
except StopIteration as e:
    print("a1 value", e.value)
print(g.ag_running)

print("-- async iterator protocol by hand")


class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n <= 0:
            raise StopAsyncIteration
        self.n -= 1
        await Pause()
        return self.n


print(run(collect(Countdown(3))))


class Gen:
    """__aiter__ returning an async generator."""

    def __aiter__(self):
        return count(3)


print(run(collect(Gen())))


async def nested():
    async for x in count(2):
        async for y in Countdown(2):
            yield x, y


print(run(collect(nested())))


async def agen_method_holder():
    class C:
        async def items(self):
            for ch in "ab":
                yield ch

    return [x async for x in C().items()]


print(run(agen_method_holder()))


async def yields_none():
    yield
    v = yield
    yield v


g = yields_none()
print(run(g.asend(None)), run(g.asend(None)), run(g.asend("sent")))
