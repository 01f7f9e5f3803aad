# threading on minipy's single-threaded _thread: locks, RLock, conditions,
# thread-locals and the current thread work; starting a thread is refused
# with a RuntimeError naming the limitation (minipy has no threads), so
# the expected output below is CPython's for everything but that line.
import threading
print(threading.get_ident() > 0, threading.current_thread().name, threading.main_thread().name)
print(threading.active_count(), [t.name for t in threading.enumerate()])
l = threading.Lock()
with l:
    print("locked", l.locked(), l.acquire(blocking=False))
print("released", l.locked())
r = threading.RLock()
with r:
    with r:
        print("rlock re-entered")
loc = threading.local()
loc.x = 5
print(loc.x, hasattr(threading.local(), "x"))
c = threading.Condition()
with c:
    print("condition", c.wait(timeout=0.01))
e = threading.Event()
print(e.is_set(), e.wait(0.01))
e.set()
print(e.is_set(), e.wait())
s = threading.Semaphore(2)
print(s.acquire(), s.acquire(), s.acquire(blocking=False))
