# nested try/finally with return/break/continue; finally overriding return; exceptions swallowed by finally
def f1():
    try:
        return "try"
    finally:
        print("f1 finally")
def f2():
    try:
        return "try"
    finally:
        return "finally wins"
def f3():
    try:
        1 / 0
    finally:
        return "swallowed"
def f4():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append(f"fin{i}")
    return out
def f5():
    for i in range(3):
        try:
            try:
                return i
            finally:
                print("inner finally", i)
        finally:
            print("outer finally", i)
def f6():
    x = 0
    while True:
        try:
            x += 1
            if x < 3:
                continue
            return x
        finally:
            print("loop finally", x)
def f7():
    try:
        try:
            raise ValueError("a")
        finally:
            print("cleanup a")
    except ValueError as e:
        return f"caught {e}"
def f8():
    for i in range(3):
        try:
            raise KeyError(i)
        except KeyError:
            if i < 2:
                continue
            return "done at " + str(i)
        finally:
            print("f8 finally", i)
def f9():
    try:
        return [1]
    finally:
        print("f9 in finally")
def f10():
    r = []
    for i in range(3):
        try:
            pass
        finally:
            if i == 1:
                break
        r.append(i)
    return r
def f11():
    try:
        raise ValueError
    except ValueError:
        try:
            return "from except"
        finally:
            print("f11 nested finally")
for f in [f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11]:
    print(f.__name__, f())
def f12():
    try:
        raise TypeError("original")
    finally:
        print("f12 finally runs before propagation")
try:
    f12()
except TypeError as e:
    print("got", e)
