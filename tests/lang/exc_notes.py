# BaseException.add_note / __notes__, and notes in printed tracebacks.
import sys
e = ValueError("v")
print(hasattr(e, "__notes__"))
e.add_note("first")
e.add_note("second\nline")
print(e.__notes__, "__notes__" in e.__dict__)
for bad in [3, None, b"x", ["l"]]:
    try:
        e.add_note(bad)
    except TypeError as t:
        print("TypeError:", t)
try:
    e.add_note()
except TypeError as t:
    print("TypeError:", t)
e2 = KeyError("k")
e2.__notes__ = "not a list"
try:
    e2.add_note("x")
except TypeError as t:
    print("TypeError:", t)
e3 = TypeError()
e3.__notes__ = ["given"]
e3.add_note("added")
print(e3.__notes__)
del e3.__notes__
e3.add_note("fresh")
print(e3.__notes__)

class Sub(Exception):
    pass
s = Sub(1)
s.add_note("on a subclass")
print(s.__notes__)

def show(exc):
    # the printing of an uncaught exception, through a nested interpreter-free
    # path: raise it at the end instead
    pass

try:
    try:
        raise ValueError("inner")
    except ValueError as v:
        v.add_note("note of inner")
        raise RuntimeError("outer") from v
except RuntimeError as r:
    r.add_note("note of outer")
    r.add_note("")
    r.add_note("third\n")
    print(r.__notes__, r.__cause__.__notes__)

odd = ValueError("odd notes")
odd.__notes__ = ["str note", 42, "multi\nline"]
sys.stderr.flush()
raise odd
