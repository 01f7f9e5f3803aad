# function calls: positional, keyword, defaults, closures, methods
def add(a, b):
    return a + b
def kw(a, b=1, *, c=2):
    return a + b + c
def make_adder(k):
    def f(x):
        return x + k
    return f
class Acc:
    def __init__(self):
        self.total = 0
    def add(self, v):
        self.total += v
def run(n):
    t = 0
    inc = make_adder(3)
    acc = Acc()
    for i in range(n):
        t = add(t, i)
        t = kw(t, c=1)
        t = inc(t) & 0xFFFFFFF
        acc.add(i)
    return t, acc.total
print(run(1_000_000))
