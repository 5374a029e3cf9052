#!/usr/bin/env bash
# Import benchmark: `parley import --format icews-tkg` of the ICEWS14 training
# split (74,845 facts) into a fresh store, as a user runs it.
#
#   bench/import-icews.sh [RUNS] [SPLIT]    # default 3 runs of ../shared/corpora/tkg/ICEWS14/train.txt
#
# For each run it prints the facts stored, wall seconds, facts/s, CPU seconds
# (user + system) and peak RSS, then the median wall time. The store goes to a
# temporary folder, removed afterwards. Target: under 5 s for ICEWS14 train.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
SPLIT=${2:-$PWD/../shared/corpora/tkg/ICEWS14/train.txt}
[ -f "$SPLIT" ] || { echo "bench/import-icews.sh: no $SPLIT (the shared corpora)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/import-icews.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
cargo build --release -q -p parley-cli
P=$PWD/target/release/parley
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
facts=$(grep -c . "$SPLIT")
walls=()
for run in $(seq "$RUNS"); do
    rm -f "$TMP"/events.db*
    /usr/bin/time -f '%e %U %S %M' -o "$TMP/time" "$P" import --db "$TMP/events.db" --format icews-tkg "$SPLIT" 2> "$TMP/err" || { cat "$TMP/err" >&2; exit 1; }
    read -r wall user sys rss < "$TMP/time"
    stored=$(sed -n 's/.*imported \([0-9]*\) events.*/\1/p' "$TMP/err")
    printf 'run %d: %s of %s facts stored in %.2f s wall (%.0f facts/s), %.2f s CPU, peak RSS %d MiB\n' \
        "$run" "$stored" "$facts" "$wall" "$(echo "$stored / $wall" | bc -l)" "$(echo "$user + $sys" | bc -l)" $((rss / 1024))
    walls+=("$wall")
done
median=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p")
echo "median wall: $median s for $facts facts (target < 5 s)"
