# itertools against their documented pure-Python equivalents, on random inputs
from itertools import *
import _random

r = _random.Random(99)
def rnd(n):
    return r.getrandbits(16) % n

def py_product(*args, repeat=1):
    pools = [tuple(pool) for pool in args] * repeat
    result = [[]]
    for pool in pools:
        result = [x + [y] for x in result for y in pool]
    for prod in result:
        yield tuple(prod)

def py_islice(iterable, *args):
    s = slice(*args)
    start, stop, step = s.start or 0, s.stop, s.step or 1
    it = iter(range(start, stop if stop is not None else 10**9, step))
    try:
        nexti = next(it)
    except StopIteration:
        return
    for i, element in enumerate(iterable):
        if i == nexti:
            yield element
            try:
                nexti = next(it)
            except StopIteration:
                return

bad = 0
for trial in range(200):
    data = [rnd(5) for _ in range(rnd(7))]
    n = rnd(4)
    checks = [
        list(product(data, repeat=min(n, 2))) == list(py_product(data, repeat=min(n, 2))),
        list(product(data, data[:2])) == list(py_product(data, data[:2])),
        sorted(permutations(data, n)) == sorted(tuple(data[i] for i in p) for p in permutations(range(len(data)), n)),
        list(combinations(data, n)) == [c for c in (tuple(data[i] for i in ix) for ix in combinations(range(len(data)), n))],
        list(combinations_with_replacement(data, n)) == [tuple(data[i] for i in ix) for ix in combinations_with_replacement(range(len(data)), n)],
        [(k, list(g)) for k, g in groupby(data)] == [(k, list(g)) for k, g in groupby(data, key=lambda x: x)],
        list(accumulate(data)) == [sum(data[:i + 1]) for i in range(len(data))],
        list(pairwise(data)) == list(zip(data, data[1:])),
        list(zip_longest(data, data[1:], fillvalue=-1)) == [(a, data[i + 1] if i + 1 < len(data) else -1) for i, a in enumerate(data)],
        list(compress(data, [x % 2 for x in data])) == [x for x in data if x % 2],
        list(dropwhile(lambda x: x < 2, data)) + list(takewhile(lambda x: x < 2, data)) == data[len(list(takewhile(lambda x: x < 2, data))):] + list(takewhile(lambda x: x < 2, data)),
    ]
    a, b, c = rnd(8), rnd(8) + 1, rnd(3) + 1
    checks.append(list(islice(data, a, a + b, c)) == list(py_islice(data, a, a + b, c)))
    checks.append(list(islice(data, b)) == data[:b])
    t1, t2 = tee(data)
    checks.append(list(t1) == data == list(t2))
    if not all(checks):
        bad += 1
        print('mismatch', trial, data, n, [i for i, ok in enumerate(checks) if not ok])
print('trials done, mismatches:', bad)
