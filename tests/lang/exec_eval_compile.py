# exec/eval/compile with every argument form, and their errors.
def t(fn):
    try:
        r = fn()
        print(type(r).__name__ if type(r).__name__ == 'code' else repr(r))
    except Exception as e:
        print(type(e).__name__ + ":", e)
g = {'a': 1}
t(lambda: eval('a + 1', g))
t(lambda: eval('a + b', g, {'b': 2}))
class M:
    def __getitem__(self, k):
        if k == 'z': return 42
        raise KeyError(k)
    def __setitem__(self, k, v): print('set', k, v)
t(lambda: eval('z + 1', {}, M()))
t(lambda: exec('w = z', {}, M()))
t(lambda: eval('1', [], {}))
t(lambda: eval('1', {}, 3))
t(lambda: eval(3))
t(lambda: eval('1', None, None))
t(lambda: eval('x', {'x': 5}, None))
t(lambda: eval(compile('2*3', 's', 'eval')))
t(lambda: eval(b'1+1'))
t(lambda: eval('  1+1'))
t(lambda: eval('1;2'))
t(lambda: exec('x = 1'))
d = {}
exec('y = 2\ndef f(): return y', d)
t(lambda: (d['y'], d['f'](), '__builtins__' in d))
t(lambda: exec('raise ValueError(3)'))
t(lambda: exec(compile('q = 5', 'f', 'exec'), d) or d['q'])
t(lambda: exec('1', {}, {}, 3))
t(lambda: exec(5))
t(lambda: exec('x', globals=d))
t(lambda: eval('1', globals={}))
t(lambda: compile('1', 'f', 'bogus'))
t(lambda: compile('x = 1', 'f', 'eval'))
t(lambda: compile('1', 'f', 'single'))
t(lambda: compile('1', 'f', 'exec', 0, True, -1))
t(lambda: compile('1', 'f', 'exec', flags=0, dont_inherit=True, optimize=2))
t(lambda: compile('1', 'f', 'exec', flags=0x12345678))
t(lambda: compile(source='1', filename='f', mode='eval'))
t(lambda: compile('1', 'f'))
t(lambda: compile(b'x=1', b'f', 'exec'))
t(lambda: compile('assert False', 'f', 'exec', optimize=1))
exec(compile('assert False, "kept"', 'f', 'exec', optimize=0)) if False else None
try:
    exec(compile('assert False, "stripped"', 'f', 'exec', optimize=1))
    print("assert stripped")
except AssertionError as e:
    print("assert kept", e)
try:
    exec(compile('assert False, "stripped"', 'f', 'exec', optimize=-1))
except AssertionError as e:
    print("assert kept", e)
s = compile('a = 7', '<single>', 'single')
exec(s)
def fn():
    loc = 3
    return eval('loc + 1'), exec('loc2 = 9'), sorted(locals())
t(fn)
t(lambda: eval('__name__'))
t(lambda: eval('__name__', {}))
t(lambda: eval('len', {}))
t(lambda: eval('len', {'__builtins__': {}}))
t(lambda: eval('len', {'__builtins__': {'len': 'mine'}}))
t(lambda: compile('1', 'f', 'exec').co_filename)
t(lambda: eval(compile('x', 'f', 'exec'), {'x': 1}))
t(lambda: compile('def f(:', 'f', 'exec'))
t(lambda: compile('\x00', 'f', 'exec'))
t(lambda: eval('1', {}, {}, {}))
t(lambda: eval())
t(lambda: exec())
# locals() inside functions: one dict per frame, refreshed
def same_dict():
    a = 1
    l1 = locals()
    b = 2
    l2 = locals()
    return l1 is l2, sorted(l2)
print(same_dict())
def closure_locals():
    x = 1
    def inner():
        y = x
        return sorted(locals().items())
    return inner(), sorted(locals())
print(closure_locals())
print(sorted(k for k in globals() if not k.startswith('__'))[:5])
ns = {}
exec("def h():\n    return __name__\nr = h()", ns)
print(ns['r'], ns['__builtins__'] is not None)
print(eval("[x * y for x in range(3) for y in (1, 2)]", {}))
print(eval("lambda: zz", {"zz": 5})())
