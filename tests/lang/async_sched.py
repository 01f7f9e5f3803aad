# A tiny round-robin scheduler written in the test (no asyncio): several
# tasks, a sleep-like awaitable that yields to the loop, async generators
# feeding tasks, a queue with waiting consumers, cancellation by throw().


class Sleep:
    """Suspend the current task for `ticks` rounds of the loop."""

    def __init__(self, ticks):
        self.ticks = ticks

    def __await__(self):
        yield ("sleep", self.ticks)


class Cancelled(Exception):
    pass


class Task:
    ids = 0

    def __init__(self, coro, name):
        Task.ids += 1
        self.id = Task.ids
        self.coro = coro
        self.name = name
        self.result = None
        self.error = None
        self.done = False
        self.waiters = []


class Loop:
    def __init__(self):
        self.ready = []      # (task, value to send)
        self.sleeping = []   # [wake_tick, seq, task]
        self.tick = 0
        self.seq = 0
        self.log = []

    def spawn(self, coro, name):
        t = Task(coro, name)
        self.ready.append((t, None))
        return t

    def cancel(self, task):
        for entry in self.sleeping:
            if entry[2] is task:
                self.sleeping.remove(entry)
                break
        self.step(task, None, Cancelled("cancelled %s" % task.name))

    def step(self, task, value, exc=None):
        if task.done:  # cancelled while it sat in the ready batch
            return
        try:
            if exc is not None:
                req = task.coro.throw(exc)
            else:
                req = task.coro.send(value)
        except StopIteration as e:
            self.finish(task, e.value, None)
            return
        except Exception as e:
            self.finish(task, None, e)
            return
        kind, arg = req
        if kind == "sleep":
            self.seq += 1
            self.sleeping.append([self.tick + arg, self.seq, task])
        elif kind == "join":
            if arg.done:
                self.ready.append((task, arg.result))
            else:
                arg.waiters.append(task)
        elif kind == "park":
            arg.append(task)
        else:
            raise AssertionError(kind)

    def finish(self, task, result, error):
        task.done = True
        task.result = result
        task.error = error
        self.log.append((self.tick, task.name, result, type(error).__name__ if error else None))
        for w in task.waiters:
            self.ready.append((w, result))

    def run(self):
        while self.ready or self.sleeping:
            batch, self.ready = self.ready, []
            for task, value in batch:
                self.step(task, value)
            if not self.ready and self.sleeping:
                self.sleeping.sort(key=lambda e: (e[0], e[1]))
                self.tick = max(self.tick, self.sleeping[0][0])
            else:
                self.tick += 1
            due = [e for e in self.sleeping if e[0] <= self.tick]
            due.sort(key=lambda e: (e[0], e[1]))
            for e in due:
                self.sleeping.remove(e)
                self.ready.append((e[2], None))


class Join:
    def __init__(self, task):
        self.task = task

    def __await__(self):
        result = yield ("join", self.task)
        return result


class Queue:
    def __init__(self):
        self.items = []
        self.getters = []

    def put(self, item, loop):
        self.items.append(item)
        if self.getters:
            loop.ready.append((self.getters.pop(0), None))

    async def get(self):
        while not self.items:
            await Park(self.getters)
        return self.items.pop(0)


class Park:
    def __init__(self, lst):
        self.lst = lst

    def __await__(self):
        yield ("park", self.lst)


loop = Loop()
trace = []


async def ticker(name, n, delay):
    for i in range(n):
        trace.append("%s%d@%d" % (name, i, loop.tick))
        await Sleep(delay)
    return name * n


async def numbers(n, delay):
    for i in range(n):
        await Sleep(delay)
        yield i


async def summer():
    total = 0
    async for x in numbers(4, 1):
        trace.append("sum+%d@%d" % (x, loop.tick))
        total += x
    return total


async def producer(q, items):
    for it in items:
        await Sleep(1)
        trace.append("put %s@%d" % (it, loop.tick))
        q.put(it, loop)
    q.put(None, loop)
    return "produced"


async def consumer(q):
    got = []
    while True:
        item = await q.get()
        if item is None:
            return got
        trace.append("got %s@%d" % (item, loop.tick))
        got.append(item)


async def forever():
    try:
        while True:
            await Sleep(1)
    except Cancelled as e:
        trace.append("forever saw %s" % e)
        return "cleaned up"


async def failing():
    await Sleep(2)
    raise ValueError("task failed")


async def supervisor(tasks):
    results = []
    for t in tasks:
        results.append(await Join(t))
    return results


async def canceller(victim):
    await Sleep(3)
    loop.cancel(victim)
    return "cancel sent"


a = loop.spawn(ticker("a", 3, 1), "a")
b = loop.spawn(ticker("b", 2, 2), "b")
s = loop.spawn(summer(), "summer")
q = Queue()
c = loop.spawn(consumer(q), "consumer")
p = loop.spawn(producer(q, ["x", "y", "z"]), "producer")
f = loop.spawn(forever(), "forever")
bad = loop.spawn(failing(), "failing")
sup = loop.spawn(supervisor([a, b, s, c]), "supervisor")
k = loop.spawn(canceller(f), "canceller")
loop.run()

for line in trace:
    print(line)
for entry in loop.log:
    print(entry)
print("supervisor:", sup.result)
print("forever:", f.result, "failing:", repr(bad.error))
print("all done:", all(t.done for t in (a, b, s, c, p, f, bad, sup, k)))


# async generators as pipelines driven by the same loop
async def source(n):
    for i in range(n):
        await Sleep(1)
        yield i


async def squares(agen):
    async for x in agen:
        yield x * x


async def evens(agen):
    async for x in agen:
        if x % 2 == 0:
            yield x


async def pipeline():
    out = [x async for x in evens(squares(source(6)))]
    return out


loop = Loop()
t = loop.spawn(pipeline(), "pipeline")
t2 = loop.spawn(ticker("t", 2, 3), "t")
loop.run()
print(t.result, loop.tick, loop.log)
