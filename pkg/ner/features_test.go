package ner

import "testing"

func TestTitleHash(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"florida", "Florida"},
		{"FLORIDA", "Florida"},
		{"Florida", "Florida"},
		{"x", "X"},
		{"", ""},
		{"new-york", "New-york"},
	} {
		if got, want := titleHash(tc.in), strHash(tc.want); got != want {
			t.Errorf("titleHash(%q) != strHash(%q)", tc.in, tc.want)
		}
	}
}

// TestCaseGaz checks that a lower-case name gets the gazetteer classes of
// its capitalised form and that common English words and capitalised
// words do not.
func TestCaseGaz(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"i", "moved", "to", "florida", "from", "Texas", "with", "obama", "."}
	tags := make([]string, len(words))
	var sc featureScratch
	extract(&sc, g, nil, defaultFeatures, words, tags, 1<<20-1)
	for i, w := range words {
		got := sc.info[i].titled
		switch w {
		case "florida":
			if got&gPlace == 0 {
				t.Errorf("%q: titled classes %b, want a place", w, got)
			}
		case "obama":
			if got == 0 { // a surname, a leader's name and a city in Japan
				t.Errorf("%q: no titled classes, want some", w)
			}
		default:
			if got != 0 {
				t.Errorf("%q: titled classes %b, want none", w, got)
			}
		}
	}
	// Without the feature group nothing is looked up.
	extract(&sc, g, nil, defaultFeatures&^fsCaseGaz, words, tags, 1<<20-1)
	if sc.info[3].titled != 0 {
		t.Error("fsCaseGaz off: florida still has titled classes")
	}
}
