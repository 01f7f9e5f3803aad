# unpacking targets in for loops and assignments: nested, starred, attributes/subscripts, errors
pairs = [(1, "a"), (2, "b")]
for n, s in pairs:
    print(n, s)
for i, (n, s) in enumerate(pairs):
    print(i, n, s)
for first, *rest in ["abc", [1, 2], (3,)]:
    print(first, rest)
for *init, last in ["xyz"]:
    print(init, last)
for a, (b, (c, d)) in [(1, (2, (3, 4)))]:
    print(a + b + c + d)
class O: pass
o = O(); d = {}; l = [0, 0]
for o.attr, d["k"], l[1] in [(1, 2, 3), (4, 5, 6)]:
    pass
print(o.attr, d, l)
x, = [5]; [y] = (6,); (z) = 7; print(x, y, z)
a, b = b, a = 1, 2; print(a, b)
m, *n, p = range(5); print(m, n, p)
*q, = "hi"; print(q)
h, t = "ab"; print(h, t)
k1, k2 = {"x": 1, "y": 2}; print(k1, k2)
i = 0; items = [0, 0]; i, items[i] = 1, 9; print(i, items)
for bad in [lambda: [(x, y) for x, y in [(1, 2, 3)]], lambda: [(x, y) for x, y in [(1,)]],
            lambda: [x for x, in [(1, 2)]], lambda: [(a, b) for a, b in [5]], lambda: [(a, *b, c) for a, *b, c in ["x"]]]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
def gen():
    yield 1
    yield 2
    yield 3
try:
    u, v = gen()
except ValueError as e:
    print("ValueError:", e)
try:
    u, v, w, z2 = gen()
except ValueError as e:
    print("ValueError:", e)
try:
    e1, e2 = None
except TypeError as e:
    print("TypeError:", e)
for key, value in sorted({"b": 2, "a": 1}.items()):
    print(key, value)
for (x1, y1), z1 in zip([(1, 2), (3, 4)], "pq"):
    print(x1, y1, z1)
