import _weakref, gc
ref = _weakref.ref
class A:
    pass
a = A()
r = ref(a)
print(r() is a, ref(a) is r, _weakref.getweakrefcount(a), a.__weakref__ is r)
log = []
r2 = ref(a, lambda w: log.append("cb " + str(w() is None)))
print(r2 is not r, _weakref.getweakrefcount(a), r == r2, hash(r) == hash(a))

# The C stack is scanned conservatively: a stale word may keep an object a
# while longer (more so in an unoptimized build), so the deaths below are
# checked over 100 objects: nearly all references dead, every callback run
# once and only after its reference was cleared.
def settle():
    for _ in range(3): gc.collect()
calls = []
def make_ref(i):
    return ref(A(), lambda w: calls.append((i, w() is None)))
refs = [make_ref(i) for i in range(100)]
settle()
dead = [w for w in refs if w() is None]
print(len(dead) >= 98, len(calls) == len(dead), all(c for _, c in calls),
      len({i for i, _ in calls}) == len(calls))
print(dead[0] == dead[1], dead[0] == dead[0])
for bad in (1, "s", (1,), [], {}, None):
    try:
        ref(bad)
    except TypeError as e:
        print(e)
class B:
    def m(self): return 42
b = B()
p = _weakref.proxy(b)
print(p.m(), type(p).__name__)
print(repr(ref(b)).startswith("<weakref at 0x"), "to 'B' at" in repr(ref(b)))
class KeyedRef(ref):
    __slots__ = "key",
    def __new__(type, ob, callback, key):
        self = ref.__new__(type, ob, callback)
        self.key = key
        return self
    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)
k = KeyedRef(b, None, "kk")
print(k.key, k() is b, isinstance(k, ref))
def proxies():
    return [_weakref.proxy(B()) for i in range(100)]
errors = []
ps = proxies()
settle()
for q in ps:
    try:
        q.m()
    except ReferenceError as e:
        errors.append(str(e))
print(len(errors) >= 95, set(errors))

# Weak references are cleared before finalizers run (objects in a cycle,
# which CPython's collector handles the same way).
seen = []
cleared = []
class D:
    def __init__(self):
        self.me = self
        self.wr = None
    def __del__(self):
        cleared.append(self.wr() is None)
def mk():
    d = D()
    d.wr = ref(d, lambda w: seen.append(w() is None))
for _ in range(100):
    mk()
settle()
print(len(cleared) >= 95, all(cleared), len(seen) >= 95, all(seen))
print(_weakref.getweakrefcount(1), _weakref.getweakrefs(1))
def refs_of_new():
    return {k: ref(B()) for k in range(100)}
d = refs_of_new()
settle()
for k in list(d):
    _weakref._remove_dead_weakref(d, k)
print(len(d) <= 2)
