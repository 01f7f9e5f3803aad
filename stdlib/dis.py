"""Disassembler for minipy code objects (listings from vm/dis.c)."""
import sys
import marshal

__all__ = ['dis', 'disassemble', 'code_info', 'findlinestarts', 'COMPILER_FLAG_NAMES',
           'Positions']

# co_flags bits by name, CPython's values (code objects report those).
COMPILER_FLAG_NAMES = {
    1: "OPTIMIZED",
    2: "NEWLOCALS",
    4: "VARARGS",
    8: "VARKEYWORDS",
    16: "NESTED",
    32: "GENERATOR",
    64: "NOFREE",
    128: "COROUTINE",
    256: "ITERABLE_COROUTINE",
    512: "ASYNC_GENERATOR",
}


class Positions(tuple):
    """An instruction's source span: Positions(lineno, end_lineno, col_offset, end_col_offset)."""
    __slots__ = ()
    _fields = ('lineno', 'end_lineno', 'col_offset', 'end_col_offset')

    def __new__(cls, lineno=None, end_lineno=None, col_offset=None, end_col_offset=None):
        return tuple.__new__(cls, (lineno, end_lineno, col_offset, end_col_offset))

    def __repr__(self):
        return 'Positions(lineno=%r, end_lineno=%r, col_offset=%r, end_col_offset=%r)' % self

    def _replace(self, **changes):
        return Positions(**dict(zip(self._fields, self), **changes))

    lineno = property(lambda self: self[0])
    end_lineno = property(lambda self: self[1])
    col_offset = property(lambda self: self[2])
    end_col_offset = property(lambda self: self[3])


def findlinestarts(code):
    """(offset, lineno) where each source line's instructions start."""
    lastline = None
    for start, end, line in code.co_lines():
        if line is not None and line != lastline:
            lastline = line
            yield start, line


def _get_code(x):
    if hasattr(x, '__func__'):
        x = x.__func__
    if hasattr(x, '__code__'):
        return x.__code__
    if isinstance(x, str):
        return compile(x, '<dis>', 'exec')
    if type(x).__name__ == 'code':
        return x
    raise TypeError("don't know how to disassemble " + type(x).__name__ + ' objects')


def dis(x=None, *, file=None):
    """Print the listing of a function, method, code object or source string."""
    text = marshal._dis(_get_code(x))
    (file or sys.stdout).write(text)


disassemble = dis


def code_info(x):
    return marshal._dis(_get_code(x))


def _main(args):
    if not args:
        sys.stderr.write('usage: minipy -m dis FILE.py\n')
        return 2
    with open(args[0]) as f:
        source = f.read()
    dis(compile(source, args[0], 'exec'))
    return 0


if __name__ == '__main__':
    sys.exit(_main(sys.argv[1:]))
