# comprehensions: own scope, nested loops and conditions, closures over loop vars, class bodies
x = "outer"
print([x for x in range(3)], x)
print([(i, j) for i in range(3) for j in range(i) if (i + j) % 2], {i: [j for j in range(i)] for i in range(3)})
print([[row * col for col in range(3)] for row in range(3)], [y for x in [[1, 2], [3]] for y in x])
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs2 = [lambda i=i: i for i in range(3)]
print([f() for f in fs2])
def make():
    n = 10
    return [n + k for k in range(3)], (lambda: [n * k for k in range(2)])()
print(make())
def gen_scope():
    data = [1, 2, 3]
    g = (v * 2 for v in data)
    data = [100]
    return list(g)
print(gen_scope())
class C:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
    first = vals[0]
    try:
        bad = [v + first for v in vals]
    except NameError as e:
        err = str(e)
print(C.doubled, C.err)
def outer():
    total = 0
    def add_all(items):
        nonlocal total
        total += sum(i for i in items)
        return [total + i for i in items]
    return add_all([1, 2]), total
print(outer())
print(sorted({c for c in "mississippi"}), {k: v for k, v in zip("abc", range(3)) if v != 1})
print(list(a + b for a in "ab" for b in "xy"), sum(n for n in range(101)), any(n > 5 for n in range(7)))
g = (n for n in range(3))
print(next(g), list(g), list(g))
try:
    [undefined_name for _ in range(1)]
except NameError as e:
    print("NameError:", e)
try:
    print([1 / z for z in [1, 0]])
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print([i for i in range(3)] == list(range(3)), [*range(3), *"ab"], {*range(2)}, {**{1: 2}, 3: 4})
nested = [[(a, b) for b in range(a)] for a in range(3) if a]
print(nested)
print([x for x in range(2)], x)
def raise_in_comp():
    return [int(s) for s in ["1", "x"]]
raise_in_comp()
