package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/graphbuild/graphbuild/pkg/ner"
)

func main() {
	dir := flag.String("dir", "data/annotation", "the annotation folder (news/, double/, conll/)")
	flag.BoolVar(&verbose, "v", false, "convert: list the names left out")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: annotate [-dir DIR] convert|agree\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	var err error
	switch flag.Arg(0) {
	case "convert":
		err = convert(*dir)
	case "agree":
		err = agree(*dir)
	default:
		flag.Usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "annotate:", err)
		os.Exit(1)
	}
}

var verbose bool

// tokSent is one sentence of tokens with their IOB2 tags.
type tokSent struct {
	toks, tags []string
}

type convertStats struct {
	headlines, sentences, tokens, spans, misaligned int
	byType                                          map[string]int
	examples                                        []string // names left out, with their tokens
}

// tokenize turns one annotated headline into CoNLL sentences. A name
// whose edges fall inside a token ("U.S.-led") cannot be tagged; it is
// left out and counted in st.misaligned.
func tokenize(a *ner.ProseAnalyzer, h headline, st *convertStats) []tokSent {
	tokens, sents := a.Split(h.text)
	tags := make([]string, len(tokens))
	for i := range tags {
		tags[i] = "O"
	}
	// Sentences an entity crosses are merged: a name is never cut.
	tokSentence := make([]int, len(tokens))
	for si, s := range sents {
		for i := s.First; i < s.Last; i++ {
			tokSentence[i] = si
		}
	}
	merge := make([]bool, len(sents)) // merge[si]: sentence si joins si-1
	for _, sp := range h.spans {
		first, last := -1, -1
		for i, t := range tokens {
			if t.Start < sp.end && t.End() > sp.start {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		if first < 0 || tokens[first].Start != sp.start || tokens[last].End() != sp.end {
			st.misaligned++
			if first >= 0 {
				var ts []string
				for _, t := range tokens[first : last+1] {
					ts = append(ts, t.Text)
				}
				st.examples = append(st.examples, fmt.Sprintf("%s:%d: %s %q in tokens %q", h.file, h.line, sp.typ, h.text[sp.start:sp.end], ts))
			}
			continue
		}
		st.spans++
		st.byType[sp.typ]++
		for i := first; i <= last; i++ {
			if i == first {
				tags[i] = "B-" + sp.typ
			} else {
				tags[i] = "I-" + sp.typ
			}
			if i > first && tokSentence[i] != tokSentence[i-1] {
				for k := tokSentence[i-1] + 1; k <= tokSentence[i]; k++ {
					merge[k] = true
				}
			}
		}
	}
	var out []tokSent
	for si, s := range sents {
		if si == 0 || !merge[si] || len(out) == 0 {
			out = append(out, tokSent{})
		}
		cur := &out[len(out)-1]
		for i := s.First; i < s.Last; i++ {
			cur.toks = append(cur.toks, tokens[i].Text)
			cur.tags = append(cur.tags, tags[i])
		}
	}
	st.headlines++
	for _, s := range out {
		if len(s.toks) > 0 {
			st.sentences++
			st.tokens += len(s.toks)
		}
	}
	return out
}

// isTestDay reports whether the i-th day (in date order) is held out.
func isTestDay(i int) bool { return i%10 == 5 }

func convert(dir string) error { return convertTo(dir, filepath.Join(dir, "conll"), os.Stdout) }

// convertTo converts dir/news into out/train.conll and out/test.conll,
// reporting counts to w.
func convertTo(dir, out string, w io.Writer) error {
	days, err := readDir(filepath.Join(dir, "news"))
	if err != nil {
		return err
	}
	if len(days) == 0 {
		return errors.New("no annotated days in " + filepath.Join(dir, "news"))
	}
	a, err := ner.NewProseAnalyzer()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	stats := map[string]*convertStats{"train": {byType: map[string]int{}}, "test": {byType: map[string]int{}}}
	bufs := map[string]*strings.Builder{"train": {}, "test": {}}
	for i, d := range days {
		part := "train"
		if isTestDay(i) {
			part = "test"
		}
		b := bufs[part]
		fmt.Fprintf(b, "-DOCSTART-\t%s\n\n", d.date)
		for _, h := range d.lines {
			for _, s := range tokenize(a, h, stats[part]) {
				if len(s.toks) == 0 {
					continue
				}
				for k := range s.toks {
					fmt.Fprintf(b, "%s\t%s\n", s.toks[k], s.tags[k])
				}
				b.WriteByte('\n')
			}
		}
	}
	for _, part := range []string{"train", "test"} {
		path := filepath.Join(out, part+".conll")
		if err := writeAtomic(path, bufs[part].String()); err != nil {
			return err
		}
		st := stats[part]
		var ts []string
		for t, n := range st.byType {
			ts = append(ts, fmt.Sprintf("%s %d", t, n))
		}
		sort.Strings(ts)
		if verbose {
			for _, e := range st.examples {
				fmt.Fprintln(w, "  left out:", e)
			}
		}
		fmt.Fprintf(w, "%s: %d headlines, %d sentences, %d tokens, %d names (%s); %d names not on token edges left out\n",
			path, st.headlines, st.sentences, st.tokens, st.spans, strings.Join(ts, ", "), st.misaligned)
	}
	return nil
}

func writeAtomic(path, s string) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(s), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// prf is a precision/recall/F1 counter.
type prf struct{ tp, fp, fn int }

func (c prf) f1() float64 {
	if 2*c.tp+c.fp+c.fn == 0 {
		return 0
	}
	return float64(2*c.tp) / float64(2*c.tp+c.fp+c.fn)
}

// agree compares the second annotator's days (double/) with the first's
// (news/): headlines matched by their plain text, names compared as exact
// spans with and without their type. It writes the disagreements to
// agreement/disagreements.md for adjudication.
func agree(dir string) error {
	first, err := readDir(filepath.Join(dir, "news"))
	if err != nil {
		return err
	}
	second, err := readDir(filepath.Join(dir, "double"))
	if err != nil {
		return err
	}
	byText := map[string]headline{}
	for _, d := range first {
		for _, h := range d.lines {
			byText[d.date+"\x00"+h.text] = h
		}
	}
	var typed, untyped prf
	perType := map[string]*prf{}
	var out strings.Builder
	out.WriteString("# Disagreements between the two annotation passes\n\n" +
		"Generated by `go run ./internal/annotate agree`. A: news/ (first pass), B: double/ (second, independent pass).\n\n")
	matched, unmatched, lines := 0, 0, 0
	for _, d := range second {
		for _, hb := range d.lines {
			lines++
			ha, ok := byText[d.date+"\x00"+hb.text]
			if !ok {
				unmatched++
				continue
			}
			matched++
			sa, sb := spanSet(ha.spans), spanSet(hb.spans)
			ua, ub := map[[2]int]bool{}, map[[2]int]bool{}
			for s := range sa {
				ua[[2]int{s.start, s.end}] = true
			}
			for s := range sb {
				ub[[2]int{s.start, s.end}] = true
			}
			for s := range sa {
				p := perTypeOf(perType, s.typ)
				if sb[s] {
					typed.tp++
					p.tp++
				} else {
					typed.fn++
					p.fn++
				}
			}
			for s := range sb {
				if !sa[s] {
					typed.fp++
					perTypeOf(perType, s.typ).fp++
				}
			}
			for s := range ua {
				if ub[s] {
					untyped.tp++
				} else {
					untyped.fn++
				}
			}
			for s := range ub {
				if !ua[s] {
					untyped.fp++
				}
			}
			if !sameSpans(sa, sb) {
				fmt.Fprintf(&out, "- %s (%s:%d)\n  - A: %s\n  - B: %s\n", d.date, ha.file, ha.line, render(hb.text, ha.spans), render(hb.text, hb.spans))
			}
		}
	}
	if matched == 0 {
		return errors.New("no headline of double/ matches one of news/")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "headlines in double/: %d, matched in news/: %d, unmatched: %d\n", lines, matched, unmatched)
	fmt.Fprintf(&b, "span agreement, exact span and type: F1 %.3f (%d agreed, %d only in A, %d only in B)\n", typed.f1(), typed.tp, typed.fn, typed.fp)
	fmt.Fprintf(&b, "span agreement, exact span, any type: F1 %.3f\n", untyped.f1())
	var ts []string
	for t := range perType {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	for _, t := range ts {
		p := perType[t]
		fmt.Fprintf(&b, "  %-6s F1 %.3f (A %d, B %d, agreed %d)\n", t, p.f1(), p.tp+p.fn, p.tp+p.fp, p.tp)
	}
	fmt.Print(b.String())
	if err := os.MkdirAll(filepath.Join(dir, "agreement"), 0o755); err != nil {
		return err
	}
	if err := writeAtomic(filepath.Join(dir, "agreement", "summary.txt"), b.String()); err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, "agreement", "disagreements.md"), out.String())
}

func perTypeOf(m map[string]*prf, t string) *prf {
	if m[t] == nil {
		m[t] = &prf{}
	}
	return m[t]
}

func spanSet(spans []span) map[span]bool {
	m := map[span]bool{}
	for _, s := range spans {
		m[s] = true
	}
	return m
}

func sameSpans(a, b map[span]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for s := range a {
		if !b[s] {
			return false
		}
	}
	return true
}

// render writes a headline with its spans marked, as in an .ann file.
func render(text string, spans []span) string {
	sorted := append([]span(nil), spans...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].start < sorted[j].start })
	var b strings.Builder
	at := 0
	for _, s := range sorted {
		b.WriteString(escape(text[at:s.start]))
		fmt.Fprintf(&b, "[%s %s]", s.typ, escape(text[s.start:s.end]))
		at = s.end
	}
	b.WriteString(escape(text[at:]))
	return b.String()
}

func escape(s string) string {
	return strings.NewReplacer("[", `\[`, "]", `\]`).Replace(s)
}
