# dicts: insertion order, methods, errors
d = {"b": 2, "a": 1}
d["c"] = 3
d["b"] = 20
print(d, len(d), d["a"], "a" in d, "z" not in d, list(d), list(d.keys()), list(d.values()), list(d.items()))
del d["a"]
d["a"] = 100
print(d, d.get("zz"), d.get("zz", 0), d.pop("b"), d.pop("nope", "dflt"), d)
print(d.setdefault("c", 9), d.setdefault("n", 7), d)
d.update({"x": 1}, y=2); d.update([("z", 3)]); print(d)
print(d.popitem(), d, dict(a=1, b=2), dict([(1, 2)]), dict.fromkeys("ab", 0), {1: "x"} == {1: "x"})
print({k: v for k, v in zip("abc", range(3))}, dict(d), d.copy() is d, {**d, "q": 0})
print({1: 1, 1.0: 2, True: 3}, {(1, 2): "tuple key"}, {None: 0}[None], {} == dict())
print(d.keys(), d.values(), d.items(), {"a": 1} | {"b": 2})
e = {}
e[e.__class__.__name__] = e
print(e)
for k in d:
    print(k, d[k], end="; ")
print()
try:
    d["missing"]
except KeyError as ex:
    print("KeyError:", ex, repr(ex))
try:
    {[1]: 2}
except TypeError as ex:
    print("TypeError:", ex)
d2 = {i: i * i for i in range(1000)}
for i in range(0, 1000, 2):
    del d2[i]
print(len(d2), sum(d2), list(d2)[:5])
