# custom exception hierarchies: args, str/repr, attributes, except ordering, tuples, re-raise with new args
class Base(Exception):
    def __init__(self, msg, code=0):
        super().__init__(msg)
        self.code = code
class NotFound(Base):
    pass
class Denied(Base):
    def __str__(self):
        return f"denied (code {self.code})"
class Weird(Exception):
    pass
for exc in [NotFound("nf", 404), Denied("d", 403), Base("b"), Weird(), Weird(1, 2), Weird("one"), KeyError("k"), KeyError(), OSError(2, "No such file")]:
    print(type(exc).__name__, repr(str(exc)), repr(exc), exc.args)
def classify(e):
    try:
        raise e
    except NotFound as x:
        return "NotFound " + str(x.code)
    except (Denied, KeyError) as x:
        return "Denied-or-Key " + type(x).__name__
    except Base:
        return "Base"
    except Exception as x:
        return "Exception " + type(x).__name__
print([classify(e) for e in [NotFound("a", 1), Denied("b", 2), KeyError(3), Base("c"), ZeroDivisionError()]])
print(issubclass(NotFound, Base), issubclass(Base, Exception), issubclass(KeyError, LookupError), issubclass(bool, int))
print(isinstance(NotFound("x"), Exception), NotFound.__mro__[:3] == (NotFound, Base, Exception), BaseException.__subclasses__ if False else "")
print([c.__name__ for c in ZeroDivisionError.__mro__], [c.__name__ for c in UnboundLocalError.__mro__])
e = ValueError("x")
e.args = ("changed", 2)
print(str(e), repr(e), e.with_traceback(None) is e)
try:
    raise Weird
except Weird as w:
    print("class raised:", repr(w), w.args, w.__traceback__ is not None)
try:
    raise 5
except TypeError as t:
    print("TypeError:", t)
try:
    raise ValueError from 5
except TypeError as t:
    print("TypeError:", t)
class NoInit(Exception):
    def __init__(self):
        pass
print(repr(NoInit()), str(NoInit()), NoInit().args)
try:
    try:
        raise NotFound("inner", 1)
    except Base as b:
        b.code += 100
        raise
except NotFound as nf:
    print("re-raised code", nf.code)
def deep(n):
    if n == 0:
        raise Denied("deep", 7)
    return deep(n - 1)
deep(3)
