#!/usr/bin/env bash
# Whole-process cost of adding documents to a big store against adding them
# to an empty one, and of the commands that read a big store.
# Usage: bench/incremental.sh BIGSTORE [DOCS] [WORKDIR] [GRAPHBUILD]
# BIGSTORE is copied, never changed: the 1M-edge store pkg/query's
# benchmarks build, e.g.
#   QUERY_BENCH_DIR=/tmp/qb go test ./pkg/query -run '^$' -bench Neighbors/typical -benchtime 1x
#   bench/incremental.sh /tmp/qb/dense
# GRAPHBUILD is a binary to measure (default: this tree, built).
set -euo pipefail
cd "$(dirname "$0")/.."
big=$1
docs=${2:-1000}
dir=${3:-/tmp/graphbuild-incremental}
mkdir -p "$dir"
gb=${4:-}
if [ -z "$gb" ]; then
  go build -o "$dir/graphbuild" ./cmd/graphbuild
  gb="$dir/graphbuild"
fi
corpus="$dir/corpus-$docs.jsonl"
[ -f "$corpus" ] || go run ./internal/corpusgen -docs "$docs" -out "$corpus"
echo "$gb; $docs documents; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
t() { # name, command...
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$dir/time" "$@" >/dev/null 2>"$dir/stderr" || { cat "$dir/stderr"; exit 1; }
  read -r secs rss <"$dir/time"
  printf '%-44s %7.2f s  %6d MB\n' "$name" "$secs" $((rss / 1024))
}
rm -rf "$dir/empty"; t "build into an empty store" "$gb" build --quiet --db "$dir/empty" "$corpus"
rm -rf "$dir/big"; cp -r "$big" "$dir/big"
t "build into the big store" "$gb" build --quiet --db "$dir/big" "$corpus"
t "stats" "$gb" stats --db "$dir/big"
t "query neighbors (hub)" "$gb" query --db "$dir/big" neighbors "Entity 1"
t "query top (cold: first after the build)" "$gb" query --db "$dir/big" top
t "query top (warm)" "$gb" query --db "$dir/big" top
t "query communities (warm)" "$gb" query --db "$dir/big" communities
t "query path (hub to typical)" "$gb" query --db "$dir/big" path "Entity 1" "Entity 54321"
t "export graphml (warm)" "$gb" export --db "$dir/big" --format graphml -o "$dir/big.graphml"
t "export graphml --metrics=false" "$gb" export --db "$dir/big" --format graphml --metrics=false -o "$dir/big.graphml"
rm -rf "$dir/big"
