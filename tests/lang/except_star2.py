# except*: with loops/finally, nested except*, BaseExceptionGroup members, subclasses.
def f():
    for i in range(3):
        try:
            if i == 0:
                continue
            if i == 1:
                return "ret"
        except* ValueError:
            print("no")
        finally:
            print("fin", i)
print(f())
def g():
    try:
        try:
            raise ExceptionGroup("a", [ValueError(1), TypeError(2)])
        except* ValueError:
            try:
                raise ExceptionGroup("b", [KeyError(3)])
            except* KeyError as k:
                print("inner", repr(k))
            print("after inner")
    except* TypeError as t:
        print("outer", repr(t), repr(t.exceptions[0].__context__))
g()
def h():
    try:
        raise ExceptionGroup("a", [ValueError(1)])
    except* ValueError as e:
        v = e
    return v
print(repr(h()))
import sys
try:
    raise ExceptionGroup("s", [SystemExit(3)]) if False else BaseExceptionGroup("s", [SystemExit(3), ValueError(1)])
except* SystemExit as s:
    print("sysexit", repr(s))
except* ValueError as v:
    print("value", repr(v))
class E(Exception): pass
try:
    raise ExceptionGroup("x", [E("a"), ExceptionGroup("y", [E("b")])])
except* E as es:
    print(repr(es), [repr(x) for x in es.exceptions])
