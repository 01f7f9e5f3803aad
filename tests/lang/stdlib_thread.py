# _thread in a single thread: locks, RLock, _local, get_ident, errors.
import _thread

lock = _thread.allocate_lock()
print(type(lock) is _thread.LockType, lock.locked())
print(lock.acquire(), lock.locked(), lock.acquire(False), lock.acquire(timeout=0.01))
lock.release()
print(lock.locked(), repr(lock).startswith("<unlocked _thread.lock object at "))
with lock:
    print("inside", lock.locked(), repr(lock).startswith("<locked _thread.lock object"))
print("after", lock.locked())
print(lock.acquire_lock(), lock.locked_lock())
lock.release_lock()

for args, kwargs in [((False, 1), {}), ((True, -2), {}), ((), {"timeout": 1e20})]:
    try:
        lock.acquire(*args, **kwargs)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError", e)
print(_thread.error is RuntimeError)

r = _thread.RLock()
print(repr(r).startswith("<unlocked _thread.RLock object owner=0 count=0 at "))
with r:
    with r:
        print(r._is_owned(), r._recursion_count())
    print(r._recursion_count())
print(r._is_owned(), r._recursion_count())
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError", e)
r.acquire()
state = r._release_save()
print(r._is_owned(), state[0])
r._acquire_restore(state)
print(r._is_owned(), r._recursion_count())
r.release()

class MyLocal(_thread._local):
    def __init__(self, x):
        self.x = x

loc = MyLocal(5)
loc.y = 6
print(loc.x, loc.y, sorted(vars(loc)))
print(_thread.get_ident() == _thread.get_ident(), isinstance(_thread.get_native_id(), int))
print(_thread._count(), _thread.stack_size(), _thread.TIMEOUT_MAX > 1e9)
try:
    _thread.stack_size(100)
except ValueError as e:
    print("ValueError", e)
print(_thread.stack_size(0))

import reprlib
print(reprlib.repr(list(range(1000))), reprlib.repr("x" * 100))

class Node:
    def __init__(self):
        self.children = [self]
    @reprlib.recursive_repr()
    def __repr__(self):
        return "Node(%r)" % (self.children,)
print(Node())
