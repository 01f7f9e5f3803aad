# signal (CPython's signal.py over _signal): Python handlers run between
# instructions, SIGINT raises KeyboardInterrupt, EINTR'd calls resume.
import os
import signal
import time

print(signal.SIGINT, repr(signal.SIGINT), signal.getsignal(signal.SIGINT) is signal.default_int_handler)
print(signal.getsignal(signal.SIGUSR1), repr(signal.getsignal(signal.SIGUSR1)))
print(signal.SIG_DFL, signal.SIG_IGN, repr(signal.SIG_IGN), signal.NSIG)
got = []


def handler(signum, frame):
    got.append(signum)
    print("handler", signum, signal.Signals(signum).name, type(frame).__name__, frame.f_code.co_name)


old = signal.signal(signal.SIGUSR1, handler)
print(repr(old), signal.getsignal(signal.SIGUSR1) is handler)
signal.raise_signal(signal.SIGUSR1)
print("after raise_signal", got)
os.kill(os.getpid(), signal.SIGUSR1)
print("after kill", got)


def f():
    signal.raise_signal(signal.SIGUSR1)
    return "f returned"


print(f(), got)

try:
    signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt as e:
    print("KeyboardInterrupt", repr(e))
try:
    signal.default_int_handler(2, None)
except KeyboardInterrupt:
    print("default_int_handler raises KeyboardInterrupt")


def boom(signum, frame):
    raise ValueError("from handler %d" % signum)


signal.signal(signal.SIGALRM, boom)
print(signal.alarm(0))
signal.setitimer(signal.ITIMER_REAL, 0.05)
try:
    time.sleep(5)
except ValueError as e:
    print("caught", e)

# a handler that returns: sleep resumes for the time that is left (PEP 475)
ticks = []
signal.signal(signal.SIGALRM, lambda s, f: ticks.append(s))
signal.setitimer(signal.ITIMER_REAL, 0.02)
t0 = time.monotonic()
time.sleep(0.1)
print(ticks, time.monotonic() - t0 >= 0.09)

# a signal during a loop runs its handler there
signal.signal(signal.SIGALRM, boom)
signal.setitimer(signal.ITIMER_REAL, 0.05)
n = 0
try:
    while True:
        n += 1
except ValueError as e:
    print("loop interrupted:", e, n > 0)
print(signal.getitimer(signal.ITIMER_REAL))

# SIG_IGN / SIG_DFL and the enums
print(signal.signal(signal.SIGUSR1, signal.SIG_IGN) is handler)
os.kill(os.getpid(), signal.SIGUSR1)
print("ignored", signal.getsignal(signal.SIGUSR1))
print(signal.signal(signal.SIGUSR1, signal.SIG_DFL))
print(signal.strsignal(signal.SIGTERM), signal.strsignal(signal.SIGINT), signal.Signals(15), signal.Signals.SIGHUP.value)
print(signal.SIGTERM in signal.valid_signals(), len(signal.valid_signals()) > 30, type(signal.valid_signals()).__name__)
print(isinstance(signal.SIGINT, int), signal.Handlers.SIG_DFL, signal.Sigmasks.SIG_BLOCK)

# blocking a signal: it waits until unblocked
signal.signal(signal.SIGUSR2, handler)
old = signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR2])
os.kill(os.getpid(), signal.SIGUSR2)
print("blocked", signal.SIGUSR2 in signal.sigpending(), got[-1])
signal.pthread_sigmask(signal.SIG_SETMASK, old)
print("unblocked", got[-1])

# set_wakeup_fd gets the signal number
r, w = os.pipe()
os.set_blocking(w, False)
print(signal.set_wakeup_fd(w))
signal.raise_signal(signal.SIGUSR2)
print(os.read(r, 10), signal.set_wakeup_fd(-1) == w)
os.close(r)
os.close(w)

for bad in [lambda: signal.signal(signal.SIGKILL, handler), lambda: signal.signal(1000, handler),
            lambda: signal.signal(signal.SIGUSR2, 5), lambda: signal.getsignal(0),
            lambda: signal.set_wakeup_fd(os.pipe()[0]), lambda: signal.signal(signal.SIGUSR2)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# _thread.interrupt_main simulates SIGINT: its Python handler runs
import _thread

hits = []
signal.signal(signal.SIGINT, lambda s, f: hits.append(s))
_thread.interrupt_main()
for i in range(1000): pass
print(hits)
signal.signal(signal.SIGINT, signal.default_int_handler)
try:
    _thread.interrupt_main()
    for i in range(1000): pass
except KeyboardInterrupt:
    print("KI")
