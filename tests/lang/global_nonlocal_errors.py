# global and nonlocal declarations: CPython's SyntaxErrors and the accepted edge cases.
cases = [
    'def f():\n    x = 1\n    global x',
    'def f():\n    print(x)\n    global x',
    'def f(x):\n    global x',
    'def f(x):\n    nonlocal x',
    'nonlocal x',
    'def f():\n    nonlocal x',
    'def f():\n    x = 1\n    def g():\n        x = 2\n        nonlocal x',
    'def f():\n    x = 1\n    def g():\n        print(x)\n        nonlocal x',
    'def f():\n    global x\n    nonlocal x',
    'def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x',
    'class C:\n    nonlocal x',
    'def f():\n    class C:\n        nonlocal x',
    'def f():\n    x = 1\n    class C:\n        nonlocal x\n        x = 2\n    return C',
    'global x\nx = 1',
    'def f():\n    global x, x',
    'def f():\n    x: int\n    global x',
    'def f():\n    for x in y: pass\n    global x',
    'def f():\n    import x\n    global x',
    'def f():\n    def x(): pass\n    global x',
    'def f():\n    class x: pass\n    global x',
    'def f():\n    with a as x: pass\n    global x',
    'def f():\n    try: pass\n    except E as x: pass\n    global x',
    'def f():\n    del x\n    global x',
    'def f():\n    x += 1\n    global x',
    'def f():\n    [x for x in y]\n    global x',
    'def f():\n    (x := 1)\n    global x',
    'def f():\n    lambda: x\n    global x',
    'def f(*x):\n    global x',
    'def f(**x):\n    nonlocal x',
    'def f():\n    x = 1\n    def g(x):\n        nonlocal x',
    'def f():\n    def g():\n        nonlocal __class__',
    'class C:\n    def f(self):\n        nonlocal __class__\n        __class__ = 1',
    'def f():\n    global __debug__',
    'def f():\n    nonlocal x\n    x = 1',
    'x = 1\ndef f():\n    nonlocal x',
    'def f():\n    x = 1\n    def g():\n        def h():\n            nonlocal x\n            x = 2',
    'def f():\n    def g():\n        nonlocal x\n    x = 1',
    'def f():\n    match y:\n        case x: pass\n    global x',
    'def f():\n    match y:\n        case x: pass\n    nonlocal x',
]
for src in cases:
    try:
        compile(src, "<s>", "exec")
        print(repr(src), "OK")
    except SyntaxError as e:
        print(repr(src), "SyntaxError:", e.msg, e.lineno, e.offset)
