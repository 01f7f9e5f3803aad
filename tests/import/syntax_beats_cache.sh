#!/bin/bash
# A syntax error in an edited source is raised even though a (stale) cache
# exists; fixing it recovers.
set -eu
. "$(dirname "$0")/common.inc"
echo 'X = 1' > m.py
echo 'import m; print(m.X)' > main.py
[ "$("$MP" main.py)" = 1 ] || fail "first run"
echo 'X = (' > m.py
if "$MP" main.py >out 2>err; then fail "syntax error not raised (output $(cat out))"; fi
grep -q SyntaxError err || fail "no SyntaxError: $(cat err)"
echo 'X = 3' > m.py
[ "$("$MP" main.py)" = 3 ] || fail "fixed source not used"
exit 0
