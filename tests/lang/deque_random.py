# _collections.deque against a list model under random operation sequences
# (ring-buffer wrap-around, growth, rotate, insert/delete in the middle, maxlen)
from _collections import deque
import _random

r = _random.Random(12345)
def rnd(n):
    return r.getrandbits(16) % n

for trial in range(40):
    maxlen = None if trial % 3 else rnd(12)
    d = deque(maxlen=maxlen)
    log = []
    for step in range(300):
        op = rnd(14)
        try:
            if op == 0:
                d.append(step)
            elif op == 1:
                d.appendleft(step)
            elif op == 2:
                log.append(d.pop())
            elif op == 3:
                log.append(d.popleft())
            elif op == 4:
                d.extend(range(step % 7))
            elif op == 5:
                d.extendleft(range(step % 5))
            elif op == 6:
                d.rotate(rnd(40) - 20)
            elif op == 7:
                d.insert(rnd(len(d) + 3) - 1, -step)
            elif op == 8 and d:
                del d[rnd(len(d))]
            elif op == 9 and d:
                d[rnd(len(d))] = 'x%d' % step
            elif op == 10:
                d.reverse()
            elif op == 11 and d:
                d.remove(d[rnd(len(d))])
            elif op == 12:
                log.append(d.count(step % 5))
            elif op == 13 and d:
                log.append(d.index(d[-1]))
        except (IndexError, ValueError) as e:
            log.append(type(e).__name__)
    print(trial, maxlen, len(d), list(d)[:10], list(reversed(d))[:3], d[0] if d else None, len(log), sum(x for x in log if isinstance(x, int)), str(log[-5:]))
