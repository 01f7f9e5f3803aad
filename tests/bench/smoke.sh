#!/usr/bin/env bash
# Smoke test of the benchmark harness: benchmarks/run --quick on tiny sizes,
# then check the shape of what it writes (never the timings).
set -euo pipefail
minipy=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail() { echo "bench smoke: $*" >&2; exit 1; }

"$root/benchmarks/run" --quick --sizes 20,60 --tree-modules 4 --runs 1 --minipy "$minipy" --out "$out" \
    >"$out/stdout.txt" 2>"$out/stderr.txt" || fail "harness exited $? ($(tail -3 "$out/stderr.txt"))"

for f in results.csv report.md chart.svg; do [[ -s $out/$f ]] || fail "$f missing or empty"; done
head -1 "$out/results.csv" | grep -qx 'kind,name,lines,interpreter,mode,median_s,min_s,max_s,import_s,peak_rss_kb,gc_pause_pct' \
    || fail "results.csv header"
# 3 trees x 2 interpreters x 4 modes of import rows
n=$(grep -c '^import,' "$out/results.csv") || true
[[ $n -eq 24 ]] || fail "expected 24 import rows, got $n"
for m in cold warm -B stale; do grep -q "^import,single_20,[0-9]*,minipy,$m," "$out/results.csv" || fail "no $m row"; done
nvm=$(ls "$root"/benchmarks/vm/*.py | wc -l)
[[ $(grep -c '^vm,.*,minipy,run,' "$out/results.csv") -eq $nvm ]] || fail "not every VM program was timed"
grep -q '^startup,' "$out/results.csv" || fail "no startup row"
grep -q '<svg' "$out/chart.svg" && grep -q '</svg>' "$out/chart.svg" || fail "chart.svg is not an SVG"
grep -q '<rect' "$out/chart.svg" || fail "chart.svg has no bars"
grep -q '^# minipy benchmarks' "$out/report.md" || fail "report.md heading"
grep -q 'geo. mean' "$out/stdout.txt" || fail "no VM summary in the table"
grep -q 'imports: single_20 under minipy' "$out/stderr.txt" || fail "no progress on stderr"
# Memory: every VM and import row carries a peak RSS; minipy's VM rows the GC share.
grep -qE '^vm,[^,]*,,minipy,run,[^,]*,[^,]*,[^,]*,,[0-9]+,[0-9.]+$' "$out/results.csv" \
    || fail "VM rows without peak RSS and GC share"
grep -qE '^vm,[^,]*,,cpython,run,[^,]*,[^,]*,[^,]*,,[0-9]+,$' "$out/results.csv" || fail "CPython VM rows without peak RSS"
grep -qE '^import,single_20,[0-9]+,cpython,warm,.*,[0-9]+,$' "$out/results.csv" || fail "import rows without peak RSS"
grep -q 'minipy MB' "$out/stdout.txt" || fail "no memory column in the table"
