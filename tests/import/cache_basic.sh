#!/bin/bash
# Imported modules get a cache, the main script does not; a warm run uses the
# cache without rewriting it.
set -eu
. "$(dirname "$0")/common.inc"
cat > m.py <<'PY'
def double(x):
    return 2 * x
NAMES = ('a', 'b', 'a')
PY
cat > main.py <<'PY'
import m
print(m.double(21), m.NAMES, m.__name__)
print(m.__file__.endswith('/m.py'), m.__cached__.endswith('__pycache__/m.minipy-01.pyc'))
PY
want=$(python3 -B main.py | sed 's/True$/True/')
got=$("$MP" main.py) || fail "cold run failed"
[ "$(echo "$got" | head -1)" = "$(echo "$want" | head -1)" ] || fail "cold output: $got"
[ "$(echo "$got" | tail -1)" = "True True" ] || fail "__file__/__cached__: $got"
[ -f "__pycache__/m.$TAG.pyc" ] || fail "no cache for m"
[ ! -e "__pycache__/main.$TAG.pyc" ] || fail "main script was cached"
ls __pycache__ | grep -v "^m\.$TAG\.pyc$" | grep -v cpython && fail "stray files in __pycache__: $(ls __pycache__)"
sig=$(stat_sig "__pycache__/m.$TAG.pyc")
got2=$("$MP" main.py) || fail "warm run failed"
[ "$got" = "$got2" ] || fail "warm output differs"
[ "$sig" = "$(stat_sig "__pycache__/m.$TAG.pyc")" ] || fail "warm run rewrote the cache"
"$MP" -v main.py 2>err >/dev/null || fail "-v run failed"
grep -q "^# $T/__pycache__/m.$TAG.pyc matches $T/m.py" err || fail "-v: no 'matches' line: $(cat err)"
grep -q "^# code object from '$T/__pycache__/m.$TAG.pyc'" err || fail "-v: no 'code object from' line"
grep -q "^import 'm'" err || fail "-v: no import line"
exit 0
