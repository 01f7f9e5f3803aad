# sorted/list.sort with key and reverse (stability), min/max with key/default, errors
recs = [("bob", 3), ("amy", 1), ("cat", 3), ("dan", 1), ("eve", 2)]
print(sorted(recs, key=lambda r: r[1]))
print(sorted(recs, key=lambda r: r[1], reverse=True))
print(sorted(recs, key=lambda r: -r[1]), sorted(recs, reverse=True)[:2])
words = ["banana", "Apple", "cherry", "apple", "Banana"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=len, reverse=True))
l = [3, 1, 2]; l.sort(reverse=True); print(l); l.sort(key=None); print(l)
print(sorted("hello"), sorted((3, 1, 2)), sorted({3: "a", 1: "b"}), sorted([[2, 1], [1, 2], [1]]), sorted([1.5, 1, True, 0]))
print(min(3, 1, 2), max([3, 1, 2]), min("hello"), max("a", "B"), min([], default="empty"), max([], default=None))
print(min(recs, key=lambda r: r[1]), max(recs, key=lambda r: r[1]), max([1, 3, 3.0], key=int), min([2, 2.0]), max([2, 2.0]))
print(max(words, key=len), min(words, key=len), max(range(10), key=lambda v: v % 4), min(iter([5, 4]), default=0))
print(max({1: "a", 5: "b"}), min({"x", "y", "z"}), max((1, 2), (1, 2, 0)), min([[], [0]]))
class P:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __repr__(self): return f"P{self.v}"
print(sorted([P(3), P(1), P(2)]), max(P(1), P(5)), min([P(4), P(2)]))
for f in [lambda: sorted([1, "a"]), lambda: min([]), lambda: max(), lambda: max(1), lambda: min([1], [2], default=0),
          lambda: sorted([1], key=lambda: 0), lambda: max([P(1), 2]), lambda: sorted([None, None]), lambda: [3, 2].sort(key=len),
          lambda: min(1, 2, key=lambda v: "s" if v == 1 else 0), lambda: sorted([{}, {}]), lambda: max([1, 2], default=0, key=None, foo=1)]:
    try:
        print(f())
    except (TypeError, ValueError, AttributeError) as e:
        print(type(e).__name__ + ":", e)
data = list(range(20))
print(sorted(data, key=lambda v: v % 3), sorted(data, key=lambda v: v % 3, reverse=True)[:7])
class Cnt:
    n = 0
def keyf(v):
    Cnt.n += 1
    return -v
print(sorted(range(10), key=keyf)[:3], Cnt.n)
x = [5, 2, 8]
y = sorted(x)
print(x, y, x is y, list(reversed(sorted(x))))
try:
    x.sort(key=lambda v: x.append(1) or v)
except ValueError as e:
    print("ValueError:", e)
