# iteration builtins
print(list(enumerate("abc")), list(enumerate("ab", 1)), list(zip([1, 2, 3], "ab")), list(zip()))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(3))), list(reversed((1, 2))))
it = iter([1, 2])
print(next(it), next(it), next(it, "end"))
try:
    next(it)
except StopIteration:
    print("StopIteration")
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6])), dict(zip("ab", range(2))), list(zip(*[(1, 2), (3, 4)])))
keys = ["x", "y"]
for i, (k, v) in enumerate(zip(keys, [10, 20])):
    print(i, k, v)
e = enumerate([5])
print(type(e).__name__, next(e), iter(e) is e)
print(sorted({3: "c", 1: "a"}.items()), list(iter("hi")), [x for x in reversed(list(range(5))) if x % 2])
class Countdown:
    def __init__(self, n):
        self.n = n
    def __call__(self):
        self.n -= 1
        return self.n
print(list(iter(Countdown(5), 0)))
try:
    iter(5)
except TypeError as e:
    print("TypeError:", e)
try:
    next([1])
except TypeError as e:
    print("TypeError:", e)
