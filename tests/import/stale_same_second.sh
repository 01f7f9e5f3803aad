#!/bin/bash
# An edit that keeps the size and lands in the same second is still seen
# (the header holds the mtime in nanoseconds).
set -eu
. "$(dirname "$0")/common.inc"
echo 'X = 1' > m.py
echo 'import m; print(m.X)' > main.py
setmt() { python3 -c 'import os,sys; n=int(sys.argv[2]); os.utime(sys.argv[1], ns=(n, n))' m.py "$1"; }
setmt 1700000000000000100
[ "$("$MP" main.py)" = 1 ] || fail "first run"
echo 'X = 2' > m.py
setmt 1700000000000000200
[ "$("$MP" main.py)" = 2 ] || fail "same-second same-size edit not seen"
"$MP" -v main.py 2>err >/dev/null
grep -q "matches" err || fail "cache not rewritten after the stale load"
exit 0
