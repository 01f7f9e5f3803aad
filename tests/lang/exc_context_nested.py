# implicit chaining: exception in except, in finally, and raise inside except inside finally
def cleanup():
    raise OSError("cleanup failed")
def work():
    try:
        raise ValueError("work failed")
    finally:
        try:
            cleanup()
        except OSError:
            raise RuntimeError("finally handler failed")
def outer():
    try:
        work()
    except RuntimeError as e:
        ctx = e.__context__
        print(type(e).__name__, "->", type(ctx).__name__, "->", type(ctx.__context__).__name__)
    try:
        raise KeyError("a")
    except KeyError as e:
        try:
            raise IndexError("b")
        except IndexError as e2:
            print(repr(e2.__context__), e2.__context__ is e)
    try:
        raise ValueError("reraised")
    except ValueError:
        try:
            raise
        except ValueError as same:
            print("bare raise keeps", same, same.__context__)
    work()
outer()
