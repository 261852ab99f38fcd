// Package query answers questions about a graph store with the evidence
// behind every answer: an entity's neighbours ranked by weight, document
// count or NPMI; who an entity met, talked or spoke with, when and where it
// is said; the shortest and k shortest paths between two entities; the
// most central entities; and the communities the graph falls into.
//
// Queries read the store (graph.Store) and the analytics the graph package
// computes (graph.Analyze); they never re-run extraction. Each query returns
// a result value that encodes as JSON for scripts and writes itself as an
// aligned table for people (WriteText). Names are resolved to entity ids by
// the caller (graph.Store.Lookup); queries take ids.
//
// It imports no graphbuild package but graph.
package query
