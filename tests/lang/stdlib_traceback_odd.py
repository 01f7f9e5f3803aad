import sys, traceback

print('---- capture_locals')
def with_locals(a, b=2):
    s = 'text'
    lst = [1, 2, 3]
    class R:
        def __repr__(self):
            return '<R instance>'
    r = R()
    raise ValueError(a)
try:
    with_locals(1)
except ValueError as exc:
    te = traceback.TracebackException(type(exc), exc, exc.__traceback__, limit=-1, capture_locals=True)
    for line in te.format():
        print(line, end='')
    print(te.stack[-1].locals['lst'], te.stack[-1].locals['r'])

print('---- odd exceptions')
class BadStr(Exception):
    def __str__(self):
        raise TypeError('nope')
print(traceback.format_exception_only(BadStr()))
class EmptyStr(Exception):
    def __str__(self):
        return ''
print(traceback.format_exception_only(EmptyStr()))
e = ValueError('x')
e.__notes__ = 'not a list'
print(traceback.format_exception_only(e))
e.__notes__ = [1, 'two']
print(traceback.format_exception_only(e))
class BadNote:
    def __str__(self):
        raise KeyError
e.__notes__ = [BadNote()]
print(traceback.format_exception_only(e))
class Mod(Exception):
    __module__ = 'some.module'
print(traceback.format_exception_only(Mod('m')))
class Bi(Exception):
    __module__ = 'builtins'
print(traceback.format_exception_only(Bi('b')))
print(traceback.format_exception_only(StopIteration(5)))
print(traceback.format_exception_only(KeyError()))
print(traceback.format_exception_only(OSError(13, 'denied', 'f.txt')))
print(traceback.format_exception_only(UnicodeDecodeError('utf-8', b'\xff', 0, 1, 'invalid start byte')))

print('---- SyntaxError variants')
for src in ['def f(:\n    pass\n', 'x = 1 +\n', '  indented\n', 'if True:\nprint(1)\n',
            'f(a for a in b, c)\n', "'unterminated\n", 'return 5\n', 'def f():\n  nonlocal q\n', 'x = 1\nbreak\n', 'if 1:\n@d\ndef g(): pass\n', 'x = [1, 2\n']:
    try:
        compile(src, 'mod.py', 'exec')
    except SyntaxError as exc:
        print(''.join(traceback.format_exception_only(exc)), end='')
se = SyntaxError('custom msg', ('f.py', 3, 5, 'abc def ghi\n', 3, 8))
print(''.join(traceback.format_exception_only(se)), end='')
se = SyntaxError('no location')
print(''.join(traceback.format_exception_only(se)), end='')

print('---- nested groups')
def nested():
    try:
        raise ValueError('leaf1')
    except ValueError as v:
        inner = ExceptionGroup('inner', [v, KeyError('k')])
    eg = ExceptionGroup('outer', [inner, TypeError('t')])
    eg.add_note('group note')
    raise eg
try:
    nested()
except ExceptionGroup as exc:
    traceback.print_exception(exc, file=sys.stdout)
    te = traceback.TracebackException.from_exception(exc, max_group_width=1, max_group_depth=1)
    print(''.join(te.format()), end='')
    print(len(te.exceptions))

print('---- cycles in chains')
try:
    try:
        raise ValueError('a')
    except ValueError as a:
        b = TypeError('b')
        a.__context__ = b
        raise b
except TypeError as exc:
    print(''.join(traceback.format_exception(exc)), end='')

print('---- FrameSummary details')
fs = traceback.FrameSummary('x.py', 10, 'fn', lookup_line=False, locals={'a': 1})
print(fs.locals, fs._line, fs.line)
print(traceback.FrameSummary('x.py', 10, 'fn', line='') == ('x.py', 10, 'fn', ''))
print(fs[0], fs[2])
try:
    fs[4]
except IndexError as exc:
    print('IndexError', exc)
ss = traceback.StackSummary.extract(traceback.walk_stack(None), limit=1)
print([f.name for f in ss])
ss = traceback.StackSummary.extract(iter([]))
print(ss, ss.format())
print(traceback.format_list([('a.py', 1, 'f', 'x'), ('b.py', 2, 'g', None)]))

print('---- print_last / format_tb of None')
print(traceback.format_tb(None), traceback.extract_tb(None))
sys.last_type, sys.last_value, sys.last_traceback = None, KeyError('last'), None
traceback.print_last(file=sys.stdout)

print('---- the interpreter printer (stderr) vs traceback.py')
sys.stdout.flush()
for T in (SyntaxError, IndentationError, TabError):
    e = T('m', ('f.py', 1, 3, 'print(i)\n', 1, 6))
    print(''.join(traceback.format_exception_only(e)), end='')
    sys.stdout.flush()
    sys.__excepthook__(T, e, None)
    sys.stderr.flush()
