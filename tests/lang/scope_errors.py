# global/nonlocal misuse reported as SyntaxError by compile(); messages and line numbers
sources = [
    "def f():\n    nonlocal x\n",
    "nonlocal x\n",
    "def f():\n    x = 1\n    global x\n",
    "def f():\n    print(x)\n    global x\n",
    "def f(a):\n    global a\n",
    "def f(a):\n    def g():\n        nonlocal a\n        a = 1\n    global a\n",
    "def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x\n",
    "class C:\n    nonlocal y\n",
    "def f():\n    return\n    yield\n    nonlocal q\n",
    "x = 1\ndef f():\n    global x\n    x = 2\n",
    "def f():\n    def g():\n        nonlocal v\n    v = 1\n",
    "def f():\n    x = 1\n    def g():\n        x = 2\n        nonlocal x\n",
    "def f():\n    global x\n    del x\n",
    "break\n",
    "def f():\n    continue\n",
    "return 5\n",
    "yield 1\n",
    "class A:\n    return 1\n",
    "def f():\n    x += 1\n    global x\n",
]
for src in sources:
    try:
        compile(src, "<src>", "exec")
        print("ok")
    except SyntaxError as e:
        print(f"SyntaxError: {e.msg} (line {e.lineno})")
g = 0
def bump():
    global g
    g += 1
    return g
bump(); bump()
print(g)
def outer():
    v = []
    def inner():
        v.append(1)
        return v
    return inner()
print(outer())
def new_global():
    global created_later
    created_later = "made inside function"
new_global()
print(created_later)
def read_missing():
    global never_defined
    return never_defined
read_missing()
