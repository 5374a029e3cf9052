#!/usr/bin/env bash
# Guards optimisation work: the coder's output must not change.
#
#   bench/same-output.sh
#
# Builds `parley` twice from one snapshot of the working tree: as it is, and
# with the files being optimised put back as they were before the work (the
# "pristine" copies under $DIR/pristine/, same relative paths: save a file
# there before its first edit), so that others' concurrent edits to the lexicon
# or the rules are in both binaries. Then codes a fixed corpus (20,000
# documents of the benchmark corpus, seed 7, with --facts) with both, with the
# built-in lexicon and with the full Phoenix dictionaries, on 1 thread and on
# all threads, and compares byte for byte. Nothing is written to the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIR=${PARLEY_SAME_DIR:-/tmp/parley-same-output}
D=${PARLEY_ANCHORS:-$ROOT/../shared/anchors}/petrarch2
mkdir -p "$DIR"
cargo build --release -q -p parley-bench
[ -s "$DIR/corpus.jsonl" ] || ./target/release/parley-corpus --docs 20000 --seed 7 > "$DIR/corpus.jsonl"
# Both binaries are built from one snapshot of the working tree (others edit
# it while this runs); the reference then gets the pristine files.
snapshot() {
  mkdir -p "$1"
  for p in Cargo.toml Cargo.lock lexicon crates; do
    if [ -d "$p" ]; then mkdir -p "$1/$p" && cp -a -u "$p/." "$1/$p/"; else cp -a -u "$p" "$1/$p"; fi
  done
  rm -rf "$1/crates/bench" "$1/crates/python"
}
snapshot "$DIR/now-tree"
cp -a "$DIR/now-tree/." "$DIR/ref-tree/" 2>/dev/null || { mkdir -p "$DIR/ref-tree"; cp -a "$DIR/now-tree/." "$DIR/ref-tree/"; }
(cd "$DIR/pristine" && find . -type f) | while read -r f; do
  cmp -s "$DIR/pristine/$f" "$DIR/ref-tree/$f" || cp "$DIR/pristine/$f" "$DIR/ref-tree/$f"
done
(cd "$DIR/now-tree" && CARGO_TARGET_DIR=$DIR/now-target cargo build --release -q -p parley-cli)
(cd "$DIR/ref-tree" && CARGO_TARGET_DIR=$DIR/ref-target cargo build --release -q -p parley-cli)
PHX=(--dictionaries "$D/CAMEO.2.0.txt" --dictionaries "$D/Phoenix.Countries.actors.txt"
     --dictionaries "$D/Phoenix.International.actors.txt" --dictionaries "$D/Phoenix.MilNonState.actors.txt"
     --dictionaries "$D/Phoenix.agents.txt")
run() {
  "$1" code --facts --threads 1 "$DIR/corpus.jsonl" > "$2.builtin.1"
  "$1" code --facts "$DIR/corpus.jsonl" > "$2.builtin.n"
  "$1" code --facts --threads 1 "${PHX[@]}" "$DIR/corpus.jsonl" > "$2.phoenix.1" 2>/dev/null
  "$1" code --facts "${PHX[@]}" "$DIR/corpus.jsonl" > "$2.phoenix.n" 2>/dev/null
}
run "$DIR/ref-target/release/parley" "$DIR/ref"
run "$DIR/now-target/release/parley" "$DIR/now"
status=0
for k in builtin.1 builtin.n phoenix.1 phoenix.n; do
  if cmp -s "$DIR/ref.$k" "$DIR/now.$k"; then
    echo "same: $k ($(wc -l < "$DIR/now.$k") lines)"
  else
    echo "DIFFERENT: $k"; diff "$DIR/ref.$k" "$DIR/now.$k" | head -4 | cut -c1-300
    status=1
  fi
done
cmp -s "$DIR/now.builtin.1" "$DIR/now.builtin.n" || { echo "DIFFERENT: 1 thread vs all threads"; status=1; }
[ $status = 0 ] && echo "output unchanged"
exit $status
