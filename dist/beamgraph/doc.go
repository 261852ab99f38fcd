// Package beamgraph builds graphbuild's graph with an Apache Beam pipeline,
// so that extraction runs on as many workers as a runner offers: Prism (the
// Go SDK's local runner) on a laptop or in CI, Flink, Spark or Dataflow in
// production, with the same code.
//
// The pipeline reuses graphbuild's packages and copies none of their logic:
//
//	inputs (source.Expand on the launcher, one element per file)
//	  → read       source.Read per file: the same documents and ids as build
//	  → dedup      one copy per document id: the one build keeps
//	               (ingest.Preferred), whatever the order copies meet in
//	  → analyze    ingest.Analyze, the recognizer loaded once per worker,
//	               then ingest.Contribute: what the document adds to the
//	               graph (names resolve per document in pkg/ner, so it
//	               depends on the document alone)
//	  → combine    entities and edges per key with graph.MergeEntity and
//	               graph.MergeEdge, the Store's order-independent rules
//	  → sinks      contributions-*.jsonl (for graphbuild import),
//	               Dgraph N-Quads + schema, neo4j-admin import CSVs
//
// Elements cross the shuffle as JSON so that every runner can code them.
package beamgraph
