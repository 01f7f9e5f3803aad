# range with bounds beyond 64 bits: what minipy supports of it.
r = range(1 << 70)
print(r, bool(r), r.start, r.stop, r.step, type(iter(r)).__name__)
r = range(2**64, 2**64 + 7, 3)
print(r, len(r), list(r), bool(range(2**64, 0)), list(range(2**64, 0)))
for x in range(-2**64, -2**64 - 3, -1):
    print(x)
it = iter(range(2**100, 2**100 + 2))
print(next(it), next(it), next(it, "end"))
print(type(iter(range(1 << 1000))).__name__, range(-2**65, 2**65, 2**64))
try:
    len(range(1 << 70))
except OverflowError as e:
    print("OverflowError", e)
try:
    range(2**64, 2**65, 0)
except ValueError as e:
    print("ValueError", e)
try:
    range(2**64, "x")
except TypeError as e:
    print("TypeError", e)
print(sum(range(2**64, 2**64 + 3)), [x - 2**80 for x in range(2**80, 2**80 + 6, 2)])
