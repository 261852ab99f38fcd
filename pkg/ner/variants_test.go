package ner

import (
	"context"
	"strings"
	"testing"
)

// resolved runs the default pipeline on text and returns, for each
// surface form, the entity and type it resolved to ("" when the form was
// not found).
func resolved(t *testing.T, text string, hints ...string) map[string]string {
	t.Helper()
	ex, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	a, err := ex.Extract(context.Background(), text, Hints{Names: hints})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, m := range a.Mentions {
		out[m.Text] = m.Entity + "/" + string(m.Type)
	}
	return out
}

// One test per split and merge of issue 12, each on a text of its own:
// every listed surface form must resolve to the entity given, and no
// form may resolve to a name in notTo.
func TestNameVariants(t *testing.T) {
	tests := []struct {
		name, text string
		hints      []string
		want       map[string]string // surface form → entity/TYPE
		notTo      []string          // entities nothing may resolve to
	}{
		{"Zelenskyy spelled Zelensky",
			"Ukrainian President Volodymyr Zelenskyy arrived in Warsaw on Monday. Zelensky said the talks went well.", nil,
			map[string]string{"Volodymyr Zelenskyy": "Volodymyr Zelenskyy/PERSON", "Zelensky": "Volodymyr Zelenskyy/PERSON"}, nil},
		{"Zelensky in full, spelled as the gazetteer does",
			"Volodymyr Zelensky spoke to reporters in Kyiv on Friday, his office said.", nil,
			map[string]string{"Volodymyr Zelensky": "Volodymyr Zelenskyy/PERSON"}, nil},
		{"Sergei and Sergey Lavrov",
			"Sergei Lavrov met the envoy in Moscow on Tuesday, the ministry said.", nil,
			map[string]string{"Sergei Lavrov": "Sergey Lavrov/PERSON"}, nil},
		{"Erdoğan with and without the breve",
			"Recep Tayyip Erdoğan hosted the summit in Ankara. Erdogan said Sweden had done enough.", nil,
			map[string]string{"Recep Tayyip Erdoğan": "Recep Tayyip Erdoğan/PERSON", "Erdogan": "Recep Tayyip Erdoğan/PERSON"}, nil},
		{"Lula",
			"Luiz Inacio Lula da Silva won the runoff on Sunday. Lula thanked his voters in Sao Paulo.", nil,
			map[string]string{"Lula": "Luiz Inacio Lula da Silva/PERSON"}, nil},
		{"el-Sisi and Sisi",
			"Abdel Fattah el-Sisi received the delegation in Cairo. Sisi said Egypt would mediate.", nil,
			map[string]string{"Sisi": "Abdel Fattah el-Sisi/PERSON"}, nil},
		{"von der Leyen is one name",
			"Ursula von der Leyen arrived in Brussels on Monday. Von der Leyen said the plan was ready, and von der Leyen left.", nil,
			map[string]string{"Ursula von der Leyen": "Ursula von der Leyen/PERSON", "von der Leyen": "Ursula von der Leyen/PERSON"},
			[]string{"Ursula", "Leyen"}},
		{"Ban Ki-moon",
			"UN Secretary-General Ban Ki-moon said in New York that Ban would not run again.", []string{"Ban Ki-moon"},
			map[string]string{"Ban Ki-moon": "Ban Ki-moon/PERSON"}, []string{"Ki Moon"}},
		{"ISIL and Islamic State",
			"The Islamic State of Iraq and the Levant claimed the attack. ISIL fighters fled east, officials said.", nil,
			map[string]string{"ISIL": "Islamic State/ORG"}, nil},
		{"PKK and Kurdistan Workers' Party",
			"The Kurdistan Workers' Party said it would fight on. The PKK has fought Ankara since 1984.", nil,
			map[string]string{"Kurdistan Workers' Party": "Kurdistan Workers' Party/ORG", "PKK": "Kurdistan Workers' Party/ORG"}, nil},
		{"IMF defined in the text",
			"The International Monetary Fund (IMF) cut its forecast. The IMF said growth would slow.", nil,
			map[string]string{"International Monetary Fund": "International Monetary Fund/ORG", "IMF": "International Monetary Fund/ORG"},
			[]string{"Imf"}},
		{"MSF and Médecins Sans Frontières",
			"Médecins Sans Frontières (MSF) said its staff were safe. MSF runs two hospitals in the city.", nil,
			map[string]string{"MSF": "Médecins Sans Frontières/ORG"}, nil},
		{"AMD defined in the text",
			"Advanced Micro Devices (AMD) said on Monday it would buy Xilinx. AMD shares rose.", nil,
			map[string]string{"AMD": "Advanced Micro Devices/ORG"}, []string{"Micro Devices"}},
		{"Colts and Indianapolis Colts: a team the gazetteer does not know goes by its name without its town",
			"The Indianapolis Colts beat the Titans on Sunday. The Colts won 24-17 in Nashville.", nil,
			map[string]string{"Colts": "Colts/ORG", "Indianapolis Colts": "Colts/ORG"}, nil},
		{"Boston Red Sox in a text that never says Red Sox alone",
			"The Boston Red Sox signed a pitcher on Monday, the club said.", nil,
			map[string]string{"Boston Red Sox": "Red Sox/ORG"}, nil},
		{"T-Mobile and T-Mobile USA",
			"T-Mobile USA said it would cut prices. T-Mobile has 100 million customers.", nil,
			map[string]string{"T-Mobile USA": "T-Mobile/ORG", "T-Mobile": "T-Mobile/ORG"}, nil},
		{"a title stripped from a Context name",
			"Vladimir Putin met the envoys in Moscow on Friday.", []string{"Russian President Vladimir Putin"},
			map[string]string{"Vladimir Putin": "Vladimir Putin/PERSON"}, []string{"Russian President Vladimir Putin"}},
		{"flew to Paris is no Paris Hilton",
			"Paris Hilton flew to Paris on Tuesday for the show, her agent said.", nil,
			map[string]string{"Paris Hilton": "Paris Hilton/PERSON", "Paris": "Paris/GPE"}, nil},
		{"Jordan's King Abdullah is no Michael Jordan",
			"Michael Jordan visited Amman. Jordan's King Abdullah received him at the palace.", nil,
			map[string]string{"Jordan": "Jordan/GPE"}, nil},
		{"Obama alone is the Obama the gazetteer knows, not the town",
			"Obama told reporters on Monday that the talks would go on.", nil,
			map[string]string{"Obama": "Barack Obama/PERSON"}, nil},
		{"Bush alone is a person, not Būsh",
			"Bush told reporters in Crawford that he would not run again.", nil,
			nil, []string{"Būsh"}},
		{"Mohammed Deif is not renamed to an organisation",
			"Mohammed Deif was killed in the strike, the army said.", nil,
			nil, []string{"Izz Ad-Din AL Qassam"}},
		{"Petra, the ancient city, is a place, not a person",
			"Tourists returned to Petra, the ancient city in southern Jordan, on Monday. Visitors to Petra said the site was crowded.", nil,
			map[string]string{"Petra": "Petra/GPE"}, nil},
		{"Conservative, Conservatives and the Conservative Party are one party",
			"The Conservative Party won the election in Britain. The Conservatives took 330 seats, and Conservative leader David Cameron said the result was clear.", nil,
			map[string]string{"Conservatives": "Conservative Party/ORG", "Conservative": "Conservative Party/ORG"}, nil},
		{"the Kremlin is an organisation",
			"The Kremlin said on Monday that the talks had failed.", nil,
			map[string]string{"Kremlin": "Kremlin/ORG"}, nil},
		{"the White House is one organisation",
			"WASHINGTON — Joe Biden met Narendra Modi at the White House on Friday. The White House said the talks went well.", nil,
			map[string]string{"White House": "White House/ORG"}, nil},
		{"a dateline capital is not the canonical label",
			"WASHINGTON — The talks ended on Friday, officials said.", nil,
			map[string]string{"WASHINGTON": "Washington, D.C./GPE"}, []string{"WASHINGTON"}},
		{"DES MOINES, Iowa is a town, not the Des Moines Register",
			"DES MOINES, Iowa — The Des Moines Register reported the result on Tuesday.", nil,
			map[string]string{"DES MOINES": "Des Moines/GPE"}, nil},
		{"Biden beside Joe and Jill Biden: the nearest",
			"Joe Biden and Jill Biden flew to Paris. Jill Biden met Brigitte Macron, and Biden spoke about schools.", nil,
			map[string]string{"Biden": "Jill Biden/PERSON"}, []string{"Biden"}},
		{"a surname before the full name",
			"Duda arrived late. President Andrzej Duda then met the envoys in Warsaw.", nil,
			map[string]string{"Duda": "Andrzej Duda/PERSON"}, nil},
		{"Mrs. Clinton is not Bill Clinton",
			"Bill Clinton and Hillary Clinton arrived in Denver. Mrs. Clinton said Mr. Clinton was tired.", nil,
			map[string]string{"Hillary Clinton": "Hillary Clinton/PERSON"}, nil},
		{"Warner Bros is a company, not a person",
			"Pink Floyd and Warner Bros signed a deal in London on Monday.", nil,
			map[string]string{"Warner Bros": "Warner Bros/ORG"}, nil},
		{"USS Fitzgerald is a ship",
			"The USS Fitzgerald sailed from Yokosuka on Friday, the Navy said.", nil,
			map[string]string{"USS Fitzgerald": "USS Fitzgerald/FAC"}, nil},
		{"a head of state's surname alone, in a text without the full name",
			"Erdogan said on Friday that Sweden had done enough. Sisi met the envoy in Cairo.", nil,
			map[string]string{"Erdogan": "Recep Tayyip Erdoğan/PERSON", "Sisi": "Abdel Fattah el-Sisi/PERSON"}, nil},
		{"an ambiguous surname alone is left unresolved",
			"Clinton spoke to reporters in Little Rock on Sunday, aides said.", nil,
			map[string]string{"Clinton": "Clinton/MISC"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := resolved(t, tt.text, tt.hints...)
			for form, want := range tt.want {
				if got[form] != want {
					t.Errorf("%q → %q, want %q (all: %v)", form, got[form], want, got)
				}
			}
			for _, bad := range tt.notTo {
				for form, g := range got {
					if strings.HasPrefix(g, bad+"/") && (form != bad || len(tt.want) == 0 || tt.want[form] != g) {
						t.Errorf("%q → %q", form, g)
					}
				}
			}
		})
	}
}

// Acronyms the recognizer leaves out are kept as organisations, but not
// time zones, offices or words in capitals.
func TestAcronymsFound(t *testing.T) {
	got := resolved(t, "Klitschko defends his IBF and WBO belts in Mannheim at 9 p.m. EDT, the POTUS said. It was a MOON shot.")
	for _, want := range []string{"IBF", "WBO"} {
		if got[want] != want+"/ORG" {
			t.Errorf("%s → %q, want an organisation (all: %v)", want, got[want], got)
		}
	}
	for _, not := range []string{"EDT", "POTUS", "MOON"} {
		if g, ok := got[not]; ok {
			t.Errorf("%s is a mention: %q", not, g)
		}
	}
	if got := resolved(t, "The navy rushed its frigate INS Tabar to the Gulf of Aden."); got["INS Tabar"] != "INS Tabar/FAC" {
		t.Errorf("INS Tabar: %v", got)
	}
}

// A capitalised plural after "the" is a team the recognizer missed, but
// not an award or a holiday.
func TestTeamsAfterThe(t *testing.T) {
	got := resolved(t, "He signed with the Angels on Monday and watched the Oscars at home.")
	if got["Angels"] != "Angels/ORG" {
		t.Errorf("Angels: %v", got)
	}
	if g, ok := got["Oscars"]; ok && g == "Oscars/ORG" {
		t.Errorf("Oscars is an organisation: %v", got)
	}
}

// A magazine's name alone, capitalised inside a sentence, is the magazine.
func TestKnownOrgWord(t *testing.T) {
	got := resolved(t, "She told People on Monday that she was well, and walked to Bab al-Maqam.")
	if got["People"] != "People/ORG" {
		t.Errorf("People: %v", got)
	}
	if _, ok := got["Bab"]; ok {
		t.Errorf("Bab alone is a mention: %v", got)
	}
}
