package graph

// Metrics are the analytics computed for one node over the whole selected
// graph.
type Metrics struct {
	Degree         int     `json:"degree"`
	WeightedDegree float64 `json:"weighted_degree"`
	PageRank       float64 `json:"pagerank"`
	Betweenness    float64 `json:"betweenness"`
	Community      int     `json:"community"`
}

// Node is an Entity as drawn in a picture of the graph: the entity and its
// metrics.
type Node struct {
	Entity
	Metrics
}

// Link is every Edge between one pair of entities merged into one, as
// exporters draw it so that tools such as Gephi do not merge parallel edges
// behind the user's back. Source is the smaller id.
type Link struct {
	Source, Target string
	Weight         int              // sum of the kinds' weights
	Kinds          []EdgeKind       // in EdgeKinds order
	Counts         map[EdgeKind]int // weight per kind
	Documents      int              // the largest document count of the kinds
	FirstSeen      string
	LastSeen       string
	Predicates     map[string]int
	// Evidence is the first piece of evidence of the link's interaction
	// edge, else of its context edge, else of its co-occurrence edge. Only
	// a Streamed asked for it (Streamed.WithEvidence) sets it, to the zero
	// Evidence when no edge has any; elsewhere it is nil and the evidence
	// is read from the edges.
	Evidence *Evidence
}
