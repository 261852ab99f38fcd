#!/usr/bin/env bash
# Whole-process timings of extract and build on a synthetic corpus made from
# the fixtures (no network). Usage: bench/ingest.sh [DOCS] [WORKDIR]
# Prints one line per run: what, wall seconds, peak RSS, docs/s.
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-10000}
dir=${2:-/tmp/graphbuild-bench}
mkdir -p "$dir"
go build -o "$dir/graphbuild" ./cmd/graphbuild
corpus="$dir/corpus-$docs.jsonl"
[ -f "$corpus" ] || go run ./internal/corpusgen -docs "$docs" -out "$corpus"
gb="$dir/graphbuild"
echo "corpus: $docs documents, $(du -m "$corpus" | cut -f1) MB; $(nproc) cores; $(date -u +%F)"
t() { # name, command...
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$dir/time" "$@" >/dev/null 2>"$dir/stderr" || { cat "$dir/stderr"; exit 1; }
  read -r secs rss <"$dir/time"
  printf '%-34s %7.1f s  %6d MB  %7.0f docs/s\n' "$name" "$secs" $((rss / 1024)) "$(echo "$docs / $secs" | bc -l)"
}
t "extract, prose/v3 recognizer" "$gb" extract --recognizer prose "$corpus"
t "extract, ours" "$gb" extract "$corpus"
rm -rf "$dir/db2"; t "build, 2 cores" "$gb" build --quiet --analyze=false --db "$dir/db2" "$corpus"
rm -rf "$dir/db1"; t "build, 1 core" taskset -c 0 env GOMAXPROCS=1 "$gb" build --quiet --analyze=false --db "$dir/db1" "$corpus"
t "extract, ours, 1 core" taskset -c 0 env GOMAXPROCS=1 "$gb" extract "$corpus"
t "build again (all skipped)" "$gb" build --quiet --analyze=false --db "$dir/db2" "$corpus"
"$gb" build --db "$dir/db2" "$corpus" 2>&1 | grep -E "tokens|holds" || true
