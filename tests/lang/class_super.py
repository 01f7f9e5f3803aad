# Cooperative super() along the MRO: zero-argument and two-argument forms,
# __init__ chains with keyword arguments, classmethods, properties.

class Root:
    def __init__(self, **kw):
        print("Root.__init__", sorted(kw.items()))
        super().__init__()
    def describe(self):
        return ["Root"]
class A(Root):
    def __init__(self, a=None, **kw):
        print("A.__init__", a)
        self.a = a
        super().__init__(**kw)
    def describe(self):
        return ["A"] + super().describe()
class B(Root):
    def __init__(self, b=None, **kw):
        print("B.__init__", b)
        self.b = b
        super().__init__(**kw)
    def describe(self):
        return ["B"] + super().describe()
class C(A, B):
    def __init__(self, **kw):
        print("C.__init__")
        super().__init__(**kw)
    def describe(self):
        return ["C"] + super().describe()
c = C(a=1, b=2, extra=3)
print(c.a, c.b, c.describe())
print(super(C, c).describe(), super(A, c).describe(), super(B, c).describe())
print(super(C, c).__thisclass__ is C, super(C, c).__self__ is c, super(C, c).__self_class__ is C)
print(repr(super(A, c)), repr(super(A)))

# classmethods and staticmethods through super
class Shape:
    registry = []
    @classmethod
    def create(cls, *args):
        obj = cls.__new__(cls)
        cls.registry.append(cls.__name__)
        return obj
    @staticmethod
    def kind():
        return "shape"
class Square(Shape):
    @classmethod
    def create(cls, *args):
        obj = super().create(*args)
        obj.side = args[0]
        return obj
    @staticmethod
    def kind():
        return "square<" + super(Square, Square).kind() + ">"
sq = Square.create(3)
print(type(sq).__name__, sq.side, Shape.registry, Square.kind())

# properties: reading the base's through super
class Temperature:
    def __init__(self): self._c = 20
    @property
    def celsius(self): return self._c
    @celsius.setter
    def celsius(self, v): self._c = v
class Logged(Temperature):
    @property
    def celsius(self):
        v = super().celsius
        print("read", v)
        return v
    @celsius.setter
    def celsius(self, v):
        print("write", v)
        Temperature.celsius.fset(self, v)
t = Logged()
t.celsius = 30
print(t.celsius)
try:
    super(Logged, t).celsius = 5
except AttributeError as e:
    print("AttributeError:", e)

# super in a nested function (the first argument lives in a cell) and in a lambda-free closure
class Outer:
    def greet(self): return "outer"
class Inner(Outer):
    def greet(self):
        def helper():
            return super(Inner, self).greet()
        return "inner+" + helper()
    def greet2(self):
        sup = super()
        return [sup.greet() for _ in range(2)]
print(Inner().greet(), Inner().greet2())

# super() with __class__ and a method defined outside the class
class M1:
    def f(self): return "M1.f"
class M2(M1):
    def f(self):
        return "M2.f>" + super().f()
    def show(self):
        return __class__.__name__
print(M2().f(), M2().show())

# super of dunder methods and of builtins
class MyDict(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 2)
    def __getitem__(self, k):
        return super().__getitem__(k) + 1
md = MyDict()
md["x"] = 5
print(md["x"], dict.__getitem__(md, "x"), md)
class MyList(list):
    def append(self, x):
        super().append(x)
        super().append(x)
ml = MyList()
ml.append(1)
print(ml, len(ml))
class Strict:
    def __setattr__(self, name, value):
        if name.startswith("_"):
            raise AttributeError(f"private: {name}")
        super().__setattr__(name, value)
s = Strict()
s.x = 1
try:
    s._y = 2
except AttributeError as e:
    print("AttributeError:", e)
print(s.__dict__)

# errors
try:
    super(int, "x")
except TypeError as e:
    print("TypeError:", e)
try:
    super(1, 2)
except TypeError as e:
    print("TypeError:", e)
def no_class():
    return super()
try:
    no_class()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    super(C, c).missing
except AttributeError as e:
    print("AttributeError:", e)
