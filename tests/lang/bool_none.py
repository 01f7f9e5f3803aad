# bool and None
print(True, False, None, True and False, True or False, not None, not 0, not "")
print(bool(0), bool(1), bool(""), bool("x"), bool([]), bool([0]), bool({}), bool(None), bool(0.0))
print(True == 1, False == 0, True is True, None is None, type(True), type(None))
print(isinstance(True, int), True + 1, repr(None), str(False), int(True))
x = None
if x is None:
    print("x is None")
if not x:
    print("falsy")
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "default", [] or {} or "last")
