#!/bin/bash
# tests/fuzz/run.sh BUILD_DIR [SECONDS] — build seed corpora in a temporary
# folder and run each libFuzzer target for SECONDS (default 60).
#   parse: every tests/lang/*.py
#   pyc:   the payloads (header stripped: the fuzzer feeds vm_marshal_load)
#          of caches that minipy itself writes for those scripts and stdlib/*.py
# Crash inputs are kept in $FUZZ_OUT (default: ./fuzz-out); exit status is
# non-zero if any fuzzer failed.
set -u
build=${1:?usage: run.sh BUILD_DIR [SECONDS]}
secs=${2:-60}
src=$(cd "$(dirname "$0")/../.." && pwd)
out=${FUZZ_OUT:-$PWD/fuzz-out}
mp=$build/minipy
[ -x "$mp" ] || mp=$src/build/minipy
for t in fuzz_parse fuzz_pyc; do
    [ -x "$build/tests/fuzz/$t" ] || { echo "no $build/tests/fuzz/$t (configure with CC=clang -Dfuzz=true)" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/parse" "$tmp/pyc" "$tmp/src" "$out"

cp "$src"/tests/lang/*.py "$tmp/parse/"

# Compile copies (never write caches into the tree); minipy's compileall
# writes __pycache__/*.pyc beside them.  Scripts minipy cannot compile are
# simply skipped.
cp "$src"/tests/lang/*.py "$src"/stdlib/*.py "$tmp/src/" 2>/dev/null
ASAN_OPTIONS=detect_leaks=0 "$mp" -m compileall -q "$tmp/src" >/dev/null 2>&1
for f in "$tmp"/src/__pycache__/*.pyc; do
    [ -f "$f" ] && tail -c +33 "$f" > "$tmp/pyc/$(basename "$f")"
done
echo "seeds: $(ls "$tmp/parse" | wc -l) sources, $(ls "$tmp/pyc" | wc -l) pyc payloads"

status=0
for t in parse pyc; do
    echo "== fuzz_$t for ${secs}s"
    mkdir -p "$out/$t"
    # Leaks are not crashes here (the VM lives for the whole run).
    ASAN_OPTIONS=detect_leaks=0 "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" \
        -artifact_prefix="$out/$t/" -print_final_stats=1 "$tmp/$t" 2>&1 | grep -v "# Uses:" | tail -n 25
    [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "fuzz_$t FAILED (inputs in $out/$t)"; status=1; }
done
exit $status
