# inspect: signatures, Parameter kinds, bind, getsource, predicates, docs, frames
import functools
import inspect
from inspect import Parameter, Signature, signature


def f(a, b: int = 2, /, c=3, *args, d, e: str = "x", **kw) -> bool:
    """Do things.

        Indented more.
    Back.
    """
    return True


sig = signature(f)
print(sig)
print(sig.return_annotation, list(sig.parameters))
for p in sig.parameters.values():
    print(p.name, p.kind, p.kind.description, p.default is Parameter.empty, p.annotation)
print(str(Parameter.POSITIONAL_ONLY), int(Parameter.VAR_KEYWORD))

ba = sig.bind(1, 2, 3, 4, 5, d=6, z=7)
print(ba, ba.args, ba.kwargs, ba.arguments)
ba = sig.bind(1, d=0)
ba.apply_defaults()
print(ba.arguments)
print(sig.bind_partial(1, e="y"))
for args, kwargs in [((), {}), ((1,), {}), ((1,), {"d": 1, "a": 2}), ((1,), {"d": 1, "b": 3})]:
    try:
        sig.bind(*args, **kwargs)
    except TypeError as e:
        print("TypeError:", e)


def g(x, y=[1, 2], *, z=None):
    pass


print(signature(g), signature(lambda q, *r: 0))


class K:
    """Class doc."""

    def __init__(self, p, q=1):
        self.p = p

    def meth(self, r):
        return r

    @classmethod
    def cm(cls, s):
        pass

    @staticmethod
    def sm(t, u=0):
        pass

    @property
    def prop(self):
        return 1


print(signature(K.meth), signature(K(1).meth), signature(K.cm), signature(K.sm))
print(signature(functools.partial(f, 1, d=2)))


class CallMe:
    def __call__(self, v, w=4):
        pass


print(signature(CallMe()))

try:
    signature(5)
except TypeError as e:
    print("TypeError:", e)

s2 = sig.replace(return_annotation=int)
print(s2, s2 == sig)
print(Signature([Parameter("a", Parameter.POSITIONAL_OR_KEYWORD, default=1)]))
try:
    Signature([Parameter("a", Parameter.POSITIONAL_OR_KEYWORD, default=1),
               Parameter("b", Parameter.POSITIONAL_OR_KEYWORD)])
except ValueError as e:
    print("ValueError:", e)
try:
    Parameter("1x", Parameter.POSITIONAL_ONLY)
except ValueError as e:
    print("ValueError:", e)
print(Parameter("a", Parameter.KEYWORD_ONLY, default=3, annotation=int))


def wrapped(x):
    "inner doc"
    return x


@functools.wraps(wrapped)
def wrapper(*a, **k):
    return wrapped(*a, **k)


print(inspect.unwrap(wrapper) is wrapped, signature(wrapper), wrapper.__doc__)

print(inspect.getsource(g), end="")
lines, start = inspect.getsourcelines(K.meth)
print(start, lines)
print(inspect.getdoc(f))
print(repr(inspect.cleandoc("  first\n    second\n  third\n")))
print(inspect.getdoc(K), inspect.getdoc(K.meth))
print(inspect.getfile(f) == __file__, inspect.getmodule(f).__name__)


def gen():
    yield 1


async def coro():
    pass


async def agen():
    yield 1


for obj in [f, K, K.meth, K(1).meth, gen, coro, agen, len, inspect, K.prop, 5]:
    print([n for n in ("isfunction", "isclass", "ismethod", "isgeneratorfunction",
                       "iscoroutinefunction", "isasyncgenfunction", "isbuiltin",
                       "ismodule", "isroutine", "isdatadescriptor")
           if getattr(inspect, n)(obj)])
gi = gen()
print(inspect.isgenerator(gi), inspect.getgeneratorstate(gi))
next(gi)
print(inspect.getgeneratorstate(gi))
c = coro()
print(inspect.iscoroutine(c), inspect.isawaitable(c))
c.close()

print([n for n, v in inspect.getmembers(K) if not n.startswith("__")])
print([n for n, v in inspect.getmembers(K(1), inspect.ismethod) if not n.startswith("__")])
print(inspect.isabstract(int), int.__flags__ & (1 << 24) != 0, type.__flags__ & (1 << 31) != 0)
print(inspect.getmro(K))
print(inspect.isabstract(K))


def outer():
    fr = inspect.currentframe()
    print(fr.f_code.co_name, fr.f_back.f_code.co_name)
    st = inspect.stack()
    print([fi.function for fi in st[:2]], st[0].lineno - fr.f_code.co_firstlineno)
    print(inspect.getframeinfo(fr).function)


outer()
print(inspect.getcallargs(g, 1, z=2))
print(inspect.getfullargspec(f))
print(inspect.formatannotation(int), inspect.formatannotation(list[int]))
print(inspect.getclosurevars(outer).globals.keys() >= {"inspect"})
