# bytes literals and basic operations
b = b"hello\x00\xff"
print(b, len(b), b[0], b[-1], b[1:3], list(b"ab"), b"ab" + b"cd", b"x" * 3, b"ell" in b)
print(bytes(3), bytes([65, 66]), "héllo".encode(), b"h\xc3\xa9llo".decode(), b"a" == b"a", b"a" < b"b")
print(repr(b"quote'"), repr(b'both \' and "'), b"\t\n\r", bytes("abc", "utf-8"), b"abc".hex())
print(b"a,b".split(b","), b" x ".strip(), b"abc".upper(), b"abc".startswith(b"a"), b"abcabc".count(b"b"))
try:
    b"\xff".decode()
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
