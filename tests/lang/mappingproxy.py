# types.MappingProxyType and a class's __dict__ as a live read-only view.
import types
class A:
    x = 1
    def m(self): pass
d = A.__dict__
print(type(d).__name__, d["x"], "m" in d, d.get("zz", 0), len(d) > 2, sorted(k for k in d if not k.startswith("__")))
A.y = 2
print(d["y"], type(d) is types.MappingProxyType)
try:
    d["x"] = 3
except TypeError as e:
    print("TypeError", e)
try:
    del d["x"]
except TypeError as e:
    print("TypeError", e)
p = types.MappingProxyType({"k": 1, "j": 2})
print(p, p["k"], list(p), list(p.keys()), list(p.values()), list(p.items()), p.copy(), p == {"k": 1, "j": 2})
print(p | {"z": 0}, list(reversed(p)), str(p), len(p))
for bad in (lambda: types.MappingProxyType([1]), lambda: types.MappingProxyType(3), lambda: p.__ior__({})):
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
try:
    p["nope"]
except KeyError as e:
    print("KeyError", e)
try:
    p.pop("k")
except AttributeError as e:
    print("AttributeError", e)
print(vars(A)["x"], int.__dict__["__add__"], type(int.__dict__).__name__)
match p:
    case {"k": v}:
        print("matched", v)
