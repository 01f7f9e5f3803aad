# gi_frame/cr_frame/ag_frame and the other generator attributes of 3.11
import sys
def g(a):
    x = a + 1
    yield x
    y = yield from inner()
    yield y

def inner():
    yield 'i1'
    return 'ret'

gen = g(1)
print(gen.gi_running, gen.gi_suspended, gen.gi_yieldfrom, gen.gi_code is g.__code__, gen.gi_code.co_name)
fr = gen.gi_frame
print(fr is gen.gi_frame, fr.f_lineno, fr.f_code.co_name, fr.f_locals, fr.f_back, fr.f_lasti)
print(next(gen), gen.gi_frame.f_lineno, gen.gi_frame.f_locals, gen.gi_suspended, gen.gi_running)
print(next(gen), gen.gi_frame.f_lineno, type(gen.gi_yieldfrom).__name__, gen.gi_yieldfrom.gi_frame.f_lineno)
print(gen.gi_frame.f_locals)
def watcher():
    f = sys._getframe()
    yield gen_w.gi_running, f is gen_w.gi_frame, gen_w.gi_suspended, f.f_back.f_code.co_name
gen_w = watcher()
def caller():
    return next(gen_w)
print(caller())
print(next(gen), gen.gi_frame.f_lineno, gen.gi_yieldfrom)
print(list(gen), gen.gi_frame, gen.gi_running, gen.gi_suspended, gen.gi_yieldfrom)
print(fr.f_lineno, fr.f_locals)
g2 = g(5); g2.close(); print(g2.gi_frame, g2.gi_suspended)
g3 = g(5); next(g3)
try:
    g3.throw(ValueError('v'))
except ValueError as e:
    print('thrown', e, g3.gi_frame)
async def co():
    return 1
c = co()
print(c.cr_frame.f_code.co_name, c.cr_frame.f_lineno, c.cr_running, c.cr_suspended, c.cr_await, c.cr_origin)
try:
    c.send(None)
except StopIteration as e:
    print('done', e.value, c.cr_frame)
class Aw:
    def __await__(self):
        yield 'x'
async def co2():
    await Aw()
c2 = co2(); print(c2.send(None), type(c2.cr_await).__name__, c2.cr_frame.f_lineno, c2.cr_suspended); c2.close()
async def ag():
    yield 1
    yield 2
a = ag()
print(a.ag_frame.f_code.co_name, a.ag_running, a.ag_await, a.ag_frame.f_lineno)
try:
    a.__anext__().send(None)
except StopIteration as e:
    print('agen value', e.value, a.ag_frame.f_lineno)
print(sorted(n for n in dir(gen) if n.startswith('gi_')))
print(sorted(n for n in dir(c) if n.startswith('cr_')))
print(sorted(n for n in dir(a) if n.startswith('ag_')))
for bad in ('gi_frame', 'gi_code', 'gi_running'):
    try:
        setattr(gen, bad, 1)
    except AttributeError as e:
        print(type(e).__name__, e)
def g4(): yield
x = g4()
async def c4(): pass
y = c4()
async def a4(): yield
z = a4()
for o, ns in ((x, ['gi_frame', 'gi_code', 'gi_running', 'gi_yieldfrom', 'gi_suspended', '__name__', '__qualname__']),
              (y, ['cr_frame', 'cr_code', 'cr_running', 'cr_await', 'cr_origin', 'cr_suspended']),
              (z, ['ag_frame', 'ag_code', 'ag_running', 'ag_await', '__name__'])):
    for n in ns:
        try:
            setattr(o, n, 1)
        except Exception as e:
            print(n, type(e).__name__, e)
x.__name__ = 'renamed'; x.__qualname__ = 'q.renamed'
print(x.__name__, x.__qualname__, repr(x).split(' at ')[0])
y.close()
# a frame's locals follow the generator as it runs
def counter():
    n = 0
    while n < 3:
        n += 1
        yield n
cg = counter()
f = cg.gi_frame
for v in cg:
    print(v, f.f_locals['n'], f.f_lineno)
print(cg.gi_frame, f.f_lineno)
