# del, global and nonlocal
x = 1
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
lst = [1, 2, 3]
del lst[0], lst[-1]
print(lst)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
counter = 0
def bump():
    global counter
    counter += 1
bump(); bump()
print(counter)
def outer():
    n = 0
    def inc():
        nonlocal n
        n += 10
        return n
    inc()
    inc()
    return n
print(outer())
def make():
    global created
    created = "yes"
make()
print(created)
class Obj:
    pass
o = Obj()
o.attr = 5
del o.attr
print(hasattr(o, "attr"))
def local_unbound():
    y = 1
    del y
    return y
try:
    local_unbound()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
