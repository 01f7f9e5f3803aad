# lists: literals, indexing, methods, comparison
a = [3, 1, 4, 1, 5, 9, 2, 6]
print(a, len(a), a[0], a[-1], a[2:5], a[::-1], a[::3], 4 in a, 7 not in a)
a.append(7); a.insert(0, 0); a.extend([8, 8]); print(a)
print(a.pop(), a.pop(0), a.index(5), a.count(1), a)
a.remove(1); print(a)
a.sort(); print(a)
a.sort(reverse=True); print(a)
a.reverse(); print(a)
b = a.copy(); b.clear(); print(a, b)
print([1, 2] + [3], [0] * 3, [[]] * 2, [1, 2] == [1, 2], [1, 2] < [1, 3], [1] < [1, 0], [] == [])
nested = [[1, 2], [3, [4, 5]]]
print(nested[1][1][0], nested, repr(nested))
x = [1, 2, 3]
x[1] = 20
x += [4]
x *= 2
print(x, list("abc"), list(range(3)), list((1, 2)), sorted([3, 1, 2]))
r = [1, 2]
r.append(r)
print(r)
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1].index(5)
except ValueError as e:
    print("ValueError:", e)
