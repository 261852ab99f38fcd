package ner

import (
	"reflect"
	"testing"
)

func TestCleanSpans(t *testing.T) {
	an, err := NewProseAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		span string // the recognizer's span, found in text
		typ  Type
		want []string
	}{
		{"He met Secretary of State John Kerry today.", "Secretary of State John Kerry", Person, []string{"John Kerry"}},
		{"A call to Sergey Lavrov Sept. 28 followed.", "Sergey Lavrov Sept", Person, []string{"Sergey Lavrov"}},
		{"UNICEF Deputy Executive Director Justin Forsyth said so.", "UNICEF Deputy Executive Director Justin Forsyth", Person, []string{"UNICEF", "Justin Forsyth"}},
		{"pull in [Secretary of Defense] Ash Carter now", "[Secretary of Defense] Ash Carter", Person, []string{"Ash Carter"}},
		{"Talks in The United States ended.", "The United States", GPE, []string{"United States"}},
		{"The US Ambassador spoke.", "US Ambassador", GPE, []string{"US"}},
		{"And Russia said no.", "And Russia", GPE, []string{"Russia"}},
		{"Russia's army moved.", "Russia's", GPE, []string{"Russia"}},
		{"He is the Secretary of State.", "Secretary of State", Person, nil},
		{"“Moscow has a decision”", "“Moscow", GPE, []string{"Moscow"}},
		{"The Golden State Warriors won.", "Golden State Warriors", Org, []string{"Golden State Warriors"}},
		{"Martin Luther King spoke.", "Martin Luther King", Person, []string{"Martin Luther King"}},
		{"Then The said", "The", Misc, nil},
		{"UNICEF Deputy Executive Director Justin Forsyth said so.", "UNICEF Deputy Executive Director Justin Forsyth", Org, []string{"UNICEF", "Justin Forsyth"}},
		{"The High Court of Australia ruled.", "High Court of Australia", Org, []string{"High Court of Australia"}},
		{"He left the National Economic Council.", "National Economic Council", Org, []string{"National Economic Council"}},
	}
	for _, tt := range tests {
		t.Run(tt.span, func(t *testing.T) {
			tokens, _ := an.Analyze(tt.text)
			start := indexOf(tt.text, tt.span)
			if start < 0 {
				t.Fatalf("span %q not in %q", tt.span, tt.text)
			}
			got := cleanSpans(tt.text, tokens, []Span{{Start: start, End: start + len(tt.span), Type: tt.typ}})
			var texts []string
			for _, s := range got {
				texts = append(texts, tt.text[s.Start:s.End])
			}
			if !reflect.DeepEqual(texts, tt.want) {
				t.Errorf("cleanSpans(%q) = %q, want %q", tt.span, texts, tt.want)
			}
		})
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestCleanSpansWideGaps(t *testing.T) {
	an, _ := NewProseAnalyzer()
	text := "The earthquake hit Vanuatu       Tafea province and a spokesman for John\nKerry said so on the same day."
	tokens, _ := an.Analyze(text)
	v, j := indexOf(text, "Vanuatu"), indexOf(text, "John")
	spans := []Span{{Start: v, End: indexOf(text, "Tafea") + 5, Type: GPE}, {Start: j, End: j + 10, Type: Person}}
	var got []string
	for _, s := range cleanSpans(text, tokens, spans) {
		got = append(got, text[s.Start:s.End])
	}
	want := []string{"Vanuatu", "Tafea", "John\nKerry"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
