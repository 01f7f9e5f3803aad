# builtins aiter() and anext(), with and without a default.
def run(coro):
    try:
        while True:
            print("  loop got", coro.send(None))
    except StopIteration as e:
        return e.value
def err(fn):
    try: print("  ok", fn())
    except BaseException as e: print("  %s: %s" % (type(e).__name__, e))
async def count(n):
    for i in range(n):
        yield i
class P:
    def __await__(self):
        yield "p"
class AI:
    def __init__(self): self.n = 0
    def __aiter__(self): return self
    async def __anext__(self):
        self.n += 1
        await P()
        if self.n > 2: raise StopAsyncIteration
        return self.n
async def main():
    it = aiter(count(2))
    print(type(it).__name__, await anext(it), await anext(it), await anext(it, "dflt"), await anext(it, None))
    try:
        await anext(it)
    except StopAsyncIteration:
        print("stop")
    a = AI()
    print(aiter(a) is a, await anext(a), await anext(a, "d"), await anext(a, "d2"))
    aw = anext(count(1), 5)
    print(type(aw).__name__)
    print(await aw)
err(lambda: run(main()))
err(lambda: aiter(1))
err(lambda: aiter())
err(lambda: anext(1))
err(lambda: anext())
err(lambda: anext(1, 2, 3))
class BadAiter:
    def __aiter__(self): return 1
err(lambda: aiter(BadAiter()))
