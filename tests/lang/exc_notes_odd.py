# __notes__ that is not a list of str: CPython prints repr / str().
e = ValueError("tuple of notes")
e.__notes__ = ("a", 1)
try:
    raise e
except ValueError as c:
    print(c.__notes__)
x = KeyError("not a sequence")
x.__notes__ = 42
raise x
