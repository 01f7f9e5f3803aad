# tuple unpacking including starred targets
a, b, c = 1, 2, 3
print(a, b, c)
(a, b), c = (4, 5), 6
print(a, b, c)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "abcd"
print(init, last)
a, *mid, z = range(6)
print(a, mid, z)
a, *empty, b = (1, 2)
print(a, empty, b)
for i, (x, y) in enumerate([(1, 2), (3, 4)]):
    print(i, x, y)
[p, q] = [7, 8]
print(p, q)
x = y = z = 0
print(x, y, z)
print(*[1, 2], *"ab", sep="|")
print([*range(3), *[9]], (*"xy",), {**{"a": 1}, "b": 2})
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print("ValueError:", e)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b = 5
except TypeError as e:
    print("TypeError:", e)
