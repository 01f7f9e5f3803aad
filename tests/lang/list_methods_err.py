# list methods and their error messages
a = [3, 1, 4, 1, 5, 9, 2, 6]
print(a.index(1), a.index(1, 2), a.index(9, -4, -1), a.count(1), a.count(7))
b = a.copy(); b.insert(0, "x"); b.insert(100, "end"); b.insert(-100, "start"); b.insert(-1, "pen")
print(b, b.pop(), b.pop(0), b.pop(-2), b)
b.remove("x"); b.extend(range(2)); b.extend("ab"); b += (7,); print(b)
b.reverse(); print(b); b.clear(); print(b, len(b))
c = [1, 2]; c *= 3; print(c, c * 0, 0 * c, c * -1, [[]] * 3, [1] + [2])
d = [5, 3, 8]; d.sort(key=lambda v: -v); print(d, sorted(d), d.sort(), d)
print([1, 2] < [1, 2, 3], [1, 3] > [1, 2, 9], [] == [], [1, [2]] == [1, [2]], [1, 2] != [1, 2.0])
e = [1, 2, 3]; e[1:2] = []; print(e); e[len(e):] = [9]; print(e); del e[::2]; print(e)
KEY_S, KEY_F = "a", 1.0
tests = [
    lambda: [].pop(), lambda: [1].pop(5), lambda: [1, 2].index(7), lambda: [1].remove(3),
    lambda: [1][3], lambda: [1][-2], lambda: [1][KEY_S], lambda: [1].insert("a", 1), lambda: [1] + (2,),
    lambda: [1] * 2.0, lambda: [1, "a"].sort(), lambda: [3, None] < [3, 1], lambda: [].index(1, "x"),
    lambda: [1, 2].pop("0"), lambda: list(5), lambda: [1, 2].__setitem__(5, 0), lambda: [].extend(3),
    lambda: [1, 2, 3].__delitem__(10), lambda: [1].count(), lambda: [].append(1, 2), lambda: [1][KEY_F],
    lambda: sorted([1], key=1), lambda: [1, 2].sort(1), lambda: [1, 2].__getitem__(slice(0, 2, 0)),
]
for t in tests:
    try:
        print(t())
    except (IndexError, ValueError, TypeError) as err:
        print(type(err).__name__ + ":", err)
x = [1, 2, 3]
x.append(x)
print(x, len(x), x[3][3][0])
print(list(reversed([1, 2, 3])), list(enumerate("ab", 5)), [1, 2, 3][::-1], [0] * 3 == [0, 0, 0])
nested = [[1, 2], [3]]
flat = nested.copy(); flat[0].append(99); print(nested, flat is nested, flat == nested)
