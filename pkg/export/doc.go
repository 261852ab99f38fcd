// Package export writes a selected graph in the formats other tools read:
// GraphML (Gephi, networkx, igraph, yEd), GEXF 1.3 with a timeline (Gephi,
// networkx 3.6+; GEXFVersion "1.2" for older networkx; igraph reads no GEXF),
// DOT (Graphviz dot, sfdp), node-link JSON (d3, networkx), CSV tables
// (Gephi's spreadsheet import), the CSV files of neo4j-admin import, and
// N-Quads with a schema (Dgraph bulk and live loaders).
//
// Every writer reads the same model from package graph through the small
// Graph interface — nodes (graph.Node: entity and metrics) in id order,
// then links (graph.Link: every kind of one pair merged) in pair order —
// and streams: it holds one record and a 64 KiB buffer, never the whole
// output, and only the set of node ids in memory (to reject links to
// unknown nodes). The same graph always gives byte-identical output.
// GraphML of a LinkBatcher (graph.Streamed, what the CLI exports a whole
// store through) formats a few batches of links at once, each on the
// goroutine that read it, and writes them in order.
//
// A graph.Subgraph from graph.Select is already in that order; hand it over
// with Memory (its per-kind edges make neo4j and nquads exact):
//
//	g := export.Memory(sg.Nodes, sg.Links, sg.Edges())
//
// Pick a writer by name with New (or ByName for defaults) from Formats, or
// use the types directly:
//
//	w := export.GraphML{Options: export.Options{Metrics: true}}
//	err := w.Write(ctx, g, os.Stdout)
//
// Writers with two tables (CSV, Neo4j) take two io.Writers, in the order of
// Files(); WriteDir writes any format into a directory under the default
// file names, plus the Dgraph schema for NQuads, and WriteFile a one-file
// format to a path. Both write temporary files first and rename them into
// place, so a failed or killed export never leaves a half-written file or
// spoils the previous export; the next export removes what a killed one
// left (".graphbuild-tmp-PID-..." names of processes that are gone).
//
// Tests: golden files in testdata/golden (go test -run TestGolden -update
// rewrites them); interop tests run networkx, igraph, Graphviz and xmllint
// when installed (and fail when they are missing and CI is set); a fuzz
// test writes hostile names in every format and parses them back.
//
// Every string passes through CleanText (invalid UTF-8 and control
// characters other than tab and newline become U+FFFD) and is then escaped
// for its format, so any name — quotes, backslashes, markup, newlines,
// emoji, right-to-left text — comes out well-formed and reads back as
// CleanText(name).
//
// The package imports only package graph and the standard library.
package export
