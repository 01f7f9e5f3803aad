# __eq__/__hash__ interactions: defining __eq__ removes hashing, explicit __hash__ = None, inherited hash, dict/set use
class Plain: pass
class EqOnly:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return isinstance(o, EqOnly) and self.v == o.v
class EqHash(EqOnly):
    def __hash__(self): return hash(self.v)
class Unhashable:
    __hash__ = None
class ChildOfEqHash(EqHash):
    pass
class ChildRedefinesEq(EqHash):
    def __eq__(self, o): return False
p = Plain()
print(hash(p) == hash(p), p == p, p != Plain(), EqOnly.__hash__ is None, EqHash.__hash__ is not None, ChildOfEqHash.__hash__ is EqHash.__hash__)
print(ChildRedefinesEq.__hash__ is None, Unhashable.__hash__)
for obj in [EqOnly(1), Unhashable(), ChildRedefinesEq(1), [1], {}, set()]:
    try:
        hash(obj)
        print("hashable", type(obj).__name__)
    except TypeError as e:
        print("TypeError:", e)
s = {EqHash(1), EqHash(1), EqHash(2), ChildOfEqHash(1)}
print(len(s), EqHash(1) in s, EqHash(3) in s)
d = {EqHash("k"): "v"}
print(d[EqHash("k")], d.get(EqHash("z")), EqHash(1) == EqHash(1), EqHash(1) != EqHash(1), EqHash(1) == 1)
class Counting:
    calls = 0
    def __init__(self, v): self.v = v
    def __hash__(self):
        Counting.calls += 1
        return 7
    def __eq__(self, o):
        Counting.calls += 100
        return self.v == o.v
cd = {Counting(1): 1}
cd[Counting(1)] = 2
print(len(cd), Counting.calls)
class NE:
    def __eq__(self, o): return True
    def __ne__(self, o): return True
print(NE() == 1, NE() != 1, 1 == NE(), [NE()] == [5], (NE(),) == (1,), 5 in [NE()])
class BadHash:
    def __hash__(self): return "nope"
try:
    hash(BadHash())
except TypeError as e:
    print("TypeError:", e)
class BigHash:
    def __hash__(self): return 2 ** 100
print(hash(BigHash()) == hash(2 ** 100), hash(-1), hash(True), hash(None) == hash(None), hash((1, 2)) == hash((1, 2)))
class Id:
    def __eq__(self, o): return NotImplemented
a, b = Id(), Id()
print(a == a, a == b, a != b, a in [a], b in [a], [a].count(a), [a].index(a))
nan = float("nan")
print(nan in [nan], [nan] == [nan], (nan,) == (nan,), {nan: 1}.get(nan), nan == nan)
print(1 == 1.0, hash(1) == hash(1.0), {1: "int", 1.0: "float"}, 0.0 == -0.0, {0.0: "a", -0.0: "b"}, True == 1 == 1.0)
