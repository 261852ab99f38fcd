// Package graph holds graphbuild's graph model (Entity, Document, Mention,
// Edge, Evidence), the Badger-backed Store that keeps it on disk and grows
// with every build, and the gonum view used for analysis.
//
// It imports no other graphbuild package: callers convert what they found
// into a Contribution, one per document, and the Store merges it.
//
// The Store keeps within Badger's limits by construction: Apply sizes its
// transactions from what each document writes, a document too large for
// one is rejected alone (ErrTooLarge, listed in ApplyResult.Rejected), and
// name keys are capped (a longer name is indexed by its start and a hash,
// and kept whole in its entity). Writes need Options.MinFreeBytes free on
// the store's file system and fail with ErrNoSpace below it, since Badger
// running out of space in its memory-mapped files would crash the process.
//
// Reads cost what they show. Select holds a selection in memory without
// evidence; Stream reads the same selection while an exporter writes it,
// its links in key ranges on a goroutine per core (Streamed.LinkBatches).
// Analyze's metrics are cached per Filter and store state (and the whole
// graph's adjacency with them, for SelectPaths); any Apply that adds a
// document makes them stale, and nothing recomputes them until a caller
// asks: HasAnalytics says whether they are current, AnalyzeNodes reads
// rankings from them without the edges, SaveAnalytics stores what a
// read-only Store computed.
package graph
