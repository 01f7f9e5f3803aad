# _heapq and _bisect on random operation sequences: the same heap layouts and
# insertion points as CPython's C versions
import _heapq as H
import _bisect as B
import _random

r = _random.Random(777)
def rnd(n):
    return r.getrandbits(20) % n

for trial in range(30):
    h, mh, out = [], [], []
    for step in range(200):
        op = rnd(6)
        v = rnd(50)
        if op == 0:
            H.heappush(h, v)
        elif op == 1 and h:
            out.append(H.heappop(h))
        elif op == 2 and h:
            out.append(H.heapreplace(h, v))
        elif op == 3:
            out.append(H.heappushpop(h, v))
        elif op == 4:
            mh.append(v)
            H._heapify_max(mh)
        elif op == 5 and mh:
            out.append(H._heappop_max(mh) if step % 2 else H._heapreplace_max(mh, v))
    big = [rnd(1000) for _ in range(2600 + trial * 7)]
    H.heapify(big)
    print(trial, h[:12], mh[:6], out[-8:], big[:10], sum(i * x for i, x in enumerate(big)) % 99991)

a = []
for step in range(300):
    v = rnd(40)
    if step % 3:
        B.insort_right(a, v)
    else:
        B.insort_left(a, v, lo=rnd(len(a) + 1) // 2 * 0)
print(a[:20], [B.bisect_left(a, x) for x in range(0, 40, 3)], [B.bisect_right(a, x, 5, 200) for x in range(0, 40, 3)])
