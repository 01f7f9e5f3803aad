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
