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


# The C stack is scanned conservatively: a stale copy of a pointer may keep
# an object for a while after its last reference is gone (more so in an
# unoptimized build), so each check below makes 100 objects and asserts what
# the collector guarantees: nearly all of them finalized, each exactly once.
def settle():
    for _ in range(3):
        gc.collect()

deleted = []
class A:
    def __init__(self, n):
        self.n = n
        self.cycle = self
    def __del__(self):
        deleted.append(self.n)
def make_a(n):
    A(n)
for i in range(100):
    make_a(i)
settle()
# A conservative scan may keep a few objects a stale stack word still names
# (more in the unoptimised sanitizer build): most, not all, must be finalized.
print("__del__ ran:", len(deleted) >= 95, len(set(deleted)) == len(deleted))

saved = []
class R:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        saved.append(self)
def make_r(n):
    R(n)
for i in range(100):
    make_r(i)
settle()
print("resurrected:", len(saved) >= 98, type(saved[0]).__name__)
first = [r.n for r in saved]
saved.clear()
settle()
again = [r.n for r in saved]
print("no second __del__:", not set(first) & set(again))
saved.clear()

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
print("generators closed:", len(closed) >= 98, len(set(closed)) == len(closed))
print("end")
