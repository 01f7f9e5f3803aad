# float arithmetic: a small n-body style integration
def energy(n):
    xs = [float(i) for i in range(n)]
    vs = [0.5 * i for i in range(n)]
    dt = 0.01
    for step in range(600):
        for i in range(n):
            a = -xs[i] * 0.1 + (vs[i] * 0.001)
            vs[i] += a * dt
            xs[i] += vs[i] * dt
    e = 0.0
    for i in range(n):
        e += 0.5 * vs[i] * vs[i] + 0.05 * xs[i] * xs[i]
    return e
print(round(energy(2000), 6))
