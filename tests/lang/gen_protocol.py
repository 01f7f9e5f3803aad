# generators: send/throw/close, return values, yield from delegation, finally in generators
def echo():
    received = []
    try:
        while True:
            v = yield len(received)
            if v == "stop":
                return received
            received.append(v)
    finally:
        print("echo finally")
g = echo()
print(next(g), g.send("a"), g.send("b"))
try:
    g.send("stop")
except StopIteration as e:
    print("StopIteration value:", e.value, e.args)
g2 = echo(); next(g2)
print(g2.close(), g2.close())
try:
    echo().send(1)
except TypeError as e:
    print("TypeError:", e)
def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("caught", e)
            yield "recovered"
c = catcher(); next(c)
print(c.throw(ValueError("boom")), next(c))
try:
    c.throw(KeyError("k"))
except KeyError as e:
    print("propagated KeyError", e)
print(next(c, "exhausted"))
def inner():
    x = yield 1
    y = yield x
    return x + y
def outer():
    r = yield from inner()
    print("inner returned", r)
    yield r * 2
o = outer()
print(next(o), o.send(10), o.send(5), next(o, "end"))
def ignores_exit():
    try:
        yield 1
    except GeneratorExit:
        yield 2
ig = ignores_exit(); next(ig)
try:
    ig.close()
except RuntimeError as e:
    print("RuntimeError:", e)
def stop_inside():
    yield 1
    raise StopIteration("x")
try:
    list(stop_inside())
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", type(e.__cause__).__name__)
def running():
    yield gen.send(None)
gen = running()
try:
    next(gen)
except ValueError as e:
    print("ValueError:", e)
def ret():
    return 5
    yield
print(list(ret()), [x for x in ret()])
empty = (i for i in [])
print(next(empty, "default"), type(empty).__name__, iter(empty) is empty)
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
def gen_err():
    yield 1
    1 / 0
ge = gen_err()
print(next(ge))
next(ge)
