# CPython's csv.py over minipy's _csv: the registered dialects and csv.Dialect
# subclasses, DictReader and DictWriter, reading and writing through
# io.StringIO, and Sniffer (which needs re).
import csv
import io

class Sink:
    def __init__(self):
        self.lines = []
    def write(self, s):
        self.lines.append(s)

print(sorted(csv.list_dialects()))
for name in ['excel', 'excel-tab', 'unix']:
    d = csv.get_dialect(name)
    print(name, repr(d.delimiter), repr(d.quotechar), repr(d.lineterminator), d.quoting,
          d.doublequote, d.skipinitialspace, d.strict, d.escapechar)
print(csv.__version__, csv.__doc__ == csv._csv.__doc__ if hasattr(csv, '_csv') else csv.__doc__[:24])
print(csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE, csv.Error)

class Pipes(csv.Dialect):
    delimiter = '|'
    quotechar = "'"
    doublequote = True
    skipinitialspace = False
    lineterminator = '\n'
    quoting = csv.QUOTE_MINIMAL
csv.register_dialect('pipes', Pipes)
s = Sink()
csv.writer(s, 'pipes').writerow(['a|b', "c'd", 'e'])
print(s.lines, list(csv.reader(s.lines, 'pipes')))

class Broken(csv.Dialect):
    delimiter = ','
    quotechar = '"'
    lineterminator = '\n'
    quoting = csv.QUOTE_MINIMAL
    doublequote = True
    skipinitialspace = False
    escapechar = 'ab'
try:
    Broken()
except csv.Error as e:
    print('Error', e)
try:
    csv.Dialect()
except csv.Error as e:
    print('Error', e)

print("DictReader")
lines = ['name,age,city\r\n', 'ann,31,"Oslo, NO"\r\n', 'bob,,\r\n', 'cy,40,Rome,extra,more\r\n',
         'dee\r\n', '\r\n', 'eve,22,Lima\r\n']
r = csv.DictReader(lines)
print(r.fieldnames)
for row in r:
    print(row, r.line_num)
r = csv.DictReader(lines[1:], fieldnames=['n', 'a', 'c'], restkey='rest', restval='?')
print([row for row in r])
r = csv.DictReader([], fieldnames=None)
print(r.fieldnames, list(r))
r = csv.DictReader(['a;b', '1;2'], delimiter=';')
print(list(r), r.dialect, r.reader.dialect.delimiter)

print("DictWriter")
s = Sink()
w = csv.DictWriter(s, fieldnames=['name', 'age'], restval='-')
w.writeheader()
w.writerow({'name': 'ann', 'age': 31})
w.writerow({'name': 'bob'})
w.writerows([{'age': 1.5, 'name': 'cy, jr'}, {'name': 'dee "d"', 'age': None}])
print(s.lines)
try:
    w.writerow({'name': 'x', 'height': 2})
except ValueError as e:
    print('ValueError', e)
w = csv.DictWriter(s, fieldnames=['a'], extrasaction='ignore')
w.writerow({'a': 1, 'b': 2})
print(s.lines[-1])
try:
    csv.DictWriter(s, fieldnames=['a'], extrasaction='bad')
except ValueError as e:
    print('ValueError', e)

print("StringIO")
buf = io.StringIO()
csv.writer(buf, lineterminator='\n').writerows([['x', 'y z'], ['1', 'multi\nline']])
print(repr(buf.getvalue()))
buf.seek(0)
print(list(csv.reader(buf)))
print(list(csv.DictReader(io.StringIO('k,v\n1,2\n3,4\n'))))

print("Sniffer")
sn = csv.Sniffer()
sample = 'name;age;city\nann;31;Oslo\nbob;25;"Rome; IT"\n'
d = sn.sniff(sample)
print(repr(d.delimiter), repr(d.quotechar), d.doublequote, d.skipinitialspace)
print(sn.has_header(sample))
print(sn.has_header('1,2,3\n4,5,6\n7,8,9\n'))
d = sn.sniff("'a','b','c'\n'1','2','3'\n")
print(repr(d.delimiter), repr(d.quotechar))
d = sn.sniff('a\tb\tc\n1\t2\t3\n', delimiters='\t,')
print(repr(d.delimiter))
try:
    sn.sniff('')
except csv.Error as e:
    print('Error', e)
