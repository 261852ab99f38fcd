package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// EdgeKind says why two entities are linked.
type EdgeKind string

// The kinds of edge.
const (
	// Cooccur links two entities named in the same sentence.
	Cooccur EdgeKind = "cooccur"
	// Context links two names listed together in a "_Context: A, B_" line.
	Context EdgeKind = "context"
	// Interaction links two entities a sentence says met, talked, called,
	// visited, hosted or negotiated with each other.
	Interaction EdgeKind = "interaction"
)

// EdgeKinds lists every EdgeKind in a fixed order.
var EdgeKinds = []EdgeKind{Cooccur, Context, Interaction}

// MaxEvidence is the number of evidence pointers an Edge of kind cooccur or
// context keeps: the earliest ones and the latest.
const MaxEvidence = 5

// MaxInteractionEvidence is the number of evidence pointers an interaction
// Edge keeps: interactions are rare and each sentence is an answer to "when
// did they meet?".
const MaxInteractionEvidence = 50

// MaxEvidenceOf returns the number of evidence pointers an Edge of kind k
// keeps.
func MaxEvidenceOf(k EdgeKind) int {
	if k == Interaction {
		return MaxInteractionEvidence
	}
	return MaxEvidence
}

// MaxEvidenceText is the longest evidence sentence kept, in bytes.
const MaxEvidenceText = 400

// EntityID returns the stable id of the entity with the given canonical name
// and type: the same entity has the same id in every run and every export.
// Names are compared case-insensitively.
func EntityID(name, typ string) string {
	h := sha256.Sum256([]byte(typ + "\x00" + strings.ToLower(name)))
	return hex.EncodeToString(h[:8])
}

// Entity is one node of the graph: a person, place, organization... with
// every name it was seen under.
type Entity struct {
	ID        string         `json:"id"`
	Name      string         `json:"name"`
	Type      string         `json:"type"`
	Aliases   map[string]int `json:"aliases,omitempty"` // surface form → mentions
	Mentions  int            `json:"mentions"`
	Documents int            `json:"documents"`
	FirstSeen string         `json:"first_seen,omitempty"` // YYYY-MM-DD, "" when no document was dated
	LastSeen  string         `json:"last_seen,omitempty"`
}

// Evidence points at the sentence behind an edge.
type Evidence struct {
	Doc       string `json:"doc"`   // document id
	Start     int    `json:"start"` // byte offsets of the sentence in the document text
	End       int    `json:"end"`
	Date      string `json:"date,omitempty"`
	Text      string `json:"text"` // the sentence, cut to MaxEvidenceText bytes
	Predicate string `json:"predicate,omitempty"`
}

// Edge is an undirected link of one kind between two entities. Source is
// always the smaller id.
type Edge struct {
	Kind       EdgeKind       `json:"kind"`
	Source     string         `json:"source"`
	Target     string         `json:"target"`
	Weight     int            `json:"weight"` // sentences, context lines or interactions
	Documents  int            `json:"documents"`
	FirstSeen  string         `json:"first_seen,omitempty"`
	LastSeen   string         `json:"last_seen,omitempty"`
	Predicates map[string]int `json:"predicates,omitempty"` // interaction predicate → count
	Evidence   []Evidence     `json:"evidence,omitempty"`
}

// Document is one ingested text.
type Document struct {
	ID        string `json:"id"`     // content hash, or the link path of a Current Events item
	Source    string `json:"source"` // path as given
	Title     string `json:"title,omitempty"`
	Date      string `json:"date,omitempty"` // YYYY-MM-DD
	URL       string `json:"url,omitempty"`
	Bytes     int    `json:"bytes"`
	Sentences int    `json:"sentences"`
	Mentions  int    `json:"mentions"`
}

// Mention is one occurrence of an entity in a stored document.
type Mention struct {
	Entity   string `json:"entity"` // entity id
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
	Sentence int    `json:"sentence"`
}

// Contribution is what one document adds to the graph: its record, its
// mentions, and the entities and edges it found with counts for this
// document alone (Documents is 1, FirstSeen and LastSeen the document's
// date). The Store merges it into what it holds.
type Contribution struct {
	Doc      Document
	Mentions []Mention
	Entities []Entity
	Edges    []Edge
}

// Stats counts what a Store holds.
type Stats struct {
	Documents int            `json:"documents"`
	Entities  map[string]int `json:"entities"` // by type
	Edges     map[string]int `json:"edges"`    // by kind
}
