# runaway recursion is a RecursionError, never a crash
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print("RecursionError:", e)
nested = []
for i in range(5000):
    nested = [nested]
try:
    repr(nested)
except RecursionError as e:
    print("RecursionError in repr")
a = []
b = a
for i in range(5000):
    b.append([])
    b = b[0]
c = []
d = c
for i in range(5000):
    d.append([])
    d = d[0]
try:
    print(a == c)
except RecursionError:
    print("RecursionError in ==")
def forever():
    forever()
forever()
