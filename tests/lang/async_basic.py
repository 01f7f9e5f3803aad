# Coroutine objects driven by hand (no event loop): send/throw/close,
# __await__, awaiting chains, exceptions through awaits, CPython's messages.


def run(coro):
    """Drive coro to completion, printing what it yields to the 'loop'."""
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


class Yield:
    """An awaitable that suspends once, yielding its value to the loop."""

    def __init__(self, v):
        self.v = v

    def __await__(self):
        sent = yield self.v
        return ("resumed", self.v, sent)


async def double(x):
    return x * 2


async def chain(n):
    a = await double(n)
    b = await Yield("tick")
    c = await double(a)
    return a, b, c


print("-- basics")
c = double(21)
c2 = chain(1)
print(type(c).__name__, type(c) is type(c2))
c2.close()
print(repr(c).startswith("<coroutine object double at 0x"))
print(c.__name__, c.__qualname__, c.cr_running, c.cr_await, c.cr_code is double.__code__)
print(double.__code__.co_flags & 0x80 != 0, double.__code__.co_flags & 0x20 == 0)
print(run(c))
print(run(chain(5)))


class Outer:
    async def method(self):
        return await double(4)

    class Inner:
        async def deep(self):
            pass


c1, c2 = Outer().method(), Outer.Inner().deep()
print(c1.__qualname__, c2.__qualname__)
c1.close()
c2.close()
print(run(Outer().method()))

print("-- send values in")


async def echo():
    got = []
    for i in range(3):
        got.append(await Yield(i))
    return got


c = echo()
print(c.send(None))
print(c.cr_await is not None, type(c.cr_await).__name__)
print(c.send("a"))
print(c.send("b"))
try:
    c.send("c")
except StopIteration as e:
    print("returned", e.value)
print(c.cr_await)

print("-- reuse and misuse")
c = double(1)
err(lambda: c.send(5))
err(lambda: c.send(None))
err(lambda: c.send(None))
err(lambda: c.throw(ValueError))
err(lambda: c.close())
c = double(1)
err(lambda: iter(c))
err(lambda: next(c))
c.close()
c = double(3)
w = c.__await__()
print(type(w).__name__, iter(w) is w)
err(lambda: next(w))
err(lambda: next(w))


async def awaits_twice(coro):
    a = await coro
    b = await coro
    return a, b


err(lambda: run(awaits_twice(double(2))))


async def wait_on(coro):
    return await coro


async def slow():
    await Yield("slow")
    return "slow done"


s = slow()
w1 = wait_on(s)
print(w1.send(None))
err(lambda: wait_on(s).send(None))
print(run(w1))

print("-- await errors")


async def aw(x):
    return await x


err(lambda: run(aw(1)))
err(lambda: run(aw("s")))
err(lambda: run(aw(None)))


class BadAwait:
    def __await__(self):
        return 5


class CoroAwait:
    def __await__(self):
        self.c = double(1)
        return self.c


class ListAwait:
    def __await__(self):
        return iter([1, 2])


err(lambda: run(aw(BadAwait())))
ca = CoroAwait()
err(lambda: run(aw(ca)))
ca.c.close()
print(run(aw(ListAwait())))


def gen():
    yield 1


err(lambda: run(aw(gen())))


async def yf():
    return await (x for x in [1])


err(lambda: run(yf()))

print("-- exceptions through awaits")


async def boom():
    await Yield("before boom")
    raise KeyError("k")


async def catcher():
    try:
        await boom()
    except KeyError as e:
        return "caught %r" % (e,)
    finally:
        print("  finally in catcher")


print(run(catcher()))


async def raises_stop():
    raise StopIteration(3)


def show_cause():
    try:
        run(raises_stop())
    except RuntimeError as e:
        print(" ", e, "| cause:", repr(e.__cause__))


show_cause()

print("-- throw and close")


async def guarded():
    try:
        await Yield("guarded")
    except ValueError as e:
        print("  guarded got", repr(e))
        return "recovered"
    finally:
        print("  guarded cleanup")


c = guarded()
print(c.send(None))
try:
    c.throw(ValueError("v"))
except StopIteration as e:
    print("throw ->", e.value)

c = guarded()
print(c.send(None))
err(lambda: c.throw(TypeError, TypeError("t")))
err(lambda: c.send(None))

c = guarded()
print(c.send(None))
print("close ->", c.close())
print("close again ->", c.close())
print(double(1).close())


async def stubborn():
    try:
        await Yield("stubborn")
    except GeneratorExit:
        await Yield("still here")


c = stubborn()
c.send(None)
err(lambda: c.close())


class ThrowableIter:
    """An __await__ iterator with throw/close: coroutines delegate to it."""

    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration("iter done")
        return "it%d" % self.n

    def send(self, v):
        return self.__next__()

    def throw(self, *a):
        print("  ThrowableIter.throw", a[0].__name__ if isinstance(a[0], type) else type(a[0]).__name__)
        raise StopIteration("thrown out")

    def close(self):
        print("  ThrowableIter.close")


class Delegating:
    def __await__(self):
        return ThrowableIter()


async def via_iter():
    r = await Delegating()
    return r


print(run(via_iter()))
c = via_iter()
print(c.send(None))
try:
    c.throw(IndexError)
except StopIteration as e:
    print("delegated throw ->", e.value)
c = via_iter()
c.send(None)
c.close()

print("-- nesting and recursion")


async def fact(n):
    if n <= 1:
        return 1
    return n * await fact(n - 1)


print(run(fact(20)))


async def fib(n):
    if n < 2:
        await Yield("leaf")
        return n
    return await fib(n - 1) + await fib(n - 2)


c = fib(4)
steps = 0
try:
    while True:
        c.send(None)
        steps += 1
except StopIteration as e:
    print("fib", e.value, "after", steps, "suspensions")


async def closure_user():
    x = 10

    async def inner(y):
        return x + y

    return [await inner(i) for i in range(3)], await (lambda: inner(100))()


print(run(closure_user()))


async def defaults(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, sorted(kw)


print(run(defaults(1, c=3)), run(defaults(1, 2, 3, c=5, e=6)))


async def no_return():
    await Yield(None)


print(run(no_return()))
