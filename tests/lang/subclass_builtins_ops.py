# Operations on instances of builtin subclasses: results are of the builtin
# type where CPython makes them so, the subclass where it keeps it.
def t(label, f):
    try:
        r = f()
        print(label, repr(r), type(r).__name__)
    except Exception as e:
        print(label, "EXC", type(e).__name__, e)
class S(str): pass
s = S('abc')
for lab, f in [("s+x", lambda: s + 'x'), ("x+s", lambda: 'x' + s), ("s*2", lambda: s * 2), ("2*s", lambda: 2 * s),
               ("upper", lambda: s.upper()), ("s[0]", lambda: s[0]), ("s[1:]", lambda: s[1:]), ("len", lambda: len(s)),
               ("eq", lambda: s == 'abc'), ("hash", lambda: hash(s) == hash('abc')), ("in", lambda: 'b' in s), ("dict", lambda: {s: 1}['abc']),
               ("fmt", lambda: f"{s}!"), ("%", lambda: S('%d') % 3), ("join", lambda: ','.join([s, s])), ("str", lambda: str(s)), ("repr", lambda: repr(s)),
               ("split", lambda: s.split('b')), ("iter", lambda: list(s)), ("lt", lambda: s < 'b'), ("format", lambda: format(s, '>5')), ("int", lambda: int(S('12'))),
               ("strip", lambda: S(' a ').strip()), ("replace", lambda: s.replace('a', 'z')), ("startswith", lambda: s.startswith('ab')), ("sorted", lambda: sorted([S('b'), S('a')]))]:
    t(lab, f)
class I(int): pass
i = I(5)
for lab, f in [("i+1", lambda: i + 1), ("1+i", lambda: 1 + i), ("i*i", lambda: i * i), ("-i", lambda: -i), ("i==5", lambda: i == 5), ("hash", lambda: hash(i)),
               ("i<6", lambda: i < 6), ("range", lambda: list(range(i))), ("idx", lambda: [0,1,2,3,4,5][i]), ("str", lambda: str(i)), ("repr", lambda: repr(i)), ("fmt", lambda: f"{i:03d}"),
               ("float", lambda: float(i)), ("bool", lambda: bool(I(0))), ("i//2", lambda: i // 2), ("i<<1", lambda: i << 1), ("bit_length", lambda: i.bit_length()), ("dict", lambda: {5: 'x'}[i]),
               ("big", lambda: I(2**70) + 1), ("int()", lambda: int(i)), ("abs", lambda: abs(I(-3))), ("divmod", lambda: divmod(i, 2)), ("pow", lambda: i ** 2), ("round", lambda: round(i))]:
    t(lab, f)
class F(float): pass
fl = F(2.5)
for lab, f in [("f+1", lambda: fl + 1), ("1+f", lambda: 1 + fl), ("f*f", lambda: fl * fl), ("-f", lambda: -fl), ("f==2.5", lambda: fl == 2.5), ("repr", lambda: repr(fl)), ("int", lambda: int(fl)),
               ("fmt", lambda: f"{fl:.2f}"), ("round", lambda: round(fl)), ("is_integer", lambda: fl.is_integer()), ("lt", lambda: fl < 3), ("hash", lambda: hash(fl) == hash(2.5))]:
    t(lab, f)
class T(tuple): pass
tu = T([1, 2, 3])
for lab, f in [("t+t", lambda: tu + (4,)), ("(0,)+t", lambda: (0,) + tu), ("t*2", lambda: tu * 2), ("t[0]", lambda: tu[0]), ("t[:2]", lambda: tu[:2]), ("len", lambda: len(tu)), ("eq", lambda: tu == (1,2,3)),
               ("hash", lambda: hash(tu) == hash((1,2,3))), ("in", lambda: 2 in tu), ("unpack", lambda: (lambda a, b, c: a+b+c)(*tu)), ("count", lambda: tu.count(1)), ("index", lambda: tu.index(3)), ("repr", lambda: repr(tu)), ("iter", lambda: list(tu)),
               ("lt", lambda: tu < (2,)), ("sorted", lambda: sorted(T([3,1,2])))]:
    t(lab, f)
class L(list): pass
li = L([3, 1, 2])
for lab, f in [("l+l", lambda: li + [4]), ("[0]+l", lambda: [0] + li), ("l*2", lambda: li * 2), ("l[0]", lambda: li[0]), ("l[:2]", lambda: li[:2]), ("len", lambda: len(li)), ("eq", lambda: li == [3,1,2]),
               ("append", lambda: (li.append(9), li)[1]), ("sort", lambda: (li.sort(), li)[1]), ("iadd", lambda: li.__iadd__([7])), ("copy", lambda: li.copy()), ("repr", lambda: repr(li)), ("sorted", lambda: sorted(li)), ("in", lambda: 9 in li),
               ("ext", lambda: [*li]), ("reversed", lambda: list(reversed(li))), ("pop", lambda: li.pop())]:
    t(lab, f)
class D(dict): pass
d = D(a=1, b=2)
for lab, f in [("d[a]", lambda: d['a']), ("get", lambda: d.get('b')), ("keys", lambda: list(d.keys())), ("items", lambda: list(d.items())), ("len", lambda: len(d)), ("eq", lambda: d == {'a': 1, 'b': 2}),
               ("copy", lambda: d.copy()), ("repr", lambda: repr(d)), ("in", lambda: 'a' in d), ("|", lambda: d | {'c': 3}), ("**", lambda: dict(**d)), ("update", lambda: (d.update(c=3), d)[1]), ("iter", lambda: list(d)), ("setdefault", lambda: d.setdefault('z', 0)), ("pop", lambda: d.pop('z'))]:
    t(lab, f)
class St(set): pass
st = St([1, 2])
for lab, f in [("|", lambda: st | {3}), ("{3}|", lambda: {3} | st), ("&", lambda: st & {1}), ("-", lambda: st - {1}), ("len", lambda: len(st)), ("in", lambda: 1 in st), ("eq", lambda: st == {1, 2}), ("add", lambda: (st.add(5), sorted(st))[1]),
               ("copy", lambda: st.copy()), ("repr", lambda: repr(St([1]))), ("union", lambda: st.union([7])), ("issub", lambda: st <= {1,2,5,9})]:
    t(lab, f)
class Fs(frozenset): pass
fs = Fs([1, 2])
for lab, f in [("|", lambda: fs | {3}), ("hash", lambda: hash(fs) == hash(frozenset([1,2]))), ("repr", lambda: repr(fs)), ("copy", lambda: fs.copy()), ("in", lambda: 1 in fs), ("eq", lambda: fs == {1, 2})]:
    t(lab, f)
class B(bytes): pass
b = B(b'abc')
for lab, f in [("b+b", lambda: b + b'x'), ("b[0]", lambda: b[0]), ("b[1:]", lambda: b[1:]), ("len", lambda: len(b)), ("eq", lambda: b == b'abc'), ("hash", lambda: hash(b) == hash(b'abc')), ("repr", lambda: repr(b)), ("decode", lambda: b.decode()), ("upper", lambda: b.upper()), ("in", lambda: b'b' in b)]:
    t(lab, f)

# builtin subclasses where builtins take tuples, lists, dicts and strs
class T(tuple): pass
class L(list): pass
class D(dict): pass
print("%s-%s" % T((1, 2)), "%(a)s" % D(a=5), tuple(L([1, 2])), dict(D(x=1)), list(T((3,))))
print(",".join(L(["a", "b"])), sorted(L([3, 1])), max(T((1, 5))), dict(**D(k=2)), {**D(q=1)}, [*T((1,))])
def f(*a, **k): return a, k
print(f(*T((1, 2)), **D(z=3)), isinstance(T(), tuple), str(L([1])), repr(D(a=1)))
print(T((1,)) < (2,), (1,) + T((2,)), L([1]) + L([2]), D(a=1) | D(b=2), sum(L([1, 2])), any(T((0, 1))))
x = L([1,2,3]); x[1:2] = T((7, 8)); print(x)
print(str.__add__(type("S", (str,), {})("a"), "b"), int.__add__(type("I", (int,), {})(2), 3))
print(hash(T((1,2))) == hash((1,2)), {T((1,2)): 'v'}[(1,2)], frozenset(L([1,1])))
class S(str): pass
print(S("a,b").split(","), S("x").join(["1", "2"]), "abc".replace(S("b"), S("z")), S("ab") * 2, S("%s") % 5)
print(int(S("12")), float(S("1.5")), S("3") in "123", "abc".startswith(S("a")), {S("k"): 1}.get("k"))
print(S("abc").encode(), bytes(S("hi"), "ascii"), S("a").__class__.__name__, S.__mro__[1])
