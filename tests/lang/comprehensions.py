# list/dict/set comprehensions and generator expressions
print([x * x for x in range(10) if x % 2])
print([(x, y) for x in range(3) for y in range(3) if x != y])
print({x: x ** 2 for x in range(5)}, {c for c in "hello"} == set("helo"), [[j for j in range(i)] for i in range(4)])
print(sum(x for x in range(100)), list(x for x in "abc"), max(len(w) for w in ["a", "bbb", "cc"]))
g = (i * 2 for i in range(3))
print(next(g), next(g), next(g), next(g, "done"))
x = 10
print([x for x in range(3)], x)
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)], [v for row in matrix for v in row])
print({k: v for k, v in [("a", 1), ("b", 2)] if v > 1}, dict((i, str(i)) for i in range(3)))
print(any(x > 5 for x in range(10)), all(x < 5 for x in range(10)), sorted((x % 3 for x in range(9)), reverse=True))
