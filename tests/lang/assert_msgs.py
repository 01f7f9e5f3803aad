# assert with and without message, message evaluated lazily, non-str messages, uncaught assert with message object
def check(v):
    assert v > 0, f"value must be positive, got {v}"
    return v
print(check(3))
try:
    check(-1)
except AssertionError as e:
    print("AssertionError:", e, e.args)
try:
    assert False
except AssertionError as e:
    print("bare:", repr(e), e.args)
evaluated = []
def msg():
    evaluated.append(1)
    return "lazy"
assert True, msg()
print("message evaluated:", evaluated)
try:
    assert [], ["list", "msg"]
except AssertionError as e:
    print("AssertionError:", e, e.args)
try:
    assert 0, None
except AssertionError as e:
    print("None msg:", repr(e), e.args)
try:
    assert (1, 2) == (1, 3), ("tuple", 2)
except AssertionError as e:
    print(repr(e), str(e))
class Weird:
    def __bool__(self):
        raise ValueError("no truth")
try:
    assert Weird(), "never"
except ValueError as e:
    print("ValueError:", e)
def nested():
    try:
        assert 1 == 2, "inner"
    except AssertionError:
        raise AssertionError("outer") from None
try:
    nested()
except AssertionError as e:
    print(e, e.__cause__, e.__suppress_context__)
class Msg:
    def __str__(self): return "custom str"
    def __repr__(self): return "Msg()"
assert len("abc") == 4, Msg()
