# tuples
t = (1, "a", 2.5, None)
print(t, t[1], t[-1], len(t), t[1:3], (1,), (), tuple([1, 2]), tuple("ab"))
print((1, 2) + (3,), (1, 2) * 2, (1, 2) == (1, 2), (1, 2) < (1, 3), (2,) > (1, 9), 2 in (1, 2))
print(t.index("a"), (1, 1, 2).count(1), hash((1, 2)) == hash((1, 2)), hash((1, 2, 3)), hash(()))
a, b = 1, 2
a, b = b, a
print(a, b)
print(tuple(x * x for x in range(4)), type(()), ((1, 2), (3, 4))[1][0])
try:
    t[0] = 5
except TypeError as e:
    print("TypeError:", e)
try:
    print(t[10])
except IndexError as e:
    print("IndexError:", e)
