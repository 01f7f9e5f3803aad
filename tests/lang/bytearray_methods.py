# bytearray: the methods it shares with bytes return bytearrays; bytes methods take bytearray arguments
B = bytearray
s = B(b"  Hello, World! hello  ")
for name in ["upper", "lower", "strip", "lstrip", "rstrip", "title", "swapcase", "capitalize", "split",
             "rsplit", "splitlines", "isalpha", "isascii", "islower", "isupper", "isspace", "istitle", "hex"]:
    r = getattr(s, name)()
    print(name, r, type(r).__name__)
print(s.split(B(b",")), s.split(b"l", 2), s.rsplit(b"l", 1), s.strip(B(b" H")), s.count(b"l"), s.count(108))
print(s.find(B(b"World")), s.rfind(b"l"), s.index(108), s.rindex(b"o"), s.startswith(B(b"  H")), s.endswith((b"x", B(b"  "))))
print(s.replace(b"l", B(b"L")), s.replace(B(b"hello"), b"bye", 1), s.partition(b","), s.rpartition(B(b"!")))
print(s.center(30, b"*"), s.ljust(26, B(b"-")), s.rjust(26), B(b"-5").zfill(5), B(b"a\tb").expandtabs(4))
print(s.removeprefix(b"  "), s.removesuffix(B(b"  ")), B(b"a\nb\r\nc").splitlines(True))
t = bytes.maketrans(b"lo", b"01")
print(s.translate(t), s.translate(t, b" "), B(b"abc").translate(None, B(b"b")), bytearray.maketrans(b"a", b"b")[97])
print(B(b",").join([b"a", B(b"b")]), type(B(b",").join([])).__name__)
print(b"abc".startswith(B(b"ab")), b"abc".find(B(b"c")), b"a-b".split(B(b"-")), b"abc".replace(B(b"b"), B(b"X")))
print(b"abc".strip(B(b"ac")), b"a,b".partition(B(b",")), b"xabc".removeprefix(B(b"x")), b"abc".count(B(b"")))
print(type(b"a,b".partition(B(b","))[1]).__name__, type(B(b"a,b").partition(b",")[1]).__name__)
print(B(b"abc").isalnum(), B(b"123").isdigit(), B().isalpha(), B(b"Ab").istitle())
print(B(b"ab").decode(errors="strict"), B(b"\xe9").decode("latin-1"), B(b"\xff").decode("utf-8", "replace"))
print(B(b"\x01\x02\x03").hex(":"), b"\x01\x02\x03".hex(b"-", 2), B(b"\x01\x02\x03").hex(":", -2), B().hex(":"))
for a in [("ab",), (1,), ("\xe9",), (":", "x")]:
    try:
        print(b"ab".hex(*a))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    b"ab".hex(B(b"-"))
except TypeError as e:
    print(e)
