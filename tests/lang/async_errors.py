# Compile-time errors of async syntax, with CPython's messages and positions,
# and what async code may and may not contain.

cases = [
    "await x",
    "def f():\n    await x",
    "lambda: await x",
    "async def f():\n    lambda: await x",
    "async def f():\n    def g():\n        await x",
    "async with a: pass",
    "def f():\n    async with a: pass",
    "async for x in y: pass",
    "def f():\n    async for x in y: pass",
    "[x async for x in y]",
    "{x async for x in y}",
    "{x: 1 async for x in y}",
    "def f():\n    return [x async for x in y]",
    "def f():\n    return [await x for x in y]",
    "def f():\n    return [x for x in y if await x]",
    "def f():\n    return (x async for x in y)",
    "def f():\n    return (await x for x in y)",
    "async def f():\n    return [[x async for x in z] for z in y]",
    "def f():\n    return [[x async for x in z] for z in y]",
    "def f():\n    return [x for x in await y]",
    "async def f():\n    class C:\n        [await x for x in y]",
    "async def f():\n    yield from x",
    "async def f():\n    yield 1\n    return 2",
    "async def f():\n    yield 1\n    return None",
    "async def f():\n    return 2\n    yield 1",
    "async def f():\n    yield 1\n    return",
    "async def f():\n    x = [(yield from y) for y in z]",
    "async def f():\n    x = {(yield) for y in z}",
    "class C:\n    await x",
    "class C:\n    async for x in y: pass",
    "class C:\n    async with x: pass",
    "async def f():\n    class C:\n        await x",
    "async def f():\n    class C:\n        async with x: pass",
    "async def f(): await = 1",
    "await = 1",
    "async = 1",
    "def async(): pass",
    "def f():\n    x = await",
    "async def f(\n): pass\nasync x",
    "async def f():\n    await\n",
    "async def f():\n    await -x\n",
    "async lambda: 1",
    "async class C: pass",
    "async if x: pass",
    "async def f():\n    [await x async for x in y if await x]",
    "async def f():\n    {k: await v async for k, v in y}",
    "def f():\n    x = await y",
    "async def f():\n    async with a as b, c as d: pass",
    "async def f():\n    async with (a as b, c as d): pass",
    "async def f() -> int:\n    pass",
    "@d\nasync def f(): pass",
    "async def f():\n    async def g(): pass\n    return g",
    "def f():\n  async def g():\n    yield 1\n    return 3\n",
    "async def f():\n  await (yield)",
    "async def f():\n  print(await x ** 2, -await y, await z.a[1](2))",
    "async def f():\n  return await",
    "f'{await x}'",
    "async def f():\n    x = f'{await y}'",
    "async def f()\n  pass\n",
    "async def (): pass\n",
    "async\n",
    "async def f():\n    x = [y async for]\n",
    "async def f():\n  await x = 1\n",
    "async def f():\n  (await x) = 1\n",
    "async def f():\n  del await x\n",
    "async def f():\n  await x += 1\n",
    "async def f():\n  for await x in y: pass\n",
    "async def f():\n  [x for await x in y]\n",
    "async def f():\nreturn 1",
    "async def f():\n    async for x in y:\n    pass",
    "async def f():\n    async with y:\n    pass",
]

for src in cases:
    try:
        compile(src, "<s>", "exec")
        print("OK ", repr(src))
    except SyntaxError as e:
        where = (e.lineno, e.offset)
        # End positions: only the compiler's errors carry them in minipy.
        if (type(e) is SyntaxError and not e.msg.startswith(("invalid syntax", "cannot "))
                and "illegal expression" not in e.msg):
            where += (e.end_lineno, e.end_offset)
        print("ERR", repr(src), "|", type(e).__name__, e.msg, where)

# Errors raised when the code is compiled by exec() report as usual.
try:
    exec("async def f():\n    yield from g()\n")
except SyntaxError as e:
    print(type(e).__name__, e)
