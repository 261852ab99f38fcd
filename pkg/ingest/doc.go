// Package ingest wires the stages of a build together: it reads documents
// from sources, extracts and resolves their entities on every core, turns
// each document's findings into a graph.Contribution (co-occurrence,
// context and topic edges with their evidence) and hands them, in input
// order and in batches, to the one goroutine that writes the store.
//
// Output is deterministic: documents are resolved across the corpus and
// written in the order Expand lists the inputs, whatever order the workers
// finish in.
package ingest
