"""Compile a source file to a minipy cache file (CPython's py_compile API)."""
import os
import sys
import marshal

__all__ = ['compile', 'main', 'PyCompileError', 'PycInvalidationMode']


class PyCompileError(Exception):
    """Raised by compile(doraise=True) when the source cannot be compiled."""

    def __init__(self, exc_type, exc_value, file, msg=''):
        exc_type_name = exc_type.__name__
        if exc_type is SyntaxError:
            errmsg = exc_type_name + ': ' + str(exc_value)
        else:
            errmsg = 'Sorry: ' + exc_type_name + ': ' + str(exc_value)
        Exception.__init__(self, msg or errmsg, exc_type_name, exc_value, file)
        self.exc_type_name = exc_type_name
        self.exc_value = exc_value
        self.file = file
        self.msg = msg or errmsg

    def __str__(self):
        return self.msg


class PycInvalidationMode:
    TIMESTAMP = 1
    CHECKED_HASH = 2
    UNCHECKED_HASH = 3


# Header flags for each mode (vm/pyc.h: bit 0 hash-based, bit 1 check_source).
_FLAGS = {PycInvalidationMode.TIMESTAMP: 0,
          PycInvalidationMode.CHECKED_HASH: 3,
          PycInvalidationMode.UNCHECKED_HASH: 1}


def _get_default_invalidation_mode():
    if os.getenv('SOURCE_DATE_EPOCH'):
        return PycInvalidationMode.CHECKED_HASH
    return PycInvalidationMode.TIMESTAMP


def compile(file, cfile=None, dfile=None, doraise=False, optimize=-1,
            invalidation_mode=None, quiet=0):
    """Write the cache of `file` (to cfile, by default its __pycache__
    path) and return the cache path; None when the source has an error and
    doraise is false."""
    if invalidation_mode is None:
        invalidation_mode = _get_default_invalidation_mode()
    if optimize < 0:
        optimize = sys.flags.optimize
    if cfile is None:
        cfile = marshal._pyc_cache_from_source(file, optimize)
    try:
        marshal._pyc_compile(file, cfile, optimize, _FLAGS[invalidation_mode])
    except (SyntaxError, ValueError) as err:
        py_exc = PyCompileError(type(err), err, dfile or file)
        if quiet < 2:
            if doraise:
                raise py_exc
            sys.stderr.write(py_exc.msg + '\n')
        return None
    return cfile


def main():
    args = sys.argv[1:]
    quiet = False
    if args and args[0] == '-q':
        quiet = True
        args = args[1:]
    if not args:
        sys.stderr.write('usage: minipy -m py_compile [-q] FILE ...\n')
        return 2
    status = 0
    for filename in args:
        try:
            compile(filename, doraise=True)
        except PyCompileError as error:
            status = 1
            if not quiet:
                sys.stderr.write(error.msg + '\n')
        except OSError as error:
            status = 1
            if not quiet:
                sys.stderr.write(str(error) + '\n')
    return status


if __name__ == '__main__':
    sys.exit(main())
