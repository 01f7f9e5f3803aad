# classes: __init__, methods, class attributes, instance attributes
class Point:
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x * self.x + self.y * self.y
    def moved(self, dx=0, dy=0):
        return Point(self.x + dx, self.y + dy)
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
p = Point(3, 4)
print(p, p.norm2(), p.moved(dy=1), Point.dims, p.dims, p.__class__.__name__, type(p) is Point)
Point.dims = 3
print(p.dims)
p.dims = 10
print(p.dims, Point.dims, p.__dict__)
m = p.norm2
print(m(), Point.norm2(p))
class Counter:
    instances = 0
    def __init__(self):
        Counter.instances += 1
        self.n = 0
    def inc(self):
        self.n += 1
        return self
c = Counter().inc().inc()
Counter()
print(c.n, Counter.instances)
class Empty:
    pass
e = Empty()
e.dynamic = "yes"
print(e.dynamic, getattr(e, "missing", "default"), hasattr(e, "dynamic"))
try:
    e.nothing
except AttributeError as err:
    print("AttributeError:", err)
try:
    Point(1)
except TypeError as err:
    print("TypeError:", err)
try:
    Empty(1)
except TypeError as err:
    print("TypeError:", err)
print(Point.__name__, Point.__qualname__, Point.__module__, isinstance(p, Point), isinstance(p, object))
