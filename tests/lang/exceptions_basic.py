# try/except/else/finally, tuples of types, as, re-raise
def risky(kind):
    if kind == "zero":
        return 1 / 0
    if kind == "index":
        return [][0]
    if kind == "key":
        return {}["k"]
    if kind == "type":
        return 1 + "a"
    if kind == "value":
        return int("abc")
    return "fine"
for kind in ["zero", "index", "key", "type", "value", "ok"]:
    try:
        r = risky(kind)
    except (ZeroDivisionError, IndexError) as e:
        print("arith/index:", type(e).__name__, e)
    except KeyError as e:
        print("key:", e)
    except Exception as e:
        print("other:", type(e).__name__, e)
    else:
        print("no exception:", r)
    finally:
        print("finally for", kind)
def f():
    try:
        return "try"
    finally:
        print("finally runs before return")
print(f())
def g():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
        finally:
            print("loop finally", i)
    return i
print(g())
try:
    try:
        raise ValueError("inner")
    except ValueError:
        print("handling, re-raising")
        raise
except ValueError as e:
    print("outer caught:", e, e.args)
try:
    raise KeyError("k")
except LookupError as e:
    print("LookupError catches KeyError:", repr(e))
def nested():
    try:
        1 / 0
    except ZeroDivisionError:
        try:
            raise TypeError("second")
        except TypeError as t:
            return repr(t.__context__)
print(nested())
e = None
try:
    raise RuntimeError("gone")
except RuntimeError as e:
    pass
try:
    print(e)
except NameError as ne:
    print("NameError:", ne)
print(ZeroDivisionError.__mro__, issubclass(KeyError, LookupError))
