#!/usr/bin/env bash
# Whole-process benchmark of `parley code`, reproducible from a checkout and ../shared.
#
#   bench/run.sh [DOCS] [REPEATS]      # default 100000 documents, 3 runs of each measurement
#
# The corpus is generated here, at run time, by `parley-corpus` (crates/bench):
# the 7,600 AG News test items and the PETRARCH GigaWord sample sentences under
# ../shared/anchors as they are, then repeated shuffled, re-dated and with
# country and person names varied from the built-in lexicon, deterministically
# (seed 1). It is written to a temporary folder and removed afterwards; nothing
# generated is kept in the repository.
#
# For the built-in lexicon and for the full Phoenix/CAMEO dictionaries, on one
# thread and on all threads, it prints the median over the runs of wall time,
# sentences/s and MB/s of input text, and the largest peak RSS (from
# /usr/bin/time); start-up is the median time to code one tiny document.
# Throughput counts the whole process: reading JSON lines, coding, writing JSON.
# Wall time is what a user sees but suffers from anything else running on the
# machine; the cpu figure (user + system) is steadier on a shared machine.
# The last line is `sentences/s: N`, one thread, built-in lexicon.
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${1:-100000}
REPEATS=${2:-3}
ANCHORS=${PARLEY_ANCHORS:-$PWD/../shared/anchors}
D=$ANCHORS/petrarch2
[ -d "$D" ] || { echo "bench/run.sh: needs $ANCHORS (the shared anchors)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/run.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
cargo build --release -q -p parley-cli -p parley-bench
P=$PWD/target/release/parley
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
PARLEY_ANCHORS=$ANCHORS ./target/release/parley-corpus --docs "$DOCS" --seed 1 > "$TMP/corpus.jsonl"
STATS=$(./target/release/parley-corpus --stats "$TMP/corpus.jsonl")
docs=$(awk '/^documents/{print $2}' <<< "$STATS")
sentences=$(awk '/^sentences/{print $2}' <<< "$STATS")
bytes=$(awk '/^bytes/{print $2}' <<< "$STATS")
echo '{"id":"one","text":"Russian forces shelled Kharkiv on Tuesday, officials said."}' > "$TMP/one.jsonl"
PHX=(--dictionaries "$D/CAMEO.2.0.txt" --dictionaries "$D/Phoenix.Countries.actors.txt"
     --dictionaries "$D/Phoenix.International.actors.txt" --dictionaries "$D/Phoenix.MilNonState.actors.txt"
     --dictionaries "$D/Phoenix.agents.txt")
NPROC=$(nproc)
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $NPROC cores; $(uname -sr)"
echo "corpus: $docs documents, $sentences sentences, $(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') MB of text (AG News + GigaWord sample, varied, seed 1)"
echo "runs: median of $REPEATS"
startup() { # lexicon-args...
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M" -o "$TMP/t" "$P" code --threads 1 "$@" "$TMP/one.jsonl" > /dev/null 2>> "$TMP/err"
    cat "$TMP/t"
  done > "$TMP/s"
  echo "$(cut -d' ' -f1 "$TMP/s" | median) $(cut -d' ' -f2 "$TMP/s" | sort -n | tail -1)"
}
measure() { # label threads lexicon-args...
  local label=$1 threads=$2; shift 2
  : > "$TMP/runs"
  for _ in $(seq "$REPEATS"); do
    /usr/bin/time -f "%e %U %S %M" -o "$TMP/t" "$P" code --threads "$threads" "$@" "$TMP/corpus.jsonl" > /dev/null 2>> "$TMP/err"
    cat "$TMP/t" >> "$TMP/runs"
  done
  local wall rss cpu
  wall=$(cut -d' ' -f1 "$TMP/runs" | median)
  cpu=$(awk '{print $2+$3}' "$TMP/runs" | median)
  rss=$(cut -d' ' -f4 "$TMP/runs" | sort -n | tail -1)
  LAST=$(awk -v s="$sentences" -v w="$wall" 'BEGIN{printf "%d", s/w}')
  printf "%-10s %2s thread(s): %7.2f s  %9d sentences/s  %6.2f MB/s  peak RSS %5.0f MB  (cpu %.2f s: %d sentences per cpu-second)\n" \
    "$label" "$threads" "$wall" "$LAST" "$(awk -v b="$bytes" -v w="$wall" 'BEGIN{print b/1e6/w}')" \
    "$(awk -v r="$rss" 'BEGIN{print r/1024}')" "$cpu" "$(awk -v s="$sentences" -v c="$cpu" 'BEGIN{printf "%d", s/c}')"
}
read -r s_builtin m_builtin < <(startup)
read -r s_phoenix m_phoenix < <(startup "${PHX[@]}")
printf "start-up   built-in lexicon: %5.0f ms  peak RSS %4.0f MB\n" "$(awk -v s="$s_builtin" 'BEGIN{print s*1000}')" "$(awk -v r="$m_builtin" 'BEGIN{print r/1024}')"
printf "start-up   Phoenix dictionaries: %5.0f ms  peak RSS %4.0f MB\n" "$(awk -v s="$s_phoenix" 'BEGIN{print s*1000}')" "$(awk -v r="$m_phoenix" 'BEGIN{print r/1024}')"
measure phoenix "$NPROC" "${PHX[@]}"; PHX_N=$LAST
measure phoenix 1 "${PHX[@]}"; PHX_1=$LAST
measure built-in "$NPROC"; BUILTIN_N=$LAST
measure built-in 1; BUILTIN_1=$LAST
awk -v a="$BUILTIN_N" -v b="$BUILTIN_1" -v c="$PHX_N" -v d="$PHX_1" -v n="$NPROC" \
  'BEGIN{printf "scaling on %d threads: built-in %.2fx, Phoenix %.2fx\n", n, a/b, c/d}'
echo "sentences/s: $BUILTIN_1"
