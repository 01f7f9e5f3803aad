"""importlib.util: cache paths and the magic number (vm/pyc.h)."""
import sys
import marshal

MAGIC_NUMBER = marshal._MAGIC


def cache_from_source(path, debug_override=None, *, optimization=None):
    """The cache file for source path: <dir>/__pycache__/<mod>.minipy-01[.opt-N].pyc."""
    if optimization is None:
        optimization = sys.flags.optimize
    if optimization == '':
        optimization = 0
    return marshal._pyc_cache_from_source(path, int(optimization))


def source_from_cache(path):
    """The source file of a cache path; ValueError for other paths."""
    return marshal._pyc_source_from_cache(path)


def source_hash(source_bytes):
    """The hash hash-based caches store for the source (8 bytes)."""
    n = marshal._source_hash(source_bytes)
    return bytes([(n >> (8 * i)) & 0xff for i in range(8)])
