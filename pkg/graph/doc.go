// Package graph holds graphbuild's graph model (Entity, Document, Mention,
// Edge, Evidence), the Badger-backed Store that keeps it on disk and grows
// with every build, and the gonum view used for analysis.
//
// It imports no other graphbuild package: callers convert what they found
// into a Contribution, one per document, and the Store merges it.
package graph
