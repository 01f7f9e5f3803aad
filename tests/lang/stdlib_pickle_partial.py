# functools.partial pickles and copies through __reduce__/__setstate__.
import pickle, functools, copy
def f(a, b, c=0): return (a, b, c)
class P(functools.partial):
    pass
for p in (0, 2, 5):
    x = functools.partial(f, 1, c=3)
    x.attr = "at"
    r = pickle.loads(pickle.dumps(x, p))
    print(r(2), r.args, r.keywords, r.attr, r.__dict__)
    y = pickle.loads(pickle.dumps(functools.partial(max), p))
    print(y([1, 5]), y.keywords, y.__reduce__())
    z = pickle.loads(pickle.dumps(P(f, 7), p))
    print(type(z).__name__, z(8))
print(copy.copy(functools.partial(f, 1))(2), copy.deepcopy(functools.partial(f, [1]))(2))
pp = functools.partial(f)
for st in [1, (1,), (f, (), None, None, 5), (1, (), None, None), (f, [], None, None), (f, (), [], None)]:
    try:
        pp.__setstate__(st); print("ok")
    except TypeError as e:
        print(e)
pp.__setstate__((f, (1,), {"c": 5}, None)); print(pp(2))
