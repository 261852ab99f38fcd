package ner

import "testing"

func TestGazetteerLookup(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, canon string
		typ         Type
		ok          bool
	}{
		{"U.S.", "United States", GPE, true},
		{"US", "United States", GPE, true},
		{"USA", "United States", GPE, true},
		{"United States of America", "United States", GPE, true},
		{"America", "United States", GPE, true},
		{"United  States", "United States", GPE, true},
		{"us", "", "", false},
		{"UK", "United Kingdom", GPE, true},
		{"Britain", "United Kingdom", GPE, true},
		{"UN", "United Nations", Org, true},
		{"U.N.", "United Nations", Org, true},
		{"Russian", "Russian", NORP, true},
		{"Russians", "Russian", NORP, true},
		{"Syrian", "Syrian", NORP, true},
		{"Aleppo", "Aleppo", GPE, true},
		{"Germany", "Germany", GPE, true},
		{"UNICEF", "UNICEF", Org, true},
		{"Xyzzy Qwerty", "", "", false},
	}
	for _, tt := range tests {
		canon, typ, ok := g.Lookup(tt.name)
		if canon != tt.canon || typ != tt.typ || ok != tt.ok {
			t.Errorf("Lookup(%q) = %q, %q, %v; want %q, %q, %v", tt.name, canon, typ, ok, tt.canon, tt.typ, tt.ok)
		}
	}
}

func TestGazetteerCountry(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	for demonym, want := range map[string]string{
		"Russian": "Russia", "Russians": "Russia", "American": "United States", "Syrian": "Syria",
		"French": "France", "British": "United Kingdom", "Martian": "",
	} {
		if got := g.Country(demonym); got != want {
			t.Errorf("Country(%q) = %q, want %q", demonym, got, want)
		}
	}
}

func TestGazetteerMatch(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"Officials", "of", "the", "United", "States", "met", "Boeing", "in", "New", "York", "."}
	ms := g.match(words, nil)
	has := func(first, last int, c gazClass) bool {
		for _, m := range ms {
			if m.first == first && m.last == last && m.cls&c != 0 {
				return true
			}
		}
		return false
	}
	if !has(3, 5, gCountry) {
		t.Errorf("no country match for United States in %v", ms)
	}
	if !has(6, 7, gCompany) {
		t.Errorf("no company match for Boeing in %v", ms)
	}
	if !has(8, 10, gCity|gCapital) {
		t.Errorf("no city match for New York in %v", ms)
	}
	// The match does not depend on tokenization: "U.S." as one token or
	// three.
	for _, ws := range [][]string{{"U.S."}, {"U", ".", "S", "."}} {
		found := false
		for _, m := range g.match(ws, nil) {
			if m.first == 0 && m.last == len(ws) && m.cls&gCountry != 0 {
				found = true
			}
		}
		if !found {
			t.Errorf("no country match for %q", ws)
		}
	}
	if c := g.single("the"); c&gWord == 0 {
		t.Errorf("single(the) = %b, want the lexicon bit", c)
	}
	if c := g.single("John"); c&gFirst == 0 {
		t.Errorf("single(John) = %b, want the first-name bit", c)
	}
}

func BenchmarkGazetteerLoad(b *testing.B) {
	for b.Loop() {
		if _, err := loadGazetteer(gazFS); err != nil {
			b.Fatal(err)
		}
	}
}
