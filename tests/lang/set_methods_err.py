# set/frozenset methods and errors (ints only in printed sets, for determinism)
s = {3, 1, 2}
s.add(4); s.discard(10); s.discard(1); s.remove(2)
print(sorted(s), len(s), 3 in s, 9 not in s)
a, b = {1, 2, 3, 4}, {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b, a.union([9], (8,)), a.intersection(b, {4}), a.difference([1], [2]))
print(a.symmetric_difference(range(3)), a.issubset(range(10)), {1}.issuperset([1]), a.isdisjoint({7}), a <= a, a < a, {1} < a, a > {1, 2})
c = set(a); c |= {10}; c &= {1, 10, 2}; c -= {2}; c ^= {7}; print(sorted(c))
c.update([20], [21]); c.intersection_update(range(25)); c.difference_update({1}); c.symmetric_difference_update({7, 8}); print(sorted(c))
f = frozenset([1, 2, 2])
print(f, frozenset(), set(), {frozenset([1])}, f | {3}, {3} | f, type(f | {3}).__name__, type({3} | f).__name__, f == {1, 2}, hash(f) == hash(frozenset([2, 1])))
print(set("aab") == {"a", "b"}, sorted(set("hello")), {1, 1.0, True}, {0, False}, len({(1, 2), (1, 2)}))
p = {5}; print(p.pop(), p, p.copy() is p)
print({x % 3 for x in range(10)}, set(range(3)) == frozenset(range(3)), repr(set([1])), {1, 2} == [1, 2])
ONE = {1}
tests = [
    lambda: set().pop(), lambda: {1}.remove(2), lambda: {[1]}, lambda: set().add({}), lambda: {1} + {2},
    lambda: {1} < [1], lambda: frozenset([1]).add(2), lambda: set(5), lambda: {1}.union(5), lambda: {1} | [2],
    lambda: {1}.remove([]), lambda: {1}.discard([]), lambda: [] in {1}, lambda: ONE[0], lambda: set().update(1),
]
for t in tests:
    try:
        print(t())
    except (KeyError, TypeError, AttributeError) as err:
        print(type(err).__name__ + ":", err)
try:
    it = {1, 2}
    for v in it:
        it.add(v + 10)
except RuntimeError as err:
    print("RuntimeError:", err)
