# An AttributeError raised by a method call points at the attribute (LOAD_METHOD),
# an error inside the call at the whole call, across lines too.
class A: pass
t = A()
def f(n):
    if n == 0:
        (t
          .id)(2)
    elif n == 1:
        t.a.b(
         3)
    elif n == 2:
        t.x(
        )
    else:
        import math; math.sqrt(-1)
for n in range(4):
    try: f(n)
    except Exception:
        import traceback; traceback.print_exc()
print([x.upper() for x in "ab"])
try:
    print([t.id() for q in [1]])
except AttributeError:
    traceback.print_exc()
t.id()
