package ner

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// ScoreClasses are the classes Evaluate scores: LOC counts GPE, LOC and
// FAC spans. MISC, NORP and EVENT are left out of the scores on both
// sides, as the gold sets disagree about them.
var ScoreClasses = []string{"PER", "ORG", "LOC"}

// Count holds exact-span matching counts for one class.
type Count struct {
	TP, FP, FN int
}

// Precision returns TP/(TP+FP), 0 when nothing was predicted.
func (c Count) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall returns TP/(TP+FN), 0 when there is no gold span.
func (c Count) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 returns the harmonic mean of precision and recall.
func (c Count) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Scores is the result of Evaluate.
type Scores struct {
	Classes  map[string]Count // by class in ScoreClasses
	Tokens   int              // tokens evaluated
	Duration time.Duration    // time spent in Recognize
	Errors   []SpanError      // every false positive and false negative, in text order per document
}

// SpanError is one scoring mistake: a predicted span that is not gold
// (Gold false) or a gold span that was not predicted (Gold true).
type SpanError struct {
	Doc     int    // index of the document
	Gold    bool   // a missed gold span (false negative) rather than a false positive
	Class   string // PER, ORG or LOC
	Text    string // the span's text
	Context string // the sentence around it
}

// Micro returns the counts summed over all scored classes.
func (s Scores) Micro() Count {
	var m Count
	for _, c := range s.Classes {
		m.TP += c.TP
		m.FP += c.FP
		m.FN += c.FN
	}
	return m
}

// Add accumulates o into s.
func (s *Scores) Add(o Scores) {
	if s.Classes == nil {
		s.Classes = map[string]Count{}
	}
	for k, c := range o.Classes {
		a := s.Classes[k]
		a.TP += c.TP
		a.FP += c.FP
		a.FN += c.FN
		s.Classes[k] = a
	}
	s.Tokens += o.Tokens
	s.Duration += o.Duration
	s.Errors = append(s.Errors, o.Errors...)
}

// scoreClass maps a predicted Type to the class it is scored as, or "".
func scoreClass(t Type) string {
	switch t {
	case Person:
		return "PER"
	case Org:
		return "ORG"
	case GPE, Loc, Fac:
		return "LOC"
	}
	return ""
}

// GoldText lays out a gold document as text: tokens joined by single
// spaces, one sentence per line. It returns the text and its tokens and
// sentences with byte offsets, POS-tagged with prose's tagger.
func GoldText(d GoldDocument) (string, []Token, []Sentence, error) {
	var b strings.Builder
	var toks []Token
	var sents []Sentence
	for _, s := range d.Sentences {
		tags, err := posTags(s.Tokens)
		if err != nil {
			return "", nil, nil, err
		}
		sent := Sentence{Start: b.Len(), First: len(toks)}
		for i, w := range s.Tokens {
			if i > 0 {
				b.WriteByte(' ')
			}
			toks = append(toks, Token{Text: w, Start: b.Len(), Tag: tags[i]})
			b.WriteString(w)
		}
		sent.End, sent.Last = b.Len(), len(toks)
		sents = append(sents, sent)
		b.WriteByte('\n')
	}
	return b.String(), toks, sents, nil
}

// Evaluate runs rec over each gold document (on the gold tokens, tagged
// with prose's POS tagger) and scores its spans against the gold spans:
// a span counts only when its start, end and class all match.
func Evaluate(ctx context.Context, rec Recognizer, docs []GoldDocument) (Scores, error) {
	sc := Scores{Classes: map[string]Count{}}
	for _, c := range ScoreClasses {
		sc.Classes[c] = Count{}
	}
	for di, d := range docs {
		if err := ctx.Err(); err != nil {
			return sc, err
		}
		text, toks, sents, err := GoldText(d)
		if err != nil {
			return sc, fmt.Errorf("ner: evaluate: %w", err)
		}
		t0 := time.Now()
		pred := rec.Recognize(text, toks, sents)
		sc.Duration += time.Since(t0)
		sc.Tokens += len(toks)
		type key struct {
			start, end int
			class      string
		}
		gold := map[key]bool{}
		for si, s := range d.Sentences {
			base := sents[si].First
			for _, g := range goldSpans(s.Labels) {
				if g.Class == "MISC" {
					continue
				}
				gold[key{toks[base+g.First].Start, toks[base+g.Last-1].End(), g.Class}] = true
			}
		}
		seen := map[key]bool{}
		for _, p := range pred {
			c := scoreClass(p.Type)
			if c == "" {
				continue
			}
			k := key{p.Start, p.End, c}
			if seen[k] {
				continue
			}
			seen[k] = true
			cnt := sc.Classes[c]
			if gold[k] {
				cnt.TP++
			} else {
				cnt.FP++
				sc.Errors = append(sc.Errors, spanError(di, false, c, text, k.start, k.end))
			}
			sc.Classes[c] = cnt
		}
		for k := range gold {
			if !seen[k] {
				sc.Errors = append(sc.Errors, spanError(di, true, k.class, text, k.start, k.end))
				cnt := sc.Classes[k.class]
				cnt.FN++
				sc.Classes[k.class] = cnt
			}
		}
	}
	return sc, nil
}

func spanError(doc int, gold bool, class, text string, start, end int) SpanError {
	ls := strings.LastIndexByte(text[:start], '\n') + 1
	le := strings.IndexByte(text[end:], '\n')
	if le < 0 {
		le = len(text)
	} else {
		le += end
	}
	return SpanError{Doc: doc, Gold: gold, Class: class, Text: text[start:end],
		Context: text[ls:start] + "[" + text[start:end] + "]" + text[end:le]}
}
