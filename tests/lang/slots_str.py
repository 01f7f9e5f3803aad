# __slots__ on str subclasses (members after the characters), with and without __dict__
import gc
class S(str):
    __slots__ = ('a', 'b')
s = S('hello world, a longer string to be sure' * 3)
print(repr(s)[:20], len(s), s.upper()[:5])
try: s.a
except AttributeError as e: print(e)
s.a = [1]; s.b = 'bee'
gc.collect()
print(s.a, s.b, s == 'hello world, a longer string to be sure' * 3)
try: s.c = 1
except AttributeError as e: print(e)
try: s.__dict__
except AttributeError as e: print(e)
class T(S):
    pass
t = T('xy'); t.a = 1; t.z = 2; t.b = 3
gc.collect()
print(t.a, t.b, t.z, t.__dict__, t + '!')
class U(S):
    __slots__ = ('c',)
u = U('q'); u.a, u.b, u.c = 1, 2, 3
gc.collect()
print(u.a, u.b, u.c, u)
del u.b
try: u.b
except AttributeError as e: print(e)
class V(str):
    __slots__ = ('x', '__dict__')
v = V('vv'); v.x = 5; v.y = 6; print(v.x, v.y, v.__dict__, S.a, U.c)
l = [S(str(i)) for i in range(1000)]
for i, o in enumerate(l): o.a = i * 2
gc.collect()
print(sum(o.a for o in l), l[999], l[5].a)
