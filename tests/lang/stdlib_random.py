# random: CPython's random.py over minipy's _random (same sequences for a seed), os.urandom.
import random, os
random.seed(42)
print(random.random(), random.randint(1, 100), random.choice("abcdef"), random.uniform(1, 2))
print(random.randrange(0, 100, 7), random.sample(range(50), 5), random.getrandbits(70))
l = list(range(10)); random.shuffle(l); print(l)
print(random.choices("xyz", weights=[1, 2, 3], k=6), random.gauss(0, 1), random.normalvariate(5, 2))
print(random.expovariate(2), random.betavariate(2, 3), random.gammavariate(2, 1), random.triangular())
print(random.lognormvariate(0, 1), random.vonmisesvariate(1, 2), random.paretovariate(3), random.weibullvariate(1, 2))
r = random.Random("seed string"); print(r.random(), r.randbytes(5))
r2 = random.Random(b"bytes"); print(r2.random())
st = random.getstate(); a = random.random(); random.setstate(st); print(a == random.random())
print(len(os.urandom(8)), type(random.SystemRandom().random()).__name__)
random.seed(12345, version=1); print(random.random())
random.seed(2**100); print(random.random(), random.binomialvariate if hasattr(random, "binomialvariate") else None)
for bad in (lambda: random.randrange(10, 2), lambda: random.choice([]), lambda: random.sample([1, 2], 3),
            lambda: random.randint(1.5, 3), lambda: random.seed([1])):
    try:
        bad()
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__, e)
class MyRandom(random.Random):
    def random(self):
        return 0.5
print(MyRandom().randrange(10), MyRandom(3).choice("abc"))
for bad in (lambda: os.urandom(-1), lambda: os.urandom("a"), lambda: os.register_at_fork(),
            lambda: os.register_at_fork(before=1)):
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(os.urandom(0))
