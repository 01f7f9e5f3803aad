# slice reads, assignment and deletion with steps
a = list(range(10))
print(a[2:8:2], a[-3:], a[:-3], a[8:2:-2], a[::-3], a[5:5], a[-1:-11:-1])
a[2:4] = ["x", "y", "z"]; print(a)
a[::2] = [0] * len(a[::2]); print(a)
del a[1]; print(a)
del a[::3]; print(a)
del a[:2]; print(a)
a[len(a):] = [100, 200]; print(a)
a[:0] = [-1]; print(a)
s = "abcdefgh"
print(s[1:7:2], s[::-2], (1, 2, 3, 4)[1:3], (1, 2, 3)[::-1], s[slice(1, 3)], slice(1, 5, 2))
try:
    b = [1, 2, 3, 4]
    b[::2] = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
