# single inheritance, super(), method resolution, isinstance/issubclass
class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} says {self.sound}"
    def kind(self):
        return "animal"
class Dog(Animal):
    sound = "woof"
    def __init__(self, name, tricks=()):
        super().__init__(name)
        self.tricks = list(tricks)
    def kind(self):
        return "dog, a kind of " + super().kind()
class Puppy(Dog):
    def speak(self):
        return super().speak() + " (squeaky)"
p = Puppy("Rex", ["sit"])
print(p.speak(), p.kind(), p.tricks, Dog("Fido").speak(), Animal("Generic").speak())
print(isinstance(p, Dog), isinstance(p, Animal), isinstance(Animal("x"), Dog), issubclass(Puppy, Animal))
print(issubclass(Dog, Puppy), issubclass(bool, int), isinstance(3, (str, int)), issubclass(Dog, (int, Animal)))
print(Puppy.__bases__, Puppy.__mro__, Dog.__base__)
class Base:
    def __init__(self):
        self.log = ["base"]
class Mid(Base):
    def __init__(self):
        super(Mid, self).__init__()
        self.log.append("mid")
class Leaf(Mid):
    def __init__(self):
        super().__init__()
        self.log.append("leaf")
print(Leaf().log)
class WithClassMethods:
    count = 0
    @classmethod
    def make(cls):
        cls.count += 1
        return cls()
    @staticmethod
    def helper(x):
        return x * 2
class Sub(WithClassMethods):
    pass
s = Sub.make()
print(type(s).__name__, Sub.count, WithClassMethods.count, Sub.helper(21), s.helper(1))
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273:
            raise ValueError("too cold")
        self._c = v
t = Temp()
t.celsius = 25
print(t.celsius)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
