import logging, sys, io

logging.basicConfig(stream=sys.stdout, level=logging.DEBUG,
                    format='%(levelname)s:%(name)s:%(message)s')
logging.debug('debug %s', 'msg')
logging.info('info %d items', 3)
logging.warning('warn %(x)s', {'x': 'mapping'})
logging.error('error')
logging.critical('critical %r', [1, 2])
logging.log(25, 'level 25')
logging.basicConfig(format='ignored')  # second call does nothing
logging.info('still the first format')

root = logging.getLogger()
print(root, root.level, logging.getLevelName(root.level))
a = logging.getLogger('app')
ab = logging.getLogger('app.db')
print(a, ab, ab.parent is a, a.parent is root, logging.getLogger('app') is a)
print(ab.getEffectiveLevel(), ab.isEnabledFor(logging.DEBUG))
a.setLevel(logging.WARNING)
print(ab, ab.getEffectiveLevel(), ab.isEnabledFor(logging.INFO))
ab.info('hidden')
ab.warning('shown via app level')
print(root.getChild('app.db') is ab, a.getChild('db') is ab)

print('---- handlers and formatters')
buf = io.StringIO()
h = logging.StreamHandler(buf)
h.setFormatter(logging.Formatter('[%(name)s|%(levelname)-8s|%(levelno)d] %(funcName)s:%(lineno)d %(message)s'))
h.setLevel(logging.ERROR)
ab.addHandler(h)
def work():
    ab.warning('to root only')
    ab.error('to both')
work()
print(repr(buf.getvalue()))
ab.propagate = False
ab.error('only buffer now')
print(buf.getvalue().splitlines()[-1])
print(ab.hasHandlers(), ab.handlers == [h], h)
ab.removeHandler(h)
ab.propagate = True

fmt = logging.Formatter('{levelname}/{name}: {message}', style='{')
h2 = logging.StreamHandler(sys.stdout); h2.setFormatter(fmt)
x = logging.getLogger('x'); x.propagate = False; x.addHandler(h2)
x.warning('brace style %s', 'arg')
h2.setFormatter(logging.Formatter('$levelname $name $message', style='$'))
x.warning('dollar style')
try:
    logging.Formatter('%(nope', style='%').format
    logging.Formatter('{a', style='{')
except ValueError as e:
    print('ValueError', e)
try:
    logging.Formatter('x', style='?')
except ValueError as e:
    print('ValueError', e)

print('---- filters')
class OnlyOdd(logging.Filter):
    def filter(self, record):
        return record.args[0] % 2 == 1
h2.setFormatter(logging.Formatter('%(message)s'))
f = OnlyOdd()
x.addFilter(f)
for i in range(4):
    x.warning('n=%d', i)
x.removeFilter(f)
nf = logging.Filter('x.child')
h2.addFilter(nf)
x.warning('dropped by name filter')
logging.getLogger('x.child').warning('child passes')
logging.getLogger('x.children').warning('children dropped')
h2.removeFilter(nf)
h2.addFilter(lambda r: r.getMessage() != 'skip')
x.warning('skip'); x.warning('keep')

print('---- exceptions')
def fail():
    return 1 / 0
try:
    fail()
except ZeroDivisionError:
    logging.exception('caught %s', 'it')
    logging.getLogger('app').error('with exc_info', exc_info=True)
    logging.warning('no info')
try:
    raise KeyError('k')
except KeyError as e:
    logging.error('explicit', exc_info=e)
logging.info('stack', stack_info=True)

print('---- LoggerAdapter and extra')
class Ctx(logging.LoggerAdapter):
    def process(self, msg, kwargs):
        return '[%s] %s' % (self.extra['conn'], msg), kwargs
ad = Ctx(logging.getLogger('net'), {'conn': 'c1'})
ad.warning('connected')
ad.info('port %d', 80)
print(ad.isEnabledFor(logging.DEBUG), ad.getEffectiveLevel(), ad.logger.name)
hx = logging.StreamHandler(sys.stdout)
hx.setFormatter(logging.Formatter('%(ip)s %(user)s %(message)s'))
net = logging.getLogger('net'); net.addHandler(hx); net.propagate = False
net.warning('direct extra', extra={'ip': '5.6.7.8', 'user': 'bob'})
try:
    net.warning('bad', extra={'message': 'clash'})
except KeyError as e:
    print('KeyError', e)

print('---- levels')
print(logging.getLevelName(10), logging.getLevelName('WARNING'), logging.getLevelName(33))
logging.addLevelName(33, 'NOTICE')
print(logging.getLevelName(33), logging.getLevelName('NOTICE'))
logging.log(33, 'custom level')
x.setLevel('ERROR'); print(x.level)
try:
    x.setLevel('LOUD')
except ValueError as e:
    print('ValueError', e)
try:
    x.setLevel(1.5)
except TypeError as e:
    print('TypeError', e)
logging.disable(logging.WARNING)
logging.warning('disabled'); logging.error('error still on')
logging.disable(logging.NOTSET)
print(logging.root.manager.disable)

print('---- records')
r = logging.LogRecord('rec', logging.INFO, '/path/mod.py', 12, 'hello %s', ('w',), None, func='fn')
print(r.name, r.levelname, r.pathname, r.filename, r.module, r.lineno, r.funcName, r.getMessage())
print(logging.makeLogRecord({'msg': 'made', 'levelno': 5}).getMessage())
print(logging.Formatter('%(message)s!').format(r))
print(repr(logging.BASIC_FORMAT))
lr = logging.LogRecord('a', 20, 'p', 1, 'm', None, None)
print(repr(lr)[:30])

print('---- misc handlers')
import logging.handlers
tgt = logging.StreamHandler(sys.stdout)
tgt.setFormatter(logging.Formatter('mem> %(message)s'))
mem = logging.handlers.MemoryHandler(3, flushLevel=logging.ERROR, target=tgt)
ml = logging.getLogger('mem'); ml.propagate = False; ml.addHandler(mem)
ml.warning('m1'); ml.warning('m2'); print('buffered', len(mem.buffer))
ml.warning('m3'); print('after capacity', len(mem.buffer))
ml.warning('m4'); ml.error('m5 flushes')
qh_list = []
class ListHandler(logging.Handler):
    def emit(self, record):
        qh_list.append(self.format(record))
lh = ListHandler(); lh.setFormatter(logging.Formatter('%(levelname)s %(message)s'))
ll = logging.getLogger('list'); ll.addHandler(lh); ll.propagate = False
ll.warning('one'); ll.error('two %d', 2)
print(qh_list)
nh = logging.NullHandler(); logging.getLogger('null').addHandler(nh)
logging.getLogger('null').propagate = False
logging.getLogger('null').error('nothing')
print(logging.getLogger('null').handlers)
# A formatting failure inside a handler is reported on stderr, the program goes on.
bad = logging.getLogger('bad'); bad.propagate = False
bh = logging.StreamHandler(sys.stdout); bh.setFormatter(logging.Formatter('%(missing)s'))
bad.addHandler(bh)
logging.raiseExceptions = False
bad.warning('silently dropped')
logging.raiseExceptions = True
print('after bad')
logging.shutdown()
# No handler anywhere: the last-resort handler writes the bare message to stderr.
lr = logging.getLogger('lastresort'); lr.propagate = False
lr.info('below WARNING: dropped')
lr.warning('last resort %s', 'message')
