# _random.Random: CPython's Mersenne Twister, seeded as CPython seeds it
import _random

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for seed in [0, 1, 42, -42, 2**32 - 1, 2**32, 2**64 + 7, -(2**100), 12345678901234567890123, True, 3.0, 2.5, 'abc' and 7]:
    r = _random.Random(seed)
    print(seed, [r.random() for _ in range(3)], r.getrandbits(32), r.getrandbits(5))
r = _random.Random(2024)
print([r.getrandbits(k) for k in (0, 1, 7, 31, 32, 33, 53, 61, 62, 64, 65, 100, 128, 200)])
print(r.getrandbits(1000))
r.seed(99)
a = [r.random() for _ in range(700)]   # crosses a twist of the state
print(a[0], a[311], a[623], a[624], a[699])
s = r.getstate()
print(type(s), len(s), s[-1], s[:3])
x = [r.random() for _ in range(5)]
r.setstate(s)
print(x == [r.random() for _ in range(5)])
r2 = _random.Random()
r2.setstate(s)
print(r2.random() == x[0], r2.getstate()[-1])
r.seed(None); r.seed(); print(0 <= r.random() < 1, len(r.getstate()))
print(_random.Random(5).getstate()[:4], _random.Random(5).getstate()[-1])
print(_random.Random((1, 2)).random() == _random.Random(hash((1, 2))).random())
print(_random.Random(-5).random() == _random.Random(5).random())

class R(_random.Random):
    pass
print(R(42).random(), type(R(1)).__name__)
class R2(_random.Random):
    def __init__(self, a, b):
        self.seed(a * b)
        self.extra = 'x'
q = R2(6, 7)
print(q.random(), q.extra)
class R3(_random.Random):
    def random(self):
        return 'mine'
print(R3(1).random(), R3(1).getrandbits(8))

t(lambda: r.seed(1, 2))
t(lambda: r.seed(a=1))
t(lambda: _random.Random(1, 2))
t(lambda: _random.Random(x=1))
t(lambda: r.getrandbits(-1))
t(lambda: r.getrandbits(1.5))
t(lambda: r.getrandbits())
t(lambda: r.getrandbits(2**40))
t(lambda: r.setstate(1))
t(lambda: r.setstate((1,) * 3))
t(lambda: r.setstate((1,) * 624 + (700,)))
t(lambda: r.setstate((1,) * 624 + (-1,)))
t(lambda: r.setstate((-1,) * 625))
t(lambda: r.setstate((2**33,) * 625))
t(lambda: r.setstate((2**65,) * 625))
t(lambda: r.setstate(('a',) * 625))
t(lambda: r.seed([]))
t(lambda: r.random(1))
t(lambda: r.getstate(1))
print(_random.Random.__module__, _random.Random, type(r).__name__)
