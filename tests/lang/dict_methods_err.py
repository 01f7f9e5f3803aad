# dict methods, ordering, views and error messages
d = {"b": 1, "a": 2}
d["c"] = 3; d["b"] = 10
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()), len(d))
print(d.get("z"), d.get("z", 0), d.setdefault("d", 4), d.setdefault("a", 99), d)
print(d.pop("d"), d.pop("zz", "dflt"), d.popitem(), d)
d.update({"x": 1}, y=2); d.update([("z", 3)]); print(d)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0), dict(a=1, b=2), dict([(1, 2)], c=3), dict(zip("ab", [1, 2])))
print({1: "a"} == {1: "a"}, {1: 1, 2: 2} == {2: 2, 1: 1}, {1: 1} != {1: 2}, {**d, "b": 0}, d | {"q": 0})
e = {1: 1}; e |= {2: 2}; print(e)
k = d.keys()
print("a" in k, "zz" in k, k & {"a", "q"} == {"a"}, sorted(k - {"a"}), len(d.values()), ("a", 2) in d.items())
print(repr(d.keys()), repr({}.values()), repr({1: 2}.items()))
del d["a"]; print(d, k)
print({True: 1, 1: 2, 1.0: 3}, {0: "z", False: "f"}, {(1, 2): 3}[(1, 2)], dict(sorted({"b": 1, "a": 2}.items())))
print(list(reversed({"a": 1, "b": 2})), list(reversed({"a": 1}.items())), {n: n * n for n in range(4)})
tests = [
    lambda: {}["missing"], lambda: {}[(1, 2)], lambda: {}.pop("k"), lambda: {}.popitem(), lambda: {[1]: 2},
    lambda: {}.get(), lambda: dict(5), lambda: dict([1, 2]), lambda: dict([(1, 2, 3)]), lambda: {1: 2} + {3: 4},
    lambda: {1: 2} < {1: 2}, lambda: {}.update(1), lambda: {}.fromkeys(), lambda: {}[[]],
    lambda: {"a": 1}.setdefault(), lambda: {}.update({}, {}), lambda: {1: 2} | [(3, 4)], lambda: {}[{}],
]
for t in tests:
    try:
        print(t())
    except (KeyError, TypeError, ValueError) as err:
        print(type(err).__name__ + ":", err)
m = {1: 1}
try:
    for key in m:
        m[key + 1] = 0
except RuntimeError as err:
    print("RuntimeError:", err)
class K:
    def __init__(self, v): self.v = v
    def __hash__(self): return 1
    def __eq__(self, o): return isinstance(o, K) and self.v == o.v
    def __repr__(self): return f"K({self.v})"
cd = {K(1): "one", K(2): "two"}
print(cd[K(2)], len(cd), K(3) in cd, cd)
try:
    cd[K(9)]
except KeyError as err:
    print("KeyError:", err, repr(err), err.args)
