# bytearray: a deterministic random walk of slice assignment/deletion, insert, pop, extend, self-assignment
state = [7]
def rnd(n):
    state[0] = (state[0] * 1103515245 + 12345) % 2147483648
    return (state[0] >> 8) % n
def rint():
    return rnd(13) - 6
ba = bytearray(b"0123456789")
mirror = list(ba)
for step in range(3000):
    k = rnd(9)
    def sl():
        a = rint() if rnd(4) else None
        b = rint() if rnd(4) else None
        c = (rnd(5) - 2 or 1) if rnd(3) else None
        return slice(a, b, c)
    try:
        if k == 0:
            s = sl(); v = bytes(rnd(7) + 97 for _ in range(rnd(5))); ba[s] = v
        elif k == 1:
            s = sl(); del ba[s]
        elif k == 2:
            ba.insert(rint(), rnd(256))
        elif k == 3 and len(ba) < 40:
            ba.extend(ba[::2])
        elif k == 4 and ba:
            ba.pop(rnd(len(ba)))
        elif k == 5:
            s = sl(); ba[s] = ba
        elif k == 6 and len(ba) < 40:
            ba += b"xy"
        elif k == 7:
            ba[rint() % (len(ba) or 1) if ba else 0:0] = memoryview(b"Q")
        else:
            s = sl(); r = ba[s]
            print(step, bytes(r))
    except (ValueError, IndexError) as e:
        print(step, type(e).__name__, e)
    if step % 50 == 0:
        print(step, ba)
print(ba)
