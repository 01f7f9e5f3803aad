# complex: error paths and formatting
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for f in [lambda: 1j / 0, lambda: 1j / 0j, lambda: 1 / 0j, lambda: 1.5 / complex(0, 0), lambda: 0j ** -1,
          lambda: 0j ** 1j, lambda: 0j ** -1.5, lambda: (1e300 + 1e300j) ** 2, lambda: 10j ** 1000.5,
          lambda: 1j // 2, lambda: 1j % 2, lambda: divmod(1j, 2), lambda: 1j < 2j, lambda: 1j >= 1,
          lambda: int(1j), lambda: float(1j), lambda: abs(complex(1e308, 1e308)), lambda: round(1j),
          lambda: complex("1+2"), lambda: complex(""), lambda: complex("1j+2"), lambda: complex("(1+2j"),
          lambda: complex("1+2jj"), lambda: complex("1__0"), lambda: complex("_1"), lambda: complex("1e"),
          lambda: complex("0x10"), lambda: complex("1", 2), lambda: complex(1, "2"), lambda: complex([]),
          lambda: complex(1, []), lambda: complex(None), lambda: complex(1, 2, 3), lambda: complex(x=1),
          lambda: 1j.real.__class__, lambda: setattr(1j, "real", 2), lambda: 1j & 1, lambda: ~1j,
          lambda: complex("nan"), lambda: complex(" 1 + 2j"), lambda: complex("1+ 2j")]:
    show(f)

class Bad:
    def __complex__(self):
        return 1
show(lambda: complex(Bad()))

c = 3.25 - 1.5j
for spec in ["", "g", ".2f", "10.3f", "<30", "^30", ">30", "*^30.2e", "+", "-", " ", "+.3g", ".0f", "e", "E",
             "F", "G", "n", "#g", ",.2f", "_", ".3", "30", "+30.1f"]:
    print(repr(spec), repr(format(c, spec)), repr(format(1j, spec)), repr(format(complex(-0.0, 2), spec)))
print(f"{c}", f"{c!r}", f"{c:.1f}", f"{2j:>8}", "{:.2e}".format(c), "%s %r" % (c, 1j))
print(format(complex(1e20, float("inf")), ""), format(complex(float("nan"), -1), ".2f"))
for spec in ["d", "%", "x", "010", "0<10", "=10", "s"]:
    show(lambda: format(c, spec))
