# pickle and copy of operator.itemgetter, attrgetter and methodcaller (their __reduce__).
import pickle, operator, copy
class O:
    def __init__(self): self.a = self; self.b = 5
    def f(self, x, k=0): return (x, k)
objs = [operator.itemgetter(1), operator.itemgetter(0, 2), operator.attrgetter("b"), operator.attrgetter("a.b", "b"),
        operator.methodcaller("f", 1), operator.methodcaller("f", 2, k=3), operator.methodcaller("upper")]
for p in (0, 2, 5):
    for o in objs:
        r = pickle.loads(pickle.dumps(o, p))
        print(p, repr(r), repr(r) == repr(o))
print(operator.itemgetter(1, 2).__reduce__(), operator.attrgetter("a.b").__reduce__(), operator.methodcaller("f", 1).__reduce__())
print(operator.itemgetter(1)([5, 6]), operator.attrgetter("a.b", "b")(O()), operator.methodcaller("f", 2, k=3)(O()))
c = copy.deepcopy(operator.methodcaller("f", [1], k=[2]))
print(c, c(O()))
r = operator.methodcaller("f", 2, k=3).__reduce__()
print(type(r[0]).__name__, r[0].args, r[0].keywords, r[1])
print(pickle.loads(pickle.dumps(operator.itemgetter(1)))("xyz"))
