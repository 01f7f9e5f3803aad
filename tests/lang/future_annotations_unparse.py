from __future__ import annotations
a01: a[b:c, d]
a02: (a, b)
a03: ()
a04: lambda: 1
a05: a if b else (c if d else e)
a06: not (a and b)
a07: (a or b) and c
a08: (-1) ** 2
a09: 2 ** -1
a10: a[()]
a11: a[(1,)]
a12: a[1:2:3]
a13: a[::]
a14: f(a)(b)[c].d
a15: {a, *b}
a16: {}
a17: [*a]
a18: lambda a, b=1, /, c=2, *d, e, f=3, **g: 0
a19: lambda *, k: k
a20: 1.5e300 * 2.0
a21: 'a\nb' "c"
a22: b'\x00'
a23: ...
a24: None | True | False
a25: (yield_ := 1) if False else 2
a26: x.y.z[int, str]
a27: ~a + -b * +c
a28: a < (b < c)
a29: (a < b) < c
a30: a - (b - c)
a31: (a - b) - c
a32: [x for x, y in z if x if y]
a33: {k: v for k in a for v in b}
a34: (x for x in y)
a35: f(x for x in y)
a36: f(*a, *b, c=1, **d)
a37: 0x10 + 0o7 + 0b1 + 1_000
a38: 1 .real
a39: 1.0.real
a40: 10000000000000000000000
a41: a[b, *c]
a42: {**a, 'b': 1}
a43: list[tuple[int, ...]]
print(__annotations__)
