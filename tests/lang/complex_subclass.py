# complex subclasses
class C(complex):
    def __repr__(self):
        return "C" + super().__repr__()
c = C(1, 2)
print(c, repr(c), type(c).__name__, c + 1, type(c + 1).__name__, c.real, c == 1 + 2j, abs(C(3, 4)), C(1j), C("2+3j"))
class D(complex):
    pass
d = D(5)
print(d, repr(d), type(d).__name__, hash(d) == hash(5), -d, d.conjugate(), type(d.conjugate()).__name__, complex(d), type(complex(d)).__name__)
