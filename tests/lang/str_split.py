# split / rsplit / splitlines corner cases
print("a b  c".split(), "  a b  ".split(), "".split(), "a,b,,c".split(","), "a,b,c".split(",", 1))
print("a b c d".rsplit(None, 2), "a,b,c".rsplit(",", 1), "x".split("x"), ",".split(","))
print("line1\nline2\r\nline3".splitlines(), "a\n\nb\n".splitlines(), "a\nb\n".splitlines(True))
print("one two three".split(" "), "  lead".split(" "), "tab\tsep\nnl".split())
try:
    "abc".split("")
except ValueError as e:
    print(e)
words = "the quick brown fox jumps over the lazy dog".split()
print(len(words), sorted(words), " ".join(reversed(words)))
