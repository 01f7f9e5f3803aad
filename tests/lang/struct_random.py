# _struct round trips and byte images against CPython on random formats and values
import _struct as struct
import _random

r = _random.Random(4242)
def rnd(n):
    return r.getrandbits(30) % n

ranges = {'b': (-128, 127), 'B': (0, 255), 'h': (-2**15, 2**15 - 1), 'H': (0, 2**16 - 1),
          'i': (-2**31, 2**31 - 1), 'I': (0, 2**32 - 1), 'l': (-2**31, 2**31 - 1), 'L': (0, 2**32 - 1),
          'q': (-2**63, 2**63 - 1), 'Q': (0, 2**64 - 1)}
codes = list(ranges) + ['?', 'c', 'e', 'f', 'd', 's', 'p', 'x']
for trial in range(150):
    order = '@=<>!'[rnd(5)]
    fmt, vals = order, []
    for _ in range(rnd(6) + 1):
        c = codes[rnd(len(codes))]
        n = rnd(4)
        if c in ranges:
            lo, hi = ranges[c]
            if order == '@' and c in 'lL':
                lo, hi = (-2**63, 2**63 - 1) if c == 'l' else (0, 2**64 - 1)
            for _ in range(n):
                vals.append(lo + (r.getrandbits(64) % (hi - lo + 1)))
        elif c == '?':
            vals += [rnd(3) for _ in range(n)]
        elif c == 'c':
            vals += [bytes([rnd(256)]) for _ in range(n)]
        elif c in 'efd':
            vals += [(rnd(2001) - 1000) / 8 for _ in range(n)]
        elif c in 'sp':
            vals.append(bytes(rnd(256) for _ in range(rnd(6))))
        fmt += (str(n) if n != 1 or c in 'sp' else '') + c
    try:
        packed = struct.pack(fmt, *vals)
        back = struct.unpack(fmt, packed)
        print(trial, fmt, struct.calcsize(fmt), packed.hex(), back)
    except Exception as e:
        print(trial, fmt, type(e).__name__, e)
