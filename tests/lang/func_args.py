# function parameters: defaults, keywords, *args, **kwargs, keyword-only, positional-only
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))
print(f(1, c=3))
print(f(1, 5, 6, 7, c=3, e=9, d=0))
def g(x, y, /, z=0):
    return x + y + z
print(g(1, 2), g(1, 2, z=3))
def h(*, key):
    return key
print(h(key="k"))
def defaults(l=[]):
    l.append(1)
    return l
print(defaults(), defaults())
args = (1, 2)
kwargs = {"z": 10}
print(g(*args, **kwargs), f(*[1, 2, 3], **{"c": 0}))
def show(*a, **k):
    print(a, k)
show()
show(1, x=2)
show(*range(3), *"ab", **{"p": 1}, q=2)
for call in [lambda: f(), lambda: f(1), lambda: g(1, 2, 3, 4), lambda: h(1), lambda: h(key=1, other=2),
             lambda: g(1, y=2), lambda: f(1, a=2, c=3), lambda: g(x=1, y=2)]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
def many(a, b, c):
    pass
try:
    many()
except TypeError as e:
    print("TypeError:", e)
print(f.__name__, many.__defaults__, f.__defaults__, h.__kwdefaults__)
