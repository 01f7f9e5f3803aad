# TypeError/ValueError messages of many builtins called wrongly
NONE, FIVE, S = None, 5, "s"
calls = [
    lambda: len(), lambda: len(1, 2), lambda: abs("x"), lambda: abs(), lambda: int([]), lambda: float([]),
    lambda: str(1, 2, 3, 4), lambda: chr(-1), lambda: chr(0x110000), lambda: chr("a"), lambda: ord("ab"), lambda: ord(""),
    lambda: ord(5), lambda: sum(["a", "b"]), lambda: sum([1], "s"), lambda: sum(1), lambda: min(), lambda: max([]),
    lambda: min(1), lambda: max(1, 2, key=5), lambda: sorted(5), lambda: sorted([1], 2), lambda: range(1.5),
    lambda: range(), lambda: range(1, 2, 0), lambda: zip(1), lambda: map(len), lambda: enumerate(5),
    lambda: iter(5), lambda: next(5), lambda: next(iter([])), lambda: hash([]), lambda: hash({}),
    lambda: divmod(1), lambda: divmod("a", 1), lambda: round("x"), lambda: round(1.5, "x"), lambda: isinstance(1, 5),
    lambda: issubclass(1, int), lambda: getattr(1), lambda: getattr(1, 2), lambda: setattr(1, "x"), lambda: hex(1.5),
    lambda: bin("1"), lambda: oct([]), lambda: bool(1, 2), lambda: list(1, 2), lambda: tuple(5), lambda: dict(1, 2),
    lambda: "abc".split(1), lambda: "a".join([1, 2]), lambda: "x".replace(1, 2), lambda: "%d" % "s",
    lambda: "%s %s" % (1,), lambda: "%s" % (1, 2), lambda: "x".startswith(1), lambda: "ab".count(),
    lambda: repr(), lambda: print(sep=5), lambda: print(end=3), lambda: callable(), lambda: any(5), lambda: all(),
    lambda: reversed(5), lambda: reversed({}), lambda: frozenset(1), lambda: bytes("abc"), lambda: bytes(-1),
    lambda: int("12", 1), lambda: "a" * "b", lambda: [] * [], lambda: None + 1, lambda: NONE(), lambda: FIVE(),
    lambda: S(), lambda: (1, 2)[5], lambda: "abc"[10], lambda: range(3)[5], lambda: (1).foo, lambda: None.x,
    lambda: "x".foo, lambda: [].bar, lambda: len.x, lambda: object.y, lambda: type(5)(), lambda: (lambda a: a)(),
    lambda: (lambda a: a)(1, 2), lambda: (lambda *, k: k)(1), lambda: (lambda a, b=1: a)(b=2), lambda: (lambda: 0)(x=1),
    lambda: (lambda a: a)(1, a=2), lambda: (lambda **k: k)(**{1: 2}), lambda: (lambda *a: a)(*5), lambda: (lambda **k: k)(**[1]),
]
for i, c in enumerate(calls):
    try:
        r = c()
        print(i, "ok", r if not hasattr(r, "__next__") else type(r).__name__)
    except Exception as e:
        print(i, type(e).__name__ + ":", e)
for c in [lambda: str.upper(5), lambda: str.join(1, ["a"]), lambda: int.bit_length("x"), lambda: float.hex("x"),
          lambda: str.upper(), lambda: list.append((), 1), lambda: "".join(None), lambda: str.upper("ok")]:
    try:
        print(c())
    except TypeError as e:
        print("TypeError:", e)
