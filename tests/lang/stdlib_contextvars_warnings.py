# contextvars over minipy's _contextvars; warnings over minipy's _warnings.
import contextvars, warnings

v = contextvars.ContextVar('v', default=0)
w = contextvars.ContextVar('w')
print(v.name, v.get(), w.get(5), w.get(default=7) if False else w.get(7))
try:
    w.get()
except LookupError as e:
    print('LookupError', e.args[0] is w)
t = v.set(1)
print(v.get(), t.old_value is contextvars.Token.MISSING, t.var is v)
ctx = contextvars.copy_context()
def inner(x):
    v.set(x)
    return v.get(), contextvars.copy_context()[v]
print(ctx.run(inner, 42), v.get(), ctx[v], v in ctx, w in ctx, ctx.get(w, 'none'))
print(sorted(k.name for k in ctx), list(ctx.values()), len(ctx))
v.reset(t)
print(v.get())
for bad in (lambda: v.reset(t), lambda: w.reset(t), lambda: contextvars.ContextVar(1),
            lambda: ctx.run(ctx.run, print), lambda: ctx[1], lambda: contextvars.Token()):
    try:
        bad()
    except (RuntimeError, ValueError, TypeError) as e:
        print(type(e).__name__, str(e).split(' at 0x')[0])
t2 = w.set('x')
c2 = contextvars.copy_context()
try:
    c2.run(w.reset, t2)
except ValueError as e:
    print('ValueError', str(e).split('<')[0], 'different Context' in str(e))
print(contextvars.Context().get(v), contextvars.ContextVar[int])

# warnings: actions, filters, the registry, errors
def emit(msg, cat=UserWarning):
    warnings.warn(msg, cat, stacklevel=2)

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    emit("a")
    emit("a")
    warnings.warn(DeprecationWarning("dep"))
    warnings.warn_explicit("explicit", RuntimeWarning, "file.py", 12, module="mod")
    print([(str(m.message), m.category.__name__, m.lineno) for m in log])
    print(log[0].filename.endswith("stdlib_contextvars_warnings.py"))
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("once")
    for i in range(3):
        warnings.warn("same")
    warnings.simplefilter("ignore", category=UserWarning)
    warnings.warn("hidden")
    warnings.warn("shown", FutureWarning)
    print([str(m.message) for m in log])
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        warnings.warn("boom", RuntimeWarning)
    except RuntimeWarning as e:
        print("raised", repr(e))
try:
    warnings.warn("x", int)
except TypeError as e:
    print("TypeError", e)
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("default")
    for i in range(2):
        warnings.warn("loop")
    print(len(log))
with warnings.catch_warnings():
    warnings.filters.insert(0, ("bogus", None, Warning, None, 0))
    try:
        warnings.warn("x")
    except RuntimeError as e:
        print("RuntimeError", str(e).splitlines()[0])
print(warnings.filters[-1][0], warnings.defaultaction)
