#!/bin/bash
# 16 cold imports at once all succeed and leave only valid caches (writes
# go through a temporary file and a rename).
set -eu
. "$(dirname "$0")/common.inc"
python3 -c '
for i in range(4):
    with open(f"mod{i}.py", "w") as f:
        for j in range(300):
            f.write(f"def f{j}(x):\n    return x + {j}\n")
with open("main.py", "w") as f:
    f.write("import mod0, mod1, mod2, mod3\nprint(mod0.f1(1) + mod3.f299(1))\n")
'
want=$(python3 -B main.py)
pids=()
for i in $(seq 16); do
    ( out=$("$MP" main.py 2>"err$i") && [ "$out" = "$want" ] ) &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || fail "a concurrent run failed: $(cat err* | head -5)"; done
for i in 0 1 2 3; do
    valid_cache "__pycache__/mod$i.$TAG.pyc" || fail "mod$i cache not valid"
done
extra=$(ls __pycache__ | grep -v "^mod[0-3]\.$TAG\.pyc$" || true)
[ -z "$extra" ] || fail "leftover files: $extra"
exit 0
