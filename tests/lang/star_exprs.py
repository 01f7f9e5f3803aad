*a, b = [1,2,3]; print(a, b)
x = [*a, *a]; print(x)
d = {**{'a':1}, **{'b':2}}; print(d)
print(*a, *a, **{'sep':'-'}, **{'end':'!\n'})
for *p, q in [(1,2,3)]: print(p, q)
def f(): return *a, b
print(f())
def g(): yield *a, b
print(list(g()))
class C:
    def __getitem__(s, k): return k
print(C()[*a], C()[*a, 1], C()[1:2, *a])
print(f.__annotations__ if hasattr(f, '__annotations__') else 'noann')
a, *b, c = range(6); print(a, b, c)
[x, *y] = "hey"; print(x, y)
*z, = (1, 2); print(z)
(p, *q), r = [1, 2, 3], 4; print(p, q, r)
s = {*a_ for a_ in [[1], [2, 3]]} if False else {*[1, 2], *(2, 3)}; print(sorted(s))
t = *range(3), *"ab"; print(t)
def h(*args, **kw): return args, kw
print(h(*[1], 2, *(3,), k=1, **{'m': 2}, **{'n': 3}))
d1, d2 = {'a': 1}, {'a': 2, 'b': 3}
print({**d1, **d2, 'c': 4})
try:
    h(**d1, **{'a': 5})
except TypeError as e:
    print("TypeError:", e)
for *init, last in ["abc", [1, 2]]:
    print(init, last)
def gen():
    x = yield *a, b
    print("sent", x)
    return *b, a
g = gen(); print(next(g))
try:
    g.send("v")
except StopIteration as e:
    print("returned", e.value)
print([*range(2), *[5]], (*"xy",))
m = {}
m[*'ab'] = 1
print(m)
print(*[], sep="|")
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    print(*1)
except TypeError as e:
    print("TypeError:", e)
try:
    print(**[1])
except TypeError as e:
    print("TypeError:", e)
