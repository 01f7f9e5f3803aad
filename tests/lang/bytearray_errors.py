# bytearray: error paths with CPython's messages
b = bytearray(b"abc")
cases = [
    lambda: hash(b),
    lambda: b.__setitem__(slice(0, 1), 5),
    lambda: b.__setitem__(slice(0, 1), "x"),
    lambda: b.__setitem__(slice(0, 1), [300]),
    lambda: b.__setitem__(slice(0, 1), [1.5]),
    lambda: b.__setitem__(slice(0, 3, 2), b"xyz"),
    lambda: b.__setitem__(slice(0, 3, 2), 5),
    lambda: b.__setitem__(0, "a"),
    lambda: b.__setitem__(0, 300),
    lambda: b.__setitem__(0, -1),
    lambda: b.__setitem__(5, 1),
    lambda: b.__delitem__(5),
    lambda: b.__setitem__("a", 1),
    lambda: b["a"],
    lambda: b[10],
    lambda: b.pop(9),
    lambda: bytearray().pop(),
    lambda: b.pop(1, 2),
    lambda: b.remove(9),
    lambda: b.remove(300),
    lambda: b.insert(0, 300),
    lambda: b.insert(0),
    lambda: b.append("a"),
    lambda: b.append(),
    lambda: b.extend(5),
    lambda: b.extend("ab"),
    lambda: b.extend([1, "a"]),
    lambda: b + "a",
    lambda: b + 1,
    lambda: b * "x",
    lambda: b.index(b"z"),
    lambda: b.upper(1),
    lambda: b.split(1),
    lambda: b.join([1]),
    lambda: "a" in b,
    lambda: 300 in b,
    lambda: b < "abc",
    lambda: bytearray("a"),
    lambda: bytearray("a", 1),
    lambda: bytearray(b"a", "utf-8"),
    lambda: bytearray(-1),
    lambda: bytearray(1.5),
    lambda: bytearray([256]),
    lambda: bytearray(["a"]),
    lambda: bytearray.fromhex("zz"),
    lambda: bytearray(b"\xff").decode(),
    lambda: sum([bytearray(b"a")], bytearray()),
    lambda: {bytearray(b"a"): 1},
    lambda: bytearray(b"%d") % "x",
]
for f in cases:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

def grow():
    x = bytearray(b"ab")
    x += "cd"
try:
    grow()
except TypeError as e:
    print("TypeError", e)
