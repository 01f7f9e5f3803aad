# The location lines under traceback entries (CPython 3.11's ^ and ~ marks):
# the failing instruction's span, split at the operator of a binary
# operation or the brackets of a subscript; none when the span is the line.
import sys

def binop(a, b):
    return a + b

def nested(d):
    return d["key"]["x"]

def call_in_call():
    return len(nested({"key": {}}))

def multiline():
    x = [1,
         2][5]
    return x

def attr(o):
    return o.missing

def method(o):
    return o.strip(
        1)

def unicode_line():
    s = "éé"; return s + 1

def whole_line():
    raise ValueError("the whole line: no marks")

def floor(a):
    return a   //   0

def power():
    return 10.0 ** 1000

cases = [lambda: binop(1, "s"), lambda: nested({"key": {}}), call_in_call, multiline,
         lambda: attr(3), lambda: method(" x "), unicode_line, whole_line, lambda: floor(7),
         power, lambda: [][0], lambda: {}["é"]]
for case in cases:
    try:
        case()
    except Exception:
        sys.excepthook(*sys.exc_info())

assert_value = 3
assert assert_value > 5, "marks the test"
