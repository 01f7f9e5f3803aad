def f(data):
    if (n := len(data)) > 3:
        print("long", n)
    out = [y for x in data if (y := x * 2) > 2]
    print(out, y)
    total = 0
    res = [total := total + v for v in data]
    print(res, total)
    return [(last := i) for i in range(3)], last
print(f([1, 2, 3, 4]))
xs = [1, 2]
[z := q for q in xs]
print(z)
def g():
    def h():
        nonlocal k
        return [(k := i) for i in range(2)]
    k = 0
    h()
    return k
print(g())
while (line := xs.pop() if xs else None) is not None:
    print("line", line)
print((a := 5, a + 1))
print(f"{(w := 3)} {w}")
def gen():
    global G
    [(G := i) for i in range(4)]
gen(); print(G)
print([[(j := i * k) for i in range(2)] for k in range(2)], j)
class K:
    v = (m := 7)
print(K.v)
print(next((v for v in range(10) if (sq := v * v) > 20)), sq)
d = {"a": 1}
print(d.get(key := "a"), key)
print([1, 2, 3][idx := 1], idx)
def shadow():
    x = "outer"
    [(x := i) for i in range(2)]
    return x
print(shadow())
def outer():
    found = None
    it = (found := x for x in range(5) if x > 2)
    first = next(it)
    def show():
        return found
    print(first, found, show())
    list(it)
    print(found, show())
outer()
def nested():
    res = [[(total := i + j) for j in range(2)] for i in range(2)]
    return res, total
print(nested())
def with_lambda():
    fs = [lambda: (v := 10) for _ in range(2)]
    return [f() for f in fs]
print(with_lambda())
class C:
    def m(self):
        return [(self.__dict__.setdefault('k', y := 3)) for _ in range(1)], y
print(C().m())
def gen_walrus():
    while (chunk := (yield)) is not None:
        print("got", chunk)
g = gen_walrus(); next(g); g.send(1); g.send(2)
try:
    g.send(None)
except StopIteration:
    print("done")
x = 0
def uses_global():
    global x
    [(x := i) for i in range(3)]
uses_global(); print(x)
def f2():
    y = 1
    def inner():
        nonlocal y
        [(y := y + i) for i in range(3)]
        return y
    return inner(), y
print(f2())
print([(i, j) for i in range(3) if (j := i * 2) > 1])
def f3():
    try:
        return [k for k in range(3) if (m := k)]
    finally:
        print("m =", m)
f3()
def unbound():
    if False:
        (u := 1)
    return u
try:
    unbound()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
