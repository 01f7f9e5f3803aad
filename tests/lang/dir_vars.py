# dir() (with __dir__, sorted), vars(), __build_class__.
def t(fn):
    try: print(repr(fn()))
    except Exception as e: print(type(e).__name__ + ":", e)
class D:
    def __dir__(self):
        return ['zeta', 'alpha', 'mid']
class G:
    def __dir__(self):
        return (x for x in 'cba')
class Bad:
    def __dir__(self):
        return 5
class Plain:
    cls_attr = 1
    def method(self): pass
class Child(Plain):
    child_attr = 2
t(lambda: dir(D()))
t(lambda: dir(G()))
t(lambda: dir(Bad()))
p = Child()
p.inst = 3
t(lambda: [n for n in dir(p) if not n.startswith('__')])
t(lambda: [n for n in dir(Child) if not n.startswith('__')])
t(lambda: '__class__' in dir(p) and '__init__' in dir(p) and '__dict__' in dir(p))
def f():
    b = 1
    a = 2
    return dir()
t(f)
t(lambda: dir(1, 2))
t(lambda: vars(p))
t(lambda: vars(1))
t(lambda: vars(p, 2))
def g():
    q = 1
    return vars()
t(g)
t(lambda: sorted(vars(Child)))
import sys
t(lambda: vars(sys) is sys.__dict__)
class WithDict:
    @property
    def __dict__(self):
        return {'fake': 1}
t(lambda: vars(WithDict()))
t(lambda: '__build_class__' in dir(__builtins__), )
import builtins
t(lambda: builtins.__build_class__(lambda: None, 'Made').__name__)
def body():
    x = 1
    def m(self): return self.x
Made = builtins.__build_class__(body, 'Made', object)
t(lambda: (Made.__name__, Made().m(), Made.__qualname__))
t(lambda: builtins.__build_class__())
t(lambda: builtins.__build_class__(1, 'x'))
t(lambda: builtins.__build_class__(body, 1))
t(lambda: [n for n in dir(sys.modules[__name__]) if not n.startswith('__')][:4])
class StaticDir:
    __dir__ = staticmethod(lambda: ['s2', 's1'])
t(lambda: dir(StaticDir()))
class LambdaDir:
    __dir__ = lambda self: {'k': 1, 'a': 2}
t(lambda: dir(LambdaDir()))
mod = type(sys)("fake")
mod.b = 1
mod.a = 2
t(lambda: dir(mod))
mod.__dir__ = lambda: ['z', 'y']
t(lambda: dir(mod))
def plain(): pass
print([n for n in dir(plain.__code__) if n.startswith('co_') and n in ('co_name', 'co_varnames', 'co_flags', 'co_consts')])
print([n for n in ('__code__', '__defaults__', '__globals__', '__closure__', '__kwdefaults__', '__module__', '__qualname__') if n in dir(plain)])
print([n for n in dir(sys._getframe()) if not n.startswith('__')])
print([n for n in dir(OSError) if not n.startswith('__')])
