# n-queens: every placement from a permutation generator, filtered by a
# generator pipeline through set(); run through a driver: bench(f, *args).
def permutations(items):
    items = list(items)
    n = len(items)
    if n <= 1:
        yield tuple(items)
        return
    for i in range(n):
        rest = items[:i] + items[i + 1:]
        for p in permutations(rest):
            yield (items[i],) + p


def n_queens(n):
    cols = range(n)
    return set(
        vec for vec in permutations(cols)
        if n == len(set(vec[i] + i for i in cols)) == len(set(vec[i] - i for i in cols))
    )


def bench(f, *args):
    return f(*args)


solutions = bench(n_queens, 9)
print(len(solutions), min(solutions), max(solutions))
