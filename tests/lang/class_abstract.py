# abc-style abstract classes without the abc module: a metaclass that sets
# __abstractmethods__ (as _py_abc.ABCMeta does), object.__new__ refusing
# abstract classes, virtual subclasses through __subclasscheck__.

def abstractmethod(f):
    f.__isabstractmethod__ = True
    return f

class ABCMeta(type):
    def __new__(mcls, name, bases, namespace, /, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        abstracts = {name for name, value in namespace.items()
                     if getattr(value, "__isabstractmethod__", False)}
        for base in bases:
            for name in getattr(base, "__abstractmethods__", set()):
                value = getattr(cls, name, None)
                if getattr(value, "__isabstractmethod__", False):
                    abstracts.add(name)
        cls.__abstractmethods__ = frozenset(abstracts)
        cls._registry = []
        return cls
    def register(cls, subclass):
        cls._registry.append(subclass)
        return subclass
    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))
    def __subclasscheck__(cls, subclass):
        if super().__subclasscheck__(subclass):
            return True
        return any(issubclass(subclass, r) for r in cls._registry)

class ABC(metaclass=ABCMeta):
    __slots__ = ()

class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def perimeter(self): ...
    def describe(self):
        return f"{type(self).__name__}: area {self.area()}"
    @property
    @abstractmethod
    def sides(self): ...

print(sorted(Shape.__abstractmethods__))
for cls in (Shape,):
    try:
        cls()
    except TypeError as e:
        print("TypeError:", e)
class Square(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
try:
    Square(2)
except TypeError as e:
    print("TypeError:", e)
class Full(Square):
    def perimeter(self): return 4 * self.s
    @property
    def sides(self): return 4
f = Full(3)
print(f.describe(), f.perimeter(), f.sides, Full.__abstractmethods__)
print(isinstance(f, Shape), issubclass(Full, ABC), isinstance(3, Shape))

class Duck:
    def area(self): return 0
Shape.register(Duck)
print(isinstance(Duck(), Shape), issubclass(Duck, Shape), issubclass(int, Shape))

# setting and clearing __abstractmethods__ by hand
class Plain:
    pass
Plain.__abstractmethods__ = frozenset({"run"})
try:
    Plain()
except TypeError as e:
    print("TypeError:", e)
Plain.__abstractmethods__ = frozenset()
print(type(Plain()).__name__)
Plain.__abstractmethods__ = ["b", "a"]
try:
    Plain()
except TypeError as e:
    print("TypeError:", e)
del Plain.__abstractmethods__
print(type(Plain()).__name__)
try:
    Plain.__abstractmethods__
except AttributeError as e:
    print("AttributeError:", e)
try:
    type.__abstractmethods__
except AttributeError as e:
    print("AttributeError:", e)
# declared in the body, it does not make the class abstract (only setattr does)
class InBody:
    __abstractmethods__ = frozenset({"x"})
print(type(InBody()).__name__)
# object.__new__ directly, and a subclass of an abstract class made concrete
try:
    object.__new__(Shape)
except TypeError as e:
    print("TypeError:", e)
class Child(Full):
    pass
print(Child(1).describe())
