# closures and nonlocal: shared cells, late binding, counters, nested levels, cells in loops
def counter():
    n = 0
    def inc(step=1):
        nonlocal n
        n += step
        return n
    def get():
        return n
    return inc, get
inc, get = counter()
print(inc(), inc(5), get(), inc.__name__, inc.__closure__ is not None, len(inc.__closure__))
def three_levels():
    a = 1
    def mid():
        b = 2
        def inner():
            nonlocal a, b
            a += 10
            b += 20
            return a, b
        r = inner()
        return r, b
    return mid(), a
print(three_levels())
def late():
    fns = []
    for i in range(3):
        def f():
            return i
        fns.append(f)
    i = 99
    return [f() for f in fns]
print(late())
def shadow():
    x = 1
    def g():
        x = 2
        def h():
            return x
        return h()
    return g(), x
print(shadow())
def unbound():
    def g():
        return y
    try:
        g()
    except NameError as e:
        print("NameError:", e)
    y = 5
    return g()
print(unbound())
def assign_later():
    x = 1
    def g():
        print(x)
        x = 2
    try:
        g()
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
assign_later()
def deleted():
    v = 1
    def g():
        return v
    del v
    try:
        g()
    except NameError as e:
        print("NameError:", e)
deleted()
def mk_adders():
    return [lambda x, k=k: x + k for k in range(3)]
print([f(10) for f in mk_adders()])
def param_cell(p):
    def g():
        return p * 2
    p += 1
    return g()
print(param_cell(5))
def gen_closure():
    total = 0
    def acc(v):
        nonlocal total
        total += v
        yield total
    return [next(acc(i)) for i in range(4)]
print(gen_closure())
