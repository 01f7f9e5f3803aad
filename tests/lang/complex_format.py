# complex: format specs, repr and hash over special and ordinary parts, string parsing (deterministic sample)
state = [12345]
def choice(seq):
    state[0] = (state[0] * 1103515245 + 12345) % 2147483648
    return seq[state[0] % len(seq)]
vals = [0.0, -0.0, 1.0, -1.0, 0.1, 1e16, 1e-7, 123.456, -2.5, 1e22, 5e-324, float("inf"), float("-inf"), float("nan"), 3.0, 1/3]
specs = ["", "g", "e", "f", ".3", ".0", "10", "<15", "^15.2", "+", " ", "-", "#", "#.0f", ".10g", "G", "E", "F", ",", "_.2f", "+.1e", "n", "x<20.3g", "z.1f", "z"]
out = []
for _ in range(400):
    c = complex(choice(vals), choice(vals))
    s = choice(specs)
    try:
        r = format(c, s)
    except Exception as e:
        r = type(e).__name__ + str(e)
    out.append(f"{c!r} {s!r} {r!r}")
for a in vals:
    for b in vals:
        c = complex(a, b)
        out.append(repr(c) + " " + str(hash(c) if a == a and b == b else 0) + " " + repr(complex(repr(c))) )
strs = ["1", "1j", "-1j", "+1.5e3-2J", " 3 ", "(1+2j)", "( 1+2j )", "1 +2j", "1+2 j", "1e", "e1", ".", ".j", "1.j", "1.e5j", "-inf", "-infj", "nanj", "infinityj", "1+-2j", "1--2j", "++1", "j1", "jj", "(j)", "()", "(", "1)", "\t1\n", "1_0j", "0x1", "1e+", "1e+5", "+j", "-.5-.5j"]
for s in strs:
    try:
        r = repr(complex(s))
    except Exception as e:
        r = type(e).__name__ + str(e)
    out.append(repr(s) + " " + r)
print("\n".join(out))
