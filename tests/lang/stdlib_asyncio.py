# asyncio driven by asyncio.run: tasks, gather, sleep ordering, wait_for,
# queues, synchronisation primitives, async generators, cancellation, TaskGroup.
import asyncio

log = []


async def worker(name, delay, result=None):
    await asyncio.sleep(delay)
    log.append(name)
    return result if result is not None else name


async def boom(delay, exc):
    await asyncio.sleep(delay)
    raise exc


async def basics():
    print(await worker("direct", 0))
    t = asyncio.create_task(worker("task", 0.01), name="my-task")
    print(t.get_name(), t.done())
    print(await t, t.done(), t.result())
    r = await asyncio.gather(worker("c", 0.06), worker("a", 0.02), worker("b", 0.04))
    print(r, log)
    r = await asyncio.gather(worker("x", 0), boom(0.01, ValueError("bad")), return_exceptions=True)
    print(r)
    try:
        await asyncio.gather(worker("y", 0), boom(0, KeyError("k")))
    except KeyError as e:
        print("gather raised", repr(e))
    print(await asyncio.gather())


async def ordering():
    order = []

    async def tick(name, n):
        for i in range(n):
            order.append(f"{name}{i}")
            await asyncio.sleep(0)

    await asyncio.gather(tick("a", 3), tick("b", 2), tick("c", 1))
    print(order)
    done, pending = await asyncio.wait([asyncio.create_task(worker("w1", 0.05)),
                                        asyncio.create_task(worker("w2", 0.001))],
                                       return_when=asyncio.FIRST_COMPLETED)
    print(sorted(t.result() for t in done), len(pending))
    await asyncio.gather(*pending)
    results = []
    for f in asyncio.as_completed([worker("s", 0.05), worker("f", 0.01)]):
        results.append(await f)
    print(results)


async def timeouts():
    print(await asyncio.wait_for(worker("quick", 0), timeout=1))
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.01)
    except asyncio.TimeoutError as e:
        print("timeout", type(e).__name__, e.args, asyncio.TimeoutError is TimeoutError)
    try:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(10)
    except TimeoutError:
        print("asyncio.timeout expired")
    print(await asyncio.shield(worker("shielded", 0)))


async def queues():
    q = asyncio.Queue(maxsize=2)
    got = []

    async def producer():
        for i in range(5):
            await q.put(i)
            got.append(f"put{i}")
        await q.put(None)

    async def consumer():
        while (item := await q.get()) is not None:
            got.append(f"get{item}")
            q.task_done()
        q.task_done()

    await asyncio.gather(producer(), consumer())
    await q.join()
    print(got)
    print(q.empty(), q.qsize(), q.maxsize, q.full())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    pq = asyncio.PriorityQueue()
    for x in [3, 1, 2]:
        pq.put_nowait(x)
    lq = asyncio.LifoQueue()
    for x in "abc":
        lq.put_nowait(x)
    print([pq.get_nowait() for _ in range(3)], [lq.get_nowait() for _ in range(3)])


async def primitives():
    ev = asyncio.Event()
    seen = []

    async def waiter(i):
        await ev.wait()
        seen.append(i)

    ts = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    print(ev.is_set(), seen)
    ev.set()
    await asyncio.gather(*ts)
    print(ev.is_set(), seen)

    lock = asyncio.Lock()
    trace = []

    async def critical(name):
        async with lock:
            trace.append(name + "+")
            await asyncio.sleep(0.001)
            trace.append(name + "-")

    await asyncio.gather(critical("p"), critical("q"))
    print(trace, lock.locked())

    sem = asyncio.Semaphore(2)
    active = 0
    peak = 0

    async def limited():
        nonlocal active, peak
        async with sem:
            active += 1
            peak = max(peak, active)
            await asyncio.sleep(0.001)
            active -= 1

    await asyncio.gather(*(limited() for _ in range(6)))
    print("peak", peak)
    bs = asyncio.BoundedSemaphore(1)
    await bs.acquire()
    bs.release()
    try:
        bs.release()
    except ValueError as e:
        print("ValueError", e)

    cond = asyncio.Condition()
    box = []

    async def consume():
        async with cond:
            await cond.wait_for(lambda: box)
            return box.pop()

    t = asyncio.create_task(consume())
    await asyncio.sleep(0)
    async with cond:
        box.append("item")
        cond.notify()
    print(await t)


async def ticker(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i * i


async def generators():
    print([x async for x in ticker(5)])
    print({x: x % 3 async for x in ticker(4) if x})
    total = 0
    async for v in ticker(4):
        total += v
    print(total)
    agen = ticker(3)
    print(await agen.__anext__(), await anext(agen), await anext(agen))
    print(await anext(agen, "done"))
    try:
        await anext(agen)
    except StopAsyncIteration:
        print("StopAsyncIteration")
    print([await worker(str(i), 0) for i in range(3)])


async def cancellation():
    started = asyncio.Event()

    async def sleeper():
        try:
            started.set()
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("sleeper saw CancelledError")
            raise
        finally:
            print("sleeper cleanup")

    t = asyncio.create_task(sleeper())
    await started.wait()
    print(t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("awaiting cancelled task raised CancelledError")
    print(t.cancelled(), t.done())
    try:
        t.result()
    except asyncio.CancelledError:
        print("result() raised CancelledError")
    print(issubclass(asyncio.CancelledError, BaseException),
          issubclass(asyncio.CancelledError, Exception))

    async def stubborn():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            return "ignored cancel"

    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    t.cancel("why")
    print(await t, t.cancelled())
    t = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    t.cancel(msg="with message")
    try:
        await t
    except asyncio.CancelledError as e:
        print("message", e.args)
    fut = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_later(0.001, fut.set_result, 42)
    print(await fut, fut.done())
    fut = asyncio.get_running_loop().create_future()
    try:
        fut.result()
    except asyncio.InvalidStateError:
        # The message differs between CPython's C Future ("Result is not set.")
        # and futures.py's ("Result is not ready."), which minipy runs.
        print("InvalidStateError")


async def taskgroups():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(worker("tg1", 0.01, 1))
        t2 = tg.create_task(worker("tg2", 0, 2))
    print(t1.result() + t2.result())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(boom(0, ValueError("v")))
            tg.create_task(boom(0.001, TypeError("t")))
            slow = tg.create_task(asyncio.sleep(10))
    except* ValueError as eg:
        print("ValueError group", [str(e) for e in eg.exceptions])
    except* TypeError as eg:
        print("TypeError group", [str(e) for e in eg.exceptions])
    print(slow.cancelled())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(boom(0, RuntimeError("only")))
    except ExceptionGroup as eg:
        print(type(eg).__name__, eg.message, eg.exceptions)


async def main():
    loop = asyncio.get_running_loop()
    print(type(loop).__name__, loop.is_running(), asyncio.current_task().get_name())
    for step in (basics, ordering, timeouts, queues, primitives, generators, cancellation,
                 taskgroups):
        print("--", step.__name__)
        await step()
    return "main done"


print(asyncio.run(main()))
print(asyncio.run(worker("second run", 0)))
try:
    asyncio.run(boom(0, LookupError("from run")))
except LookupError as e:
    print("asyncio.run raised", repr(e))
try:
    asyncio.run(worker)
except ValueError as e:
    print("ValueError", str(e).split(" at ")[0])
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("RuntimeError", e)
loop = asyncio.new_event_loop()
print(loop.run_until_complete(worker("manual loop", 0)), loop.is_closed())
loop.close()
print(loop.is_closed())


# Threads are not supported by minipy, so run_in_executor is left out: it fails
# loudly there (RuntimeError from _thread.start_new_thread).
