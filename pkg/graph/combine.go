package graph

// MergeEntity adds src, another record of the entity dst (same ID), into
// dst by the rules Store.Apply merges with: counts add, first and last
// dates take the extremes, aliases add up and the canonical name is chosen
// from them. The result does not depend on the order records are merged
// in, so a distributed combiner that merges contributions per entity id
// gets what a Store holds after applying the same documents.
func MergeEntity(dst *Entity, src Entity) { mergeEntity(dst, &src) }

// MergeEdge adds src, another record of the edge dst (same kind and ends),
// into dst as Store.Apply does: weights, documents and predicates add,
// dates take the extremes, evidence keeps the MaxEvidenceOf(kind) pieces
// the Store keeps. Order-independent like MergeEntity.
func MergeEdge(dst *Edge, src Edge) { mergeEdge(dst, &src) }
