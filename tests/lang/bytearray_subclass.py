# bytearray subclasses: construction through __new__/__init__, repr with the class name, methods return bytearray
class B(bytearray):
    pass
b = B(b"abc")
print(repr(b), type(b).__name__, b.upper(), type(b.upper()).__name__, b + b"x", b == b"abc", len(b), isinstance(b, bytearray))
b.append(100); b[0] = 65; b.extend(b"ef")
print(repr(b), bytes(b), memoryview(b).tobytes(), B(), B(3), B([1, 2]))
class Named(bytearray):
    def __init__(self, name, data=b""):
        super().__init__(data)
        self.name = name
n = Named("hdr", b"\x01\x02")
print(repr(n), n.name, n.hex())
n += b"\x03"
print(repr(n), type(n).__name__)
class WithNew(bytearray):
    def __new__(cls, *a):
        return super().__new__(cls, *a)
print(repr(WithNew(b"zz")))
