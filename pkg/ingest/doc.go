// Package ingest wires the stages of a build together: it reads documents
// from sources, extracts and resolves their entities on every core, turns
// each document's findings into a graph.Contribution (co-occurrence,
// context and topic edges with their evidence) and hands them, in input
// order and in batches, to the one goroutine that writes the store.
//
// One bad document never costs the build: an input, a JSONL line or a
// document that cannot be read, analysed or stored (an id over 4 KB, more
// entities and edges than one store transaction holds) is reported through
// OnError with its path and reason, counted in Summary.Failed, and every
// other document is stored.
//
// Output is deterministic: documents are resolved across the corpus and
// written in the order Expand lists the inputs, whatever order the workers
// finish in.
package ingest
