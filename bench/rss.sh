#!/usr/bin/env bash
# Peak memory of a build, split into anonymous memory (the process's own
# heap) and file-backed pages (Badger's memory-mapped tables, which the
# kernel can reclaim), sampled every 0.2 s.
# Usage: bench/rss.sh DOCS [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-10000}
dir=${2:-/tmp/graphbuild-bench}
mkdir -p "$dir"
go build -o "$dir/graphbuild" ./cmd/graphbuild
corpus="$dir/corpus-$docs.jsonl"
[ -f "$corpus" ] || go run ./internal/corpusgen -docs "$docs" -out "$corpus"
rm -rf "$dir/rss.db"
start=$(date +%s.%N)
"$dir/graphbuild" build --quiet --analyze=false --db "$dir/rss.db" "$corpus" &
pid=$!
anon=0; file=0; total=0
while kill -0 "$pid" 2>/dev/null; do
  if read -r a f < <(awk '/^RssAnon/{a=$2} /^RssFile/{f=$2} END{print a, f}' "/proc/$pid/status" 2>/dev/null); then
    [ -n "$a" ] && [ "$a" -gt "$anon" ] && anon=$a
    [ -n "$f" ] && [ "$f" -gt "$file" ] && file=$f
    [ -n "$a" ] && [ -n "$f" ] && [ $((a + f)) -gt "$total" ] && total=$((a + f))
  fi
  sleep 0.2
done
wait "$pid"
end=$(date +%s.%N)
printf '%d documents: %.1f s, peak RSS %d MB (anonymous %d MB, file-backed %d MB), store %s\n' \
  "$docs" "$(echo "$end - $start" | bc -l)" $((total / 1024)) $((anon / 1024)) $((file / 1024)) "$(du -sh "$dir/rss.db" | cut -f1)"
