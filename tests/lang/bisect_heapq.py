# _bisect and _heapq: the C halves of bisect.py and heapq.py
import _bisect as B
import _heapq as H

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

a = [1, 2, 2, 2, 3, 5, 8]
print([B.bisect_left(a, x) for x in range(10)], [B.bisect_right(a, x) for x in range(10)])
print(B.bisect_left(a, 2, 2), B.bisect_right(a, 2, 0, 3), B.bisect_left(a, 2, lo=4, hi=6), B.bisect_right(a, 9, hi=None))
print(B.bisect_left([], 1), B.bisect_right('acegi', 'd'), B.bisect_left((1, 3, 5), 4), B.bisect_right(range(0, 100, 3), 50))
recs = [('a', 1), ('b', 3), ('c', 5)]
print(B.bisect_left(recs, 3, key=lambda r: r[1]), B.bisect_right(recs, 3, key=lambda r: r[1]), B.bisect_left(recs, 4, key=None and 1))
l = [1, 3, 5]
B.insort_left(l, 3); B.insort_right(l, 4); B.insort_right(l, 0, 0, 1); B.insort_left(l, 9, lo=2)
print(l)
r = []
B.insort_right(r, ('x', 2), key=lambda p: p[1]); B.insort_left(r, ('y', 1), key=lambda p: p[1]); B.insort_right(r, ('z', 2), key=lambda p: p[1])
print(r)
class Seq:
    def __init__(self): self.items = []
    def __len__(self): return len(self.items)
    def __getitem__(self, i): return self.items[i]
    def insert(self, i, x): self.items.insert(i, x)
s = Seq()
for x in [5, 1, 4, 1]:
    B.insort_left(s, x)
print(s.items)
t(lambda: B.bisect_right())
t(lambda: B.bisect_right([1], 1, -1))
t(lambda: B.bisect_right([1], 1, 'a'))
t(lambda: B.bisect_right([1], 1, 0, 'a'))
t(lambda: B.bisect_right([1], 1, 0, 1, 2))
t(lambda: B.bisect_right([1], 1, x=2))
t(lambda: B.insort_left([1], 1, -1))
t(lambda: B.insort_right((1,), 1))
t(lambda: B.bisect_left(1, 1))
t(lambda: B.bisect_left([1], 1, 0, 5))
t(lambda: B.bisect_left([1, 'a'], 2))
t(lambda: B.bisect_left([1], 1, key=1))
print(sorted(n for n in dir(B) if not n.startswith('__')))

h = []
for x in [5, 3, 8, 1, 9, 2, 7, 3]:
    H.heappush(h, x)
print(h, [H.heappop(h) for _ in range(3)], h)
print(H.heapreplace(h, 6), h, H.heappushpop(h, 0), H.heappushpop(h, 10), h, H.heappushpop([], 4))
x = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]
H.heapify(x); print(x)
H._heapify_max(x); print(x, H._heappop_max(x), H._heapreplace_max(x, -1), x)
big = [(i * 7919) % 5003 for i in range(6000)]
H.heapify(big)
print(big[:12], big[2990:2996], sum(i * v for i, v in enumerate(big)) % 1000003)
big2 = list(big)
H._heapify_max(big2)
print(big2[:8], sum(i * v for i, v in enumerate(big2)) % 1000003)
print([H.heappop(big) for _ in range(5)], len(big))
words = ['pear', 'apple', 'fig', 'banana']
H.heapify(words); print(words, H.heappop(words))
pairs = []
for p in [(2, 'b'), (1, 'z'), (2, 'a'), (1, 'y')]:
    H.heappush(pairs, p)
print([H.heappop(pairs) for _ in range(4)])
class Evil:
    def __init__(self, heap): self.heap = heap
    def __lt__(self, other):
        self.heap.clear()
        return False
ev = [1, 2, 3]
t(lambda: H.heappush(ev, Evil(ev)))
t(lambda: H.heappush([]))
t(lambda: H.heappush((), 1))
t(lambda: H.heappop())
t(lambda: H.heappop(()))
t(lambda: H.heappop([]))
t(lambda: H.heapify(()))
t(lambda: H.heapify())
t(lambda: H.heapreplace([], 1))
t(lambda: H.heappushpop((), 1))
t(lambda: H._heappop_max([]))
t(lambda: H.heappush([], 1, x=2))
t(lambda: H.heappop(x=[]))
t(lambda: H.heappush([1], 'a'))
print(sorted(n for n in dir(H) if not n.startswith('__')))
