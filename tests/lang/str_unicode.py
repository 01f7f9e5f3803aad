# str methods on non-ASCII text: case mapping, predicates, find/index with offsets, justify, encode
s = "Ünïcödé straße ΣΑΣ"
print(s.upper(), s.lower(), s.casefold(), s.title(), s.swapcase(), s.capitalize())
print(len(s), s[0], s[-1], s[3:7], s[::-1], s.find("ß"), s.index("ΣΑ"), s.rfind("Σ"), s.count("Σ"))
print("ǅemal".lower(), "ǆ".title(), "ﬁx".upper(), "İ".lower().encode("utf-8"), len("İ".lower()))
for t in ["123", "١٢٣", "½", "²", "abc", "ABC", "Ab Cd", "", " \t\n", "\u00a0", "a1", "Σ"]:
    print(repr(t), t.isdigit(), t.isdecimal(), t.isnumeric(), t.isalpha(), t.isalnum(),
          t.isupper(), t.islower(), t.istitle(), t.isspace(), t.isidentifier(), t.isprintable())
print("日本語".center(9, "*"), "日本".ljust(5, "-"), "日本".rjust(5), "é".zfill(4), "-é".zfill(4))
print("a\u2028b\u2029c\x1cd\x85e".splitlines(), "a\u3000b c".split(), "x\u00a0y".split())
print("ＡＢＣ".lower(), "straße".upper().lower(), "ß".casefold() == "ss", "ΣΑΣ ΟΔΟΣ".lower())
print("héllo".encode(), "héllo".encode("latin-1"), "€".encode("utf-8"), b"\xc3\xa9".decode())
print("naïve café".replace("é", "e", 1), "ab¢ab¢".partition("¢"), "ab¢ab¢".rpartition("¢"))
print("→".join(["a", "b", "c"]), "é".startswith(("a", "é")), "xé".endswith("é", 1), ord("€"), chr(8364))
print("abcé".translate({ord("é"): "E", ord("a"): None}), str.maketrans("ab", "xy")[97])
print("  ünï  ".strip(), "xxünïxx".strip("x"), "ünï".removeprefix("ü"), "ünï".removesuffix("ï"))
print(repr("tab\there\x00\x7f\x80\xff\u200b\U0001f600"), ascii("é€😀"))
print(sorted(["é", "e", "z", "É", "a"]), max("héllo"), min("héllo"), "é" < "z", "é" > "z")
print("%-6s|%6s|%.2s" % ("é", "ü", "日本語"), "{:^7}".format("ß"))
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
try:
    "abc".index("é")
except ValueError as e:
    print("ValueError:", e)
try:
    "a".center(5, "ab")
except TypeError as e:
    print("TypeError:", e)
print(int("١٢٣"), float("١.٥"), float("\u00a01.5\u2003"), int("\u20031\u2003"), int("٣", 16), int("𝟗𝟘"))
for t in ["1é", "١x", "\u00a0"]:
    for conv in (int, float):
        try:
            conv(t)
        except ValueError as e:
            print("ValueError:", e)
