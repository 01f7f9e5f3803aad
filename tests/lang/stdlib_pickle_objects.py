# pickle round trips of standard-library objects and bound methods.
import pickle, collections, datetime, fractions, decimal, enum

class Color(enum.Enum):
    RED = 1
    GREEN = 2

class Perm(enum.IntFlag):
    R = 4
    W = 2

Pt = collections.namedtuple("Pt", "x y")

class K:
    def __init__(self, v):
        self.v = v
    def meth(self):
        return self.v * 2
    @classmethod
    def cm(cls):
        return cls.__name__
    @staticmethod
    def sm():
        return "static"

objs = [collections.OrderedDict(a=1, b=2), collections.Counter("abcab"), collections.deque([1, 2], maxlen=5),
        collections.defaultdict(list, {"a": [1]}), Pt(1, 2), fractions.Fraction(3, 4), decimal.Decimal("-1.50"),
        Color.GREEN, Perm.R | Perm.W, complex(1, -2), datetime.date(2020, 1, 2), datetime.timedelta(days=1, seconds=5),
        datetime.datetime(2020, 1, 2, 3, 4, 5, 6), datetime.time(12, 30)]

for p in range(pickle.HIGHEST_PROTOCOL + 1):
    for o in objs:
        r = pickle.loads(pickle.dumps(o, p))
        print(p, type(r).__name__, r == o, r)
    dq = pickle.loads(pickle.dumps(collections.deque([1], maxlen=3), p))
    dd = pickle.loads(pickle.dumps(collections.defaultdict(int), p))
    print(p, dq.maxlen, dd.default_factory, dd["missing"])
    m = pickle.loads(pickle.dumps(K(21).meth, p))
    print(p, m(), m.__self__.v, pickle.loads(pickle.dumps(K.cm, p))(), pickle.loads(pickle.dumps(K.sm, p))())
    ap = pickle.loads(pickle.dumps([5].append, p))
    ap(6)
    print(p, ap.__self__, pickle.loads(pickle.dumps(str.upper, p))("x"), pickle.loads(pickle.dumps(dict.fromkeys, p))("ab"))
    print(p, pickle.loads(pickle.dumps(len, p))("abc"), pickle.loads(pickle.dumps(range(10**20, 10**20 + 5, 2), p)))
    print(p, pickle.loads(pickle.dumps([Ellipsis, NotImplemented, slice(None, 3), range(-3)], p)))
m = K(1).meth
print(m.__reduce__()[1][1], m.__reduce_ex__(2)[1][1], len.__reduce__(), [].append.__reduce__()[1][1])
print(range(1, 5).__reduce__(), slice(1, 2, 3).__reduce__(), Ellipsis.__reduce__(), NotImplemented.__reduce__())
print(m.__eq__(K(1).meth), m.__hash__() == hash(m))
