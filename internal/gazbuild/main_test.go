package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestTitleCase(t *testing.T) {
	for in, want := range map[string]string{
		"REVOLUTIONARY ARMED FORCES OF COLOMBIA": "Revolutionary Armed Forces of Colombia",
		"THE BANK OF AMERICA CORP":               "The Bank of America Corp",
		"GENERAL MOTORS":                         "General Motors",
		"AT&T INC":                               "AT&T Inc",
		"Already Mixed Case":                     "Already Mixed Case",
	} {
		if got := titleCase(in); got != want {
			t.Errorf("titleCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSpellCompaniesKeepsOnlyUnambiguousWords(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "companies.txt")
	list := "# cspell-tools: keep-case no-split\n\nLufthansa\nGhent\nCharles\nHughes\nApple\nundraw\nAAPL\n3M\nAB\nSberbank\n"
	if err := os.WriteFile(path, []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	built := map[string]*sink{}
	for _, n := range []string{"geonames", "countries_mledoze", "iso3166", "lexicon_scowl", "names_us"} {
		built[n] = &sink{}
	}
	built["geonames"].add("Ghent", "CITY", "Ghent")
	built["lexicon_scowl"].add("apple", "WORD", "")
	built["names_us"].add("Charles", "FIRST", "")
	built["names_us"].add("Hughes", "LAST", "")
	var s sink
	if err := cspellCompanies(path, built, &s); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for e := range s.entries {
		got[e.alias] = true
		if e.class != "COMPANY" {
			t.Errorf("%q has class %s", e.alias, e.class)
		}
	}
	for _, w := range []string{"Lufthansa", "Sberbank"} {
		if !got[w] {
			t.Errorf("%s left out", w)
		}
	}
	for _, w := range []string{"Ghent", "Charles", "Hughes", "Apple", "undraw", "AAPL", "AB"} {
		if got[w] {
			t.Errorf("%s kept, though it is a place, a name, a word, lower case or a ticker", w)
		}
	}
}
