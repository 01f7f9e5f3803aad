# pprint: pformat of nested/long structures, width/depth/compact/sort_dicts, pp, dataclasses
import collections
import dataclasses
import io
import pprint
import re
import types


def noid(text):
    return re.sub(r"id=\d+", "id=N", text)


data = {"name": "minipy", "versions": [3.9, 3.10, 3.11], "nested": {"a": [1, 2, {"deep": (1, 2, 3)}],
        "b": set(range(5)), "c": frozenset({"x"})}, "text": "word " * 30, "bytes": b"\x00\xff" * 20,
        "zeta": None, "alpha": True}
print(pprint.pformat(data))
print(pprint.pformat(data, width=40))
print(pprint.pformat(data, depth=2))
print(pprint.pformat(data, sort_dicts=False, width=60))
print(pprint.pformat(list(range(40)), compact=True, width=50))
print(pprint.pformat(list(range(40)), width=50)[:80])
print(pprint.pformat([[i] * i for i in range(8)], compact=True, width=30))
print(pprint.pformat({"k%d" % i: list(range(i)) for i in range(6)}, indent=4, width=30))
pprint.pprint(("a" * 30, "b" * 30, ["c" * 20]))
pprint.pp({"b": 1, "a": [1, 2] * 20})
s = io.StringIO()
pprint.pprint({"x": 1}, stream=s)
print(repr(s.getvalue()))
print(pprint.pformat("a long string that must be wrapped over several lines " * 3, width=40))
print(pprint.pformat(b"bytes that are long enough to need wrapping" * 2, width=30))
print(pprint.pformat(bytearray(b"x" * 50), width=30))
print(pprint.pformat(collections.OrderedDict((str(i), i * i) for i in range(12)), width=40))
print(pprint.pformat(collections.defaultdict(list, {"a": [1] * 15, "b": []}), width=40))
print(pprint.pformat(collections.Counter("abracadabra" * 3), width=30))
print(pprint.pformat(collections.deque(range(30), maxlen=40), width=40))
print(pprint.pformat(collections.ChainMap({"a": 1}, {"b": list(range(20))}), width=40))
print(pprint.pformat(types.SimpleNamespace(a=1, b="two" * 10, c=[1, 2, 3] * 5), width=40))
print(pprint.pformat(types.MappingProxyType({"k": list(range(25))}), width=40))


@dataclasses.dataclass
class Item:
    name: str
    tags: list = dataclasses.field(default_factory=list)
    hidden: int = dataclasses.field(default=0, repr=False)


@dataclasses.dataclass
class Order:
    id: int
    items: list


o = Order(7, [Item("widget", ["a" * 10, "b" * 10]), Item("gadget" * 5)])
print(pprint.pformat(o))
print(pprint.pformat(o, width=40))

rec = [1, 2]
rec.append(rec)
d = {"self": None}
d["self"] = d
print(noid(pprint.pformat(rec)), noid(pprint.pformat(d)))
print(pprint.isreadable(rec), pprint.isrecursive(rec), pprint.isreadable([1, "a"]),
      noid(pprint.saferepr(d)))
print(pprint.saferepr({"b": 1, "a": 2}), pprint.pformat({3: 1, 1: 2, 2: [3, 1]}))
pp = pprint.PrettyPrinter(indent=2, width=20, depth=3)
print(pp.pformat([[1, [2, [3, [4]]]], "abc"]))
print(pp.isreadable({"a": 1}), pp.isrecursive(rec))
print(pprint.pformat({1: "a", "b": 2, (1,): 3}))
print(pprint.pformat({}), pprint.pformat([]), pprint.pformat(()), pprint.pformat(set()),
      pprint.pformat((1,)), pprint.pformat(frozenset()))
for bad in [dict(indent=-1), dict(depth=0), dict(width=0)]:
    try:
        pprint.PrettyPrinter(**bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    pprint.PrettyPrinter(compact=True, stream=None, bad=1)
except TypeError as e:
    print("TypeError:", e)
print(pprint.pformat([1.5, -0.0, 10**30, 3j, float("inf")], width=20))
print(pprint.pformat({"float": 1e100, "nested": [[[[["deep"]]]]]}, depth=3))
