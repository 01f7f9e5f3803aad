# generators and generator pipelines
def naturals(n):
    i = 0
    while i < n:
        yield i
        i += 1
def squares(it):
    for x in it:
        yield x * x
def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x
total = 0
for v in evens(squares(naturals(1_000_000))):
    total += v
print(total, sum(x for x in range(500_000) if x % 3), max(squares(naturals(100_000))))
