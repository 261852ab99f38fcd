package ner

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestCorpusMerges(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	e := func(name string, typ Type, n int) CorpusEntity { return CorpusEntity{name, typ, n} }
	for _, c := range []struct {
		name string
		ents []CorpusEntity
		want map[string]string // "name/TYPE" → "name/TYPE"; absent: not merged
		keep []string          // names that must stay their own entity
	}{
		{"surname alone", []CorpusEntity{e("Maurice Cheeks", Person, 21), e("Cheeks", Person, 2)},
			map[string]string{"Cheeks/PERSON": "Maurice Cheeks/PERSON"}, nil},
		{"surname of two people stays", []CorpusEntity{e("Maurice Cheeks", Person, 21), e("Anna Cheeks", Person, 3), e("Cheeks", Person, 2)},
			nil, []string{"Cheeks/PERSON"}},
		{"short first name", []CorpusEntity{e("Maurice Cheeks", Person, 21), e("Mo Cheeks", Person, 1), e("Bill Clinton", Person, 5), e("William Clinton", Person, 2)},
			map[string]string{"Mo Cheeks/PERSON": "Maurice Cheeks/PERSON", "William Clinton/PERSON": "Bill Clinton/PERSON"}, nil},
		{"spelling", []CorpusEntity{e("Bettie Page", Person, 14), e("Betty Page", Person, 1), e("Volodymyr Zelenskyy", Person, 4), e("Volodymyr Zelensky", Person, 9)},
			map[string]string{"Betty Page/PERSON": "Bettie Page/PERSON", "Volodymyr Zelenskyy/PERSON": "Volodymyr Zelensky/PERSON"}, nil},
		{"different first names stay", []CorpusEntity{e("John Smith", Person, 4), e("Joan Smith", Person, 4), e("Mark Kelly", Person, 3), e("Mary Kelly", Person, 3)},
			nil, []string{"John Smith/PERSON", "Joan Smith/PERSON", "Mark Kelly/PERSON", "Mary Kelly/PERSON"}},
		{"middle initial, one candidate", []CorpusEntity{e("George W. Bush", Person, 4), e("George Bush", Person, 1), e("Bush", Person, 3)},
			map[string]string{"George Bush/PERSON": "George W. Bush/PERSON"}, nil},
		{"middle initial, two candidates", []CorpusEntity{e("George W. Bush", Person, 4), e("George H. W. Bush", Person, 2), e("George Bush", Person, 1)},
			nil, []string{"George Bush/PERSON"}},
		{"facility heads", []CorpusEntity{e("Betty Ford Center", Fac, 12), e("Betty Ford Clinic", Fac, 2), e("Betty Ford Treatment Center", Fac, 2), e("Betty Ford", Person, 3)},
			map[string]string{"Betty Ford Clinic/FAC": "Betty Ford Center/FAC", "Betty Ford Treatment Center/FAC": "Betty Ford Center/FAC"}, []string{"Betty Ford/PERSON"}},
		{"head added, hyphen", []CorpusEntity{e("Morningside Recovery", Loc, 2), e("Morningside Recovery Center", Fac, 1), e("SAP Arena", Fac, 2), e("SAP-Arena", Loc, 1), e("Morningside", GPE, 2)},
			map[string]string{"Morningside Recovery Center/FAC": "Morningside Recovery/LOC", "SAP-Arena/LOC": "SAP Arena/FAC"}, []string{"Morningside/GPE"}},
		{"town before a name", []CorpusEntity{e("INS Mysore", Fac, 13), e("Indian INS Mysore", Fac, 1), e("Athens Bank", Org, 1), e("Bank", Org, 3),
			e("Superior Court", Org, 12), e("Los Angeles Superior Court", Org, 1), e("Daily News", Org, 1), e("Anchorage Daily News", Org, 8)},
			map[string]string{"Indian INS Mysore/FAC": "INS Mysore/FAC"}, []string{"Athens Bank/ORG", "Los Angeles Superior Court/ORG", "Daily News/ORG"}},
		{"full name is the target", []CorpusEntity{e("Dalembert", Person, 50), e("Samuel S. Dalembert", Person, 35), e("Samuel Dalembert", Person, 6)},
			map[string]string{"Dalembert/PERSON": "Samuel S. Dalembert/PERSON", "Samuel Dalembert/PERSON": "Samuel S. Dalembert/PERSON"}, nil},
		{"a full name by an initial", []CorpusEntity{e("U. Adele", Person, 5), e("Adele", Person, 9), e("Raed al-Saleh", Person, 4), e("Saleh", Person, 3)},
			map[string]string{"Saleh/PERSON": "Raed al-Saleh/PERSON"}, []string{"Adele/PERSON"}},
		{"the gazetteer's person", []CorpusEntity{e("Bush", Person, 5), e("Reggie Bush", Person, 9)},
			nil, []string{"Bush/PERSON"}},
		{"misspelling", []CorpusEntity{e("Gulf of Aden", Loc, 29), e("Gulf of Eden", Loc, 1), e("Academy of Motion Picture Arts and Sciences", Org, 3), e("Academy of Motion Pictures Arts and Sciences", Org, 2), e("Gulf of Adin", Loc, 11)},
			map[string]string{"Gulf of Eden/LOC": "Gulf of Aden/LOC", "Academy of Motion Pictures Arts and Sciences/ORG": "Academy of Motion Picture Arts and Sciences/ORG"}, []string{"Gulf of Adin/LOC"}},
		{"numbers and equals stay apart", []CorpusEntity{e("Apollo 11 Program", Org, 9), e("Apollo 12 Program", Org, 1), e("North Carolina State", Org, 3), e("South Carolina State", Org, 3)},
			nil, []string{"Apollo 12 Program/ORG", "South Carolina State/ORG", "North Carolina State/ORG"}},
		{"short organisation names", []CorpusEntity{e("Indianapolis Colts", Org, 11), e("Colts", Org, 1), e("Central Election Commission", Org, 2), e("CEC", Org, 1), e("Defense", Org, 2), e("Ministry of Defense", Org, 5)},
			map[string]string{"Colts/ORG": "Indianapolis Colts/ORG", "CEC/ORG": "Central Election Commission/ORG"}, []string{"Defense/ORG"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := CorpusMerges(c.ents, g)
			show := func(k EntityKey) string {
				for _, e := range c.ents {
					if KeyOf(e.Name, e.Type) == k {
						return e.Name + "/" + string(e.Type)
					}
				}
				return k.Name + "/" + string(k.Type)
			}
			gotS := map[string]string{}
			for k, v := range got {
				gotS[show(k)] = v.Name + "/" + string(v.Type)
			}
			for k, v := range c.want {
				if gotS[k] != v {
					t.Errorf("%s merged into %q, want %q (all: %v)", k, gotS[k], v, gotS)
				}
			}
			for _, k := range c.keep {
				if v, ok := gotS[k]; ok {
					t.Errorf("%s merged into %s, want it kept apart", k, v)
				}
			}
			// The same set in any order gives the same merges.
			for range 5 {
				shuffled := append([]CorpusEntity(nil), c.ents...)
				rand.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
				if again := CorpusMerges(shuffled, g); !reflect.DeepEqual(again, got) {
					t.Fatalf("order changed the merges: %v vs %v", again, got)
				}
			}
		})
	}
}
