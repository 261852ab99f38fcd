// Command corpusgen writes a synthetic news corpus for benchmarks, made
// without network from the sentences of the bundled fixtures: every
// document is a deterministic mix of fixture sentences, so its entities,
// sentence lengths and vocabulary are those of real news, and every
// document is distinct.
//
//	go run ./internal/corpusgen -docs 10000 -out /tmp/corpus.jsonl
//	go run ./internal/corpusgen -docs 1000 -format txt -out /tmp/corpus/
package main
