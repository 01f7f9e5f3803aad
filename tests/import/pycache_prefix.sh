#!/bin/bash
# A cache prefix mirrors the absolute source folder under the prefix.
set -eu
. "$(dirname "$0")/common.inc"
mkdir src
echo 'X = 7' > src/m.py
echo 'import m; print(m.X, m.__cached__)' > src/main.py
out=$("$MP" -X pycache_prefix="$T/pfx" src/main.py) || fail "run with -X pycache_prefix"
[ "$out" = "7 $T/pfx$T/src/m.$TAG.pyc" ] || fail "output: $out"
[ -f "pfx$T/src/m.$TAG.pyc" ] || fail "no cache under the prefix"
[ ! -e src/__pycache__ ] || fail "__pycache__ created despite the prefix"
out=$(MINIPYPYCACHEPREFIX="$T/pfx2" "$MP" src/main.py) || fail "run with MINIPYPYCACHEPREFIX"
[ -f "pfx2$T/src/m.$TAG.pyc" ] || fail "no cache under MINIPYPYCACHEPREFIX"
"$MP" -v -X pycache_prefix="$T/pfx" src/main.py 2>err >/dev/null
grep -q "matches" err || fail "prefix cache not used on the warm run"
exit 0
