# PEP 604 unions: type | type makes a types.UnionType usable with isinstance.
class A: pass
u = int | str
print(u, repr(int | None), None | int, (int | str) | A, int | int, u.__args__, type(u).__name__)
print(u == (str | int), hash(u) == hash(str | int), u == int, (int | str) | (str | float))
print(isinstance("x", u), isinstance(None, int | None), issubclass(A, A | int), isinstance(2, (float, int | str)))
try: int | "str"
except TypeError as e: print(e)
try: 3 | int
except TypeError as e: print(e)
print(list[int] | None, dict[str, int] | int)
class M(type): pass
class B(metaclass=M): pass
print(B | None, int | B)
print(type(int | str), (int | str).__parameters__, int.__or__, int | float | None)
try:
    isinstance(1, int | 3)
except TypeError as e:
    print("TypeError:", e)
def annotated(x: int | None = None) -> str | None:
    return str(x)
print(annotated(3))
