package relation

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/ner"
)

// TestDebugTags prints the tags of RELDEBUG's sentences (temporary).
func TestDebugTags(t *testing.T) {
	s := os.Getenv("RELDEBUG")
	if s == "" {
		t.Skip()
	}
	an, _ := ner.NewProseAnalyzer()
	for _, line := range strings.Split(s, "\n") {
		toks, _ := an.Analyze(line)
		var b strings.Builder
		for _, tk := range toks {
			b.WriteString(tk.Text + "/" + tk.Tag + " ")
		}
		t.Log(b.String())
	}
}

func TestDebugCase(t *testing.T) {
	s := os.Getenv("RELCASE")
	if s == "" {
		t.Skip()
	}
	an, _ := ner.NewProseAnalyzer()
	for _, c := range loadRelCases(t) {
		if !strings.Contains(c.sentence, s) {
			continue
		}
		a := goldAnalysis(t, an, c)
		for _, sn := range a.Sentences {
			var b strings.Builder
			for _, tk := range a.Tokens[sn.First:sn.Last] {
				b.WriteString(tk.Text + "/" + tk.Tag + " ")
			}
			t.Log(b.String())
		}
		for _, m := range a.Mentions {
			t.Logf("mention %q %s s%d", m.Text, m.Type, m.Sentence)
		}
		for _, r := range Extract(a) {
			t.Logf("=> %s — %s %s s%d", a.Mentions[r.A].Text, a.Mentions[r.B].Text, r.Predicate, r.Sentence)
		}
	}
}

func TestDebugRecognizer(t *testing.T) {
	s := os.Getenv("RELREC")
	if s == "" {
		t.Skip()
	}
	ex, _ := ner.Default()
	ex = ex.WithTagFilter(NeedsTags)
	for _, line := range strings.Split(s, "\n") {
		a, _ := ex.Extract(context.Background(), line, ner.Hints{})
		var b strings.Builder
		for _, tk := range a.Tokens {
			b.WriteString(tk.Text + "/" + tk.Tag + " ")
		}
		t.Log(b.String())
		for _, m := range a.Mentions {
			t.Logf("mention %q %s s%d -> %q", m.Text, m.Type, m.Sentence, m.Entity)
		}
		for _, r := range Extract(a) {
			t.Logf("=> %s — %s %s s%d", a.Mentions[r.A].Text, a.Mentions[r.B].Text, r.Predicate, r.Sentence)
		}
	}
}
