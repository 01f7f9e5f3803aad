# CPython's weakref.py on minipy's _weakref: WeakValueDictionary, WeakKeyDictionary,
# WeakSet, finalize, WeakMethod (deaths checked over many objects: the
# collector scans the C stack conservatively).
import weakref, gc
class A:
    def __init__(self, n): self.n = n
    def __repr__(self): return "A(%d)" % self.n
def settle():
    for _ in range(3): gc.collect()
keep = [A(i) for i in range(5)]
d = weakref.WeakValueDictionary()
for i in range(100): d[i] = A(i)
for i, a in enumerate(keep): d[1000 + i] = a
settle()
print(len(d) <= 7, sorted(k for k in d.keys() if k >= 1000))
kd = weakref.WeakKeyDictionary()
for a in keep: kd[a] = a.n
def tmp():
    for i in range(50): kd[A(i)] = i
tmp()
settle()
print(len(kd) <= 7, sorted(kd.values())[:5])
ws = weakref.WeakSet(keep)
ws.add(A(99))
settle()
print(len(ws) <= 6, sorted(a.n for a in ws)[:5])
calls = []
def mk(i):
    o = A(i)
    return weakref.finalize(o, calls.append, i)
fs = [mk(i) for i in range(20)]
settle()
print(len(calls) >= 18, len(set(calls)) == len(calls), sum(f.alive for f in fs) <= 2)
m = weakref.WeakMethod(keep[0].__repr__)
print(m()())
