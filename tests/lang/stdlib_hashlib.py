# hashlib and hmac (CPython's own .py files) over _hashlib (OpenSSL) and
# _blake2 (libb2): every algorithm, copies, update chains, XOF lengths,
# blake2 parameters, key derivation, HMAC and the error messages.
import hashlib
import hmac
import _hashlib
import _blake2


def attempt(f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("   ok", r if isinstance(r, (bytes, str, int, bool, type(None))) else type(r).__name__)


big = bytes(range(256)) * 4000 + b"tail"
inputs = [b"", b"abc", b"The quick brown fox jumps over the lazy dog", big]

print("== every guaranteed algorithm")
for name in sorted(hashlib.algorithms_guaranteed):
    for data in inputs:
        h = hashlib.new(name, data)
        if name.startswith("shake"):
            print(name, len(data), h.hexdigest(24), h.digest_size, h.block_size, h.name)
        else:
            print(name, len(data), h.hexdigest(), h.digest_size, h.block_size, h.name)
    direct = getattr(hashlib, name)(b"abc")
    print("  constructor", type(direct).__name__, direct.name)

print("== names")
names = hashlib.algorithms_available
print(hashlib.algorithms_guaranteed <= names, all(isinstance(n, str) and n == n.lower() for n in names))
print(sorted(hashlib.algorithms_guaranteed))
print({"md5", "sha1", "sha256", "sha512", "sha3_256", "shake_128"} <= _hashlib.openssl_md_meth_names)
print(type(_hashlib.openssl_md_meth_names).__name__)
print(hashlib.new("SHA256", b"abc").name, hashlib.new("sha512_224", b"abc").hexdigest())
print(hashlib.new("sha512_256", b"").hexdigest())
print(_hashlib.new("blake2b", b"abc").name, _hashlib.new("blake2s", b"abc").hexdigest())

print("== update chains and copies")
for name in ("md5", "sha1", "sha256", "sha3_512", "blake2b", "blake2s"):
    h = hashlib.new(name)
    for piece in (b"a", b"", b"bc", bytearray(b"def"), memoryview(b"ghi")):
        h.update(piece)
    whole = hashlib.new(name, b"abcdefghi").hexdigest()
    c = h.copy()
    c.update(b"more")
    print(name, h.hexdigest() == whole, c.hexdigest() == hashlib.new(name, b"abcdefghimore").hexdigest(),
          h.hexdigest() == whole, h.digest() == bytes.fromhex(whole))
h = hashlib.sha256()
for i in range(1000):
    h.update(bytes([i % 256]) * (i % 7))
print(h.hexdigest())
print(hashlib.sha256(memoryview(big)[100:5000]).hexdigest() == hashlib.sha256(big[100:5000]).hexdigest())

print("== shake lengths")
for name in ("shake_128", "shake_256"):
    h = hashlib.new(name, b"xof")
    for n in (0, 1, 16, 32, 100, 1000):
        d = h.digest(n)
        print(name, n, len(d), d[:8].hex(), h.hexdigest(n)[:16])
    c = h.copy()
    c.update(b"!")
    print(name, c.hexdigest(8) != h.hexdigest(8), h.digest(length=5).hex())

print("== blake2")
print(_blake2.BLAKE2B_SALT_SIZE, _blake2.BLAKE2B_PERSON_SIZE, _blake2.BLAKE2B_MAX_KEY_SIZE,
      _blake2.BLAKE2B_MAX_DIGEST_SIZE, _blake2.BLAKE2S_SALT_SIZE, _blake2.BLAKE2S_PERSON_SIZE,
      _blake2.BLAKE2S_MAX_KEY_SIZE, _blake2.BLAKE2S_MAX_DIGEST_SIZE)
print(hashlib.blake2b.SALT_SIZE, hashlib.blake2s.MAX_DIGEST_SIZE, hashlib.blake2b.__name__,
      hashlib.blake2b.__module__)
for cls in (hashlib.blake2b, hashlib.blake2s):
    print(cls().hexdigest())
    print(cls(b"abc").hexdigest(), cls(b"abc").name, cls().digest_size, cls().block_size)
    print(cls(big).hexdigest())
    print(cls(b"abc", digest_size=1).hexdigest(), cls(b"abc", digest_size=20).digest_size)
    print(cls(b"abc", key=b"secret").hexdigest())
    print(cls(b"abc", key=b"k" * cls.MAX_KEY_SIZE).hexdigest())
    print(cls(b"abc", salt=b"salty").hexdigest(), cls(b"abc", person=b"me").hexdigest())
    print(cls(b"abc", salt=b"s" * cls.SALT_SIZE, person=b"p" * cls.PERSON_SIZE, key=b"k",
              digest_size=16).hexdigest())
    print(cls(b"leaf", fanout=2, depth=2, leaf_size=4096, node_offset=3, node_depth=1,
              inner_size=cls.MAX_DIGEST_SIZE, last_node=True).hexdigest())
    print(cls(b"x", fanout=0, depth=255, leaf_size=2**32 - 1, node_depth=255).hexdigest())
    print(cls(b"x", last_node=True).hexdigest() != cls(b"x").hexdigest(),
          cls(b"x", usedforsecurity=False).hexdigest() == cls(b"x").hexdigest())
    h = cls(key=b"key", digest_size=24)
    h.update(b"one ")
    c = h.copy()
    h.update(bytearray(b"two"))
    c.update(memoryview(b"two"))
    print(h.hexdigest() == c.hexdigest(), h.digest() == cls(b"one two", key=b"key", digest_size=24).digest())
print(hashlib.blake2b(node_offset=2**64 - 1).hexdigest()[:16], hashlib.blake2s(node_offset=2**48 - 1).hexdigest()[:16])

print("== blake2 errors")
b2b, b2s = hashlib.blake2b, hashlib.blake2s
attempt(b2b, "text")
attempt(b2b, 5)
attempt(b2b, data=b"x")
attempt(b2b, b"x", b"y")
attempt(b2b, digest_size=0)
attempt(b2b, digest_size=65)
attempt(b2s, digest_size=33)
attempt(b2b, digest_size=1.5)
attempt(b2b, digest_size=2**64)
attempt(b2b, key="k")
attempt(b2b, key=b"k" * 65)
attempt(b2s, key=b"k" * 33)
attempt(b2b, salt=b"s" * 17)
attempt(b2s, salt=b"s" * 9)
attempt(b2b, person=b"p" * 17)
attempt(b2s, person=b"p" * 9)
attempt(b2b, fanout=-1)
attempt(b2b, fanout=256)
attempt(b2b, depth=0)
attempt(b2b, depth=256)
attempt(b2b, leaf_size=-1)
attempt(b2b, leaf_size=2**32)
attempt(b2b, leaf_size=2**64)
attempt(b2b, leaf_size=1.0)
attempt(b2b, node_offset=-1)
attempt(b2s, node_offset=2**48)
attempt(b2b, node_offset=2**64)
attempt(b2b, node_offset=None)
attempt(b2b, node_depth=-1)
attempt(b2b, node_depth=256)
attempt(b2b, inner_size=-1)
attempt(b2b, inner_size=65)
attempt(b2s, inner_size=33)
attempt(b2b, foo=1)
attempt(lambda: b2b().update("x"))
attempt(lambda: b2b().update())
attempt(lambda: b2b().update(data=b""))
attempt(lambda: b2s().digest(1))
attempt(lambda: b2s().hexdigest(1))
attempt(lambda: b2b().copy(1))
attempt(lambda: setattr(b2b(), "name", "x"))

print("== hash object errors")
attempt(hashlib.new, "nope")
attempt(hashlib.new, "nope", b"data")
attempt(_hashlib.new, "nope")
attempt(_hashlib.new, 5)
attempt(_hashlib.new, "sha256", "str")
attempt(_hashlib.new, "sha256", 5)
attempt(_hashlib.new, "sha256", data=b"")
attempt(_hashlib.new, "sha256", b"", True)
attempt(_hashlib.openssl_sha256, "x")
attempt(_hashlib.openssl_sha256, b"x", b"y")
attempt(hashlib.sha256, string=b"abc")
attempt(hashlib.sha256, b"abc", usedforsecurity=False)
attempt(lambda: hashlib.sha256().update("x"))
attempt(lambda: hashlib.sha256().update(5))
attempt(lambda: hashlib.sha256().update())
attempt(lambda: hashlib.sha256().update(obj=b"x"))
attempt(lambda: hashlib.sha256().update(memoryview(b"abcd")[::2]))
attempt(lambda: hashlib.sha256().digest(1))
attempt(lambda: hashlib.shake_128().digest())
attempt(lambda: hashlib.shake_128().digest(-1))
attempt(lambda: hashlib.shake_128().digest(2**70))
attempt(lambda: hashlib.shake_128().digest(1.0))
attempt(lambda: type(hashlib.sha256())())
attempt(lambda: setattr(hashlib.sha256(), "name", "x"))
print(type(hashlib.sha256()).__name__, type(hashlib.sha256()).__module__, type(hashlib.shake_128()).__name__,
      issubclass(type(hashlib.shake_128()), type(hashlib.sha256())))
print(_hashlib.UnsupportedDigestmodError.__mro__[1].__name__, _hashlib.get_fips_mode())
print(sorted(_hashlib._constructors.values()), _hashlib._constructors[hashlib.sha256])

print("== pbkdf2_hmac")
for name in ("sha1", "sha256", "sha512", "md5", "sha3_256", "blake2b"):
    print(name, hashlib.pbkdf2_hmac(name, b"password", b"salt", 1).hex())
    print(name, hashlib.pbkdf2_hmac(name, b"password", b"salt", 1000, 20).hex())
print(hashlib.pbkdf2_hmac("sha256", bytearray(b"pw"), memoryview(b"NaCl"), 3, dklen=100).hex())
print(hashlib.pbkdf2_hmac(hash_name="sha1", password=b"", salt=b"", iterations=2).hex())
attempt(hashlib.pbkdf2_hmac, "sha256", b"p", b"s", 0)
attempt(hashlib.pbkdf2_hmac, "sha256", b"p", b"s", 2**31)
attempt(hashlib.pbkdf2_hmac, "sha256", b"p", b"s", 2**64)
attempt(hashlib.pbkdf2_hmac, "sha256", b"p", b"s", 1, 0)
attempt(hashlib.pbkdf2_hmac, "sha256", b"p", b"s", 1, 2**31)
attempt(hashlib.pbkdf2_hmac, "nope", b"p", b"s", 1)
attempt(hashlib.pbkdf2_hmac, "sha256", "p", b"s", 1)
attempt(hashlib.pbkdf2_hmac, "sha256", b"p", "s", 1)
attempt(hashlib.pbkdf2_hmac, b"sha256", b"p", b"s", 1)
attempt(hashlib.pbkdf2_hmac, "sha256", b"p", b"s", 1.5)
attempt(hashlib.pbkdf2_hmac, "sha256", b"p", b"s", 1, 2.5)
attempt(hashlib.pbkdf2_hmac, "shake_128", b"p", b"s", 1)
attempt(hashlib.pbkdf2_hmac, "sha256", b"p", b"s")

print("== scrypt")
print(hashlib.scrypt(b"", salt=b"", n=16, r=1, p=1).hex())
print(hashlib.scrypt(b"password", salt=b"NaCl", n=1024, r=8, p=16, dklen=64).hex())
print(hashlib.scrypt(bytearray(b"pw"), salt=memoryview(b"salt"), n=2, r=1, p=1, dklen=7).hex())
print(hashlib.scrypt(b"pw", salt=b"salt", n=16, r=2, p=1, maxmem=2**25, dklen=10).hex())
attempt(hashlib.scrypt, b"p")
attempt(hashlib.scrypt, b"p", salt=b"s")
attempt(hashlib.scrypt, b"p", salt=b"s", n=3, r=1, p=1)
attempt(hashlib.scrypt, b"p", salt=b"s", n=0, r=1, p=1)
attempt(hashlib.scrypt, b"p", salt=b"s", n=-1, r=1, p=1)
attempt(hashlib.scrypt, b"p", salt=b"s", n=16)
attempt(hashlib.scrypt, b"p", salt=b"s", n=16, r=1)
attempt(hashlib.scrypt, b"p", salt=b"s", n=16, r=1, p=1, dklen=0)
attempt(hashlib.scrypt, b"p", salt=b"s", n=16, r=1, p=1, dklen=2**40)
attempt(hashlib.scrypt, b"p", salt=b"s", n=16, r=1, p=1, maxmem=-1)
attempt(hashlib.scrypt, b"p", salt=b"s", n=16, r=1, p=1, maxmem=1)
attempt(hashlib.scrypt, b"p", salt=b"s", n=2**20, r=8, p=1)
attempt(hashlib.scrypt, "p", salt=b"s", n=16, r=1, p=1)
attempt(hashlib.scrypt, b"p", salt="s", n=16, r=1, p=1)
attempt(hashlib.scrypt, b"p", salt=b"s", n=16.0, r=1, p=1)
attempt(hashlib.scrypt, b"p", b"s")

print("== hmac")
for digestmod in ("md5", "sha1", "sha256", "sha512", "sha3_256", "blake2s", hashlib.sha384):
    m = hmac.new(b"key", b"The quick brown fox", digestmod)
    print(m.name, m.digest_size, m.block_size, m.hexdigest())
m = hmac.new(b"k" * 200, digestmod="sha256")
m.update(b"part one, ")
c = m.copy()
m.update(bytearray(b"part two"))
c.update(memoryview(b"part two"))
print(m.hexdigest() == c.hexdigest(), m.digest() == hmac.digest(b"k" * 200, b"part one, part two", "sha256"))
print(hmac.new(b"key", msg=None, digestmod="sha1").hexdigest())
print(hmac.new(bytearray(b"key"), b"m", digestmod=lambda d=b"": hashlib.sha256(d)).hexdigest())
print(hmac.new(b"key", b"m", digestmod=hashlib.blake2b).name)
print(hmac.digest(b"key", b"msg", "md5").hex(), hmac.digest(b"key", b"msg", hashlib.sha224).hex())
print(hmac.digest(b"key", b"msg", lambda d=b"": hashlib.sha1(d)).hex())
print(_hashlib.hmac_digest(b"k", b"m", "sha1").hex(), _hashlib.hmac_new(b"k", b"m", "sha1").hexdigest())
print(_hashlib.hmac_new(b"k", digestmod=_hashlib.openssl_md5).name, type(_hashlib.hmac_new(b"k", digestmod="md5")).__name__)
attempt(hmac.new, b"key")
attempt(hmac.new, "key", digestmod="sha256")
attempt(hmac.new, b"key", "msg", digestmod="sha256")
attempt(hmac.new, b"key", digestmod="nope")
attempt(hmac.digest, b"key", b"msg", "nope")
attempt(_hashlib.hmac_new, b"k")
attempt(_hashlib.hmac_new, "k", digestmod="sha256")
attempt(_hashlib.hmac_new, b"k", "m", digestmod="sha256")
attempt(_hashlib.hmac_new, b"k", digestmod="nope")
attempt(_hashlib.hmac_new, b"k", digestmod=5)
attempt(_hashlib.hmac_new, b"k", digestmod="shake_128")
attempt(_hashlib.hmac_digest, b"k", b"m", "nope")
attempt(_hashlib.hmac_digest, b"k", "m", "sha1")
attempt(lambda: _hashlib.hmac_new(b"k", digestmod="md5").update("x"))
attempt(lambda: _hashlib.hmac_new(b"k", digestmod="md5").update(msg=b"x"))
attempt(lambda: _hashlib.hmac_new(b"k", digestmod="md5").digest(1))

print("== compare_digest")
cd = hmac.compare_digest
print(cd is _hashlib.compare_digest)
print(cd(b"abc", b"abc"), cd(b"abc", b"abd"), cd(b"abc", b"ab"), cd(b"", b""))
print(cd("abc", "abc"), cd("abc", "xyz"), cd(bytearray(b"a"), memoryview(b"a")))
attempt(cd, b"a", "a")
attempt(cd, "a", b"a")
attempt(cd, "é", "é")
attempt(cd, 1, 1)
attempt(cd, b"a")
attempt(cd, a=b"a", b=b"a")
