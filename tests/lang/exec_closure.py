# exec(code, globals, locals, *, closure=...) (3.11) and its errors
import types

def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

def outer():
    x = 10
    y = 'why'
    def inner():
        print('inner sees', x, y)
        return x
    return inner

inner = outer()
print(inner.__code__.co_freevars, len(inner.__closure__))
exec(inner.__code__, {}, None, closure=inner.__closure__)
exec(inner.__code__, globals(), closure=inner.__closure__)
cells = (types.CellType(1), types.CellType('two'))
exec(inner.__code__, {'print': print}, closure=cells)
cells[0].cell_contents = 99
exec(inner.__code__, {}, closure=cells)

def counter():
    n = 0
    def bump():
        nonlocal n
        n += 1
        print('n is', n)
    return bump

b = counter()
exec(b.__code__, {}, closure=b.__closure__)
exec(b.__code__, {}, closure=b.__closure__)
b()
print(b.__closure__[0].cell_contents)

t(lambda: exec(inner.__code__, {}))
t(lambda: exec(inner.__code__, {}, closure=None))
t(lambda: exec(inner.__code__, {}, closure=(types.CellType(1),)))
t(lambda: exec(inner.__code__, {}, closure=[types.CellType(1), types.CellType(2)]))
t(lambda: exec(inner.__code__, {}, closure=(1, 2)))
t(lambda: exec(inner.__code__, {}, closure=(types.CellType(1), types.CellType(2), types.CellType(3))))
t(lambda: exec(compile('z = 1', 's', 'exec'), {}, closure=(types.CellType(1),)))
t(lambda: exec(compile('z = 1', 's', 'exec'), {}, closure=()))
t(lambda: exec('z = 1', {}, closure=(types.CellType(1),)))
t(lambda: exec('z = 1', {}, closure=None))
t(lambda: exec(compile('z = 1', 's', 'exec'), {}, closure=None))
t(lambda: exec('z = 1', {}, clozure=1))
t(lambda: exec('z = 1', {}, {}, (types.CellType(1),)))
t(lambda: exec(inner.__code__, [], closure=inner.__closure__))
empty = types.CellType()
t(lambda: exec(inner.__code__, {}, closure=(empty, types.CellType(2))))
ns = {}
exec(compile('w = 5', 's', 'exec'), ns, closure=None)
print(ns['w'])
