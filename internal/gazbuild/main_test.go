package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
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

func TestReadCSVDropsHeader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.tsv")
	if err := os.WriteFile(path, []byte("name\tcode\nAlpha\tA\nBeta\tB\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rows, err := readCSV(path, '\t')
	if err != nil {
		t.Fatal(err)
	}
	if want := [][]string{{"Alpha", "A"}, {"Beta", "B"}}; !reflect.DeepEqual(rows, want) {
		t.Errorf("rows %q, want %q", rows, want)
	}
}

func TestReadCSVEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.csv")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	rows, err := readCSV(path, ',')
	if err == nil {
		t.Fatalf("no error for an empty CSV, rows %q", rows)
	}
	if err.Error() != path+": empty" {
		t.Errorf("error %q, want %q", err, path+": empty")
	}
}

// An empty source CSV makes its job fail with an error naming the file,
// not panic.
func TestEmptySourceCSVIsAnError(t *testing.T) {
	src := t.TempDir()
	path := filepath.Join(src, "world_leaders/everypolitician_world-leaders-2021_wikidata.csv")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("leaders panicked on an empty CSV: %v", r)
		}
	}()
	var s sink
	err := leaders(src, &s)
	if err == nil || !strings.HasPrefix(err.Error(), path+": ") {
		t.Errorf("error %v, want one naming %s", err, path)
	}
}

func TestReadJSONNamesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(path, []byte(`[{"name": "x",]`), 0o644); err != nil {
		t.Fatal(err)
	}
	var v []struct{ Name string }
	err := readJSON(path, &v)
	if err == nil || !strings.HasPrefix(err.Error(), path+": ") {
		t.Fatalf("error %v, want one naming %s", err, path)
	}
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		t.Errorf("error %v does not wrap the *json.SyntaxError", err)
	}
}

func TestWordNetInstancesAndPeoples(t *testing.T) {
	// Three synsets in WordNet's data.noun layout: a named instance of
	// noun.object (@i pointer), a capitalised noun.person class, and a
	// common noun that must be left out.
	data := "  1 This software and database is being provided to you\n" +
		"09238143 17 n 02 Alps 0 Alpine_mountain_range 0 001 @i 09403734 n 0000 | a mountain range\n" +
		"09730533 18 n 01 Phoenician 0 001 @ 09686536 n 0000 | a member of an ancient people\n" +
		"02084071 05 n 01 dog 0 001 @ 02083346 n 0000 | a domestic animal\n"
	path := filepath.Join(t.TempDir(), "data.noun")
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	var s sink
	if err := wordnet(path, &s); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for e := range s.entries {
		got[e.alias] = e.class
	}
	want := map[string]string{"Alps": "WNPLACE", "Alpine mountain range": "WNPLACE", "Phoenician": "WNPEOPLE", "Phoenicians": "WNPEOPLE"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got class %q, want %q", k, got[k], v)
		}
	}
	if err := wordnet(filepath.Join(t.TempDir(), "missing"), &s); err == nil || !strings.Contains(err.Error(), "wordnet-base") {
		t.Errorf("a missing WordNet gives %v, want advice to install wordnet-base", err)
	}
}
