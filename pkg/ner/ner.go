package ner

// Type is an entity type, named as in OntoNotes.
type Type string

// The entity types graphbuild recognizes.
const (
	Person Type = "PERSON" // people, real or fictional
	Org    Type = "ORG"    // companies, agencies, institutions, parties
	GPE    Type = "GPE"    // countries, cities, states
	Loc    Type = "LOC"    // non-political places: mountains, seas, regions
	Fac    Type = "FAC"    // buildings, airports, roads, bridges
	NORP   Type = "NORP"   // nationalities, religious and political groups
	Event  Type = "EVENT"  // named events and topics
	Misc   Type = "MISC"   // other names
)

// Types lists every Type in a fixed order.
var Types = []Type{Person, Org, GPE, Loc, Fac, NORP, Event, Misc}

// ParseType returns the Type named by s (case-insensitive; "PER" is
// accepted for PERSON) and whether s named one.
func ParseType(s string) (Type, bool) {
	switch upper(s) {
	case "PERSON", "PER":
		return Person, true
	case "ORG", "ORGANIZATION", "ORGANISATION":
		return Org, true
	case "GPE":
		return GPE, true
	case "LOC", "LOCATION":
		return Loc, true
	case "FAC", "FACILITY":
		return Fac, true
	case "NORP":
		return NORP, true
	case "EVENT":
		return Event, true
	case "MISC":
		return Misc, true
	}
	return "", false
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// Token is a word or punctuation mark with its byte offset and
// part-of-speech tag (Penn Treebank). An Extractor with a TagFilter whose
// recognizer reads no tags (the default recognizer) tags only the sentences
// the filter accepts; Tag is empty elsewhere.
type Token struct {
	Text  string
	Start int
	Tag   string
}

// End returns the byte offset just past the token.
func (t Token) End() int { return t.Start + len(t.Text) }

// Sentence is a span of text holding the tokens Tokens[First:Last].
type Sentence struct {
	Start, End  int // byte offsets, end exclusive
	First, Last int // token indexes, Last exclusive
}

// Span is a typed run of tokens found by a Recognizer, before clean-up and
// resolution. Start and End are byte offsets.
type Span struct {
	Start, End int
	Type       Type
}

// Mention is one occurrence of an entity in a text.
type Mention struct {
	Start    int    // byte offset of the first byte
	End      int    // byte offset just past the last byte
	Text     string // text[Start:End]
	Type     Type
	Sentence int    // index into Analysis.Sentences
	Entity   string // canonical name the mention resolves to
}

// Analysis is everything the pipeline found in one text.
type Analysis struct {
	Text      string
	Tokens    []Token
	Sentences []Sentence
	Mentions  []Mention
}
