# zlib over libz: one-shot round trips at every level and wbits (zlib,
# gzip, raw, auto-detect), streaming with every flush mode and max_length,
# dictionaries, copies, checksums with running values, and the errors.
import zlib
import random


def attempt(f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("   ok", r if isinstance(r, (bytes, str, int, bool, type(None))) else type(r).__name__)


rng = random.Random(5)
text = bytes(rng.choice(b"abcdefgh \n") for _ in range(60000)) + bytes(range(256)) * 100
small = b"hello hello hello zlib"

print("== module")
print(sorted(n for n in dir(zlib) if not n.startswith("__")))
print(zlib.error.__mro__[1].__name__, zlib.error.__module__, zlib.ZLIB_VERSION == zlib.ZLIB_RUNTIME_VERSION)
print(zlib.MAX_WBITS, zlib.DEFLATED, zlib.DEF_MEM_LEVEL, zlib.DEF_BUF_SIZE)
print(zlib.Z_NO_COMPRESSION, zlib.Z_BEST_SPEED, zlib.Z_BEST_COMPRESSION, zlib.Z_DEFAULT_COMPRESSION)
print(zlib.Z_FILTERED, zlib.Z_HUFFMAN_ONLY, zlib.Z_RLE, zlib.Z_FIXED, zlib.Z_DEFAULT_STRATEGY)
print(zlib.Z_NO_FLUSH, zlib.Z_PARTIAL_FLUSH, zlib.Z_SYNC_FLUSH, zlib.Z_FULL_FLUSH, zlib.Z_FINISH,
      zlib.Z_BLOCK, zlib.Z_TREES)
c, d = zlib.compressobj(), zlib.decompressobj()
print(type(c).__name__, type(c).__module__, type(d).__name__,
      sorted(n for n in dir(c) if not n.startswith("_")), sorted(n for n in dir(d) if not n.startswith("_")))

print("== one-shot at every level and wbits")
for level in range(-1, 10):
    for wbits in (9, 12, 15, -9, -12, -15, 25, 31):
        comp = zlib.compress(text, level, wbits)
        back = zlib.decompress(comp, wbits)
        auto = zlib.decompress(comp, 47) == text if wbits > 0 else "-"
        print(level, wbits, len(comp), zlib.crc32(comp), back == text, auto)
print(zlib.compress(small), zlib.compress(small, level=9, wbits=-15))
print(zlib.compress(b""), zlib.compress(b"", 0, 31)[:4], zlib.decompress(zlib.compress(b"")))
print(zlib.compress(bytearray(small)) == zlib.compress(memoryview(small)) == zlib.compress(small))
print(zlib.decompress(bytearray(zlib.compress(small))), zlib.decompress(memoryview(zlib.compress(small))))
print(zlib.decompress(zlib.compress(text), bufsize=1) == text, zlib.decompress(zlib.compress(text), bufsize=0) == text)
print(zlib.decompress(zlib.compress(small) + b"trailing junk"))
print(len(zlib.compress(b"x" * 1000000)), zlib.decompress(zlib.compress(b"x" * 1000000)) == b"x" * 1000000)

print("== compressobj parameters")
for level, method, wbits, memlevel, strategy in [
        (0, 8, 15, 1, 0), (1, 8, 9, 9, 1), (6, 8, -15, 8, 2), (9, 8, 31, 9, 3), (5, 8, -9, 4, 4),
        (zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, zlib.MAX_WBITS, zlib.DEF_MEM_LEVEL, zlib.Z_DEFAULT_STRATEGY)]:
    co = zlib.compressobj(level, method, wbits, memlevel, strategy)
    comp = co.compress(text) + co.flush()
    print(level, wbits, memlevel, strategy, len(comp), zlib.crc32(comp), zlib.decompress(comp, wbits) == text)
co = zlib.compressobj(level=9, wbits=-12, memLevel=9, strategy=zlib.Z_FILTERED, zdict=b"abcdefgh")
comp = co.compress(text) + co.flush()
print(len(comp), zlib.decompressobj(wbits=-12, zdict=b"abcdefgh").decompress(comp) == text)

print("== streaming with flush modes")
for mode in (zlib.Z_NO_FLUSH, zlib.Z_PARTIAL_FLUSH, zlib.Z_SYNC_FLUSH, zlib.Z_FULL_FLUSH, zlib.Z_BLOCK,
             zlib.Z_FINISH):
    co = zlib.compressobj(9, zlib.DEFLATED, -12, 9, zlib.Z_FILTERED)
    parts = [co.compress(text[:5000]), co.flush(mode)]
    if mode != zlib.Z_FINISH:
        parts += [co.compress(text[5000:9000]), co.flush()]
    joined = b"".join(parts)
    print(mode, [len(p) for p in parts], zlib.crc32(joined))
co = zlib.compressobj()
pieces = [co.compress(text[i:i + 1000]) for i in range(0, len(text), 1000)]
pieces.append(co.flush())
print(len(pieces), sum(map(len, pieces)), zlib.decompress(b"".join(pieces)) == text)
co = zlib.compressobj()
co.compress(small)
print(co.flush(zlib.Z_SYNC_FLUSH)[-4:], co.flush(zlib.Z_NO_FLUSH), co.flush())

print("== copies")
co = zlib.compressobj()
head = co.compress(text[:3000])
co2 = co.copy()
co3 = co.__copy__()
co4 = co.__deepcopy__({})
tails = [x.compress(text[3000:]) + x.flush() for x in (co, co2, co3, co4)]
print(len(set(tails)), zlib.decompress(head + tails[0]) == text)
do = zlib.decompressobj()
comp = zlib.compress(text)
first = do.decompress(comp[:500])
do2 = do.copy()
print(first + do.decompress(comp[500:]) == text, first + do2.decompress(comp[500:]) == text, do2.eof)
attempt(co.copy)
attempt(co.__deepcopy__)

print("== decompress with max_length")
comp = zlib.compress(text, 6)
do = zlib.decompressobj()
sizes = []
buf = comp + b"TRAILING"
while not do.eof:
    chunk = do.decompress(buf, 1000)
    sizes.append(len(chunk))
    buf = do.unconsumed_tail
print(sizes[:8], len(sizes), sum(sizes), do.unused_data, do.unconsumed_tail, do.eof)
do = zlib.decompressobj()
pieces = [do.decompress(comp[i:i + 777], 5000) for i in range(0, len(comp), 777)]
print([len(p) for p in pieces][:12], len(do.unconsumed_tail), len(do.flush()), do.eof)
do = zlib.decompressobj()
out = do.decompress(comp, max_length=1)
print(out, len(do.unconsumed_tail), len(do.flush(1)) + 1 == len(text), do.eof, do.unconsumed_tail)
do = zlib.decompressobj()
out = do.decompress(comp, 0)
print(len(out), do.eof, do.unused_data, do.unconsumed_tail)
do = zlib.decompressobj()
print(do.decompress(comp[:-10]) == text[:len(do.decompress(b""))] or True, do.eof)
print(do.decompress(comp[-10:] + b"xyz")[-5:], do.eof, do.unused_data)
print(do.decompress(b"more"), do.unused_data)

print("== gzip and raw framing")
for wbits in (31, -15, 15):
    co = zlib.compressobj(wbits=wbits)
    framed = co.compress(small) + co.flush()
    print(wbits, framed[:2].hex(), zlib.decompressobj(wbits).decompress(framed),
          zlib.decompressobj(47).decompress(framed) if wbits > 0 else "-")

print("== dictionaries")
co = zlib.compressobj(zdict=b"hello world")
comp = co.compress(b"hello world hello") + co.flush()
print(zlib.decompressobj(zdict=b"hello world").decompress(comp))
print(zlib.decompressobj(zdict=bytearray(b"hello world")).decompress(comp))
attempt(zlib.decompress, comp)
attempt(zlib.decompressobj().decompress, comp)
attempt(zlib.decompressobj(zdict=b"wrong dictionary").decompress, comp)

print("== checksums")
for data in (b"", b"a", b"abc", small, text, bytearray(b"xyz"), memoryview(b"xyz")):
    print(zlib.crc32(data), zlib.adler32(data))
print(zlib.crc32(b"def", zlib.crc32(b"abc")) == zlib.crc32(b"abcdef"),
      zlib.adler32(b"def", zlib.adler32(b"abc")) == zlib.adler32(b"abcdef"))
print(zlib.crc32(b"x", 0), zlib.crc32(b"x", 1), zlib.crc32(b"x", -1), zlib.crc32(b"x", 2**40 + 5),
      zlib.crc32(b"x", True))
print(zlib.adler32(b"x", 0), zlib.adler32(b"x", -1), zlib.adler32(b"x", 2**70 + 3))
running = 0
for i in range(0, len(text), 4096):
    running = zlib.crc32(text[i:i + 4096], running)
print(running == zlib.crc32(text))

print("== errors")
attempt(zlib.compress, b"x", 10)
attempt(zlib.compress, b"x", -2)
attempt(zlib.compress, b"x", wbits=7)
attempt(zlib.compress, b"x", wbits=100)
attempt(zlib.compress, b"x", wbits=32)
attempt(zlib.compress, "x")
attempt(zlib.compress, b"x", level="1")
attempt(zlib.compress, data=b"x")
attempt(zlib.compress)
attempt(zlib.compress, b"x", 1, 15, 3)
attempt(zlib.decompress, b"x")
attempt(zlib.decompress, b"")
attempt(zlib.decompress, zlib.compress(b"hello")[:-2])
attempt(zlib.decompress, b"\x78\x9c garbage")
attempt(zlib.decompress, b"x\x9c\x01\x00\x00\xff\xff\x00\x00\x00\x01")
attempt(zlib.decompress, zlib.compress(b"hello"), bufsize=-1)
attempt(zlib.decompress, zlib.compress(b"hello"), wbits=100)
attempt(zlib.decompress, zlib.compress(b"hello"), wbits=-8)
attempt(zlib.decompress, zlib.compress(b"hello", wbits=31))
attempt(zlib.decompress, zlib.compress(b"hello")[:-1] + b"\x00")
attempt(zlib.crc32, "x")
attempt(zlib.crc32, b"x", 1.5)
attempt(zlib.crc32, b"x", value=1)
attempt(zlib.crc32)
attempt(zlib.adler32, b"x", 1, 2)
attempt(zlib.compressobj, 10)
attempt(zlib.compressobj, method=7)
attempt(zlib.compressobj, memLevel=0)
attempt(zlib.compressobj, strategy=9)
attempt(zlib.compressobj, wbits=100)
attempt(zlib.compressobj, zdict="x")
attempt(zlib.compressobj, zdict=5)
attempt(zlib.compressobj, foo=1)
attempt(zlib.decompressobj, wbits=100)
attempt(zlib.decompressobj, zdict="x")
attempt(zlib.decompressobj, zdict=5)
co = zlib.compressobj()
attempt(co.compress, "x")
attempt(co.compress)
attempt(co.flush, 99)
attempt(co.flush, 1, 2)
attempt(co.flush)
attempt(co.compress, b"x")
attempt(co.flush)
attempt(co.copy)
do = zlib.decompressobj()
attempt(do.decompress, b"x", -1)
attempt(do.decompress, b"x", max_length=-1)
attempt(do.decompress)
attempt(do.decompress, "x")
attempt(do.flush, 0)
attempt(do.flush, -3)
attempt(do.decompress, b"garbage")
attempt(lambda: setattr(do, "eof", True))
attempt(lambda: setattr(do, "unused_data", b""))
attempt(lambda: setattr(do, "unconsumed_tail", b""))
do = zlib.decompressobj()
do.decompress(zlib.compress(b"abc"))
print(do.flush(), do.eof)
attempt(do.copy)
attempt(do.decompress, b"more")
