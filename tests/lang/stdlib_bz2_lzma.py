# _bz2 and _lzma over libbz2 and liblzma: the compressor and decompressor
# objects bz2.py and lzma.py build on (used directly here, so the test does
# not need the io module), their formats, filters, limits and errors.
import _bz2
import _lzma
from _lzma import *
import random


def attempt(f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("   ok", r if isinstance(r, (bytes, str, int, bool, dict, type(None))) else type(r).__name__)


rng = random.Random(7)
text = bytes(rng.choice(b"abcdefgh \n") for _ in range(50000)) + bytes(range(256)) * 200


# What bz2.compress / bz2.decompress do (bz2.py itself needs io).
def bz2_compress(data, level=9):
    comp = _bz2.BZ2Compressor(level)
    return comp.compress(data) + comp.flush()


def bz2_decompress(data):
    results = []
    while data:
        decomp = _bz2.BZ2Decompressor()
        try:
            res = decomp.decompress(data)
        except OSError:
            if results:
                break
            raise
        results.append(res)
        if not decomp.eof:
            raise ValueError("Compressed data ended before the end-of-stream marker was reached")
        data = decomp.unused_data
    return b"".join(results)


print("== bz2 round trips")
for level in range(1, 10):
    comp = bz2_compress(text, level)
    print(level, len(comp), comp[:10], bz2_decompress(comp) == text)
print(bz2_compress(b""), bz2_decompress(bz2_compress(b"")))
print(bz2_decompress(bz2_compress(b"one") + bz2_compress(b"two")))
c = _bz2.BZ2Compressor()
parts = [c.compress(text[i:i + 3000]) for i in range(0, len(text), 3000)] + [c.flush()]
print(len(parts), sum(map(len, parts)), bz2_decompress(b"".join(parts)) == text)
print(bz2_compress(bytearray(b"abc")) == bz2_compress(memoryview(b"abc")) == bz2_compress(b"abc"))

print("== bz2 streaming decompression")
comp = bz2_compress(text)
d = _bz2.BZ2Decompressor()
print(d.eof, d.needs_input, d.unused_data)
sizes = []
out = d.decompress(comp + b"extra", 1000)
sizes.append(len(out))
while not d.eof:
    out = d.decompress(b"", 20000)
    sizes.append(len(out))
print(sizes[:6], len(sizes), sum(sizes), d.eof, d.needs_input, d.unused_data)
d = _bz2.BZ2Decompressor()
total = b""
for i in range(0, len(comp), 500):
    total += d.decompress(comp[i:i + 500])
    if i == 0:
        print(d.needs_input, d.eof)
print(total == text, d.eof, d.needs_input)
d = _bz2.BZ2Decompressor()
print(len(d.decompress(comp, max_length=0)), d.needs_input, len(d.decompress(b"", max_length=-1)), d.eof)
d = _bz2.BZ2Decompressor()
print(len(d.decompress(data=comp[:100], max_length=10)), d.needs_input)

print("== bz2 errors")
attempt(_bz2.BZ2Compressor, 0)
attempt(_bz2.BZ2Compressor, 10)
attempt(_bz2.BZ2Compressor, "x")
attempt(_bz2.BZ2Compressor, compresslevel=5)
attempt(_bz2.BZ2Compressor, 1, 2)
c = _bz2.BZ2Compressor()
attempt(c.compress, "x")
attempt(c.compress)
attempt(c.flush)
attempt(c.flush)
attempt(c.compress, b"x")
attempt(_bz2.BZ2Decompressor, 1)
attempt(_bz2.BZ2Decompressor, x=1)
d = _bz2.BZ2Decompressor()
attempt(d.decompress, b"garbage data here")
attempt(d.decompress, "x")
attempt(d.decompress)
d = _bz2.BZ2Decompressor()
d.decompress(comp)
attempt(d.decompress, b"more")
attempt(lambda: setattr(d, "eof", False))
attempt(bz2_decompress, comp[:-3])
attempt(bz2_decompress, b"BZh9garbage")
print(type(c).__name__, type(c).__module__, type(d).__name__)

print("== lzma constants")
for name in sorted(n for n in dir(_lzma) if n.isupper()):
    print(name, getattr(_lzma, name))
print(LZMAError.__mro__[1].__name__, LZMAError.__module__)
print([is_check_supported(c) for c in (CHECK_NONE, CHECK_CRC32, CHECK_CRC64, CHECK_SHA256, 15)])


# What lzma.decompress does (lzma.py itself needs io).
def lzma_decompress(data, format=FORMAT_AUTO, memlimit=None, filters=None):
    results = []
    while True:
        decomp = LZMADecompressor(format, memlimit, filters)
        try:
            res = decomp.decompress(data)
        except LZMAError:
            if results:
                break
            raise
        results.append(res)
        if not decomp.eof:
            raise LZMAError("Compressed data ended before the end-of-stream marker was reached")
        data = decomp.unused_data
        if not data:
            break
    return b"".join(results)


print("== lzma formats, checks, presets")
for fmt in (FORMAT_XZ, FORMAT_ALONE):
    for check in ((CHECK_NONE, CHECK_CRC32, CHECK_CRC64, CHECK_SHA256) if fmt == FORMAT_XZ else (-1,)):
        for preset in (0, 2, 1 | PRESET_EXTREME):
            c = LZMACompressor(fmt, check, preset)
            comp = c.compress(text[:20000]) + c.flush()
            d = LZMADecompressor()
            back = d.decompress(comp + b"tail")
            print(fmt, check, preset, len(comp), back == text[:20000], d.check, d.eof, d.unused_data,
                  lzma_decompress(comp, fmt) == text[:20000])
c = LZMACompressor()
comp = c.compress(b"hello" * 1000) + c.flush()
print(len(comp), comp[:6], lzma_decompress(comp + comp) == b"hello" * 2000)
print(LZMADecompressor().decompress(b""), LZMADecompressor().needs_input, LZMADecompressor().check)

print("== lzma filters")
filters = [{"id": FILTER_DELTA, "dist": 4},
           {"id": FILTER_LZMA2, "preset": 2, "dict_size": 1 << 16, "lc": 2, "lp": 1, "pb": 1,
            "mode": MODE_FAST, "nice_len": 32, "mf": MF_HC4, "depth": 0}]
c = LZMACompressor(FORMAT_RAW, filters=filters)
comp = c.compress(b"abcd" * 999) + c.flush()
d = LZMADecompressor(FORMAT_RAW, filters=filters)
print(len(comp), d.decompress(comp) == b"abcd" * 999, d.eof, d.check)
c = LZMACompressor(FORMAT_XZ, filters=[{"id": FILTER_X86, "start_offset": 16}, {"id": FILTER_LZMA2}])
comp = c.compress(b"\xe8abcd" * 999) + c.flush()
print(len(comp), LZMADecompressor().decompress(comp) == b"\xe8abcd" * 999)
c = LZMACompressor(FORMAT_ALONE, filters=[{"id": FILTER_LZMA1, "dict_size": 1 << 16}])
comp = c.compress(b"abc" * 100) + c.flush()
d = LZMADecompressor(FORMAT_ALONE)
print(len(comp), d.decompress(comp) == b"abc" * 100, d.check)
c = LZMACompressor(FORMAT_RAW, filters=({"id": FILTER_LZMA1},))
print(len(c.compress(b"abc" * 100) + c.flush()))
for flt in (FILTER_POWERPC, FILTER_IA64, FILTER_ARM, FILTER_ARMTHUMB, FILTER_SPARC):
    chain = [{"id": flt}, {"id": FILTER_LZMA2, "preset": 1}]
    c = LZMACompressor(FORMAT_RAW, filters=chain)
    comp = c.compress(text[:4096]) + c.flush()
    print(flt, len(comp), LZMADecompressor(FORMAT_RAW, filters=chain).decompress(comp) == text[:4096])
print(_lzma._encode_filter_properties({"id": FILTER_LZMA1, "lc": 3, "lp": 0, "pb": 2, "dict_size": 1 << 20}))
print(_lzma._encode_filter_properties({"id": FILTER_LZMA2, "dict_size": 1 << 20}))
print(_lzma._encode_filter_properties({"id": FILTER_DELTA, "dist": 3}))
print(_lzma._encode_filter_properties({"id": FILTER_X86, "start_offset": 4}))
print(_lzma._encode_filter_properties({"id": FILTER_X86}))
print(_lzma._decode_filter_properties(FILTER_LZMA1, b"]\x00\x00\x10\x00"))
print(_lzma._decode_filter_properties(FILTER_LZMA2, b"\x14"))
print(_lzma._decode_filter_properties(FILTER_DELTA, b"\x02"))
print(_lzma._decode_filter_properties(FILTER_X86, b"\x04\x00\x00\x00"))

print("== lzma streaming decompression")
c = LZMACompressor()
comp = c.compress(bytes(range(256)) * 400) + c.flush()
d = LZMADecompressor()
sizes = []
for i in range(0, len(comp), 100):
    sizes.append(len(d.decompress(comp[i:i + 100], 3000)))
    if d.eof:
        break
print(sizes[:12], d.needs_input, d.eof)
while not d.eof and not d.needs_input:
    sizes.append(len(d.decompress(b"", 3000)))
print(sum(sizes), d.eof)
d = LZMADecompressor()
print(len(d.decompress(comp, 0)), d.needs_input, len(d.decompress(b"", 7)), d.needs_input)
d = LZMADecompressor()
print(len(d.decompress(data=comp, max_length=50000)), d.needs_input, d.eof,
      len(d.decompress(b"junk")), d.eof, d.unused_data)

print("== lzma errors")
attempt(LZMACompressor, FORMAT_AUTO)
attempt(LZMACompressor, 7)
attempt(LZMACompressor, FORMAT_RAW)
attempt(LZMACompressor, FORMAT_ALONE, CHECK_CRC32)
attempt(LZMACompressor, preset=10)
attempt(LZMACompressor, preset=-1)
attempt(LZMACompressor, preset=2**32)
attempt(LZMACompressor, preset="x")
attempt(LZMACompressor, preset=1, filters=[])
attempt(LZMACompressor, check=99)
attempt(LZMACompressor, check=-2)
attempt(LZMACompressor, FORMAT_XZ, check=2**40)
attempt(LZMACompressor, format="x")
attempt(LZMACompressor, filters=[{"id": FILTER_LZMA2, "bogus": 1}])
attempt(LZMACompressor, filters=[{"id": FILTER_LZMA2, "dict_size": "x"}])
attempt(LZMACompressor, filters=[{"id": FILTER_LZMA2, "mode": 7}])
attempt(LZMACompressor, filters=[{"preset": 1}])
attempt(LZMACompressor, filters=[5])
attempt(LZMACompressor, filters={"id": FILTER_LZMA2})
attempt(LZMACompressor, filters=5)
attempt(LZMACompressor, filters=[{"id": 12345}])
attempt(LZMACompressor, filters=[{"id": FILTER_DELTA, "dist": 300}])
attempt(LZMACompressor, filters=[{"id": FILTER_X86}] * 5)
attempt(LZMACompressor, filters=[{"id": FILTER_X86, "x": 1}])
attempt(LZMACompressor, filters=[{"id": FILTER_DELTA, "x": 1}])
attempt(LZMACompressor, filters=[{"id": FILTER_LZMA2, "preset": 99}])
attempt(LZMACompressor, FORMAT_ALONE, filters=[{"id": FILTER_LZMA2}])
attempt(LZMACompressor, 1, -1, None, None, 5)
attempt(LZMACompressor, foo=1)
attempt(LZMADecompressor, 7)
attempt(LZMADecompressor, FORMAT_RAW)
attempt(LZMADecompressor, FORMAT_RAW, memlimit=5)
attempt(LZMADecompressor, FORMAT_XZ, filters=[])
attempt(LZMADecompressor, memlimit=-1)
attempt(LZMADecompressor, memlimit="x")
attempt(LZMADecompressor, 1, 2, 3, 4)
c = LZMACompressor()
c.flush()
attempt(c.flush)
attempt(c.compress, b"x")
attempt(LZMACompressor().compress, "x")
attempt(LZMADecompressor().decompress, b"not xz data at all")
attempt(LZMADecompressor(FORMAT_XZ).decompress, b"\xfd7zXZ\x00garbagegarbage")
c = LZMACompressor()
attempt(LZMADecompressor(memlimit=1000).decompress, c.compress(b"x") + c.flush())
d = LZMADecompressor()
d.decompress(comp)
attempt(d.decompress, b"x")
attempt(lzma_decompress, comp[:-5])
attempt(lambda: setattr(d, "check", 1))
attempt(is_check_supported, "x")
attempt(_lzma._encode_filter_properties, {"id": FILTER_LZMA2, "preset": 2**33})
attempt(_lzma._encode_filter_properties, {"id": 2**64})
attempt(_lzma._encode_filter_properties, {"id": -1})
attempt(_lzma._encode_filter_properties, {"id": "x"})
attempt(_lzma._decode_filter_properties, FILTER_LZMA1, b"\xff")
attempt(_lzma._decode_filter_properties, 99, b"")
print(type(c).__name__, type(c).__module__, type(d).__name__)
