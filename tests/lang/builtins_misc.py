# numeric and misc builtins
print(len("abc"), len([1, 2]), len({}), abs(-3), abs(-2.5), min(3, 1, 2), max([4, 9, 2]), min("bca"))
print(max([1, 5, 3], key=lambda x: -x), min([], default="empty"), max((), default=None), sum([1, 2, 3], 10))
print(sum([0.1] * 10), any([]), all([]), any([0, "", 1]), all([1, "x", [0]]), divmod(17, 5), divmod(-17, 5))
print(pow(2, 10), pow(2, 0.5), pow(7, 2, 5), round(3.14159, 2), round(-2.5), round(15, -1), round(1.5))
print(hex(3735928559), oct(-8), bin(5), chr(97), ord("a"), repr("x"), ascii("é"), str(None))
print(int("ff", 16), int("  -7 "), int(7.9), float("3.5"), bool("0"), type(1), type("s"), type(1.0))
print(isinstance(1, int), isinstance("s", (int, str)), issubclass(int, object), callable(len), callable(1))
print(hash(1), hash(-1), hash(0), hash(True), hash(2**61 - 1), hash(2 ** 61), id(None) == id(None))
print(list(map(str, [1, 2])), list(filter(None, [0, 1, "", "a"])), list(filter(lambda x: x > 1, [1, 2, 3])))
print(sorted("hello"), sorted([3, 1, 2], reverse=True), sorted(["b", "A", "c"], key=str.lower))
print(format(3.14159, ".2f"), format(42, "08b"), format("s", ">3"), format(1234, ","), type(None).__name__)
for bad in [lambda: len(5), lambda: abs("x"), lambda: max([]), lambda: chr(-1), lambda: ord("ab"),
            lambda: int("1.5"), lambda: float("x"), lambda: sum(["a"]), lambda: int(None), lambda: hash([])]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
