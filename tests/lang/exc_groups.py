# ExceptionGroup / BaseExceptionGroup: construction, attributes, split,
# subgroup, derive, and the automatic choice of the class.
def t(f):
    try:
        r = f()
        print(repr(r))
    except Exception as e:
        print(type(e).__name__ + ":", e)

t(lambda: ExceptionGroup('m'))
t(lambda: ExceptionGroup('m', [], 3))
t(lambda: ExceptionGroup(1, [ValueError()]))
t(lambda: ExceptionGroup('m', 5))
t(lambda: ExceptionGroup('m', {ValueError(): 1}))
t(lambda: ExceptionGroup('m', []))
t(lambda: ExceptionGroup('m', [1]))
t(lambda: ExceptionGroup('m', [ValueError(), 2]))
t(lambda: ExceptionGroup('m', [KeyboardInterrupt()]))
t(lambda: BaseExceptionGroup('m', [KeyboardInterrupt()]))
t(lambda: BaseExceptionGroup('m', [ValueError()]))
t(lambda: BaseExceptionGroup('m', [ValueError(), SystemExit(2)]))
t(lambda: ExceptionGroup('m', [ValueError()], x=1))
t(lambda: ExceptionGroup(message='m', exceptions=[ValueError()]))
t(lambda: str(ExceptionGroup('m', (ValueError(), TypeError()))))
t(lambda: str(ExceptionGroup('one', (ValueError(),))))
t(lambda: ExceptionGroup('m', [ValueError(1)]).args)
t(lambda: ExceptionGroup('m', (ValueError(1),)).args)
t(lambda: ExceptionGroup('m', [ValueError(1)]).exceptions)
t(lambda: ExceptionGroup('m', [ValueError(1)]).message)
t(lambda: ExceptionGroup('m', (x for x in [ValueError(1)])))

print(issubclass(ExceptionGroup, Exception), issubclass(ExceptionGroup, BaseExceptionGroup))
print(issubclass(BaseExceptionGroup, Exception), issubclass(BaseExceptionGroup, BaseException))
eg = ExceptionGroup("eg", [ValueError(1)])
print(isinstance(eg, Exception), isinstance(eg, BaseExceptionGroup), isinstance(eg, ExceptionGroup))
try:
    raise eg
except Exception as e:
    print("caught as Exception:", e is eg)

def leaves(g):
    if isinstance(g, BaseExceptionGroup):
        return [x for e in g.exceptions for x in leaves(e)]
    return [g]

g = ExceptionGroup("top", [
    ValueError(1),
    TypeError(2),
    ExceptionGroup("mid", [ValueError(3), KeyError(4), ExceptionGroup("low", [TypeError(5)])]),
])
for m in [ValueError, TypeError, (ValueError, KeyError), OSError, Exception, ExceptionGroup,
          lambda e: isinstance(e, ValueError) and e.args[0] > 1,
          lambda e: isinstance(e, ExceptionGroup) and e.message == "low"]:
    match, rest = g.split(m)
    print(repr(match))
    print("  rest:", repr(rest))
    print("  subgroup:", repr(g.subgroup(m)))
print(g.split(ValueError)[0].exceptions[1].message)
t(lambda: g.split(3))
t(lambda: g.split((ValueError, 3)))
t(lambda: g.split(int))
t(lambda: g.subgroup("x"))
t(lambda: g.split())
print(leaves(g))

# metadata copied to the parts
try:
    try:
        raise KeyError("ctx")
    except KeyError:
        raise g from OSError("cause")
except ExceptionGroup as caught:
    caught.add_note("a note")
    m, r = caught.split(ValueError)
    print(m.__cause__, r.__cause__, repr(m.__context__), m.__traceback__ is caught.__traceback__)
    print(m.__notes__, r.__notes__, m.__notes__ is caught.__notes__)
    print(m.__suppress_context__, caught.__suppress_context__)
    print(repr(m.exceptions[1].__cause__))

# derive: the base behaviour and an override
print(repr(g.derive([OSError(9)])))
print(type(BaseExceptionGroup("b", [KeyboardInterrupt()]).derive([ValueError()])).__name__)

class MyGroup(ExceptionGroup):
    def derive(self, excs):
        return MyGroup(self.message + "!", excs)

mg = MyGroup("mine", [ValueError(1), TypeError(2)])
print(repr(mg), type(mg).__name__, isinstance(mg, Exception))
print(repr(mg.split(ValueError)))
print(repr(mg.subgroup(TypeError)))

class BadDerive(ExceptionGroup):
    def derive(self, excs):
        return 42
t(lambda: BadDerive("bad", [ValueError(1), TypeError(2)]).split(ValueError))

class MyEG(ExceptionGroup):
    pass
t(lambda: MyEG("m", [KeyboardInterrupt()]))
class MyBEG(BaseExceptionGroup):
    pass
print(repr(MyBEG("m", [KeyboardInterrupt()])), repr(MyBEG("m", [ValueError()])))

class WithInit(ExceptionGroup):
    def __new__(cls, msg, excs, code):
        self = super().__new__(cls, msg, excs)
        self.code = code
        return self
    def __init__(self, msg, excs, code):
        super().__init__(msg, excs)
    def derive(self, excs):
        return WithInit(self.message, excs, self.code)
w = WithInit("w", [ValueError(1), TypeError(2)], 42)
print(repr(w), w.code, w.args)
m, r = w.split(TypeError)
print(repr(m), m.code, repr(r), r.code)

# catching a group with a plain except
try:
    raise BaseExceptionGroup("b", [KeyboardInterrupt()])
except Exception:
    print("wrong")
except BaseException as e:
    print("BaseException caught", type(e).__name__)
t(lambda: g.derive())
t(lambda: g.subgroup(ValueError, 1))
print(ExceptionGroup[int], BaseExceptionGroup[ValueError], ExceptionGroup[int].__origin__)
print(MyEG[int], ExceptionGroup[int]("m", [ValueError(1)]))
