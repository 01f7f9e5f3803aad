# bytes: printf-style %, padding, case, classes, translate, partition, splitting
class B:
    def __bytes__(self):
        return b"<B>"

print(b"%d %s %r %x %5.2f %%" % (42, b"hi", "h\xe9", 255, 3.14159))
print(b"%(k)s=%(n)03d" % {b"k": b"key", b"n": 7})
print(b"%-6s|%6s|%.2s|%c%c|%a" % (b"ab", B(), b"xyz", 65, b"z", "\u20ac"))
print(b"%+d %#o %#X %e %g %*d|%-*d|" % (5, 8, 255, 12345.678, 0.0001, 4, 7, 3, 9))
for args in [(b"%s", "str"), (b"%c", 300), (b"%c", "a"), (b"%d", "x"), (b"%d %d", (1,)),
             (b"%d", (1, 2)), (b"%y", 1), (b"%(a)s", (1,)), (b"%", ()), (b"%s", 1.5)]:
    try:
        print(args[0] % args[1])
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
print(b"ab".center(7, b"*"), b"abc".center(6), b"ab".ljust(5, b"-"), b"ab".rjust(5), b"ab".center(1))
print(b"-42".zfill(6), b"+7".zfill(4), b"x".zfill(3), b"".zfill(2), b"abc".zfill(2))
print(b"a\tbc\td\n\tx".expandtabs(), b"a\tb".expandtabs(3), b"a\tb".expandtabs(tabsize=0))
print(b"hello wORLD 3x".title(), b"hello wORLD".swapcase(), b"hELLO World".capitalize())
for t in [b"", b"abc", b"ABC", b"Abc Def", b"Abc def", b"a1", b"12", b" \t", b"\xff", b"aB"]:
    print(t, t.isascii(), t.isalpha(), t.isalnum(), t.isdigit(), t.isspace(),
          t.islower(), t.isupper(), t.istitle())
table = bytes.maketrans(b"abc", b"xyz")
print(len(table), b"aabbcc-abc".translate(table), b"hello".translate(None, b"l"),
      b"hello".translate(table, delete=b"eo"))
print(b"a=b=c".partition(b"="), b"a=b=c".rpartition(b"="), b"abc".partition(b"x"), b"abc".rpartition(b"x"))
print(b"prefix-body".removeprefix(b"prefix-"), b"body.py".removesuffix(b".py"), b"ab".removeprefix(b"abc"))
print(b"abcabc".rfind(b"b"), b"abcabc".rfind(b"b", 0, 3), b"abcabc".rfind(99), b"abc".rfind(b"z"),
      b"abcabc".rindex(b"c"), b"abcabc".index(b"c", 3))
print(b" a b  c ".rsplit(), b"a,b,c".rsplit(b",", 1), b"  a b c  ".rsplit(None, 1), b"a,,b".rsplit(b","),
      b"  a b  ".split(None, 0), b"  a b  ".rsplit(None, 0))
print(b"l1\nl2\r\nl3\rl4\n".splitlines(), b"l1\nl2\r\n\n".splitlines(True), b"".splitlines())
print(b"xxaxx".lstrip(b"x"), b"xxaxx".rstrip(b"x"), b"  a ".lstrip(), b"  a ".rstrip())
errs = ['b"".center()', 'b"".zfill()', 'b"".title(1)', 'b"".partition()', 'b"".expandtabs(1, 2)',
        'b"".rfind()', 'b"".removeprefix()', 'bytes.maketrans(b"a")', 'b"".translate()',
        'b"".splitlines(1, 2)', 'b"".rsplit(1, 2, 3)', 'b"".center(3, "a")', 'b"".center(3, b"ab")',
        'b"".partition(b"")', 'b"".translate(b"a")', 'bytes.maketrans(b"a", b"bc")', 'b"".rindex(b"x")',
        'b"".partition("a")', 'b"".removesuffix("a")', 'b"".ljust("a")', 'b"".upper(1)',
        'b"".translate(None, b"", 1)', 'b"a".rsplit(b"")', 'b"".index()']
for e in errs:
    try:
        print(eval(e))
    except (TypeError, ValueError) as x:
        print(e, type(x).__name__, x)
