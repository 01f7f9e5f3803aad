# sets of ints (CPython's iteration order for ints is reproducible)
s = {3, 1, 2}
print(s, len(s), 2 in s, 5 in s, set(), set([5, 5, 1]), {10, 5, 100, 33, 64, 8})
s.add(10); s.discard(1); s.discard(99); print(s)
s.remove(2); print(s)
a, b = {1, 2, 3, 4}, {3, 4, 5}
print(a | b, a & b, a - b, a ^ b, a <= b, {3} < a, a >= {1}, a.isdisjoint({9}))
print(a.union([7]), a.intersection(b), a.difference(b), a.symmetric_difference(b), sorted(a))
c = set(range(20))
c -= {0, 1, 2}
c &= set(range(10))
c |= {100}
print(c, frozenset([1, 2]), frozenset() == set(), {frozenset([1])}, len({i % 7 for i in range(100)}))
print(sorted({"b", "a", "c"}), {x * 2 for x in range(5)}, set("aaa") == {"a"})
x = {1}
print(x.pop(), x)
try:
    x.pop()
except KeyError as e:
    print("KeyError:", e)
try:
    {1}.remove(2)
except KeyError as e:
    print("KeyError:", e)
