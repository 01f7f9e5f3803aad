# spectral-norm: the power method on an infinite matrix, each product a
# generator expression under sum(), run through a driver: bench(f, *args).
def eval_a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def a_times(u):
    n = len(u)
    return [sum(eval_a(i, j) * u[j] for j in range(n)) for i in range(n)]


def at_times(u):
    n = len(u)
    return [sum(eval_a(j, i) * u[j] for j in range(n)) for i in range(n)]


def ata_times(u):
    return at_times(a_times(u))


def spectral_norm(n):
    u = [1.0] * n
    for _ in range(10):
        v = ata_times(u)
        u = ata_times(v)
    vbv = sum(x * y for x, y in zip(u, v))
    vv = sum(x * x for x in v)
    return (vbv / vv) ** 0.5


def bench(f, *args):
    return f(*args)


print("%.9f" % bench(spectral_norm, 300))
