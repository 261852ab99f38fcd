package ner

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

func TestDatelines(t *testing.T) {
	ex, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text, want string
		typ        Type
	}{
		{"WASHINGTON — In what would mark a shift of policy, the talks ended.", "WASHINGTON", GPE},
		{"LONDON (Reuters) - Britain's economy grew faster than expected.", "LONDON", GPE},
		{"TEHRAN (Tasnim) – A car bomb exploded in Najaf.", "TEHRAN", GPE},
		{"NEW YORK, March 3 (AP) — Stocks fell sharply on Monday.", "NEW YORK", GPE},
		{"NATO — the alliance met on Monday in Brussels.", "NATO", ""}, // not a place: the model decides
		{"WASHINGTON POST SAYS TALKS FAILED", "WASHINGTON", ""},        // a headline in capitals
		{"OPEC, the oil cartel, met in Vienna on Monday.", "OPEC", ""}, // no dash after the comma
	} {
		a, err := ex.Extract(context.Background(), c.text, Hints{})
		if err != nil {
			t.Fatal(err)
		}
		var got Type
		for _, m := range a.Mentions {
			if m.Text == c.want && m.Start == 0 {
				got = m.Type
				if c.typ != "" && strings.ToUpper(m.Entity) == m.Entity {
					t.Errorf("%q: %q resolves to %q, want the place's usual name", c.text, c.want, m.Entity)
				}
			}
		}
		if c.typ != "" && got != c.typ {
			t.Errorf("%q: %q is %q, want %s", c.text, c.want, got, c.typ)
		}
		if strings.Contains(c.text, "(Tasnim)") {
			var agency Type
			for _, m := range a.Mentions {
				if m.Text == "Tasnim" {
					agency = m.Type
				}
			}
			if agency != Org {
				t.Errorf("%q: the agency Tasnim is %q, want ORG", c.text, agency)
			}
		}
		if c.typ == "" && got == GPE {
			t.Errorf("%q: %q read as a dateline place", c.text, c.want)
		}
	}
}

func TestTitleWord(t *testing.T) {
	for in, want := range map[string]string{"YORK": "York", "ST.": "St.", "D.C.": "D.C.", "WILKES-BARRE": "Wilkes-Barre"} {
		if got := titleWord(in); got != want {
			t.Errorf("titleWord(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlacesAfterIn(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("Experts at the Atlantic Council in Washington said so .")
	tokens := make([]Token, len(words))
	for i, w := range words {
		tokens[i] = Token{Text: w}
	}
	labels := make([]int, len(tokens))
	setSpan(labels, 3, 7, classIndex("ORG")) // "Atlantic Council in Washington"
	m.placesAfterIn(tokens, labels)
	got := goldSpansIdx(labels)
	want := []tokSpan{{First: 3, Last: 5, Class: "ORG"}, {First: 6, Last: 7, Class: "LOC"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spans %v, want %v", got, want)
	}
	// "Atlantic Council" has no "in".
	labels = make([]int, len(tokens))
	setSpan(labels, 3, 5, classIndex("ORG"))
	m.placesAfterIn(tokens, labels)
	if got := goldSpansIdx(labels); len(got) != 1 || got[0].Last != 5 {
		t.Errorf("a name without \"in\" changed: %v", got)
	}
	words = strings.Fields("They heard Brothers in Arms twice .")
	tokens = tokens[:0]
	for _, w := range words {
		tokens = append(tokens, Token{Text: w})
	}
	labels = make([]int, len(tokens))
	setSpan(labels, 2, 5, classIndex("MISC"))
	m.placesAfterIn(tokens, labels)
	if got := goldSpansIdx(labels); len(got) != 1 || got[0].First != 2 || got[0].Last != 5 {
		t.Errorf("a name with \"in\" and no place after it changed: %v", got)
	}
}

// A name ending in a word that heads places or organisations is not a
// person's, whatever the model said, unless a first name precedes it.
func TestHeadWordOverrulesPerson(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]Type{
		"Saada Governorate":         Loc,
		"Eastern Europe":            Loc,
		"Northern Syria":            Loc,
		"National Economic Council": Org,
		"Madison Square Arena":      Fac,
		"Charlotte Church":          Person, // a first name, then a surname
		"John Kerry":                Person,
	} {
		toks := make([]Token, 0)
		for _, w := range strings.Fields(text) {
			toks = append(toks, Token{Text: w})
		}
		if got := m.refineType("PER", text, toks); got != want {
			t.Errorf("refineType(PER, %q) = %s, want %s", text, got, want)
		}
	}
}

// A bare one-word title (a Current Events Context name) is a person only
// when the gazetteer knows it as a name.
func TestClassifyNeedsPersonEvidence(t *testing.T) {
	ex, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Frontex", "Zika", "Tasnim"} {
		if _, typ := ex.Classify(name); typ == Person {
			t.Errorf("Classify(%q) = PERSON", name)
		}
	}
	for _, name := range []string{"John Kerry", "Sergey Lavrov", "Angela Merkel"} {
		if _, typ := ex.Classify(name); typ != Person {
			t.Errorf("Classify(%q) = %s, want PERSON", name, typ)
		}
	}
}
