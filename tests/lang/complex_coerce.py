# complex: conversions of other numbers and protocol objects, signed zeros, overflow; buffer odds and ends
def show(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
show(lambda: complex(10**400))
show(lambda: 10**400 * 1j)
show(lambda: 1j == 10**400)
show(lambda: complex(True, False))
class BadF:
    def __float__(self): return 1
show(lambda: complex(BadF()))
class Idx:
    def __index__(self): return 10**400
show(lambda: complex(Idx()))
class Both:
    def __complex__(self): return 1j
    def __float__(self): return 2.0
show(lambda: complex(Both()))
show(lambda: complex(Both(), 1))
show(lambda: complex(1, Both()))
show(lambda: complex(1.5, 2j))
show(lambda: complex(-0.0, -0.0j))
show(lambda: complex(0.0, -0.0))
show(lambda: (1j).real.hex())
show(lambda: -(0j))
show(lambda: 0j - 0j)
show(lambda: -0.0 + 0j)
show(lambda: 1j * -0.0)
show(lambda: complex(1, float("nan")) == complex(1, float("nan")))
show(lambda: hash(1.5j) == hash(complex(0, 1.5)))
show(lambda: [abs(complex(3e300, 4e300)), abs(complex(float("inf"), float("nan")))])
import math
show(lambda: math.sqrt(1j))
show(lambda: math.isclose(1j, 1j))
show(lambda: 1j.imag)
show(lambda: list(reversed(bytearray(b"abc"))))
def inc():
    b = bytearray(b"a"); b[0] += 1; return b
show(inc)
show(lambda: int.from_bytes(bytearray(b"\x01\x00"), "big"))
show(lambda: "{} {!r} {:>8}".format(bytearray(b"a"), 1j, 2j))
show(lambda: str(bytearray(b"a"), "ascii", "strict"))
show(lambda: sum([bytearray(b"a")], b""))
show(lambda: 1j > 0)
show(lambda: sorted([1j, 2j]))
show(lambda: min(b"abc"), )
show(lambda: bytearray(5) == bytes(5))
show(lambda: {bytes(bytearray(b"k")): 1}[b"k"])
show(lambda: "x".encode() + bytearray(b"y"))
show(lambda: b"abc"[::-1] + bytearray(b"!"))
show(lambda: bytearray(b"abc")[1:2] * 3)
show(lambda: [complex(i, -i) for i in range(3)])
show(lambda: 10 / 3j)
show(lambda: (1+1j) ** (1+1j))
show(lambda: 1j ** 1j)
show(lambda: 2 ** 0.5j)
show(lambda: complex(1, 2).__repr__())
