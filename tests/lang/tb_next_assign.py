import sys
def f(): 1/0
def g(): f()
try:
    g()
except ZeroDivisionError as e:
    tb = e.__traceback__
    print(tb.tb_next.tb_frame.f_code.co_name)
    tb.tb_next = tb.tb_next.tb_next
    print(tb.tb_next.tb_frame.f_code.co_name)
    for bad in [3, tb]:
        try: tb.tb_next = bad
        except (TypeError, ValueError) as x: print(type(x).__name__, x)
    try: del tb.tb_next
    except TypeError as x: print(x)
    try: tb.tb_lineno = 3
    except AttributeError as x: print(x)
    tb.tb_next = None
    sys.excepthook(type(e), e, tb)
