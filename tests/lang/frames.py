# Frame objects: sys._getframe, f_back/f_code/f_locals/f_lineno/f_globals, tb_frame.
import sys
def f(a, b=2):
    x = a + b
    fr = sys._getframe()
    print(fr.f_code.co_name, fr.f_lineno, sorted(fr.f_locals), fr.f_back.f_code.co_name, fr.f_back.f_lineno)
    print(fr.f_globals is globals(), fr.f_builtins is __builtins__.__dict__ if hasattr(__builtins__, '__dict__') else type(fr.f_builtins))
    print(sys._getframe(1).f_code.co_name, sys._getframe(1) is fr.f_back)
    return fr
fr = f(1)
print(fr.f_lineno, sorted(fr.f_locals), fr.f_locals['x'], fr.f_back.f_code.co_name)
print(type(fr).__name__)
try:
    sys._getframe(100)
except ValueError as e:
    print(e)
def g():
    y = 5
    raise KeyError(y)
def h():
    g()
try:
    h()
except KeyError as e:
    tb = e.__traceback__
    while tb:
        print(tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_frame.f_lineno, sorted(tb.tb_frame.f_locals))
        tb = tb.tb_next
def gen():
    z = 1
    yield sys._getframe()
    z = 2
    yield sys._getframe()
it = gen()
a = next(it)
print(a.f_code.co_name, a.f_locals, a.f_back)
b = next(it)
print(a is b, b.f_locals)
print(sys._getframe().f_back)
# a frame seen from a callee, and after the caller changed its locals
def caller():
    v = 1
    fr = callee()
    v = 2
    return fr
def callee():
    return sys._getframe(1)
cf = caller()
print(cf.f_code.co_name, cf.f_locals['v'], cf.f_lineno)
print(repr(cf).startswith("<frame at 0x"), repr(cf).endswith("line 47, code caller>"))
# class bodies and nested functions
class K:
    where = sys._getframe().f_code.co_name
    names = sorted(sys._getframe().f_locals)
print(K.where, K.names)
def outer():
    cell = 10
    def inner():
        return sys._getframe().f_locals, sys._getframe(1).f_code.co_name
    return inner()
print(outer())
print(sys._getframe(0).f_code.co_name, sys._getframe(-1) is sys._getframe())
try:
    sys._getframe("x")
except TypeError as e:
    print(e)
try:
    sys._getframe(1, 2)
except TypeError as e:
    print(e)
# walking the stack
def depth3():
    names = []
    f = sys._getframe()
    while f:
        names.append(f.f_code.co_name)
        f = f.f_back
    return names
def depth2(): return depth3()
print(depth2())
try:
    tb.tb_frame.clear()
except Exception as e:
    print(type(e).__name__)
try:
    sys._getframe().clear()
except RuntimeError as e:
    print(e)
print(sys._getframe().f_lasti >= 0, sys._getframe().f_trace)
