#!/bin/bash
# With a file-size limit the cache write fails (EFBIG, not SIGXFSZ) and the
# import still succeeds, leaving no partial file.
set -eu
. "$(dirname "$0")/common.inc"
echo 'X = "limited"' > m.py
echo 'import m; print(m.X)' > main.py
out=$(ulimit -f 0; "$MP" main.py 2>err) || fail "run under ulimit -f 0 failed: $(cat err)"
[ "$out" = limited ] || fail "output: $out"
if [ -d __pycache__ ]; then
    for f in __pycache__/*; do
        [ -e "$f" ] || continue
        [ -s "$f" ] && valid_cache "$f" || fail "partial file left: $f"
    done
fi
exit 0
