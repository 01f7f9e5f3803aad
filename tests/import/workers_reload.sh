#!/bin/bash
# compileall -j N (forked workers, status, no duplicated output),
# importlib.reload (same module object and dict, edited source seen and its
# cache rewritten, names the new source lacks survive) and
# importlib.invalidate_caches (a module created after a failed import is
# found although the folder's mtime did not change).
set -eu
. "$(dirname "$0")/common.inc"

# --- compileall -j ---------------------------------------------------------
mkdir -p d/pkg
for i in 1 2 3 4 5 6; do printf 'X = %d\n' $i > d/m$i.py; done
printf 'Y = 1\n' > d/pkg/__init__.py
printf 'def f(:\n' > d/bad.py
out=$("$MP" -m compileall -j 2 d) && fail "-j 2 with a bad file exited 0"
[ "$(echo "$out" | grep -c "^Listing 'd'")" = 1 ] || fail "-j 2 duplicated output: $out"
[ "$(echo "$out" | grep -c '^Compiling')" = 8 ] || fail "-j 2 compiled: $out"
for i in 1 2 3 4 5 6; do
    valid_cache d/__pycache__/m$i.$TAG.pyc || fail "-j 2: no valid cache for m$i"
done
valid_cache d/pkg/__pycache__/__init__.$TAG.pyc || fail "-j 2: no valid cache for pkg"
rm d/bad.py
"$MP" -m compileall -q -f -j 2 d || fail "-j 2 without errors exited non-zero"
"$MP" -m compileall -q -f -j0 d || fail "-j0 exited non-zero"
"$MP" -m compileall -q -j -1 d 2>/dev/null && fail "-j -1 accepted"
# The files really are split among worker processes.
mkdir pids
cat > par.py <<'PY'
import compileall, os
real = compileall.compile_file
def spy(fullname, *args):
    with open('pids/' + os.path.basename(fullname), 'w') as f:
        f.write(str(os.getpid()))
    return real(fullname, *args)
compileall.compile_file = spy
print(compileall.compile_dir('d', quiet=1, force=True, workers=2))
seen = set()
for name in os.listdir('pids'):
    seen.add(open('pids/' + name).read())
print(len(seen), str(os.getpid()) in seen)
PY
out=$("$MP" par.py) || fail "compile_dir(workers=2) failed"
[ "$out" = "True
2 False" ] || fail "compile_dir(workers=2): $out"

# --- importlib.reload --------------------------------------------------------
cat > rl.py <<'PY'
import importlib, os, sys
with open('rmod.py', 'w') as f:
    f.write("A = 1\nB = 2\ndef f():\n    return 'old'\n")
import rmod
d = rmod.__dict__
old_f = rmod.f
rmod.extra = 'kept'
with open('rmod.py', 'w') as f:
    f.write("A = 10\ndef f():\n    return 'new version ' + str(B) + extra\n")
os.utime('rmod.py', ns=(0, 2 * 10**18))
r = importlib.reload(rmod)
print(r is rmod, rmod.__dict__ is d, sys.modules['rmod'] is rmod)
print(rmod.A, rmod.B, rmod.f(), old_f(), rmod.extra, rmod.__name__, rmod.f.__globals__ is d)
with open('rmod.py', 'w') as f:
    f.write("A = 1 / 0\n")
try:
    importlib.reload(rmod)
except ZeroDivisionError:
    print('raised', sys.modules['rmod'] is rmod, rmod.A)
os.remove('rmod.py')
try:
    importlib.reload(rmod)
except ModuleNotFoundError as e:
    print(e, e.name)
del sys.modules['rmod']
try:
    importlib.reload(rmod)
except ImportError as e:
    print(e, e.name)
PY
same_output rl.py
printf 'A = 10\ndef f():\n    return "new version"\n' > rmod.py
python3 -c 'import os; os.utime("rmod.py", ns=(0, 2 * 10**18))'
rm -rf __pycache__
cat > rl2.py <<'PY'
import importlib, os, rmod
with open('rmod.py', 'w') as f:
    f.write("A = 'edited source'\n")
importlib.reload(rmod)
print(rmod.A)
PY
out=$("$MP" rl2.py) || fail "reload with cache failed"
[ "$out" = "edited source" ] || fail "reload saw: $out"
r=$("$MP" -c "import marshal; print(marshal._pyc_check('__pycache__/rmod.$TAG.pyc', 'rmod.py')[0])")
[ "$r" = ok ] || fail "reload did not rewrite the cache: $r"

# --- importlib.invalidate_caches ---------------------------------------------
mkdir inv
cat > inv.py <<'PY'
import importlib, os, sys
sys.path.insert(0, 'inv')
if os.path.exists('inv/late.py'):
    os.remove('inv/late.py')   # left by the python3 run of same_output
T = 1700000000 * 10**9
os.utime('inv', ns=(T, T))
try:
    import late
except ImportError as e:
    print(e)
with open('inv/late.py', 'w') as f:
    f.write("V = 'found'\n")
os.utime('inv', ns=(T, T))   # the same mtime: as if within the same tick
importlib.invalidate_caches()
import late
print(late.V)
PY
same_output inv.py
# Without invalidate_caches the listing is still the cached one.
rm -rf inv/late.py inv/__pycache__
sed -i 's/^importlib.invalidate_caches()$/pass/' inv.py
"$MP" inv.py > out 2>&1 && fail "unchanged folder mtime: listing re-read without invalidate_caches: $(cat out)"
exit 0
