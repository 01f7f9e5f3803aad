# __slots__: variable-size bases, conflicts, duplicates, member descriptors
def t(src):
    try:
        ns = {}
        exec(src, ns)
        print('ok', src.replace('\n', ' | '))
        return ns
    except Exception as e:
        print(type(e).__name__, e)
for base in ['int', 'bytes', 'tuple', 'str', 'float', 'complex', 'list', 'dict', 'set', 'frozenset', 'bytearray', 'object', 'Exception', 'type', 'bool']:
    t(f"class C({base}): __slots__ = ('a',)")
    t(f"class C({base}): __slots__ = ()")
    t(f"class C({base}): __slots__ = ('__dict__',)")
    t(f"class C({base}): __slots__ = ('__weakref__',)")
t("class K: __slots__ = ('x',); x = 1")
t("class K: __slots__ = ('x', 'y'); y = 1")
t("class K: __slots__ = 'x'; x = 2")
t("class K: __slots__ = ('__dict__', '__dict__')")
t("class K: __slots__ = ('__weakref__', '__weakref__')")
t("class K: __slots__ = ('x', 'x')")
t("class B: pass\nclass K(B): __slots__ = ('__dict__',)")
t("class B: pass\nclass K(B): __slots__ = ('__weakref__',)")
t("class B: __slots__ = ('__dict__',)\nclass K(B): __slots__ = ('__dict__',)")
t("class K: __slots__ = ('1a',)")
t("class K: __slots__ = (1,)")
t("class K: __slots__ = ('',)")
t("class K: __slots__ = 5")
t("class K: __slots__ = ('__classcell__',)")
t("class K: __slots__ = ('__qualname__',)")
t("class K: __slots__ = {'a': 'doc a'}")
t("class K: __slots__ = ['a', 'b']")
t("class K: __slots__ = iter(['a'])")
t("class K: __slots__ = ('__x',)")
t("class A: __slots__ = ('a',)\nclass B: __slots__ = ('b',)\nclass C(A, B): pass")
t("class A: __slots__ = ('a',)\nclass B: __slots__ = ()\nclass C(A, B): pass")
ns = t("class K: __slots__ = ('x', '__y', '__dict__')")
K = ns['K']
print(repr(K.x), repr(K._K__y), type(K.x).__name__, K.x.__name__, K.x.__objclass__ is K)
k = K()
try: k.x
except AttributeError as e: print(e)
k.x = 1; print(k.x, k.__dict__); del k.x
try: del k.x
except AttributeError as e: print(e)
ns = t("class D: __slots__ = {'a': 'doc a', 'b': None}")
print(ns['D'].a.__doc__, ns['D'].b.__doc__, ns['D'].__slots__)
try: K.x.__set__(1, 2)
except TypeError as e: print(e)
try: K.x.__get__(1)
except TypeError as e: print(e)
