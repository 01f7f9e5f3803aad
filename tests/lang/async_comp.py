# Async comprehensions and generator expressions: `async for` clauses and
# `await` inside comprehensions of async functions.


def run(coro):
    try:
        while True:
            y = coro.send(None)
            print("  loop got", y)
    except StopIteration as e:
        return e.value


class Pause:
    def __init__(self, v):
        self.v = v

    def __await__(self):
        yield "pause %s" % (self.v,)
        return self.v


async def count(n):
    for i in range(n):
        yield i


async def ident(x):
    return x


async def main():
    print([x async for x in count(3)])
    print({x % 2 async for x in count(5)})
    print({x: x * x async for x in count(3)})
    print([x async for x in count(6) if x % 2 if x > 1])
    print([await ident(x) for x in range(3)])
    print([x for x in range(5) if await ident(x % 2)])
    print([(x, y) async for x in count(2) for y in "ab"])
    print([(x, y) for x in "ab" async for y in count(2)])
    print([(x, y) async for x in count(2) async for y in count(x + 1)])
    print([await Pause(x) async for x in count(2)])
    print([[y async for y in count(x)] for x in range(3)])
    print([[await ident(y) for y in range(x)] for x in range(3)])
    print({k: await ident(v) for k, v in {"a": 1, "b": 2}.items()})
    # the outermost iterable is evaluated in the enclosing scope
    print([x for x in await ident([7, 8])])
    print([x async for x in await ident(count(2))])

    g = (x * 10 async for x in count(3))
    print(type(g).__name__, g.__name__)
    print([v async for v in g])
    g = (await ident(x) for x in range(3))
    print(type(g).__name__, [v async for v in g])
    g = (x for x in range(2))
    print(type(g).__name__)
    print(sum([x async for x in count(5)]))
    return "main done"


print(run(main()))


def sync_outer():
    # an async genexp may be created in a plain function
    return (x async for x in count(3)), (await ident(x) for x in [1])


g1, g2 = sync_outer()
print(type(g1).__name__, type(g2).__name__)


async def drain(agen):
    return [x async for x in agen]


print(run(drain(g1)), run(drain(g2)))


async def closures():
    k = 3

    async def add(x):
        return x + k

    return [await add(x) for x in range(k)], [y async for y in count(k) if y != k - 1]


print(run(closures()))


async def comp_error():
    class NoAiter:
        pass

    try:
        return [x async for x in NoAiter()]
    except TypeError as e:
        return "TypeError: %s" % e


print(run(comp_error()))


async def comp_raise():
    async def bad():
        yield 1
        raise KeyError("in comp")

    try:
        return [x async for x in bad()]
    except KeyError as e:
        return "KeyError %s" % e


print(run(comp_raise()))
