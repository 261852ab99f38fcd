package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/ner"
)

func TestParseLine(t *testing.T) {
	text, spans, err := parseLine(`[PERSON Aaron Swartz] was found dead in his [GPE Brooklyn], [GPE New York] apartment \[sic\].`)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Aaron Swartz was found dead in his Brooklyn, New York apartment [sic]."; text != want {
		t.Fatalf("text %q, want %q", text, want)
	}
	got := []string{}
	for _, s := range spans {
		got = append(got, s.typ+":"+text[s.start:s.end])
	}
	if strings.Join(got, "|") != "PERSON:Aaron Swartz|GPE:Brooklyn|GPE:New York" {
		t.Fatalf("spans %v", got)
	}
	if back := render(text, spans); back != `[PERSON Aaron Swartz] was found dead in his [GPE Brooklyn], [GPE New York] apartment \[sic\].` {
		t.Fatalf("render gives %q", back)
	}
}

func TestParseLineErrors(t *testing.T) {
	for _, bad := range []string{
		"[PERSON [GPE Paris] Hilton]",
		"[PLACE Paris]",
		"[GPE Paris",
		"Paris]",
		"[GPE ]",
		"[GPE Paris ]",
		"[GPE]",
	} {
		if _, _, err := parseLine(bad); err == nil {
			t.Errorf("parseLine(%q) gave no error", bad)
		}
	}
}

func TestParseAnn(t *testing.T) {
	in := "# day 2013-01-7\n# src news/2013/01/7/index.md\n# note unsure\n[ORG NATO] meets.\n\n# day 2013-01-08\nNothing here.\n"
	days, err := parseAnn(strings.NewReader(in), "x.ann")
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != 2 || days[0].date != "2013-01-07" || days[0].src != "news/2013/01/7/index.md" || len(days[0].lines) != 1 || days[0].lines[0].notes[0] != "unsure" {
		t.Fatalf("got %+v", days)
	}
	if _, err := parseAnn(strings.NewReader("[ORG NATO]\n"), "x.ann"); err == nil {
		t.Fatal("a headline before '# day' was accepted")
	}
}

func TestTokenize(t *testing.T) {
	a, err := ner.NewProseAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	text, spans, err := parseLine(`The [ORG U.S. Senate] approves a [GPE U.S.]-led deal with [PERSON Barack Obama].`)
	if err != nil {
		t.Fatal(err)
	}
	st := &convertStats{byType: map[string]int{}}
	sents := tokenize(a, headline{text: text, spans: spans}, st)
	var pairs []string
	for _, s := range sents {
		for i := range s.toks {
			if s.tags[i] != "O" {
				pairs = append(pairs, s.toks[i]+"/"+s.tags[i])
			}
		}
	}
	// "U.S.-led" is one token: that name cannot be tagged and is counted.
	if got := strings.Join(pairs, " "); got != "U.S./B-ORG Senate/I-ORG Barack/B-PERSON Obama/I-PERSON" {
		t.Fatalf("tags: %s", got)
	}
	if st.misaligned != 1 || st.spans != 2 {
		t.Fatalf("misaligned %d spans %d", st.misaligned, st.spans)
	}
}

// TestShippedCoNLLUpToDate converts the shipped annotations again and
// compares with the shipped CoNLL files that `graphbuild train` reads:
// an edit of news/*.ann without `go run ./internal/annotate convert`
// fails here.
func TestShippedCoNLLUpToDate(t *testing.T) {
	dir := "../../data/annotation"
	out := t.TempDir()
	if err := convertTo(dir, out, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{"train.conll", "test.conll"} {
		want, err := os.ReadFile(filepath.Join(dir, "conll", part))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(out, part))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("data/annotation/conll/%s is not what news/*.ann converts to: run go run ./internal/annotate convert", part)
		}
	}
}

// TestTestDaysHeldOut checks the split: no day of test.conll is in
// train.conll, and about a tenth of the days are held out.
func TestTestDaysHeldOut(t *testing.T) {
	days := func(p string) map[string]bool {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]bool{}
		for _, l := range strings.Split(string(b), "\n") {
			if d, ok := strings.CutPrefix(l, "-DOCSTART-\t"); ok {
				m[d] = true
			}
		}
		return m
	}
	train, test := days("../../data/annotation/conll/train.conll"), days("../../data/annotation/conll/test.conll")
	for d := range test {
		if train[d] {
			t.Errorf("day %s is in both train and test", d)
		}
	}
	if n := len(train) + len(test); len(test)*100 < n*9 || len(test)*100 > n*11 {
		t.Errorf("%d of %d days held out, want about 10%%", len(test), n)
	}
}
