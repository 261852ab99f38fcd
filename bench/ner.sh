#!/usr/bin/env bash
# Accuracy of the recognizer against prose/v3's built-in model on the
# development sets and on the held-out part of our annotated news (same files,
# same scorer), and speed of both pipelines.
# Usage: bench/ner.sh [DEVDIR]   (default ../shared/data/ner/dev)
set -euo pipefail
cd "$(dirname "$0")/.."
D=${1:-../shared/data/ner/dev}
files=("$D/wikigold/wikigold.conll.txt" "$D/meantime/meantime_intradoc_nam_s0-5.conll"
       "$D/uner_en_ewt/en_ewt-ud-dev.iob2" "$D/wnut17/emerging.dev.conll"
       data/annotation/conll/test.conll)
go build -o /tmp/graphbuild-ner ./cmd/graphbuild
echo "== accuracy ($(date -u +%F), exact spans, LOC = GPE+LOC+FAC)"
for rec in ours prose; do
  echo "-- recognizer: $rec"
  /tmp/graphbuild-ner eval --recognizer "$rec" "${files[@]}" | grep -E '^\S|micro|PER|ORG|LOC'
done
echo "== speed (one core)"
GOMAXPROCS=1 go test ./pkg/ner -run XXX -bench 'Recognize$|Pipeline|Analyze' -benchtime 3s -cpu 1 -count 1 | grep -E '^Benchmark'
