package ner

import (
	"testing"
)

func TestResolveDocument(t *testing.T) {
	text := "Secretary of State John Kerry met Lavrov. Kerry said the U.S. and the United Nations Children's Fund (UNICEF) agree. UNICEF and Sergey Lavrov."
	mk := func(s string, typ Type, from int) Mention {
		i := indexOf(text[from:], s) + from
		return Mention{Start: i, End: i + len(s), Text: s, Type: typ}
	}
	ms := []Mention{
		mk("John Kerry", Person, 0),
		mk("Lavrov", Person, 0),
		mk("Kerry", GPE, 40), // mistyped by the recognizer: the person named in full wins
		mk("U.S.", GPE, 0),
		mk("United Nations Children's Fund", Org, 0),
		mk("UNICEF", Org, 100),
		mk("Sergey Lavrov", Person, 0),
	}
	resolveDocument(text, ms, builtinAliases{}, nil)
	want := []struct {
		entity string
		typ    Type
	}{
		{"John Kerry", Person}, {"Sergey Lavrov", Person}, {"John Kerry", Person}, {"United States", GPE},
		{"UNICEF", Org}, {"UNICEF", Org}, {"Sergey Lavrov", Person},
	}
	for i, w := range want {
		if ms[i].Entity != w.entity || ms[i].Type != w.typ {
			t.Errorf("%q → %q %s, want %q %s", ms[i].Text, ms[i].Entity, ms[i].Type, w.entity, w.typ)
		}
	}
}

func TestResolveHints(t *testing.T) {
	text := "kerry and LAVROV met in Moscow."
	ms := []Mention{{Start: 0, End: 5, Text: "kerry", Type: Person}, {Start: 10, End: 16, Text: "LAVROV", Type: Person}}
	resolveDocument(text, ms, nil, []string{"John Kerry", "Sergey Lavrov", "United States"})
	if ms[0].Entity != "John Kerry" || ms[1].Entity != "Sergey Lavrov" {
		t.Errorf("got %q, %q; want the Context names", ms[0].Entity, ms[1].Entity)
	}
}

func TestAbbreviates(t *testing.T) {
	for _, tt := range []struct {
		a, name string
		want    bool
	}{
		{"UNICEF", "United Nations Children's Fund", true},
		{"UNCF", "United Nations Children's Fund", true},
		{"UNICEF", "UNICEF", false},
		{"NATO", "North Atlantic Treaty Organization", true},
		{"ICRC", "International Committee of the Red Cross", true},
		{"US", "Russia", false},
		{"nato", "North Atlantic Treaty Organization", false},
	} {
		if got := abbreviates(tt.a, tt.name); got != tt.want {
			t.Errorf("abbreviates(%q, %q) = %v", tt.a, tt.name, got)
		}
	}
}

// A Context name shaped like a person's name makes a lone part of it that
// person, unless the text or its words say it is a place.
func TestContextNamesAsPeople(t *testing.T) {
	text := "Kirby spoke. Troops moved to Eastern Europe. Europe worried."
	mk := func(s string, typ Type) Mention {
		i := indexOf(text, s)
		return Mention{Start: i, End: i + len(s), Text: s, Type: typ}
	}
	ms := []Mention{mk("Kirby", Person), mk("Eastern Europe", Loc), mk("Europe.", Loc)}
	ms[2].Text, ms[2].End = "Europe", ms[2].End-1
	resolveDocument(text, ms, builtinAliases{}, []string{"John Kirby", "Eastern Europe"})
	if ms[0].Entity != "John Kirby" || ms[0].Type != Person {
		t.Errorf("Kirby → %q %s, want John Kirby PERSON", ms[0].Entity, ms[0].Type)
	}
	for _, m := range ms[1:] {
		if m.Type == Person {
			t.Errorf("%q became a person (%q)", m.Text, m.Entity)
		}
	}
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{
		"Eastern Europe": false, "Saada Governorate": false, "National Economic Council": false,
		"John Kirby": true, "Kanye West": true, "Oliver North": true, "Charlotte Church": true,
		"Shirley Temple": true, "Kim Jong Un": true, "United Nations Secretary-General": false,
		"Mexican Drug War": false,
	} {
		if got := looksLikePersonName(name, g); got != want {
			t.Errorf("looksLikePersonName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestPlaceAppositive(t *testing.T) {
	for _, tt := range []struct {
		rest string
		want Type
	}{
		{", the ancient city in southern Jordan, on Monday.", GPE},
		{", a small town.", GPE},
		{", the island of", Loc},
		{", the city manager, said", ""},
		{", the city's mayor, said", ""},
		{", the country's king", ""},
		{" said the city in", ""},
		{", who lives in the city", ""},
	} {
		got, ok := placeAppositive(tt.rest)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("placeAppositive(%q) = %q, %v; want %q", tt.rest, got, ok, tt.want)
		}
	}
}
