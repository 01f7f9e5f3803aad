# common str methods
s = "  Hello, World  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr("xxhixx".strip("x")))
print(s.upper(), s.lower(), "hello world".title(), "hello".capitalize(), "HeLLo".swapcase())
print("hello".replace("l", "L"), "aaaa".replace("a", "b", 2), "abc".replace("", "-"))
print("hello".find("l"), "hello".rfind("l"), "hello".find("z"), "hello".index("e"), "hello".rindex("l"))
print("hello".startswith("he"), "hello".endswith("lo"), "hello".startswith(("x", "h")), "hello".startswith("l", 2))
print("abc".ljust(6, "*"), "abc".rjust(6), "abc".center(9, "."), "42".zfill(5), "-42".zfill(6))
print("banana".count("a"), "banana".count("an"), "banana".count(""))
print("123".isdigit(), "12a".isdigit(), "abc".isalpha(), "ab1".isalnum(), "  \t".isspace(), "".isdigit())
print("ABC".isupper(), "abc".islower(), "Title Case".istitle(), "foo_bar".isidentifier(), "1x".isidentifier())
print("a,b,c".partition(","), "a,b,c".rpartition(","), "abc".partition("x"))
print("prefix_body".removeprefix("prefix_"), "body.py".removesuffix(".py"), "MiXeD".casefold())
print("a\tb".expandtabs(4), "x".join("abc"), ", ".join(str(i) for i in range(4)))
print("%s-%s" % ("a", "b"), "{}+{}".format(1, 2), "hello"[1:3].upper())
try:
    "abc".index("z")
except ValueError as e:
    print("ValueError:", e)
try:
    ",".join([1, 2])
except TypeError as e:
    print("TypeError:", e)
