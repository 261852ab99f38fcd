#!/usr/bin/env bash
# Retrain the shipped recognizer (pkg/ner/data/model.bin.gz) from the data in
# ../shared/data/ner and data/annotation. Deterministic: the same data give a
# byte-identical model. About 5 minutes on 2 cores.
# The annotated news is listed three times: in-domain data weighted 3x
# measured best on the dev sets (BENCHMARKS.md, "Recognizer, round 2").
set -euo pipefail
export LC_ALL=C # the order of the files, and so the model, does not depend on the locale
cd "$(dirname "$0")/.."
S=${1:-../shared/data/ner}
N=data/annotation/conll/train.conll
go run ./cmd/graphbuild train --out pkg/ner/data/model.bin.gz \
  "$S"/train/uner_en_ewt/*.iob2 "$S"/train/btc/*.conll "$S"/train/wnut17/*.conll \
  "$S"/train/crossner_politics/*.txt \
  "$S"/train-extra/crossner_other/*.conll "$S"/train-extra/re_docred/*.conll "$S"/train-extra/gum/*.conll \
  "$N" "$N" "$N"
