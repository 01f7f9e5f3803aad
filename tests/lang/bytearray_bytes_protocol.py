# bytes(x) through __bytes__ (before the buffer, as CPython), bytes.__bytes__/__getnewargs__
class B(bytes):
    def __bytes__(self):
        return b"custom"
class C:
    def __bytes__(self):
        return b"from C"
class Bad:
    def __bytes__(self):
        return "str"
print(bytes(B(b"z")), bytes(C()), b"ab".__bytes__(), b"ab".__getnewargs__(), type(B(b"q").__bytes__()).__name__)
try:
    bytes(Bad())
except TypeError as e:
    print(e)
print(b"%b %s" % (C(), bytearray(b"ba")))
