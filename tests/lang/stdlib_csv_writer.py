# _csv.writer: writerow/writerows under every quoting mode and dialect
# option, conversion of non-str fields, escaping, the error messages, and
# round trips of tricky fields through reader.
import _csv

class Sink:
    def __init__(self):
        self.lines = []
    def write(self, s):
        self.lines.append(s)
        return len(s)

def write(rows, *args, **kw):
    sink = Sink()
    w = _csv.writer(sink, *args, **kw)
    out = []
    for row in rows:
        try:
            out.append(w.writerow(row))
        except Exception as e:
            out.append("%s: %s" % (type(e).__name__, e))
    return sink.lines, out

def show(rows, *args, **kw):
    print(kw)
    try:
        lines, results = write(rows, *args, **kw)
        print("  ", lines)
        print("  ", results)
    except Exception as e:
        print("   raised", type(e).__name__, e)

class Num:
    def __float__(self):
        return 2.0
    def __str__(self):
        return 'num'
class Idx:
    def __index__(self):
        return 3
    def __str__(self):
        return 'idx'
class Text:
    def __str__(self):
        return 'te,xt'

tricky = [['a', 'b,c', 'd"e', 'f\ng', 'h\r\ni', ' j ', ''],
          [None, 1, 2.5, 1e100, 0.1, -0.0, True, 10**30, 1j, Num(), Idx(), Text()],
          [''], [None], [], ['', ''], ['é', '∑,😀', 'x\\y', "q'q"]]

for q in [_csv.QUOTE_MINIMAL, _csv.QUOTE_ALL, _csv.QUOTE_NONNUMERIC, _csv.QUOTE_NONE]:
    show(tricky, quoting=q)
    show(tricky, quoting=q, escapechar='\\')
show(tricky, delimiter=';', quotechar="'", lineterminator='\n')
show(tricky, doublequote=False)
show(tricky, doublequote=False, escapechar='\\')
show(tricky, quotechar=None, escapechar='\\')
show(tricky, quotechar=None)
show([['a', 'b']], lineterminator='')
show([['a!b', 'c']], lineterminator='!')
show([['a\rb', 'c\nd']], lineterminator='\n')
show([['', 'a b', ' x']], delimiter=' ', skipinitialspace=True)
show([['x', 'y']], 'tab')
_csv.register_dialect('tab', delimiter='\t')
show([['x', 'y\tz']], 'tab')
show([['x', 'y']], dialect='tab', quoting=_csv.QUOTE_ALL)
show([('t', 'u'), 'str', range(3), {'k': 1}, iter(['g'])])
show([3, None, 4.5])
show([['a'] * 3], foo=1)

def bad_fields():
    yield 'ok'
    raise KeyError('inner')
show([bad_fields()])
class BadStr:
    def __str__(self):
        raise ValueError('no str')
show([['a', BadStr()]])

print("writerows")
sink = Sink()
w = _csv.writer(sink)
print(w.writerows([['a', 1], ('b', None), []]), sink.lines)
print(w.writerows(iter([])), repr(sink.lines[-1]))
for bad in [3, [3], [['x'], 5]]:
    try:
        w.writerows(bad)
    except Exception as e:
        print(type(e).__name__, e)
print(sink.lines)
for call in [lambda: w.writerow(), lambda: w.writerow(1, 2), lambda: w.writerows()]:
    try:
        call()
    except TypeError as e:
        print(e)
print(w.dialect.delimiter, w.dialect.lineterminator == '\r\n')
try:
    w.dialect = None
except AttributeError as e:
    print(e)

print("write results")
class Counting:
    def write(self, s):
        return ('wrote', s)
print(_csv.writer(Counting()).writerow(['a', 'b']))
class Raising:
    def write(self, s):
        raise OSError('disk full')
try:
    _csv.writer(Raising()).writerow(['a'])
except OSError as e:
    print('OSError', e)
class NotCallable:
    write = 5
for target in [object(), NotCallable(), 3]:
    try:
        _csv.writer(target)
    except TypeError as e:
        print(e)
try:
    _csv.writer()
except TypeError as e:
    print(e)
try:
    _csv.Writer()
except TypeError as e:
    print(e)
collected = []
w = _csv.writer(type('L', (), {'write': staticmethod(collected.append)})())
w.writerow(['via', 'append'])
print(collected)

print("round trips")
fields = ['plain', 'with,comma', 'with "quotes"', '"', '""', 'line\nbreak', 'cr\rlf\r\n',
          ' lead', 'trail ', '', 'tab\tx', 'uni é ∑ 😀', '\\back\\', "'single'"]
for kw in [{}, {'quoting': _csv.QUOTE_ALL}, {'quoting': _csv.QUOTE_NONE, 'escapechar': '\\'},
           {'doublequote': False, 'escapechar': '\\'}, {'delimiter': '\t', 'quotechar': "'"},
           {'lineterminator': '\n'}]:
    rows = [fields, fields[::-1]] + ([['']] if kw.get('quoting') != _csv.QUOTE_NONE else [])
    sink = Sink()
    _csv.writer(sink, **kw).writerows(rows)
    text = ''.join(sink.lines)
    back = list(_csv.reader(text.splitlines(keepends=True), **kw))
    print(kw, back == rows, back if back != rows else '')
sink = Sink()
_csv.writer(sink, quoting=_csv.QUOTE_NONNUMERIC).writerow([1, 2.5, 'x', -7])
print(sink.lines, list(_csv.reader(sink.lines, quoting=_csv.QUOTE_NONNUMERIC)))
