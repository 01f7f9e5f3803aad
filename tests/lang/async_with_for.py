# async with and async for: the protocols, exceptions, suppression,
# break/continue/return inside, else clauses and CPython's TypeErrors.


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
    def __init__(self, v):
        self.v = v

    def __await__(self):
        yield self.v
        return self.v


class Manager:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    async def __aenter__(self):
        await Pause("enter " + self.name)
        print("  enter", self.name)
        return self.name.upper()

    async def __aexit__(self, typ, val, tb):
        await Pause("exit " + self.name)
        print("  exit", self.name, typ.__name__ if typ else None, val)
        return self.suppress


print("-- async with")


async def simple():
    async with Manager("a") as v:
        print("  body", v)
    async with Manager("b"), Manager("c") as w:
        print("  body2", w)
    async with (Manager("d") as x, Manager("e") as y):
        print("  body3", x, y)
    return "simple done"


print(run(simple()))


async def with_raise():
    try:
        async with Manager("r"):
            raise ValueError("inside")
    except ValueError as e:
        print("  propagated", e)
    async with Manager("s", suppress=True):
        raise KeyError("swallowed")
    print("  after suppress")
    return "raise done"


print(run(with_raise()))


async def with_return():
    async with Manager("ret"):
        return "returned from with"


print(run(with_return()))


async def with_loop():
    for i in range(3):
        async with Manager("loop%d" % i):
            if i == 0:
                continue
            if i == 1:
                break
    return "loop done"


print(run(with_loop()))


async def with_finally():
    try:
        async with Manager("f"):
            return "value"
    finally:
        print("  outer finally")


print(run(with_finally()))

print("-- async with errors")


class NoAenter:
    pass


class OnlyAenter:
    async def __aenter__(self):
        return 1


class SyncEnter:
    def __aenter__(self):
        return 1

    def __aexit__(self, *a):
        return 2


class SyncExit:
    async def __aenter__(self):
        return 1

    def __aexit__(self, *a):
        return 2


class WithOnly:
    def __enter__(self):
        return 1

    def __exit__(self, *a):
        pass


async def use(m):
    async with m as v:
        return v


for m in (NoAenter(), OnlyAenter(), SyncEnter(), SyncExit(), WithOnly(), 5):
    err(lambda: run(use(m)))


class FailingExit:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *a):
        raise RuntimeError("exit failed")


async def failing():
    async with FailingExit():
        raise ValueError("body")


def chained():
    try:
        run(failing())
    except RuntimeError as e:
        print("  RuntimeError", e, "context:", repr(e.__context__))


chained()

print("-- async for")


class ARange:
    def __init__(self, n):
        self.i = 0
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return await Pause(self.i - 1)


async def loops():
    async for i in ARange(3):
        print("  item", i)
    else:
        print("  else ran")
    async for i in ARange(5):
        if i == 1:
            continue
        if i == 3:
            break
        print("  item2", i)
    else:
        print("  not printed")
    total = 0
    async for a, b in Pairs():
        total += a * b
    print("  total", total)
    async for i in ARange(0):
        print("  never")
    else:
        print("  empty else")
    return "loops done"


class Pairs:
    def __aiter__(self):
        return self

    def __init__(self):
        self.k = 0

    async def __anext__(self):
        self.k += 1
        if self.k > 3:
            raise StopAsyncIteration
        return self.k, self.k + 1


print(run(loops()))


async def return_in_for():
    async for i in ARange(10):
        if i == 2:
            return "returned at %d" % i


print(run(return_in_for()))


async def nested_for():
    out = []
    async for i in ARange(2):
        async for j in ARange(2):
            out.append((i, j))
    return out


print(run(nested_for()))


async def for_in_try():
    try:
        async for i in ARange(3):
            if i == 1:
                raise IndexError("stop at 1")
    except IndexError as e:
        return "caught " + str(e)


print(run(for_in_try()))

print("-- async for errors")


class NoAnext:
    def __aiter__(self):
        return 5


class SyncAnext:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 42


class SyncIter:
    def __iter__(self):
        return iter([1])


async def loop_over(x):
    async for i in x:
        return i


for x in (5, [1, 2], SyncIter(), NoAnext(), SyncAnext()):
    err(lambda: run(loop_over(x)))


def cause_of_invalid():
    try:
        run(loop_over(SyncAnext()))
    except TypeError as e:
        print("  cause:", repr(e.__cause__))


cause_of_invalid()


class RaisingAnext:
    def __aiter__(self):
        return self

    async def __anext__(self):
        raise KeyError("from anext")


err(lambda: run(loop_over(RaisingAnext())))


class StopIterAnext:
    def __aiter__(self):
        return self

    async def __anext__(self):
        raise StopIteration


err(lambda: run(loop_over(StopIterAnext())))
