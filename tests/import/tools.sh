#!/bin/bash
# The minipy-written tools: compileall (-q -f --invalidation-mode),
# py_compile, pycinfo, importlib.util; hash-based caches from compileall are
# byte-identical across folders.
set -eu
. "$(dirname "$0")/common.inc"
mkdir -p a/pkg b/pkg
for d in a b; do
    printf 'def f():\n    return "f"\n' > $d/pkg/__init__.py
    printf 'X = [1, 2, 3]\n' > $d/pkg/mod.py
done
"$MP" -m compileall -q --invalidation-mode checked-hash a b || fail "compileall failed"
for f in __init__ mod; do
    cmp -s "a/pkg/__pycache__/$f.$TAG.pyc" "b/pkg/__pycache__/$f.$TAG.pyc" || fail "$f: caches differ"
done
out=$("$MP" -m compileall --invalidation-mode checked-hash a) || fail "second compileall"
echo "$out" | grep -q Compiling && fail "up-to-date files recompiled: $out"
out=$("$MP" -m compileall -f a) || fail "compileall -f"
echo "$out" | grep -q "Compiling 'a/pkg/mod.py'" || fail "-f did not recompile: $out"
"$MP" -m pycinfo "a/pkg/__pycache__/mod.$TAG.pyc" > info || fail "pycinfo failed"
grep -q '^flags: 0 (timestamp)$' info || fail "pycinfo flags: $(cat info)"
grep -q '^matches source: yes$' info || fail "pycinfo match: $(cat info)"
grep -q '^payload: verifies$' info || fail "pycinfo payload: $(cat info)"
printf 'X = [1, 2, 3, 4]\n' > a/pkg/mod.py
"$MP" -m pycinfo "a/pkg/__pycache__/mod.$TAG.pyc" > info || fail "pycinfo (stale) failed"
grep -q '^matches source: no' info || fail "pycinfo stale: $(cat info)"
printf 'junk' > a/pkg/__pycache__/mod.$TAG.pyc
"$MP" -m pycinfo "a/pkg/__pycache__/mod.$TAG.pyc" > info && fail "pycinfo accepted junk"
grep -q 'header: invalid' info || fail "pycinfo junk: $(cat info)"
out=$("$MP" -c 'import py_compile; print(py_compile.compile("b/pkg/mod.py"))') || fail "py_compile"
[ "$out" = "b/pkg/__pycache__/mod.$TAG.pyc" ] || fail "py_compile returned $out"
out=$("$MP" -c 'import importlib.util as u; print(u.cache_from_source("/x/y.py", optimization=2)); print(u.source_from_cache("/x/__pycache__/y.minipy-01.pyc"))')
[ "$out" = "/x/__pycache__/y.$TAG.opt-2.pyc
/x/y.py" ] || fail "importlib.util: $out"
exit 0
