# The gc module's API (CPython's names and shapes) and finalization through
# it: __del__ once, at a collection, resurrection, suspended generators closed.
import gc

print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
print(type(gc.collect()).__name__, gc.collect(0) >= 0, gc.collect(generation=2) >= 0)
try:
    gc.collect(3)
except ValueError as e:
    print("ValueError:", e)
print(len(gc.get_count()), [type(x).__name__ for x in gc.get_count()])
th = gc.get_threshold()
print(len(th))
gc.set_threshold(500, 5, 5)
print(gc.get_threshold())
gc.set_threshold(*th)
stats = gc.get_stats()
print(len(stats), sorted(stats[0]))
print(gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked([]), gc.is_tracked({}),
      gc.is_tracked({"a": []}), gc.is_tracked(()), gc.is_tracked(None))
gc.freeze()
print(gc.get_freeze_count() > 0)
gc.unfreeze()
print(gc.get_freeze_count())
print(gc.garbage, gc.callbacks)
print(gc.DEBUG_STATS, gc.DEBUG_LEAK, gc.get_debug())

target = ["target"]
holder = [target]
print(any(r is holder for r in gc.get_referrers(target)))
print(target in gc.get_referents(holder))

phases = []
def cb(phase, info):
    phases.append((phase, sorted(info)))
gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
print(phases)


class A:
    def __init__(self, n):
        self.n = n
        self.cycle = self
    def __del__(self):
        print("del", self.n)

# The C stack is scanned conservatively: a stale copy of a pointer may keep
# an object for a collection or two after its last reference is gone, so the
# objects below are made in helper functions and a few collections run.
def settle():
    for _ in range(3):
        gc.collect()

def make_a():
    A(1)
make_a()
settle()
print("after collect")

saved = []
class R:
    def __del__(self):
        print("resurrected")
        saved.append(self)
def make_r():
    R()
make_r()
settle()
print(len(saved), type(saved[0]).__name__)
saved.clear()
settle()
print("no second __del__")

closed = []
def g(i):
    try:
        yield 1
        yield 2
    finally:
        closed.append(i)
def start_g(i):
    next(g(i))
for i in range(100):
    start_g(i)
settle()
# All closed (CPython at once; minipy at the collections, give or take the
# one a stale word on the C stack may still hold).
print(len(closed) >= 99, sorted(closed)[:3])
print("end")
