"""Disassembler for minipy code objects (listings from vm/dis.c)."""
import sys
import marshal

__all__ = ['dis', 'disassemble', 'code_info']


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
