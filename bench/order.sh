#!/usr/bin/env bash
# Order independence at scale: build N corpusgen documents in one run and in
# two runs (second half first), export both stores, compare byte for byte.
#   bench/order.sh [N]      (default 20000; needs about 2 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
go build -o "$T/graphbuild" ./cmd/graphbuild
go run ./internal/corpusgen -docs "$N" -out "$T/c.jsonl"
H=$((N / 2))
head -n "$H" "$T/c.jsonl" > "$T/a.jsonl"
tail -n +"$((H + 1))" "$T/c.jsonl" > "$T/b.jsonl"
G="$T/graphbuild"
$G build --quiet --analyze=false --db "$T/one" "$T/c.jsonl"
$G build --quiet --analyze=false --db "$T/two" "$T/b.jsonl"
$G build --quiet --analyze=false --db "$T/two" "$T/a.jsonl"
all=PERSON,ORG,GPE,LOC,FAC,EVENT,MISC,NORP
for f in json graphml; do
  $G export --db "$T/one" --format $f --metrics=false --types $all > "$T/one.$f"
  $G export --db "$T/two" --format $f --metrics=false --types $all > "$T/two.$f"
  if cmp -s "$T/one.$f" "$T/two.$f"; then
    echo "$f: identical, $(wc -c < "$T/one.$f") bytes"
  else
    echo "$f: DIFFERENT"; exit 1
  fi
done
