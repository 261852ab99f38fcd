#!/usr/bin/env bash
# Two graphbuild binaries side by side, alternating, on the same inputs:
# adding a corpus to an empty store and to a copy of a big store, then the
# commands that read the big store with its analytics cached.
# Usage: bench/compare.sh BIGSTORE CORPUS OLD NEW [RUNS] [WORKDIR]
# e.g., with the 1M-edge store of pkg/query's benchmarks and main's binary:
#   QUERY_BENCH_DIR=/tmp/qb go test ./pkg/query -run '^$' -bench Neighbors/typical -benchtime 1x
#   go run ./internal/corpusgen -docs 1000 -out /tmp/corpus-1000.jsonl
#   git worktree add /tmp/old main && (cd /tmp/old && go build -o /tmp/gb-old ./cmd/graphbuild)
#   go build -o /tmp/gb-new ./cmd/graphbuild
#   bench/compare.sh /tmp/qb/dense /tmp/corpus-1000.jsonl /tmp/gb-old /tmp/gb-new
# The read rows ask for "Entity 1" (a hub) and "Entity 54321" of that store.
set -euo pipefail
big=$1 corpus=$2 old=$3 new=$4 runs=${5:-3} dir=${6:-/tmp/graphbuild-compare}
mkdir -p "$dir"
t() { # binary-label, what, command...
  local who=$1 what=$2; shift 2
  /usr/bin/time -f "%e %M" -o "$dir/time" "$@" >/dev/null 2>"$dir/stderr" || { cat "$dir/stderr"; exit 1; }
  read -r secs rss <"$dir/time"
  printf '%-4s %-40s %7.2f s  %6d MB\n' "$who" "$what" "$secs" $((rss / 1024))
}
echo "$(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
for ((i = 1; i <= runs; i++)); do
  for who in old new; do
    gb=$old; [ "$who" = new ] && gb=$new
    rm -rf "$dir/empty"; t "$who" "build into an empty store" "$gb" build --quiet --db "$dir/empty" "$corpus"
    rm -rf "$dir/big"; cp -r "$big" "$dir/big"
    t "$who" "build into the big store" "$gb" build --quiet --db "$dir/big" "$corpus"
  done
done
# Stores with analytics cached, each by its own binary (a build that
# computed them, or analyze when there is one).
for who in old new; do
  gb=$old; [ "$who" = new ] && gb=$new
  rm -rf "$dir/$who.db"; cp -r "$big" "$dir/$who.db"
  "$gb" build --quiet --analyze --db "$dir/$who.db" "$corpus"
done
for ((i = 1; i <= runs; i++)); do
  for who in old new; do
    gb=$old; [ "$who" = new ] && gb=$new
    db="$dir/$who.db"
    t "$who" "stats" "$gb" stats --db "$db"
    t "$who" "query neighbors (hub)" "$gb" query --db "$db" neighbors "Entity 1"
    t "$who" "query top (warm)" "$gb" query --db "$db" top
    t "$who" "query communities (warm)" "$gb" query --db "$db" communities
    t "$who" "query path" "$gb" query --db "$db" path "Entity 1" "Entity 54321"
    t "$who" "export graphml (warm)" "$gb" export --db "$db" --format graphml -o "$dir/$who.graphml"
    t "$who" "export graphml --metrics=false" "$gb" export --db "$db" --format graphml --metrics=false -o "$dir/$who.graphml"
  done
done
# The same store through both binaries (the stores themselves differ when
# the two recognize or resolve differently).
"$old" export --db "$dir/old.db" --format graphml --metrics=false -o "$dir/old.graphml"
"$new" export --db "$dir/old.db" --format graphml --metrics=false -o "$dir/new.graphml"
cmp -s "$dir/old.graphml" "$dir/new.graphml" && echo "graphml --metrics=false of one store: byte-identical" || echo "graphml --metrics=false of one store: differs"
echo "load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
