# An uncaught ExceptionGroup: the boxed traceback, nested groups, chained
# exceptions and notes inside the box, the 15-member limit (stderr compared).
def f():
    raise ValueError("bad\nvalue")
def g():
    try:
        f()
    except ValueError as e:
        e.add_note("note one")
        e.add_note("multi\nline note")
        raise ExceptionGroup("inner", [e, TypeError("t")])
def h():
    excs = []
    for i in range(3):
        try:
            g()
        except ExceptionGroup as eg:
            excs.append(eg)
    try:
        raise KeyError("ctx")
    except KeyError:
        raise ExceptionGroup("outer", excs + [OSError(2, "nf")] + [RuntimeError(i) for i in range(15)])
h()
