import sys, traceback, io

def inner(x):
    return {'a': 1}[x]

def middle(x):
    y = [x]
    return inner(y[0])

def outer():
    return middle('zz')

print('---- format_exc')
try:
    outer()
except KeyError:
    print(traceback.format_exc(), end='')
    print(traceback.format_exc(limit=1), end='')
    print(traceback.format_exc(limit=-1), end='')
    et, ev, tb = sys.exc_info()

print('---- print_exception / print_exc')
traceback.print_exception(ev, file=sys.stdout)
traceback.print_exception(et, ev, tb, limit=2, file=sys.stdout)
traceback.print_exception(ev, chain=False, file=sys.stdout)
try:
    outer()
except KeyError:
    traceback.print_exc(file=sys.stdout)

print('---- format_exception_only')
print(traceback.format_exception_only(ev))
print(traceback.format_exception_only(KeyError, ev))
print(traceback.format_exception_only(ValueError('bad value')))
print(traceback.format_exception_only(ValueError()))
class Custom(Exception):
    pass
print(traceback.format_exception_only(Custom('c')))
class Local:
    class Nested(Exception):
        pass
print(traceback.format_exception_only(Local.Nested('n')))
try:
    compile('x = (1,\n 2 +)\n', 'snippet.py', 'exec')
except SyntaxError as e:
    print(traceback.format_exception_only(e))
    print(''.join(traceback.format_exception(e)), end='')
try:
    compile('a b', '<src>', 'eval')
except SyntaxError as e:
    print(traceback.format_exception_only(e))
e = ValueError('with notes')
e.add_note('note one')
e.add_note('note\ntwo lines')
print(traceback.format_exception_only(e))
print(traceback.format_exception_only(None))

print('---- extract_tb / StackSummary / FrameSummary')
ss = traceback.extract_tb(tb)
print(type(ss).__name__, len(ss))
for fs in ss:
    print(fs.filename, fs.lineno, fs.name, repr(fs.line), fs.end_lineno, fs.colno, fs.end_colno)
print(ss[-1] == ss[-1], ss[0] == (ss[0].filename, ss[0].lineno, ss[0].name, ss[0].line))
print(list(ss[0])[1:])
print(repr(ss[1]).replace(__file__, 'FILE'))
print(''.join(ss.format()), end='')
print(traceback.format_list(ss[1:]))
print(len(traceback.extract_tb(tb, limit=1)))
print(''.join(traceback.format_tb(tb)), end='')
traceback.print_tb(tb, limit=2, file=sys.stdout)
fs = traceback.FrameSummary('f.py', 3, 'fn', line='  x = 1  ')
print(fs.line, repr(fs), len(fs))
sl = traceback.StackSummary.from_list([('a.py', 1, 'f', 'pass'), fs])
print(''.join(sl.format()), end='')
wt = list(traceback.walk_tb(tb))
print(len(wt), [ln for _, ln in wt])

print('---- stacks')
def show_stack():
    traceback.print_stack(limit=2, file=sys.stdout)
    st = traceback.extract_stack(limit=3)
    print([f.name for f in st])
    print(''.join(traceback.format_stack(limit=1)), end='')
    print([ln for _, ln in traceback.walk_stack(None)][:2])
def caller():
    show_stack()
caller()

print('---- TracebackException')
def chained():
    try:
        try:
            1 / 0
        except ZeroDivisionError as exc:
            raise ValueError('second') from exc
    except ValueError:
        raise RuntimeError('third')
try:
    chained()
except RuntimeError as exc:
    te = traceback.TracebackException.from_exception(exc)
    print(te.exc_type.__name__, str(te), te.__cause__, type(te.__context__).__name__)
    print(te.__context__.exc_type.__name__, te.__context__.__cause__.exc_type.__name__)
    print(''.join(te.format()), end='')
    print('-- chain=False')
    print(''.join(te.format(chain=False)), end='')
    print(list(te.format_exception_only()))
    print(te == traceback.TracebackException.from_exception(exc))
    print(len(te.stack), te.stack[0].name)
    r = traceback.TracebackException(type(exc), exc, exc.__traceback__, limit=0)
    print(''.join(r.format()), end='')

try:
    try:
        raise KeyError('inner')
    except KeyError:
        raise TypeError('outer') from None
except TypeError as exc:
    print(''.join(traceback.format_exception(exc)), end='')
    print(exc.__suppress_context__, exc.__context__ is not None)

def noted():
    err = OSError(2, 'No such file')
    err.add_note('while opening config')
    raise err
try:
    noted()
except OSError as exc:
    traceback.print_exception(exc, file=sys.stdout)
    te = traceback.TracebackException.from_exception(exc, capture_locals=True)
    print(te.__notes__)
    print(sorted(te.stack[-1].locals))

print('---- carets')
def attr(o):
    return o.missing.thing
def call(f):
    return f(1,
             2)
def sub(d):
    return d['x']['y']
for fn, arg in [(attr, None), (call, len), (sub, {'x': {}})]:
    try:
        fn(arg)
    except Exception as exc:
        traceback.print_exception(exc, file=sys.stdout)

print('---- recursion collapse')
def rec(n):
    if n == 0:
        raise ValueError('bottom')
    return rec(n - 1)
try:
    rec(20)
except ValueError as exc:
    traceback.print_exception(exc, file=sys.stdout)

print('---- exception groups')
def grp():
    raise ExceptionGroup('many', [ValueError('v'), TypeError('t')])
try:
    grp()
except ExceptionGroup as exc:
    traceback.print_exception(exc, file=sys.stdout)
    print(traceback.format_exception_only(exc))

print('---- clear_frames and uncaught')
try:
    outer()
except KeyError as exc:
    traceback.clear_frames(exc.__traceback__)
    print('cleared')
sys.stdout.flush()
outer()
