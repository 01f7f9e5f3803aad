x = "module"
class C:
    global x
    x = "set by class"
    y = x
print(x, C.y)
def outer():
    v = 1
    class K:
        nonlocal v
        v = 2
        def m(self):
            return v
    return v, K().m()
print(outer())
def f():
    a = 1
    def g():
        def h():
            nonlocal a
            a += 10
            return a
        return h()
    return g(), a
print(f())
def shadow():
    z = "local"
    def inner():
        global z
        z = "global z"
    inner()
    return z
print(shadow(), z)
def comp_global():
    global q
    q = [i for i in range(3)]
comp_global(); print(q)
class D:
    a = 1
    b = [a for _ in range(1)] if False else None
    def m(self):
        return __class__
print(D().m() is D)
def deleter():
    global tmp
    tmp = 1
    del tmp
deleter(); print('tmp' in globals())
def cellvar_loop():
    fs = []
    for i in range(3):
        def g(i=i): return i
        fs.append(g)
    return [f() for f in fs]
print(cellvar_loop())
