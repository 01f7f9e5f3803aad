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
def drop():
    global a
    a = None
drop()
for _ in range(3): gc.collect()
print(r(), log, r == r2)
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
def gone():
    global b
    b = None
gone()
for _ in range(3): gc.collect()
try:
    p.m()
except ReferenceError as e:
    print("ReferenceError:", e)
print(k())

# Weak references are cleared before finalizers run (objects in a cycle,
# which CPython's collector handles the same way).
class D:
    def __init__(self):
        self.me = self
    def __del__(self):
        print("in __del__, weakref cleared:", wr() is None, "callback ran:", seen)
seen = []
def mk():
    global wr
    wr = ref(D(), lambda w: seen.append(w() is None))
mk()
for _ in range(3): gc.collect()
print(seen)
print(_weakref.getweakrefcount(1), _weakref.getweakrefs(1))
d = {"k": ref(B())}
for _ in range(3): gc.collect()
_weakref._remove_dead_weakref(d, "k")
print(d)
