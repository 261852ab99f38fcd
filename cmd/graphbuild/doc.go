// Command graphbuild turns text into a graph of the people, places and
// organizations in it, keeps it in an embedded store, answers questions about
// it and exports it for Gephi, Graphviz, networkx, Neo4j and Dgraph.
//
// This package only wires flags to the library packages and maps errors to
// exit codes: 0 success, 1 failure, 2 bad usage, 130 interrupted.
package main
