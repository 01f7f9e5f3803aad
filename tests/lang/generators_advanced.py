# generator methods and protocols
def gen():
    try:
        x = yield 1
        print("got", x)
        yield 2
    except ValueError as e:
        print("caught inside:", e)
        yield "recovered"
g = gen()
print(next(g), g.send("sent"), g.throw(ValueError("boom")))
try:
    next(g)
except StopIteration:
    print("exhausted")
def squares(n):
    for i in range(n):
        yield i * i
print(list(squares(5)), sum(squares(10)), max(squares(4)), sorted(squares(3), reverse=True))
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1], (2, 3), "ab", range(2))))
def inner():
    v = yield "first"
    return v * 2
def outer():
    result = yield from inner()
    yield result
o = outer()
print(next(o), o.send(21))
def lazy():
    print("started")
    yield
g2 = lazy()
print("created")
next(g2)
print(list(zip(squares(3), "abc")), dict(enumerate(squares(3))))
