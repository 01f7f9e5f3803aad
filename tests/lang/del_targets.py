# del of names, attributes, subscripts, slices, tuples of targets; errors after deletion
a = 1
b = [1, 2, 3, 4, 5]
c = {"k": 1, "j": 2}
class O: pass
o = O(); o.x = 1; o.y = 2
del a
try:
    print(a)
except NameError as e:
    print("NameError:", e)
del b[0], c["k"], o.x
print(b, c, vars(o))
del b[1:3]; print(b)
del (o.y, c["j"]); print(vars(o), c)
[p, q] = 1, 2
del [p, q]
try:
    p
except NameError as e:
    print("NameError:", e)
def f():
    x = 1
    del x
    try:
        return x
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)
print(f())
for bad in [lambda: exec("del undefined_thing"), lambda: b.__delitem__(10), lambda: c.__delitem__("zz"),
            lambda: delattr(o, "nope"), lambda: exec("t = (1, 2)\ndel t[0]"), lambda: exec("s = 'ab'\ndel s[0]"),
            lambda: exec("del len"), lambda: exec("r = range(3)\ndel r[0]")]:
    try:
        bad()
    except (NameError, IndexError, KeyError, AttributeError, TypeError) as e:
        print(type(e).__name__ + ":", e)
class D:
    attr = "class attr"
    def __delitem__(self, k): print("delitem", k)
    def __delattr__(self, k): print("delattr", k)
d = D()
del d[1:2], d["x"], d[1, 2]
del d.anything
del D.attr
print(hasattr(D, "attr"))
g = 5
def del_global():
    global g
    del g
del_global()
print("g" in globals())
lst = [[1, 2], [3, 4]]
del lst[0][1], lst[1]
print(lst)
dd = {1: {2: 3}}
del dd[1][2]
print(dd)
i = 0
while True:
    i += 1
    if i > 2:
        del i
        break
print("i" in dir())
def loop_del():
    for k in range(3):
        pass
    del k
    return k
loop_del()
