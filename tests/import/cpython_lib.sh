#!/bin/bash
# sys.path ends with minipy's stdlib, then CPython's pure-Python library
# (MINIPYCPYTHONLIB overrides the built-in path; -E and -I ignore it; -I
# also leaves out the script folder); minipy's modules shadow CPython's;
# modules from CPython's tree are cached beside CPython's own caches.
set -eu
. "$(dirname "$0")/common.inc"
mkdir -p fakelib/__pycache__ proj
echo 'print("fake keyword")' > fakelib/keyword.py
echo 'print("fake _thread")' > fakelib/_thread.py
echo 'print("fake dis")' > fakelib/dis.py
echo 'X = 42' > fakelib/onlycpy.py
echo 'stand-in for CPython'"'"'s own cache' > fakelib/__pycache__/onlycpy.cpython-311.pyc

cat > proj/show.py <<'PY'
import sys
print(sys.path[-2].endswith("stdlib"), sys.path[-1], sys.flags.isolated)
print(sys.path[0].endswith("/proj"))
PY
built=$("$MP" -c 'import sys; print(sys.path[-1])')
[ -n "$built" ] || fail "no CPython library on sys.path"
out=$("$MP" proj/show.py)
[ "$out" = "True $built 0
True" ] || fail "default sys.path: $out"
out=$(MINIPYCPYTHONLIB="$T/fakelib" "$MP" proj/show.py)
[ "$out" = "True $T/fakelib 0
True" ] || fail "MINIPYCPYTHONLIB: $out"
out=$(MINIPYCPYTHONLIB="$T/fakelib" "$MP" -E proj/show.py | head -1)
[ "$out" = "True $built 0" ] || fail "-E kept MINIPYCPYTHONLIB: $out"
out=$(MINIPYPATH="$T/proj" MINIPYCPYTHONLIB="$T/fakelib" "$MP" -I -c 'import sys; print(len(sys.path), sys.path[-1] == sys.argv[0], sys.flags.isolated, sys.flags.ignore_environment)')
[ "$out" = "2 False 1 1" ] || fail "-I: $out"
cd proj
out=$("$MP" -I show.py | tail -1)
[ "$out" = "False" ] || fail "-I put the script folder on sys.path"
cd ..

# minipy's own modules (native, then stdlib/*.py) win over CPython's.
out=$(MINIPYCPYTHONLIB="$T/fakelib" "$MP" -c 'import _thread, dis, keyword; print(hasattr(_thread, "allocate_lock"), hasattr(dis, "dis"))')
[ "$out" = "fake keyword
True True" ] || fail "shadowing: $out"

# The first import caches a CPython-tree module beside CPython's cache.
out=$(MINIPYCPYTHONLIB="$T/fakelib" "$MP" -c 'import onlycpy; print(onlycpy.X)')
[ "$out" = "42" ] || fail "import from the CPython tree: $out"
[ -f fakelib/__pycache__/onlycpy.$TAG.pyc ] || fail "no cache beside CPython's: $(ls fakelib/__pycache__)"
[ -f fakelib/__pycache__/onlycpy.cpython-311.pyc ] || fail "CPython's cache was touched"
valid_cache fakelib/__pycache__/onlycpy.$TAG.pyc || fail "the cache is not minipy's"
rm -f fakelib/__pycache__/keyword.$TAG.pyc
MINIPYCPYTHONLIB="$T/fakelib" "$MP" -B -c 'import keyword' >/dev/null
[ ! -f fakelib/__pycache__/keyword.$TAG.pyc ] || fail "-B wrote a cache"
exit 0
