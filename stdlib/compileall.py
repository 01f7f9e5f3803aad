"""Compile every module of folder trees to minipy cache files (CPython's
compileall, main options: -q -f -l -r N -j N --invalidation-mode).  -j N splits the
files among N forked worker processes (0: one per CPU), as CPython's
ProcessPoolExecutor does; caches are written by temp file + rename, so
workers never see each other's half-written files."""
import os
import sys
import marshal
import py_compile

__all__ = ['compile_dir', 'compile_file', 'main']

_MODES = {'timestamp': py_compile.PycInvalidationMode.TIMESTAMP,
          'checked-hash': py_compile.PycInvalidationMode.CHECKED_HASH,
          'unchecked-hash': py_compile.PycInvalidationMode.UNCHECKED_HASH}


def _walk_dir(dir, maxlevels, quiet):
    if not quiet:
        print('Listing ' + repr(dir) + '...')
    try:
        names = sorted(os.listdir(dir))
    except OSError:
        if quiet < 2:
            print("Can't list " + repr(dir))
        names = []
    for name in names:
        if name == '__pycache__':
            continue
        fullname = os.path.join(dir, name)
        if not os.path.isdir(fullname):
            yield fullname
        elif maxlevels > 0 and name != '.' and name != '..':
            yield from _walk_dir(fullname, maxlevels - 1, quiet)


def compile_dir(dir, maxlevels=None, ddir=None, force=False, rx=None, quiet=0,
                legacy=False, optimize=-1, workers=1, invalidation_mode=None):
    """Compile every .py file under dir; True when all succeeded."""
    if workers < 0:
        raise ValueError('workers must be greater or equal to 0')
    if maxlevels is None:
        maxlevels = sys.getrecursionlimit()
    files = _walk_dir(dir, maxlevels, quiet)
    if workers != 1 and hasattr(os, 'fork'):
        return _compile_parallel(list(files), workers or os.cpu_count() or 1,
                                 (ddir, force, rx, quiet, legacy, optimize, invalidation_mode))
    success = True
    for fullname in files:
        if not compile_file(fullname, ddir, force, rx, quiet, legacy, optimize,
                            invalidation_mode):
            success = False
    return success


def _compile_chunk(names, options):
    ok = True
    for fullname in names:
        if not compile_file(fullname, *options):
            ok = False
    return ok


def _compile_parallel(files, workers, options):
    """Fork up to `workers` children, each compiling every workers-th file;
    True when every child exited with status 0."""
    workers = min(workers, len(files))
    if workers <= 1:
        return _compile_chunk(files, options)
    pids = []
    for k in range(workers):
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                status = 0 if _compile_chunk(files[k::workers], options) else 1
            except BaseException as err:
                sys.stderr.write('compileall worker: ' + type(err).__name__ + ': ' + str(err) + '\n')
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        pids.append(pid)
    success = True
    for pid in pids:
        status = os.waitpid(pid, 0)[1]
        if os.waitstatus_to_exitcode(status) != 0:
            success = False
    return success


def compile_file(fullname, ddir=None, force=False, rx=None, quiet=0, legacy=False,
                 optimize=-1, invalidation_mode=None):
    """Compile one file if it is a .py whose cache is missing or stale (or
    always with force); True unless compiling failed."""
    if not fullname.endswith('.py') or not os.path.isfile(fullname):
        return True
    if optimize < 0:
        optimize = sys.flags.optimize
    if legacy:
        cfile = fullname + 'c'
    else:
        cfile = marshal._pyc_cache_from_source(fullname, optimize)
    if invalidation_mode is None:
        invalidation_mode = py_compile._get_default_invalidation_mode()
    if not force and os.path.exists(cfile):
        want = py_compile._FLAGS[invalidation_mode]
        try:
            header = marshal._pyc_header(cfile)
            status = marshal._pyc_check(cfile, fullname)[0]
        except OSError:
            header = None
            status = 'missing'
        if status == 'ok' and header['error'] is None and header['flags'] == want:
            return True
    if not quiet:
        print('Compiling ' + repr(fullname) + '...')
    try:
        ok = py_compile.compile(fullname, cfile, None, True, optimize, invalidation_mode)
    except py_compile.PyCompileError as err:
        if quiet >= 2:
            return False
        if quiet:
            print('*** Error compiling ' + repr(fullname) + '...')
        else:
            print('*** ', end='')
        print(err.msg)
        return False
    except OSError as err:
        if quiet < 2:
            print('*** ' + str(err))
        return False
    return ok is not None


def main():
    args = sys.argv[1:]
    quiet = 0
    force = False
    legacy = False
    maxlevels = None
    workers = 1
    mode = None
    targets = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == '-q':
            quiet += 1
        elif a == '-f':
            force = True
        elif a == '-b':
            legacy = True
        elif a == '-l':
            maxlevels = 0
        elif a in ('-r', '-j'):
            i += 1
            if i >= len(args):
                sys.stderr.write('compileall: ' + a + ' needs a number\n')
                return 2
            if a == '-r':
                maxlevels = int(args[i])
            else:
                workers = int(args[i])
        elif a.startswith('-j') and a[2:].lstrip('-').isdigit():
            workers = int(a[2:])
        elif a == '--invalidation-mode' or a.startswith('--invalidation-mode='):
            if '=' in a:
                value = a.split('=', 1)[1]
            else:
                i += 1
                value = args[i] if i < len(args) else ''
            if value not in _MODES:
                sys.stderr.write("compileall: invalid --invalidation-mode '" + value + "'\n")
                return 2
            mode = _MODES[value]
        elif a.startswith('-') and a != '-':
            sys.stderr.write('compileall: unknown option ' + a + '\n')
            return 2
        else:
            targets.append(a)
        i += 1
    if not targets:
        targets = [p for p in sys.path if p and os.path.isdir(p)]
    success = True
    for target in targets:
        if os.path.isfile(target):
            if not compile_file(target, None, force, None, quiet, legacy, -1, mode):
                success = False
        elif not compile_dir(target, maxlevels, None, force, None, quiet, legacy, -1, workers,
                             mode):
            success = False
    return 0 if success else 1


if __name__ == '__main__':
    sys.exit(main())
