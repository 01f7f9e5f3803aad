# _sha512: SHA-512 and SHA-384 digests (random.py seeds str/bytes through them)
import _sha512 as S

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for data in [b'', b'abc', b'a' * 111, b'a' * 112, b'a' * 127, b'a' * 128, b'a' * 129, b'a' * 239, b'a' * 240,
             bytes(range(256)) * 5, b'The quick brown fox jumps over the lazy dog']:
    print(len(data), S.sha512(data).hexdigest(), S.sha384(data).hexdigest())
h = S.sha512()
for i in range(50):
    h.update(bytes([i]) * i)
c = h.copy()
c.update(b'more')
print(h.hexdigest(), c.hexdigest(), h.digest()[:8], len(h.digest()), len(S.sha384().digest()))
print(h.name, h.digest_size, h.block_size, S.sha384().name, S.sha384().digest_size, type(h).__name__, type(h))
print(S.sha512(string=b'x').hexdigest()[:16], S.sha512(b'', usedforsecurity=False).hexdigest()[:16])
t(lambda: S.sha512('a'))
t(lambda: S.sha512(1))
t(lambda: S.sha512(b'a', b'b'))
t(lambda: S.sha512(data=b'a'))
t(lambda: h.update('x'))
t(lambda: h.update())
t(lambda: type(h)())
print(sorted(n for n in dir(S) if not n.startswith('__')))
