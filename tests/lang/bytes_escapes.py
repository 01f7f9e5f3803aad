# string escapes, raw strings, bytes literals/methods, bytes<->str, bytes errors
print("tab\tq", "nl\\n", "\x41\u00e9\U0001F600", "\101\60", "\a\b\f\v\r".encode(), len("\0"), "\'\"", 'it\'s')
print(r"raw \n \t \x", r"\\", rb"\x00", len(r"\n"), "a" "b" 'c', """tri
ple""", repr("\r\n"), repr('"'), repr("'"), repr("'\""), repr("\x7f\x9f"))
b = b"hello\x00\xff"
print(b, len(b), b[0], b[-1], b[1:3], list(b[:2]), b.hex(), bytes.fromhex("41 42"), b"abc" + b"def", b"ab" * 3)
print(b.upper(), b.split(b"l"), b.replace(b"l", b"L"), b.find(b"l"), b.count(b"l"), b.startswith(b"he"), b"x" in b, 104 in b)
print(b"  x ".strip(), b",".join([b"a", b"b"]), b"abc".decode(), b"caf\xc3\xa9".decode("utf-8"), "é".encode("latin-1"))
print(bytes(3), bytes([65, 66]), bytes("é", "utf-8"), bytes(range(3)), b"a" < b"b", b"abc" == b"abc", b"a" == "a")
print(repr(b"'"), repr(b'"'), repr(b"'\""), repr(b"\t\n\r\\"), str(b"x"), b"x".isalpha(), b"12".isdigit())
print(int.from_bytes(b"\x00\x10", "big"), (4096).to_bytes(2, "little"), ord(b"A"), chr(65).encode(), b"\x80".decode("latin-1"))
for f in [lambda: b"a" + "b", lambda: bytes([256]), lambda: bytes("x"), lambda: b"\xff".decode(), lambda: b"a"[5],
          lambda: bytes.fromhex("zz"), lambda: b"abc".index(b"z"), lambda: "s" + b"b",
          lambda: bytes(-1), lambda: b"x".decode("nope")]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)
print("•", "\u2022" == "•", "\x00".isprintable(), "é".encode("ascii", "replace"), "é".encode("ascii", "ignore"), b"\xff".decode("utf-8", "replace"))
