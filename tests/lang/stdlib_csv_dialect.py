# _csv.Dialect: construction from names, classes and instances, keyword
# overrides, validation messages, immutability; the dialect registry and
# field_size_limit; the module's constants and attributes.
import _csv

def attempt(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("  ->", repr(r) if not isinstance(r, _csv.Dialect) else show(r))

def show(d):
    return (d.delimiter, d.quotechar, d.escapechar, d.lineterminator, d.quoting,
            d.doublequote, d.skipinitialspace, d.strict)

print(_csv.QUOTE_MINIMAL, _csv.QUOTE_ALL, _csv.QUOTE_NONNUMERIC, _csv.QUOTE_NONE)
print(_csv.__version__, _csv.__doc__.splitlines()[0], len(_csv.__doc__))
print(_csv.Error.__mro__, _csv.Error.__module__)
print(_csv.Dialect, _csv.Reader, _csv.Writer, _csv.Dialect.__mro__)
print(_csv.Dialect.__doc__)
print(_csv.Reader.__doc__)
print(_csv.Writer.__doc__)
print(sorted(k for k in dir(_csv) if not k.startswith('__')))

print("defaults", show(_csv.Dialect()))
D = _csv.Dialect
for kw in [dict(delimiter=''), dict(delimiter='ab'), dict(delimiter=None), dict(delimiter=1),
           dict(delimiter='\0'), dict(delimiter='é'), dict(quotechar=1), dict(quotechar=''),
           dict(quotechar='xy'), dict(quotechar=None), dict(quotechar=None, quoting=0),
           dict(quotechar=None, quoting=_csv.QUOTE_NONE), dict(escapechar=''),
           dict(escapechar=3), dict(escapechar='\\'), dict(escapechar=None),
           dict(lineterminator=None), dict(lineterminator=3), dict(lineterminator=''),
           dict(lineterminator='\n'), dict(quoting=7), dict(quoting=-1), dict(quoting='1'),
           dict(quoting=1.0), dict(quoting=True), dict(quoting=2**40), dict(quoting=3),
           dict(delimiter=' ', skipinitialspace=True), dict(delimiter='"'),
           dict(escapechar=',', delimiter=','), dict(strict=[]), dict(strict=[1]),
           dict(doublequote=0), dict(skipinitialspace='yes'), dict(foo=1),
           dict(dialect='excel', delimiter=';'), dict(dialect='nope'), dict(dialect=3)]:
    print(kw)
    attempt(lambda: D(**kw))
attempt(lambda: D(1, 2))
attempt(lambda: D('excel', ';', dialect='unix'))
attempt(lambda: D('excel', 1, 2, 3, 4, 5, 6, 7, 8, 9))
attempt(lambda: D('excel-tab'))
attempt(lambda: D('unix'))

d = D(delimiter=';')
print(D(d) is d, D(d, strict=True) is d, show(D(d, strict=True)))
for name in ['delimiter', 'quotechar', 'escapechar', 'lineterminator', 'quoting',
             'doublequote', 'skipinitialspace', 'strict', 'foo']:
    attempt(lambda: setattr(d, name, 1))
    attempt(lambda: delattr(d, name))

class Plain:
    delimiter = ':'
    quotechar = "'"
    lineterminator = '\n'
    quoting = _csv.QUOTE_ALL
print("class", show(D(Plain)), show(D(Plain())))
class Partial:
    delimiter = '|'
print("partial", show(D(Partial)))
class Bad:
    delimiter = 'xx'
attempt(lambda: D(Bad))

class Sub(_csv.Dialect):
    pass
s = Sub(delimiter='!')
print(type(s).__name__, isinstance(s, _csv.Dialect), show(s), D(s) is s)

print("registry")
print(_csv.list_dialects())
_csv.register_dialect('semi', delimiter=';', quoting=_csv.QUOTE_ALL)
print(show(_csv.get_dialect('semi')), _csv.list_dialects())
_csv.register_dialect('fromclass', Plain)
_csv.register_dialect('copy', 'semi', strict=True)
print(show(_csv.get_dialect('fromclass')), show(_csv.get_dialect('copy')))
print(_csv.get_dialect('semi') is _csv.get_dialect('semi'))
_csv.register_dialect('same', _csv.get_dialect('semi'))
print(_csv.get_dialect('same') is _csv.get_dialect('semi'))
print(sorted(_csv._dialects))
attempt(lambda: _csv.register_dialect())
attempt(lambda: _csv.register_dialect(3))
attempt(lambda: _csv.register_dialect('x', 'y', 3))
attempt(lambda: _csv.register_dialect('x', 'nope'))
attempt(lambda: _csv.register_dialect('x', delimiter=3))
attempt(lambda: _csv.register_dialect('x', quoting=9))
attempt(lambda: _csv.get_dialect())
attempt(lambda: _csv.get_dialect('x'))
attempt(lambda: _csv.get_dialect(3))
attempt(lambda: _csv.get_dialect([]))
attempt(lambda: _csv.get_dialect(name='semi').delimiter)
attempt(lambda: _csv.unregister_dialect('zz'))
attempt(lambda: _csv.unregister_dialect())
attempt(lambda: _csv.unregister_dialect('semi'))
attempt(lambda: _csv.unregister_dialect('semi'))
attempt(lambda: _csv.list_dialects(1))
print(sorted(_csv.list_dialects()))

print("field_size_limit")
attempt(lambda: _csv.field_size_limit())
attempt(lambda: _csv.field_size_limit('a'))
attempt(lambda: _csv.field_size_limit(1.5))
attempt(lambda: _csv.field_size_limit(True))
attempt(lambda: _csv.field_size_limit(1, 2))
attempt(lambda: _csv.field_size_limit(limit=5))
attempt(lambda: _csv.field_size_limit(2**70))
attempt(lambda: _csv.field_size_limit(10))
attempt(lambda: _csv.field_size_limit(new_limit=20))
attempt(lambda: _csv.field_size_limit())
attempt(lambda: _csv.field_size_limit(131072))

print("subclasses and odd values")
class WithInit(_csv.Dialect):
    def __init__(self, *a, **k):
        print('  init', a, k)
print(show(WithInit(delimiter=';')))
class WithAttr(_csv.Dialect):
    extra = 5
w = WithAttr(quoting=1)
w.foo = 1
print(w.quoting, w.extra, w.foo, isinstance(w, _csv.Dialect))
attempt(lambda: _csv.Dialect().__reduce_ex__(2))
attempt(lambda: w.__reduce_ex__(2))
import copy
attempt(lambda: copy.copy(_csv.Dialect()))
attempt(lambda: _csv.Dialect(None))
attempt(lambda: _csv.Dialect(dialect=None))
attempt(lambda: _csv.Dialect(delimiter=None, dialect=None))
class MyStr(str):
    pass
attempt(lambda: type(_csv.Dialect(lineterminator=MyStr('x')).lineterminator).__name__)
attempt(lambda: _csv.Dialect(delimiter=MyStr(';')))
attempt(lambda: _csv.register_dialect(MyStr('m')))
attempt(lambda: _csv.get_dialect('m').delimiter)
attempt(lambda: _csv.Dialect(lineterminator='\r\n' * 3))

print("argument counts")
attempt(lambda: _csv.get_dialect('a', 'b'))
attempt(lambda: _csv.get_dialect(name='x', foo=1))
attempt(lambda: _csv.get_dialect(foo=1))
attempt(lambda: _csv.unregister_dialect(1, 2))
attempt(lambda: _csv.field_size_limit(1, new_limit=2))
attempt(lambda: _csv.field_size_limit(new_limit=2, x=3))
attempt(lambda: _csv.field_size_limit(131072))
attempt(lambda: _csv.register_dialect(name='x'))
attempt(lambda: _csv.list_dialects(a=1))
attempt(lambda: _csv.Dialect(**{k: None for k in 'abcdefghijk'}))
attempt(lambda: _csv.Dialect('excel', **{k: None for k in 'abcdefghijk'}))
attempt(lambda: _csv.reader([], **{k: None for k in 'abcdefghijk'}))
attempt(lambda: _csv.reader([], 'excel', dialect='excel'))
attempt(lambda: _csv.reader([], x=1))
attempt(lambda: _csv.writer(x=1))
attempt(lambda: _csv.Dialect('excel', foo=1, dialect='x'))
attempt(lambda: _csv.Dialect('excel', ';', foo=1, delimiter='x', dialect='y'))
