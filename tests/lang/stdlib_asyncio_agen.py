# The firstiter hook of sys.set_asyncgen_hooks, and asyncio closing the async
# generators left unfinished when asyncio.run ends (loop.shutdown_asyncgens).
import asyncio
import sys

seen = []


def firstiter(agen):
    seen.append(agen.__name__)


async def counter(n):
    for i in range(n):
        yield i


async def drive():
    g = counter(3)
    print(seen)
    print(await g.__anext__(), seen)
    print(await g.asend(None), seen)
    h = counter(2)
    try:
        await h.athrow(ValueError("x"))
    except ValueError as e:
        print("athrow", e, seen)
    k = counter(2)
    await k.aclose()
    print(seen)
    async for _ in counter(1):
        pass
    print(seen)
    print([x async for x in counter(2)], seen)


sys.set_asyncgen_hooks(firstiter=firstiter)
c = drive()
try:
    c.send(None)
except StopIteration:
    pass


def bad_hook(agen):
    raise RuntimeError("hook failed")


async def use_bad():
    g = counter(2)
    try:
        await anext(g)
    except RuntimeError as e:
        print("RuntimeError", e)
    sys.set_asyncgen_hooks(firstiter=None)
    print(await anext(g))

sys.set_asyncgen_hooks(firstiter=bad_hook)
c = use_bad()
try:
    c.send(None)
except StopIteration:
    pass
print(sys.get_asyncgen_hooks())


async def resource(name):
    try:
        print("open", name)
        yield 1
        yield 2
    finally:
        print("close", name)

keep = []


async def main():
    g = resource("kept")
    keep.append(g)
    print(await anext(g))
    done = resource("finished")
    print([x async for x in done])
    print("main returns", sys.get_asyncgen_hooks().firstiter is not None)

asyncio.run(main())
print("after run", sys.get_asyncgen_hooks())
