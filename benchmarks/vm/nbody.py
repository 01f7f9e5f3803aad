# n-body: float arithmetic on lists of coordinates, pairs as tuples, run
# through a driver as harnesses do: bench(f, *args).
PI = 3.14159265358979323
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24


def make_bodies():
    # [x, y, z], [vx, vy, vz], mass
    def body(pos, vel, mass):
        return ([pos[0], pos[1], pos[2]],
                [vel[0] * DAYS_PER_YEAR, vel[1] * DAYS_PER_YEAR, vel[2] * DAYS_PER_YEAR],
                mass * SOLAR_MASS)
    return [
        body((0.0, 0.0, 0.0), (0.0, 0.0, 0.0), 1.0),
        body((4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01),
             (1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05),
             9.54791938424326609e-04),
        body((8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01),
             (-2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05),
             2.85885980666130812e-04),
        body((1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01),
             (2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05),
             4.36624404335156298e-05),
        body((1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01),
             (2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05),
             5.15138902046611451e-05),
    ]


def pairs_of(bodies):
    return [(bodies[i], bodies[j]) for i in range(len(bodies)) for j in range(i + 1, len(bodies))]


def energy(bodies, pairs):
    e = 0.0
    for (p1, v1, m1), (p2, v2, m2) in pairs:
        dx = p1[0] - p2[0]
        dy = p1[1] - p2[1]
        dz = p1[2] - p2[2]
        e -= (m1 * m2) / ((dx * dx + dy * dy + dz * dz) ** 0.5)
    for (p, v, m) in bodies:
        e += m * (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]) / 2.0
    return e


def offset_momentum(bodies):
    px = py = pz = 0.0
    for (p, v, m) in bodies:
        px -= v[0] * m
        py -= v[1] * m
        pz -= v[2] * m
    v = bodies[0][1]
    m = bodies[0][2]
    v[0] = px / m
    v[1] = py / m
    v[2] = pz / m


def advance(bodies, pairs, dt, steps):
    for _ in range(steps):
        for ((p1, v1, m1), (p2, v2, m2)) in pairs:
            dx = p1[0] - p2[0]
            dy = p1[1] - p2[1]
            dz = p1[2] - p2[2]
            dist2 = dx * dx + dy * dy + dz * dz
            mag = dt / (dist2 * dist2 ** 0.5)
            b1 = m1 * mag
            b2 = m2 * mag
            v1[0] -= dx * b2
            v1[1] -= dy * b2
            v1[2] -= dz * b2
            v2[0] += dx * b1
            v2[1] += dy * b1
            v2[2] += dz * b1
        for (p, v, m) in bodies:
            p[0] += dt * v[0]
            p[1] += dt * v[1]
            p[2] += dt * v[2]


def nbody(steps):
    bodies = make_bodies()
    pairs = pairs_of(bodies)
    offset_momentum(bodies)
    before = energy(bodies, pairs)
    advance(bodies, pairs, 0.01, steps)
    return before, energy(bodies, pairs)


def bench(f, *args):
    return f(*args)


print("%.9f %.9f" % bench(nbody, 100000))
