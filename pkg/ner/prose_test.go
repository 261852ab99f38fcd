package ner

import (
	"strings"
	"testing"
)

func TestSplitTokens(t *testing.T) {
	a, err := NewProseAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ text, want string }{
		// prose takes a short capitalised word before the final period
		// for an abbreviation.
		{"Scientists study the Korean War.", "Scientists study the Korean War ."},
		{"Fighting goes on in Gao.", "Fighting goes on in Gao ."},
		{"He joined Apple Inc.", "He joined Apple Inc."},
		{"The U.S.", "The U.S."},
		// Current Events headlines glue a topic to its sentence.
		{"Syrian civil war:An attack kills 5.", "Syrian civil war : An attack kills 5 ."},
		{"Northern Mali conflict (2012-present):French troops land.", "Northern Mali conflict ( 2012-present ) : French troops land ."},
		{"It shows ''Argo tonight.", "It shows '' Argo tonight ."},
		{"At 10:30 see http://x.org today.", "At 10:30 see http://x.org today ."},
		// A title glued to the name: the name is a token of its own.
		{"Gov.Sarah Palin spoke.", "Gov. Sarah Palin spoke ."},
		{"See MyFox.com and St.Louis today.", "See MyFox.com and St. Louis today ."},
	} {
		toks, _ := a.Split(c.text)
		var got []string
		for _, tk := range toks {
			if c.text[tk.Start:tk.End()] != tk.Text {
				t.Errorf("%q: token %q at %d does not match the text", c.text, tk.Text, tk.Start)
			}
			got = append(got, tk.Text)
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("Split(%q) = %q, want %q", c.text, g, c.want)
		}
	}
}
