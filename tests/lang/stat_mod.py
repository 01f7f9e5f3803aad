# _stat: the S_IS* tests, S_IMODE, S_IFMT, filemode and the constants
import _stat as S

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print([(n, getattr(S, n)) for n in vars(S) if not n.startswith('__') and isinstance(getattr(S, n), int)])
print([n for n in vars(S) if not n.startswith('__')])
modes = [0o040755, 0o100644, 0o120777, 0o020666, 0o060660, 0o010600, 0o140755, 0o104755, 0o102755, 0o041777,
         0o101644, 0o100000, 0o170777, 0, 0o007777, 0o104644, 0o041776]
for m in modes:
    print(oct(m), [f(m) for f in (S.S_ISDIR, S.S_ISCHR, S.S_ISBLK, S.S_ISREG, S.S_ISFIFO, S.S_ISLNK, S.S_ISSOCK,
                                    S.S_ISDOOR, S.S_ISPORT, S.S_ISWHT)], S.S_IMODE(m), S.S_IFMT(m), S.filemode(m))
print(S.S_ISDIR(True), S.filemode(2**32 - 1))
t(lambda: S.S_ISDIR('a'))
t(lambda: S.S_ISDIR(1.0))
t(lambda: S.S_ISDIR(-1))
t(lambda: S.S_ISDIR(2**40))
t(lambda: S.S_IMODE(2**32))
t(lambda: S.filemode(-1))
t(lambda: S.S_ISDIR())
t(lambda: S.filemode())
t(lambda: S.filemode(1, 2))
t(lambda: S.S_IFMT(x=1))
