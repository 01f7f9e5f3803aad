# BaseException details: args, str() with 0/1/n args, KeyError's str,
# with_traceback, __traceback__, __reduce__/__setstate__, OSError's errno
# subclasses and attributes, the 3.11 builtin exception names.
import builtins
for a in [(), (1,), ("x",), (1, 2), ("a", [1])]:
    e = Exception(*a)
    print(repr(e), repr(str(e)), e.args)
for a in [(), ("k",), (1, 2)]:
    print(repr(str(KeyError(*a))), repr(KeyError(*a)))
e = ValueError(1)
e.args = [2, 3]
print(e.args, str(e))
e.args = "ab"
print(e.args)
try:
    e.args = 5
except TypeError as t:
    print("TypeError:", t)
try:
    del e.args
except TypeError as t:
    print("TypeError:", t)

try:
    raise ValueError("x")
except ValueError as v:
    tb = v.__traceback__
print(type(tb).__name__)
e = KeyError(1)
print(e.with_traceback(tb) is e, e.__traceback__ is tb)
e.__traceback__ = None
print(e.__traceback__)
try:
    e.__traceback__ = 5
except TypeError as t:
    print("TypeError:", t)
try:
    e.with_traceback(3)
except TypeError as t:
    print("TypeError:", t)

print(ValueError(1).__reduce__())
e = ValueError(1, 2)
e.extra = "x"
print(e.__reduce__())
e.__setstate__({"y": 4, "z": 5})
print(e.y, e.z, sorted(e.__dict__))
e.__setstate__(None)
try:
    e.__setstate__(3)
except TypeError as t:
    print("TypeError:", t)
cls, args, *state = e.__reduce__()
copy = cls(*args)
if state:
    copy.__setstate__(state[0])
print(repr(copy), copy.extra, copy.y)

for a in [(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), (1, 2, 3, 4, 5), (1, 2, 3, 4, 5, 6),
          (2, "x", "f", "g", 5), (13, "denied", "/etc/shadow")]:
    o = OSError(*a)
    print(type(o).__name__, repr(o), str(o), o.errno, o.strerror, o.filename, o.filename2, o.args)
for n in [1, 2, 3, 4, 10, 11, 13, 17, 20, 21, 32, 103, 104, 108, 110, 111, 114, 115, 5, 99]:
    print(n, type(OSError(n, "x")).__name__)
print(type(FileNotFoundError(13, "x")).__name__, type(OSError("just one")).__name__)
print(BlockingIOError(11, "would block", 7).characters_written)
print(IOError is OSError, EnvironmentError is OSError)
try:
    open("/nonexistent/file/here")
except FileNotFoundError as f:
    print(f.errno, f.strerror, f.filename, isinstance(f, OSError))

names = ["BaseExceptionGroup", "ExceptionGroup", "StopAsyncIteration", "BlockingIOError",
         "ChildProcessError", "ConnectionError", "BrokenPipeError", "ConnectionAbortedError",
         "ConnectionRefusedError", "ConnectionResetError", "InterruptedError",
         "ProcessLookupError", "TimeoutError", "ReferenceError", "UnicodeTranslateError",
         "BytesWarning", "EncodingWarning", "FutureWarning", "ImportWarning",
         "PendingDeprecationWarning", "ResourceWarning", "SyntaxWarning", "UnicodeWarning"]
for n in names:
    c = getattr(builtins, n)
    print(n, c.__name__, c.__base__.__name__, issubclass(c, Exception))
print(issubclass(BrokenPipeError, ConnectionError), issubclass(TimeoutError, OSError))

# __reduce__ of the exceptions with members, and members kept out of __dict__
print(OSError(2,'x','f').__reduce__())
print(OSError(2,'x','f', None, 'g').__reduce__())
print(OSError(2,'x').__reduce__())
e=OSError(2,'x'); e.a=1; print(e.__reduce__())
print(OSError(1).__reduce__())
print(ImportError('m', name='n').__reduce__())
print(ImportError('m').__reduce__())
print(ModuleNotFoundError('m', path='p').__reduce__())
print(SyntaxError('m', ('f',1,2,'t')).__reduce__())
print(StopIteration(3).__reduce__())
print(KeyError(3).__dict__, OSError(2,'x').__dict__, SyntaxError('m', ('f',1,2,'t')).__dict__, ImportError('x', name='y').__dict__)
s = StopIteration(3); s.value = 4; print(s.value, s.__dict__)
x = SystemExit(2); x.code = 5; print(x.code, x.__dict__)
e = SyntaxError('m', ('f', 1, 2, 't'))
e.msg = 'changed'
print(str(e), e.msg)
del e.msg
print(e.msg)
class MyOS(OSError):
    pass
m = MyOS(2, 'x', 'f')
print(type(m).__name__, m.errno, m.filename, m.__reduce__())
print(BlockingIOError(11, 'x', 5).characters_written)
try:
    BlockingIOError(11, 'x').characters_written
except AttributeError as a:
    print('AttributeError', a)
print(hasattr(OSError, 'errno'))

# more BaseException behaviour: subclasses' __init__, __str__, KeyError keys, from None, docs
class E1(Exception):
    def __init__(self, a, b):
        self.a = a
print(E1(1, 2).args, str(E1(1, 2)), repr(E1(1, 2)))
class E2(Exception):
    def __init__(self, msg, code=0):
        super().__init__(msg)
        self.code = code
e = E2("m", code=3)
print(e.args, str(e), repr(e), e.code, e.__dict__)
print(e.__reduce__())
class E3(ValueError):
    def __str__(self): return "custom"
print(str(E3(1)), repr(E3(1)))
print(str(KeyError((1, 2))), str(KeyError(())), repr(KeyError('a', 'b')))
print(BaseException.__new__(ValueError, 1, 2).args)
e = ValueError(1)
print(e.__cause__, e.__context__, e.__suppress_context__, e.__traceback__)
try:
    try:
        1/0
    except ZeroDivisionError:
        raise ValueError("v") from None
except ValueError as v:
    print(v.__cause__, repr(v.__context__), v.__suppress_context__)
print(Exception.__doc__[:20] if Exception.__doc__ else None)
print(isinstance(ExceptionGroup("x",[ValueError()]), BaseExceptionGroup))
print(OSError.__name__, FileNotFoundError.__mro__[1].__name__)
print(UnicodeDecodeError.__mro__[1].__name__, TimeoutError.__base__.__name__)
import sys
def f():
    raise TypeError("x")
try:
    f()
except TypeError:
    t, v, tb = sys.exc_info()
    print(t.__name__, v, tb.tb_frame.f_code.co_name, tb.tb_next.tb_frame.f_code.co_name)
print(ValueError(1) == ValueError(1), hash(ValueError) is not None)
class WithKw(Exception):
    def __init__(self, *, x): 
        super().__init__(x)
try:
    print(WithKw(x=1).args)
except TypeError as te:
    print("TypeError", te)
import builtins
print(sorted((n, len(getattr(builtins, n).__doc__ or '')) for n in dir(builtins) if isinstance(getattr(builtins, n), type) and issubclass(getattr(builtins, n), BaseException))[:70])
