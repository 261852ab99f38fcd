#!/usr/bin/env bash
# The Beam pipeline on Prism against graphbuild build, on the same
# generated corpus: wall time, docs/s and peak RSS (GNU time), with 1 and 2
# cores (GOMAXPROCS and taskset: Prism runs its workers in-process). CPU
# seconds (user+sys) are given beside wall time: on a shared machine they
# are the steadier measure.
# Usage: bench/beam.sh DOCS [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-10000}
dir=${2:-/tmp/graphbuild-bench}
mkdir -p "$dir"
go build -o "$dir/graphbuild" ./cmd/graphbuild
(cd dist && go build -o "$dir/graphbuild-beam" ./cmd/graphbuild-beam)
corpus="$dir/corpus-$docs.jsonl"
[ -f "$corpus" ] || go run ./internal/corpusgen -docs "$docs" -out "$corpus"
measure() { # name cores cmd...
  local name=$1 cores=$2; shift 2
  local cpus=0; [ "$cores" = 2 ] && cpus=0,1
  GOMAXPROCS=$cores /usr/bin/time -f '%e %U %S %M' -o "$dir/time.out" taskset -c "$cpus" "$@" >/dev/null 2>"$dir/$name-$cores.log"
  read -r wall user sys rss < <(tail -1 "$dir/time.out")
  printf '%-24s %6d docs, %d core(s): wall %6.1f s (%5.0f docs/s), cpu %6.1f s (%5.1f ms/doc), peak RSS %5d MB\n' "$name" "$docs" "$cores" \
    "$wall" "$(echo "$docs / $wall" | bc -l)" "$(echo "$user + $sys" | bc -l)" "$(echo "1000 * ($user + $sys) / $docs" | bc -l)" $((rss / 1024))
}
for cores in ${CORES:-1 2}; do
  rm -rf "$dir/beam.db" "$dir/beam-out"
  measure "build --analyze=false" "$cores" "$dir/graphbuild" build --quiet --analyze=false --db "$dir/beam.db" "$corpus"
  measure "graphbuild-beam (prism)" "$cores" "$dir/graphbuild-beam" --out "$dir/beam-out" "$corpus"
  rm -rf "$dir/import.db"
  measure "import --analyze=false" "$cores" "$dir/graphbuild" import --quiet --analyze=false --db "$dir/import.db" "$dir/beam-out"
done
