# range objects
print(range(5), range(1, 10, 2), list(range(5)), list(range(10, 0, -3)), list(range(0)), list(range(5, 1)))
r = range(0, 20, 3)
print(len(r), r[2], r[-1], 9 in r, 10 in r, r.index(9), list(r[1:4]), r == range(0, 20, 3))
print(list(reversed(range(4))), sum(range(101)), max(range(7)), range(3) == range(0, 3))
total = 0
for i in range(100000):
    total += i
print(total)
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    range(1.5)
except TypeError as e:
    print("TypeError:", e)
