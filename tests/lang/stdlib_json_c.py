# The native _json module behind Lib/json: the C scanner, scanstring,
# encode_basestring(_ascii) and the C encoder, with CPython's messages and
# positions.
import json, json.decoder, json.encoder, json.scanner, _json, enum, collections

print(json.decoder.c_scanstring is _json.scanstring, json.decoder.scanstring is _json.scanstring)
print(json.scanner.make_scanner is _json.make_scanner, json.encoder.c_make_encoder is _json.make_encoder)
print(json.encoder.encode_basestring_ascii is _json.encode_basestring_ascii)
print(json.encoder.encode_basestring is _json.encode_basestring)

# ---- dumps through c_make_encoder (indent None) ----
d = {"a": [1, 2.5, None, True, False, "x\u00e9\n\"\\\t\x00", {"b": -3e10, "c": []}],
     "u": "\U0001f600", "s": "\ud800", 5: 1, 2.5: 2, None: 3, True: 4, False: 5, -7: (1, 2), "e": {}}
print(json.dumps(d))
print(ascii(json.dumps(d, ensure_ascii=False)))
print(ascii(json.dumps(d, separators=(',', ':'))))
print(json.dumps({"b": 1, "a": {"d": 2, "c": 3}}, sort_keys=True))
print(json.dumps([float('nan'), float('inf'), -float('inf'), 1e300, 0.1, -0.0, 10**30]))
for bad in [float('nan'), [float('inf')], {"k": -float('inf')}, {float('nan'): 1}]:
    try:
        json.dumps(bad, allow_nan=False)
    except ValueError as e:
        print("ValueError", e)
l = []; l.append(l)
dd = {}; dd["x"] = [dd]
for bad in [l, dd]:
    try:
        json.dumps(bad)
    except ValueError as e:
        print("ValueError", e)
print(json.dumps([l[:0], l[:0]]))  # the same object twice is not circular
for key in [(1, 2), b"x", frozenset()]:
    try:
        json.dumps({key: 1})
    except TypeError as e:
        print("TypeError", e)
print(json.dumps({(1, 2): 1, 'a': 2, b'b': 3, 'c': 4}, skipkeys=True))
try:
    json.dumps({1: 1, "a": 2}, sort_keys=True)
except TypeError as e:
    print("TypeError", e)
try:
    json.dumps(object())
except TypeError as e:
    print("TypeError", e)
class Obj:
    pass
print(json.dumps([Obj(), {"k": Obj()}], default=lambda o: {"obj": type(o).__name__}))
def self_default(o):
    return o
try:
    json.dumps(Obj(), default=self_default)
except ValueError as e:
    print("ValueError", e)

class I(enum.IntEnum):
    A = 1
class F(float):
    def __repr__(self):
        return 'F!'
class S(str):
    def __str__(self):
        return 'S!'
class B(int):
    def __repr__(self):
        return 'B!'
print(json.dumps([I.A, F(1.5), {I.A: 1, F(2.5): 2, B(3): 3}, S("s"), B(4)]))
print(json.dumps(collections.OrderedDict([("z", 1), ("a", 2)])))
print(json.dumps(("t", [1, (2,)])))

# the encoder object itself
enc = _json.make_encoder(None, repr, _json.encode_basestring, None, ":", ",", False, False, True)
print(enc({"a": [1, "é"]}, 0))
enc = _json.make_encoder({}, repr, lambda s: "<" + s + ">", None, "=", ";", True, False, True)
print(enc({"b": 1, "a": 2}, 0))
enc = _json.make_encoder({}, repr, lambda s: 5, None, "=", ";", True, False, True)
try:
    enc({"a": 1}, 0)
except TypeError as e:
    print("TypeError", e)
for args in [([], repr, repr, None, ":", ",", 0, 0, 0), (None, repr, repr, None, 1, ",", 0, 0, 0)]:
    try:
        _json.make_encoder(*args)
    except TypeError as e:
        print("TypeError", e)

# ---- loads through c_make_scanner ----
print(json.loads('{"\u00e9": [1, "\\ud83d\\ude00", 1.5e3, -0, 12345678901234567890, 1E-2, 0.5]}  '))
print(json.loads(' [ true , false , null , "x" , {} , [] , {"a" : {"b" : []}} ] '))
print(json.loads('"\\u00e9\\ud800x\\ud83dz\\"\\\\\\/\\b\\f\\n\\r\\t"') == "\u00e9\ud800x\ud83dz\"\\/\b\f\n\r\t")
print(json.loads('1e5'), json.loads('-1.5E+2'), json.loads('0'), json.loads('-0.0'))
print(json.loads('[NaN, Infinity, -Infinity]'))
print(json.loads('{"a": 1, "b": 2, "a": 3}', object_pairs_hook=list))
print(json.loads('{"a": 1, "b": {"c": 2}}', object_pairs_hook=collections.OrderedDict))
print(json.loads('{"a": 1, "b": {"c": 2}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('[1.5, 2, 1e3]', parse_float=str, parse_int=float))
print(json.loads('[NaN, -Infinity]', parse_constant=repr))
print(json.loads('"a\nb\tc"', strict=False))
print(json.loads('"\u00e9\u00e9" '), json.loads('["\u00e9", "\U0001f600", 1]'))
x = json.loads('[{"key": 1}, {"key": 2}]')
print(list(x[0])[0] is list(x[1])[0])  # keys are memoized

bad_docs = ['{"a" 1}', '[1,]', '"abc', '"\\x"', '"\\u12"', '"\\u12zz"', '"\\ud800\\u12zz"', '[1 2]',
            '{', '[', '"a\nb"', '{"a":1,}', '{"a":1', '{1: 2}', '', '   ', 'nul', '[-]', '[- 1]',
            '"\u00e9\x01"', '\u00e9', '["\u00e9", nul]', '[1] x', '{"a": }', '"\\', '"\\u',
            '[01]', '1.', '.5', '"\U0001f600\\q"', '{"\u00e9":1 "b"}', 'tru', 'NaNx']
for bad in bad_docs:
    try:
        json.loads(bad)
        print(repr(bad), "accepted")
    except json.JSONDecodeError as e:
        print(repr(bad), "|", e, "|", e.msg, e.pos, e.lineno, e.colno)

# ---- scanstring and the scanner called directly ----
ss = json.decoder.c_scanstring
print(ss('"abc\\n" x', 1), ss('\u00e9"ab"', 2), ss('"\u00e9\U0001f600" "', 1), ss('""', 1))
print(ss('"a\x01"', 1, False))
for args in [('"abc"', 10), ('"abc"', -1), (b'"abc"', 1), ('"abc', 1), ('"a\x01"', 1, True)]:
    try:
        print(ss(*args))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    ss('"a"', 1, strict=True)
except TypeError as e:
    print("TypeError", e)

class Ctx:
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = repr
    memo = {}
scan = _json.make_scanner(Ctx())
print(scan('  [1, {"a": null}] tail', 2), scan('x 1.5e3', 2), scan('"\u00e9" 12', 4))
for args in [('abc', 0), ('[1] ', 4), ('', 0), ('-', 0), ('-x', 0), ('[', 0), ('{"a": x}', 0)]:
    try:
        print(scan(*args))
    except StopIteration as e:
        print("StopIteration", e.value)
    except json.JSONDecodeError as e:
        print("JSONDecodeError", e)
try:
    scan('1', -1)
except ValueError as e:
    print("ValueError", e)
try:
    _json.make_scanner(1)
except AttributeError as e:
    print("AttributeError", e)

# ---- encode_basestring(_ascii) ----
for s in ['', 'plain', 'a\x7f\u1234\U0001f600"\\', '\x00\x1f\b\f\n\r\t', '\ud800', 'é"']:
    print(ascii(_json.encode_basestring(s)))
    print(_json.encode_basestring_ascii(s))
for f in [_json.encode_basestring_ascii, _json.encode_basestring]:
    try:
        f(b'x')
    except TypeError as e:
        print("TypeError", e)

# round trips
doc = {"list": list(range(20)), "nested": [{"k%d" % i: ["v", i * 1.5, None]} for i in range(10)],
       "text": "\u00e9\u4e2d\U0001f600 \"quoted\" \\ / \n"}
print(json.loads(json.dumps(doc)) == doc, json.loads(json.dumps(doc, ensure_ascii=False)) == doc)
print(json.dumps(doc, indent=2)[:60])
