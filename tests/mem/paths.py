"""One call path that allocates under a native (C) frame, run N times:
tests/mem/rss_flat.py runs it at two sizes and compares peak RSS.
    paths.py PATH N"""
import sys
N = int(sys.argv[2])
path = sys.argv[1]

def work(i):
    x = [i, i + 1, str(i)]
    return len(x)

class Seq:
    def __getitem__(self, i):
        if i >= N: raise IndexError
        return [i, str(i)]
class It:
    def __init__(self): self.i = 0
    def __iter__(self): return self
    def __next__(self):
        self.i += 1
        if self.i > N: raise StopIteration
        return [self.i, str(self.i)]
class Key:
    def __init__(self, v): self.v = v
    def __hash__(self): _ = [self.v, str(self.v)]; return hash(self.v)
    def __eq__(self, o): _ = [self.v, str(self.v)]; return self.v == o.v
class Call:
    def __call__(self, i): return [i, str(i)]
class Prop:
    @property
    def p(self): return [1, str(2)]

def gen():
    for i in range(N):
        yield [i, str(i)]

if path == "direct":
    t = 0
    for i in range(N): t += work(i)
elif path == "map": t = sum(map(work, range(N)))
elif path == "filter": t = len(list(filter(lambda i: work(i) > 5, range(N))))
elif path == "sorted_key":
    t = 0
    for _ in range(N // 1000): t += len(sorted(range(1000), key=lambda i: (work(i), str(i))))
elif path == "list_sort_key":
    t = 0
    for _ in range(N // 1000):
        xs = list(range(1000)); xs.sort(key=lambda i: [work(i)]); t += len(xs)
elif path == "max_key": t = max(range(N), key=lambda i: [work(i)])
elif path == "tuple_gen": t = len(tuple(str(work(i)) for i in range(N)) [:0]) if False else sum(len(tuple(str(work(i)) for i in range(100))) for _ in range(N // 100))
elif path == "dict_gen": t = sum(len(dict((i, str(work(i))) for i in range(100))) for _ in range(N // 100))
elif path == "min_key": t = min(range(N), key=lambda i: [work(i)])
elif path == "set_gen": t = len(set(work(i) for i in range(N)))
elif path == "list_gen": t = sum(len(list(str(work(i)) for i in range(100))) for _ in range(N // 100))
elif path == "join_gen": t = sum(len("".join(str(work(i)) for i in range(100))) for _ in range(N // 100))
elif path == "sum_gen": t = sum(work(i) for i in range(N))
elif path == "any_gen": t = any(work(i) > 5 for i in range(N))
elif path == "all_gen": t = all(work(i) < 5 for i in range(N))
elif path == "star_args":
    def run(f, *a): return f(*a)
    def loop(n):
        t = 0
        for i in range(n): t += work(i)
        return t
    t = run(loop, N)
elif path == "star_kw":
    def run(f, **kw): return f(**kw)
    def loop(n):
        t = 0
        for i in range(n): t += work(i)
        return t
    t = run(loop, n=N)
elif path == "getitem": t = sum(1 for _ in Seq())
elif path == "iter": t = sum(1 for _ in It())
elif path == "dict_eq_hash":
    d = {Key(i): i for i in range(100)}
    t = 0
    for i in range(N // 10): t += d[Key(i % 100)]
elif path == "call": 
    c = Call(); t = sum(len(c(i)) for i in range(N))
elif path == "prop":
    o = Prop(); t = 0
    for i in range(N): t += len(o.p)
else:
    raise SystemExit("unknown path " + path)
print(path, t)
