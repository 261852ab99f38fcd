#!/usr/bin/env bash
# Two graphbuild binaries exporting the same store, alternating, each run's
# wall and CPU seconds and its peak memory split into anonymous memory (the
# process's own heap) and file-backed pages (Badger's memory-mapped
# tables), sampled every 0.1 s; then whether their outputs are
# byte-identical. The CPU steal of the window is printed too: on a shared
# virtual machine it, not the binaries, is often what moves wall times.
# Usage: bench/export.sh STORE OLD NEW [RUNS] [WORKDIR] [-- EXPORT-ARGS...]
# e.g. bench/export.sh /tmp/qb/dense /tmp/gb-old /tmp/gb-new 3 /tmp/ex -- --format graphml --metrics=false
# The store is only read (export opens it read-only unless analytics must
# be computed: give --metrics=false, or a store whose analytics are cached).
set -euo pipefail
store=$1 old=$2 new=$3 runs=${4:-3} dir=${5:-/tmp/graphbuild-export}
shift $(($# < 5 ? $# : 5))
[ "${1:-}" = "--" ] && shift
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--format graphml)
mkdir -p "$dir"
run() { # label binary
  local label=$1 bin=$2 u0 n0 s0 i0 w0 q0 sq0 st0 u1 n1 s1 i1 w1 q1 sq1 st1 a f k v
  read -r _ u0 n0 s0 i0 w0 q0 sq0 st0 _ </proc/stat
  /usr/bin/time -f '%e %U %S' -o "$dir/time" "$bin" export --db "$store" "${args[@]}" >"$dir/out-$label" 2>"$dir/err-$label" &
  local tpid=$! pid= anon=0 file=0 total=0
  while kill -0 "$tpid" 2>/dev/null; do
    [ -n "$pid" ] || read -r pid _ <"/proc/$tpid/task/$tpid/children" 2>/dev/null || true
    a= f=
    if [ -n "$pid" ]; then
      { while read -r k v _; do
          case $k in RssAnon:) a=$v ;; RssFile:) f=$v ;; esac
        done <"/proc/$pid/status"; } 2>/dev/null || true
    fi
    if [ -n "$a" ] && [ -n "$f" ]; then
      [ "$a" -gt "$anon" ] && anon=$a
      [ "$f" -gt "$file" ] && file=$f
      [ $((a + f)) -gt "$total" ] && total=$((a + f))
    fi
    sleep 0.1
  done
  wait "$tpid" || { cat "$dir/err-$label"; exit 1; }
  read -r _ u1 n1 s1 i1 w1 q1 sq1 st1 _ </proc/stat
  local all=$(((u1 + n1 + s1 + i1 + w1 + q1 + sq1 + st1) - (u0 + n0 + s0 + i0 + w0 + q0 + sq0 + st0)))
  read -r wall user sys <"$dir/time"
  printf '%-4s %6.2f s wall %6.2f CPU-s  peak RSS %4d MB (anon %4d, file %4d)  load %s steal %d%%\n' \
    "$label" "$wall" "$(echo "$user + $sys" | bc -l)" $((total / 1024)) $((anon / 1024)) $((file / 1024)) \
    "$(cut -d' ' -f1 /proc/loadavg)" $((100 * (st1 - st0) / (all > 0 ? all : 1)))
}
echo "export ${args[*]} of $store, $runs alternating runs each"
for _ in $(seq "$runs"); do
  run old "$old"
  run new "$new"
done
if cmp -s "$dir/out-old" "$dir/out-new"; then
  echo "outputs byte-identical ($(stat -c %s "$dir/out-new") bytes)"
else
  echo "outputs DIFFER"
  exit 1
fi
