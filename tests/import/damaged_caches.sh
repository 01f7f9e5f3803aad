#!/bin/bash
# Truncated, bit-flipped, wrong-magic, random and empty caches are
# recompiled and replaced by a good one; the program still runs.
set -eu
. "$(dirname "$0")/common.inc"
cat > m.py <<'PY'
VALUES = [i * i for i in range(10)]
def total():
    return sum(VALUES)
PY
echo 'import m; print(m.total(), m.VALUES[-1])' > main.py
want=$(python3 -B main.py)
C=__pycache__/m.$TAG.pyc
[ "$("$MP" main.py)" = "$want" ] || fail "first run"
cp "$C" good.pyc
size=$(stat -c %s good.pyc)
damage() {
    case $1 in
    truncated) head -c $((size / 2)) good.pyc > "$C" ;;
    header-only) head -c 20 good.pyc > "$C" ;;
    bitflip) python3 -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); b[len(b)//2]^=0x20; open(sys.argv[2],"wb").write(b)' good.pyc "$C" ;;
    magic) python3 -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); b[0]^=0xff; open(sys.argv[2],"wb").write(b)' good.pyc "$C" ;;
    flags) python3 -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); b[4]=0x80; open(sys.argv[2],"wb").write(b)' good.pyc "$C" ;;
    random) head -c "$size" /dev/urandom > "$C" ;;
    empty) : > "$C" ;;
    directory) rm -f "$C"; mkdir "$C" ;;
    esac
}
for kind in truncated header-only bitflip magic flags random empty; do
    damage $kind
    got=$("$MP" main.py 2>err) || fail "$kind: run failed: $(cat err)"
    [ "$got" = "$want" ] || fail "$kind: output [$got]"
    cmp -s "$C" good.pyc || fail "$kind: cache not replaced by a good one"
done
# a folder where the cache file should be: import still works, silently
damage directory
got=$("$MP" main.py 2>err) || fail "directory: run failed"
[ "$got" = "$want" ] || fail "directory: output"
[ ! -s err ] || fail "directory: not silent: $(cat err)"
exit 0
