package relation

import (
	"context"
	"reflect"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/ner"
)

// NeedsTags tags the sentences the rules read and no other: a sentence
// without a trigger word, or with one mention and nothing that could name
// another party, stays untagged, and the rules reaching back into an
// untagged sentence find what they find with every sentence tagged.
func TestNeedsTags(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the recognizer")
	}
	ex, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	ex = ex.WithTagFilter(NeedsTags)
	an, err := ner.NewProseAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text   string
		tagged []bool
		want   string // "A|B" entities of the first interaction
	}{
		{"Narendra Modi landed in Washington on Wednesday. He later met Joe Biden at the White House.", []bool{false, true}, "Narendra Modi|Joe Biden"},
		{"Chinese President Xi Jinping flew to Moscow on Monday. Xi met Vladimir Putin in the Kremlin.", []bool{false, true}, "Xi Jinping|Vladimir Putin"},
		{"Angela Merkel arrived in Berlin. Reporters met in the lobby of Parliament.", []bool{false, false}, ""},
	} {
		a, err := ex.Extract(context.Background(), tc.text, ner.Hints{})
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Sentences) != len(tc.tagged) {
			t.Fatalf("%q: %d sentences", tc.text, len(a.Sentences))
		}
		for i, s := range a.Sentences {
			if got := a.Tokens[s.First].Tag != ""; got != tc.tagged[i] {
				t.Errorf("%q: sentence %d tagged %v, want %v", tc.text, i, got, tc.tagged[i])
			}
		}
		full := *a
		full.Tokens = append([]ner.Token(nil), a.Tokens...)
		for _, s := range full.Sentences {
			an.TagSentence(full.Tokens[s.First:s.Last])
		}
		lazy := Extract(a)
		if all := Extract(&full); !reflect.DeepEqual(lazy, all) {
			t.Errorf("%q: lazy tags give %v, all tags %v", tc.text, lazy, all)
		}
		got := ""
		if len(lazy) > 0 {
			got = a.Mentions[lazy[0].A].Entity + "|" + a.Mentions[lazy[0].B].Entity
		}
		if got != tc.want {
			t.Errorf("%q: found %q, want %q", tc.text, got, tc.want)
		}
	}
}
