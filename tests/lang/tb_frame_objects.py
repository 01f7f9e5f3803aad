# Frame objects reached through tracebacks: locals kept after the frame ended, f_back, identity.
import sys
def inner(a):
    b = a * 2
    raise ValueError(b)
def middle(x):
    y = x + 1
    return inner(y)
def outer():
    try:
        middle(1)
    except ValueError as e:
        return e
e = outer()
tb = e.__traceback__
frames = []
while tb:
    f = tb.tb_frame
    frames.append(f)
    print(f.f_code.co_name, tb.tb_lineno, f.f_lineno, sorted(f.f_locals.items()) if f.f_code.co_name != '<module>' else '', tb.tb_lasti >= 0)
    tb = tb.tb_next
print([f.f_back.f_code.co_name if f.f_back else None for f in frames])
print(frames[1].f_back is frames[0], frames[2].f_back is frames[1])
print(e.__traceback__.tb_frame is frames[0])
# exception caught and kept in the same frame, frame then returns normally
def keeper():
    z = 5
    try:
        raise KeyError(z)
    except KeyError as k:
        saved = k
    z = 6
    return saved
k = keeper()
fr = k.__traceback__.tb_frame
print(fr.f_code.co_name, fr.f_locals['z'], fr.f_lineno, fr.f_back.f_code.co_name)
# two exceptions through the same live frame share the frame object
def twice():
    out = []
    for i in range(2):
        try:
            raise IndexError(i)
        except IndexError as ex:
            out.append(ex.__traceback__.tb_frame)
    return out[0] is out[1], out[0] is sys._getframe()
print(twice())
# a generator's frame in a traceback
def gen():
    q = 1
    yield 1
    raise RuntimeError("in gen")
try:
    for _ in gen():
        pass
except RuntimeError as r:
    t = r.__traceback__.tb_next
    print(t.tb_frame.f_code.co_name, t.tb_frame.f_locals)
