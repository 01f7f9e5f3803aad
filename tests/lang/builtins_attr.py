# getattr/setattr/hasattr/delattr, type, repr, str, int with base, dir, vars
class C:
    cls_attr = 1
    def method(self):
        return "m"
c = C()
setattr(c, "x", 42)
print(getattr(c, "x"), getattr(c, "cls_attr"), getattr(c, "nope", None), hasattr(c, "x"), hasattr(c, "y"))
print(getattr(c, "method")(), getattr(C, "method")(c), vars(c), "method" in dir(C), "x" in dir(c))
delattr(c, "x")
print(hasattr(c, "x"), type(c).__name__, type(C).__name__, type(type), str(C) == repr(C), repr(C))
print(int("777", 8), int("zz", 36), int("0o17", 0), int("-101", 2), int(" 1_0 "), int(True), str(b"x"))
print(repr(1.0), repr([1, "2", (3,)]), repr({"a": [None]}), str("x"), repr(int), repr(len), repr(print))
try:
    getattr(c, "missing")
except AttributeError as e:
    print("AttributeError:", e)
try:
    int("12", 50)
except ValueError as e:
    print("ValueError:", e)
try:
    setattr(5, "x", 1)
except AttributeError as e:
    print("AttributeError:", e)
import math
print(getattr(math, "floor")(2.5), type(math).__name__)
