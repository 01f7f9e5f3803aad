#!/bin/bash
# -X importtime prints CPython's table, nested imports indented.
set -eu
. "$(dirname "$0")/common.inc"
echo 'import inner' > outer.py
echo 'X = 1' > inner.py
"$MP" -X importtime -c 'import outer' 2>err || fail "run failed"
head -1 err | grep -q '^import time: self \[us\] | cumulative | imported package$' || fail "header: $(head -1 err)"
grep -Eq '^import time: +[0-9]+ \| +[0-9]+ \|   inner$' err || fail "inner line: $(cat err)"
grep -Eq '^import time: +[0-9]+ \| +[0-9]+ \| outer$' err || fail "outer line: $(cat err)"
exit 0
