// Package serve is graphbuild's local web viewer: an http.Handler that
// serves a dependency-free page (HTML, CSS and a canvas-drawing script
// embedded from web/) and the JSON API under /api/ that the page and
// scripts use.
//
// New reads every entity and link of a store into a compact in-memory
// index (ids, names, types, per-kind weights and dates, PageRank, and a
// sorted name index over canonical names, aliases and their words for
// type-ahead search), so that each API call answers from memory in
// milliseconds; evidence, predicates and aliases are read from the store
// with point reads. The store must not change while the Server runs: open
// it with graph.Options.WithReadOnly.
//
// Layouts are computed on the server, once per view, by a
// Fruchterman–Reingold force simulation (exact repulsion for small views,
// a Barnes–Hut quadtree above exactLimit nodes); the page only draws, pans
// and zooms. Overviews (the best connected nodes of the whole graph) are
// cached per filter, laid out by one request while others for the same
// overview wait, and at most one layout per CPU runs at a time. Warm lays
// out the page's starting overview ahead of the first visitor.
//
// Endpoints (GET only; errors are 4xx/5xx with {"error": "..."}):
//
//	/api/stats                       counts, types, date range, the page's defaults and the limits
//	/api/search?q=ker&limit=10       type-ahead over names and aliases
//	/api/entity?id=|name=            one entity with aliases, counts and rank
//	/api/neighbors?id=|name=&depth=1..2&limit=N    ego network with layout
//	/api/relations?id=|name=&sort=date|weight      who the entity is linked with, when
//	/api/edge?a=&b=                  the edges of a pair with evidence and documents
//	/api/path?from=&to=&max_hops=N   a fewest-hops path
//	/api/subgraph?top=N | focus=&depth=            overview or ego network with layout
//	/api/export?format=graphml|gexf|dot|json&...   the same view as a file
//
// The graph endpoints take the filters types, kinds, min_weight, since and
// until. Entity parameters take an id or a name. Every request runs under
// Options.Timeout; parameters are bounded (MaxDepth, MaxHops, MaxSearch,
// MaxRelations, Options.MaxNodes) so that no request can ask for unbounded
// work. An /api/export download is prepared under Options.Timeout but
// streamed without it (each write must progress within a minute): it is
// complete, or its connection is aborted so the client sees it fail.
package serve
