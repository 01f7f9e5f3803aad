# LEGB scoping, class scope, shadowing
x = "global"
def f():
    x = "local f"
    def g():
        return x
    return g()
print(f(), x)
def h():
    return x
print(h())
class K:
    x = "class"
    y = x + "!"
    def m(self):
        return x
print(K.y, K().m())
def shadow_builtin():
    len = lambda s: 42
    return len("abc")
print(shadow_builtin(), len("abc"))
def counter():
    total = 0
    def add(n):
        nonlocal total
        total += n
    for i in range(5):
        add(i)
    return total
print(counter())
def uses_before_assign():
    try:
        print(x)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    x = 1
uses_before_assign()
g = [lambda: n for n in range(2)]
print([f() for f in g])
