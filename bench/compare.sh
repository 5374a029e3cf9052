#!/usr/bin/env bash
# What this checkout's coding costs against an earlier revision, in one run.
#
#   bench/compare.sh REV [DOCS] [RUNS]     # default 20000 documents, 5 runs of each
#
# Builds `parley` at REV in a temporary worktree (or takes PARLEY_BASE_BIN, a
# binary built before), generates the bench corpus (`parley-corpus`, as
# bench/run.sh does), and codes it with both binaries on one thread, the
# runs alternating so that both meet the same load. It prints the median CPU
# time (user + system) of each and their ratio. With `perf` it also samples
# one more run of this checkout's binary and counts the samples spent in the
# parser (tagging, parsing, loading its model: any frame of `parley_syntax`),
# so that the rest can be set against REV: the accuracy work's budget is
# counted without the parser, which the parser issue budgets apart.
# CPU time on a shared machine is steadier than wall time, not steady: run
# it on an idle machine and read differences under 5% as noise.
set -euo pipefail
cd "$(dirname "$0")/.."
REV=${1:?usage: bench/compare.sh REV [DOCS] [RUNS]}
DOCS=${2:-20000}
RUNS=${3:-5}
ANCHORS=${PARLEY_ANCHORS:-$PWD/../shared/anchors}
[ -d "$ANCHORS/petrarch2" ] || { echo "bench/compare.sh: needs $ANCHORS (the shared anchors)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/compare.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
cargo build --release -q -p parley-cli -p parley-bench
NEW=$PWD/target/release/parley
TMP=$(mktemp -d)
cleanup() {
  [ -d "$TMP/base" ] && git worktree remove --force "$TMP/base" > /dev/null 2>&1
  rm -rf "$TMP"
}
trap cleanup EXIT
BASE=${PARLEY_BASE_BIN:-}
if [ -z "$BASE" ]; then
  git worktree add -q --detach "$TMP/base" "$REV"
  (cd "$TMP/base" && CARGO_TARGET_DIR="$TMP/target" cargo build --release -q -p parley-cli)
  BASE=$TMP/target/release/parley
fi
PARLEY_ANCHORS=$ANCHORS ./target/release/parley-corpus --docs "$DOCS" --seed 1 > "$TMP/corpus.jsonl"
sentences=$(./target/release/parley-corpus --stats "$TMP/corpus.jsonl" | awk '/^sentences/{print $2}')
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
for _ in $(seq "$RUNS"); do
  for which in base new; do
    bin=$BASE; [ "$which" = new ] && bin=$NEW
    /usr/bin/time -f "$which %U %S" -o "$TMP/t" "$bin" code --threads 1 "$TMP/corpus.jsonl" > /dev/null 2> /dev/null
    cat "$TMP/t" >> "$TMP/runs"
  done
done
cpu() { awk -v w="$1" '$1 == w {print $2 + $3}' "$TMP/runs" | median; }
base=$(cpu base)
new=$(cpu new)
echo "corpus: $DOCS documents, $sentences sentences; one thread; median CPU of $RUNS alternating runs"
printf "%-12s %6.2f s  %7d sentences per cpu-second\n" "$REV" "$base" "$(awk -v s="$sentences" -v c="$base" 'BEGIN{printf "%d", s/c}')"
printf "%-12s %6.2f s  %7d sentences per cpu-second  (%.2fx the CPU of %s)\n" "this" "$new" \
  "$(awk -v s="$sentences" -v c="$new" 'BEGIN{printf "%d", s/c}')" "$(awk -v a="$new" -v b="$base" 'BEGIN{print a/b}')" "$REV"
if command -v perf > /dev/null && perf record -q -e cpu-clock -F 1000 --call-graph dwarf,16384 -o "$TMP/perf.data" \
    "$NEW" code --threads 1 "$TMP/corpus.jsonl" > /dev/null 2> /dev/null; then
  share=$(perf script -i "$TMP/perf.data" 2> /dev/null | awk '
    /^[^ \t]/ { if (n) { total++; if (parser) syntax++ } n = 1; parser = 0; next }
    /parley_syntax::/ { parser = 1 }
    END { if (n) { total++; if (parser) syntax++ } printf "%.3f", syntax / total }')
  awk -v s="$share" -v a="$new" -v b="$base" -v r="$REV" 'BEGIN {
    printf "parser (tagging, parsing, its model): %.0f%% of the samples, about %.2f s\n", 100 * s, s * a
    printf "the rest: about %.2f s, %+.0f%% against %s\n", (1 - s) * a, 100 * ((1 - s) * a / b - 1), r }'
else
  echo "(no perf here: the parser's share is not measured)"
fi
