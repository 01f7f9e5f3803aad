# slice assignment and deletion: extended slices, negative steps, size mismatches, self-assignment
a = list(range(10))
a[2:5] = ["x"]; print(a)
a[:0] = [-1, -2]; print(a)
a[-1:] = []; print(a)
a[::3] = "ABCD"; print(a)
a[5:2] = [7, 7]; print(a)
a[::-2] = range(6); print(a)
b = [1, 2, 3]; b[:] = b; print(b); b[1:] = b; print(b); b[:1] = b[::-1]; print(b)
c = list(range(8)); del c[1::3]; print(c); del c[::-1]; print(c)
c = list(range(8)); del c[-3:]; print(c); del c[100:]; print(c); del c[:-100]; print(c)
d = list(range(6)); d[10:20] = [1]; print(d); d[-20:1] = [0, 0]; print(d)
e = [0] * 5; e[1:4:2] = (8, 9); print(e); e[4:0:-2] = [5, 6]; print(e)
s = "abcdefgh"
print(s[::2], s[::-3], s[-2:1:-1], s[100:], s[-100:2], s[2:-2:2], s[5:2], (1, 2, 3, 4)[::-2], range(10)[2::3])
print(s[slice(1, None, 2)], slice(1, 5, 2).indices(3), slice(None).indices(4), slice(-1, None, -1).indices(5))
r = list(range(5))
print(r[slice(None, None, -1)], r[1:-1], r[-1:-6:-1], r[0:5:10])
for f in [
    lambda: a.__setitem__(slice(None, None, 2), [1]),
    lambda: a.__setitem__(slice(0, 2), 5),
    lambda: r[::0],
    lambda: r.__delitem__(slice(0, 2, 0)),
    lambda: s.__getitem__(slice(0, 1, 0)),
    lambda: r["a":"b"],
    lambda: "abc".__setitem__(0, "x"),
    lambda: (1, 2).__delitem__(0),
]:
    try:
        print(f())
    except (ValueError, TypeError) as err:
        print(type(err).__name__ + ":", err)
t = [1, 2, 3, 4]
try:
    t[::2] = [1, 2, 3]
except ValueError as err:
    print("ValueError:", err)
try:
    t[1] = t[5]
except IndexError as err:
    print("IndexError:", err)
try:
    t[10] = 1
except IndexError as err:
    print("IndexError:", err)
try:
    del t[10]
except IndexError as err:
    print("IndexError:", err)
print(t)
