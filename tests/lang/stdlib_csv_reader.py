# _csv.reader: the parsing state machine under every dialect option, records
# spanning lines, strict-mode and newline errors, field_size_limit,
# QUOTE_NONNUMERIC, line_num, and errors from the input passed through.
import _csv

_csv.register_dialect('excel')
_csv.register_dialect('excel-tab', delimiter='\t')

def read(lines, *args, **kw):
    r = _csv.reader(lines, *args, **kw)
    out = []
    try:
        for row in r:
            out.append(row)
    except Exception as e:
        out.append("%s: %s (line_num %d)" % (type(e).__name__, e, r.line_num))
    return out

def show(lines, *args, **kw):
    print(repr(lines) if isinstance(lines, list) else type(lines).__name__, args, kw)
    try:
        print("  ", read(lines, *args, **kw))
    except Exception as e:
        print("   raised", type(e).__name__, e)

show(['a,b,c\r\n', '1,2,3\r\n'])
show(['a,b,c\n', '\n', '', 'd'])
show([''])
show([',', ',,', ' , '])
show(['"a,b",c'])
show(['"a""b",c'])
show(['"a"b,c'])
show(['a"b",c'])
show(['"a\nb",c'])
show(['"a', 'b"', 'c'])
show(['"a\n', 'b",c\n', 'd\n'])
show(['"ab'])
show(['"ab'], strict=True)
show(['ab,"cd'], strict=True)
show(['"ab"c'], strict=True)
show(['"ab" ,c'], strict=True)
show(['"ab"c'])
show(['a\rb'])
show(['a\r', 'b'])
show(['a,b\r\n'])
show(['a,b\r', '\n', 'c'])
show(['a\nb'])
show(['"a"\r\nb'])
show(['a,b', 'c,d'], delimiter=';')
show(['a;b', 'c;"d;e"'], delimiter=';')
show(['a\tb'], 'excel-tab')
show(['a\tb'], dialect='excel-tab')
show(["'a,b',c"], quotechar="'")
show(['"a,b",c'], quotechar=None)
show(['"a,b",c'], quoting=_csv.QUOTE_NONE)
show(['a, b,  "c"'])
show(['a, b,  "c"'], skipinitialspace=True)
show(['a b  c'], delimiter=' ', skipinitialspace=True)
show(['a\\,b,c'], escapechar='\\')
show(['a\\\\b,c\\'], escapechar='\\')
show(['"a\\"b",c'], escapechar='\\')
show(['"a\\', 'b"'], escapechar='\\')
show(['a\\', 'b'], escapechar='\\')
show(['a\\\nb', 'c'], escapechar='\\')
show(['a\\\r\n', 'b'], escapechar='\\')
show(['\\'], escapechar='\\')
show(['"a\\"b"'], escapechar='\\', doublequote=False)
show(['"a""b"'], doublequote=False)
show(['"a""b"'], doublequote=False, strict=True)
show(['1,2.5,"x",-3e2, 4 ,'], quoting=_csv.QUOTE_NONNUMERIC)
show(['1,abc'], quoting=_csv.QUOTE_NONNUMERIC)
show(['1,"abc"', '"",'], quoting=_csv.QUOTE_NONNUMERIC)
show(['a,b'], quoting=_csv.QUOTE_ALL)
show(['a\0b,\0'])
show(['é,ü,"∑,x",😀'])
show(['a|b|"c|d"'], delimiter='|')
show(['a\0b\0c'], delimiter='\0')
show(['x'], 'nope')
show(['x'], delimiter='ab')
show(['x'], foo=1)

print("line_num")
r = _csv.reader(['a\n', '"b\n', 'c"\n', 'd\n'])
print(r.line_num, r.dialect.delimiter)
for row in r:
    print(row, r.line_num)
print(r.line_num, list(r), next(r, 'done'))
for attr in ['line_num', 'dialect']:
    try:
        setattr(r, attr, 5)
    except AttributeError as e:
        print(e)
d = _csv.Dialect(delimiter=';')
print(_csv.reader([], d).dialect is d)

print("field_size_limit")
old = _csv.field_size_limit(5)
show(['12345,123456'])
show(['"12345","123456"'])
show(['123,4567890'])
_csv.field_size_limit(old)
print(len(read(['x' * 131072])[0][0]))
print(read(['x' * 131073]))

print("input errors")
show([b'a,b'])
show(['a', 3])
show(['a', None])
def gen():
    yield 'a,b'
    raise ValueError('boom')
show(gen())
class Lines:
    def __iter__(self):
        return iter(['p,q', 'r'])
show(Lines())
for args in [(), ([], 'excel', 3)]:
    try:
        _csv.reader(*args)
    except TypeError as e:
        print(e)
try:
    _csv.reader(5)
except TypeError as e:
    print(e)
try:
    _csv.Reader()
except TypeError as e:
    print(e)
r = _csv.reader(iter(['a,b', 'c']))
print(iter(r) is r, next(r), next(r))
try:
    next(r)
except StopIteration:
    print('StopIteration')
