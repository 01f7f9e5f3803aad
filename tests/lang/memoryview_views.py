# memoryview: a deterministic random walk of nested strided slices, casts, item and slice assignment over one bytearray
state = [11]
def rnd(n):
    state[0] = (state[0] * 1103515245 + 12345) % 2147483648
    return (state[0] >> 8) % n
base = bytearray(range(48))
views = [memoryview(base)]
for step in range(1500):
    v = views[rnd(len(views))]
    k = rnd(7)
    try:
        if k == 0:
            s = slice(rnd(20) - 10 if rnd(4) else None, rnd(20) - 10 if rnd(4) else None, (rnd(7) - 3 or 1) if rnd(2) else None)
            nv = v[s]
            views.append(nv)
            print(step, "slice", nv.shape, nv.strides, nv.tolist()[:6])
        elif k == 1 and len(v):
            i = rnd(len(v) * 2) - len(v)
            v[i] = (v[i] + 1) % 256 if v.format in "Bb" else v[i]
        elif k == 2:
            print(step, "bytes", v.tobytes()[:8], v.hex()[:12], len(v), v.nbytes)
        elif k == 3:
            fmt = "BbHhIiQq"[rnd(8)]
            c = v.cast("B").cast(fmt) if v.format != "B" else v.cast(fmt)
            views.append(c)
            print(step, "cast", fmt, c.shape, c.tolist()[:3])
        elif k == 4 and len(v) >= 2:
            a = rnd(len(v) - 1)
            v[a:a + 2] = v[a + 1:a + 3] if len(v[a + 1:a + 3]) == 2 else v[a:a + 2]
        elif k == 5:
            print(step, "eq", v == v.tobytes(), v == bytes(len(v)))
        else:
            print(step, "list", sum(v.tolist()), v.c_contiguous)
    except (TypeError, ValueError, IndexError) as e:
        print(step, type(e).__name__, e)
    if len(views) > 30:
        views = views[:1] + views[-10:]
print(base)
