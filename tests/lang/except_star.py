def raise_eg():
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ValueError(3), KeyError(4)])
try:
    raise_eg()
except* ValueError as e:
    print("VE", repr(e), type(e).__name__)
except* TypeError as e:
    print("TE", repr(e))
except* KeyError:
    print("KE")
print("after")
try:
    try:
        raise_eg()
    except* ValueError as e:
        print("VE", repr(e))
except ExceptionGroup as g:
    print("rest", repr(g), repr(g.exceptions))
try:
    try:
        raise ValueError("naked")
    except* ValueError as e:
        print("naked", repr(e), e.exceptions[0] is not None)
        raise
except ExceptionGroup as g:
    print("reraised", repr(g))
try:
    try:
        raise_eg()
    except* ValueError as e:
        raise RuntimeError("new")
    except* TypeError:
        pass
except BaseException as g:
    print("combined", repr(g), repr(g.exceptions[0].__context__))
try:
    try:
        raise KeyError('k')
    except* ValueError:
        print('no')
except KeyError as k:
    print('passthru', repr(k))
try:
    try:
        raise_eg()
    except* ExceptionGroup:
        pass
except TypeError as t:
    print(t)
try:
    try:
        raise_eg()
    except* 42:
        pass
except TypeError as t:
    print(t)
try:
    e
except NameError as n:
    print(n)
for i in range(2):
    try:
        raise ValueError(i)
    except* ValueError:
        for j in range(3):
            if j == 1: break
        print("loop", i, j)
else:
    print("else")
try:
    pass
except* ValueError:
    pass
else:
    print("else ran")
finally:
    print("finally ran")
try:
    try:
        raise_eg()
    except* ValueError:
        raise
except ExceptionGroup as g:
    print("bare reraise", repr(g))

# nested groups: matching reaches into subgroups, the rest keeps the shape
def nested():
    raise ExceptionGroup("top", [ValueError("a"),
                                 ExceptionGroup("mid", [TypeError("b"), ValueError("c")]),
                                 OSError("d")])
try:
    try:
        nested()
    except* ValueError as e:
        print("matched", repr(e))
    except* (TypeError, KeyError) as e:
        print("tuple matched", repr(e))
except ExceptionGroup as rest:
    print("rest", repr(rest))

# the handled exception inside an except* body is the matched part
import sys
try:
    nested()
except* ValueError:
    print("exc_info", repr(sys.exc_info()[1]))
except* Exception:
    print("exc_info2", repr(sys.exc_info()[1]))
print("after: exc_info", sys.exc_info())

# BaseExceptionGroup with a BaseException inside
try:
    try:
        raise BaseExceptionGroup("b", [KeyboardInterrupt(), ValueError(1)])
    except* ValueError:
        print("caught the value error")
except BaseExceptionGroup as g:
    print(type(g).__name__, repr(g))

# several handlers raising: all collected
try:
    try:
        raise ExceptionGroup("x", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError("from VE")
    except* TypeError:
        raise IndexError("from TE")
except ExceptionGroup as g:
    print(repr(g))
    for sub in g.exceptions:
        print("  ", repr(sub), repr(sub.__context__))

# raise ... from inside except*
try:
    try:
        raise ExceptionGroup("x", [ValueError(1)])
    except* ValueError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError as r:
    print(repr(r), repr(r.__cause__))

# errors in a clause's type expression propagate
try:
    try:
        raise ExceptionGroup("x", [ValueError(1)])
    except* undefined_name:
        pass
except NameError as n:
    print("NameError:", n)

# a generator and a function using except*
def gen():
    try:
        yield 1
        raise ExceptionGroup("g", [ValueError(2)])
    except* ValueError as e:
        yield repr(e)
print(list(gen()))

def f():
    for i in range(3):
        try:
            if i == 1:
                raise ExceptionGroup("loop", [TypeError(i)])
        except* TypeError as e:
            print("in loop", i, repr(e))
    return "done"
print(f())

# the name is unbound after the clause
try:
    raise ExceptionGroup("x", [ValueError(1)])
except* ValueError as e:
    pass
try:
    print(e)
except NameError as n:
    print(n)

# the SyntaxErrors, through compile()
sources = [
    "try:\n  pass\nexcept* ValueError:\n  pass\nexcept TypeError:\n  pass\n",
    "try:\n  pass\nexcept TypeError:\n  pass\nexcept* ValueError:\n  pass\n",
    "try:\n  pass\nexcept*:\n  pass\n",
    "for i in x:\n  try:\n    pass\n  except* ValueError:\n    break\n",
    "for i in x:\n  try:\n    pass\n  except* ValueError:\n    continue\n",
    "def f():\n  try:\n    pass\n  except* ValueError:\n    return 1\n",
    "def f():\n  try:\n    pass\n  except* ValueError:\n    if x:\n      return 5\n",
    "for i in x:\n  try:\n    pass\n  except* ValueError:\n    if x:\n      break\n",
    "def f():\n  try:\n    pass\n  except* ValueError:\n    x = 1\n    return\n",
    "def f():\n  try:\n    pass\n  except* ValueError:\n    for i in x: break\n    def g(): return 1\n",
]
for src in sources:
    try:
        compile(src, "<s>", "exec")
        print("compiled")
    except SyntaxError as s:
        print("SyntaxError:", s.msg, s.lineno, s.offset)
