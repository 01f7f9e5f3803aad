# default arguments: evaluated once at def time, mutable default sharing, lambda defaults, kw-only defaults
counter = 0
def next_id():
    global counter
    counter += 1
    return counter
def f(x=next_id()):
    return x
print(f(), f(), counter)
def append_to(v, acc=[]):
    acc.append(v)
    return acc
print(append_to(1), append_to(2), append_to(3, []), append_to(4))
print(append_to.__defaults__)
def safe(v, acc=None):
    acc = [] if acc is None else acc
    acc.append(v)
    return acc
print(safe(1), safe(2))
y = 10
g = lambda a, b=y: a + b
y = 20
print(g(1), g(1, 2), (lambda *a, **k: (a, sorted(k.items())))(1, 2, z=3))
h = lambda x, *, scale=2, shift=0: x * scale + shift
print(h(3), h(3, scale=5), h(3, shift=1, scale=0), h.__kwdefaults__)
def kw(a, b=2, *args, c, d=4, **rest):
    return a, b, args, c, d, sorted(rest)
print(kw(1, c=3), kw(1, 5, 6, 7, c=8, e=9, d=0), kw.__defaults__, kw.__kwdefaults__)
def pos_only(a, b=2, /, c=3):
    return a, b, c
print(pos_only(1), pos_only(1, 5, c=6))
try:
    pos_only(a=1)
except TypeError as e:
    print("TypeError:", e)
try:
    kw(1)
except TypeError as e:
    print("TypeError:", e)
try:
    h(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    kw(1, 2, c=3, a=4)
except TypeError as e:
    print("TypeError:", e)
fs = [lambda n=n: n * n for n in range(4)]
print([fn() for fn in fs], [fn(10) for fn in fs][:2])
def outer():
    base = 100
    def inner(v, b=base):
        return v + b
    base = 200
    return inner(1)
print(outer())
def mutate(d={}):
    d[len(d)] = True
    return len(d)
print(mutate(), mutate(), mutate({}), mutate())
print((lambda: "no args")(), (lambda x=1, y=2: x - y)(y=5), (lambda *a: len(a))(*range(7)))
def defaults_order(a=print("evaluating a default"), b=print("evaluating b default")):
    return a, b
print(defaults_order())
