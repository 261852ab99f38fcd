package relation

import (
	"bufio"
	"context"
	"fmt"
	"github.com/graphbuild/graphbuild/pkg/ner"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// relCase is one labelled sentence of testdata/relations.tsv.
type relCase struct {
	part     string
	sentence string
	entities []relGold            // every gold entity of the sentence
	pairs    map[[2]string]string // unordered pair (sorted names) → predicate; NONE pairs are absent
}

type relGold struct {
	name string
	typ  ner.Type
}

func relKey(a, b string) [2]string {
	if b < a {
		a, b = b, a
	}
	return [2]string{a, b}
}

// loadRelCases reads testdata/relations.tsv: sentence, A, B, predicate or
// NONE, gold entities ("Name/TYPE; ..."); "# part X" lines start a part.
func loadRelCases(t testing.TB) []*relCase {
	t.Helper()
	f, err := os.Open("testdata/relations.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []*relCase
	bySent := map[string]*relCase{}
	part := ""
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if strings.HasPrefix(text, "# part ") {
			part = strings.Fields(text)[2]
			part = strings.TrimSuffix(part, ":")
			continue
		}
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) != 5 {
			t.Fatalf("relations.tsv:%d: %d columns, want 5", line, len(cols))
		}
		c := bySent[cols[0]]
		if c == nil {
			c = &relCase{part: part, sentence: cols[0], pairs: map[[2]string]string{}}
			for _, e := range strings.Split(cols[4], ";") {
				name, typ, ok := strings.Cut(strings.TrimSpace(e), "/")
				tt, ok2 := ner.ParseType(typ)
				if !ok || !ok2 {
					t.Fatalf("relations.tsv:%d: bad entity %q", line, e)
				}
				c.entities = append(c.entities, relGold{name, tt})
			}
			bySent[cols[0]] = c
			cases = append(cases, c)
		}
		if cols[3] != "NONE" {
			c.pairs[relKey(cols[1], cols[2])] = cols[3]
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// goldAnalysis analyses a case's text with the prose analyzer (tokens,
// sentences, tags) and replaces the recognizer's output by the gold
// entities: every word-bounded occurrence, longest names first.
func goldAnalysis(t testing.TB, an ner.Analyzer, c *relCase) *ner.Analysis {
	t.Helper()
	tokens, sentences := an.Analyze(c.sentence)
	a := &ner.Analysis{Text: c.sentence, Tokens: tokens, Sentences: sentences}
	ents := append([]relGold(nil), c.entities...)
	sort.SliceStable(ents, func(i, j int) bool { return len(ents[i].name) > len(ents[j].name) })
	taken := make([]bool, len(c.sentence))
	for _, e := range ents {
		found := false
		for off := 0; ; {
			i := strings.Index(c.sentence[off:], e.name)
			if i < 0 {
				break
			}
			s, end := off+i, off+i+len(e.name)
			off = s + 1
			if (s > 0 && isWordByte(c.sentence[s-1])) || (end < len(c.sentence) && isWordByte(c.sentence[end])) {
				continue
			}
			free := true
			for k := s; k < end; k++ {
				free = free && !taken[k]
			}
			if !free {
				continue
			}
			for k := s; k < end; k++ {
				taken[k] = true
			}
			a.Mentions = append(a.Mentions, ner.Mention{Start: s, End: end, Text: e.name, Type: e.typ, Entity: e.name})
			found = true
		}
		if !found {
			t.Fatalf("gold entity %q not in %q", e.name, c.sentence)
		}
	}
	sort.Slice(a.Mentions, func(i, j int) bool { return a.Mentions[i].Start < a.Mentions[j].Start })
	for i := range a.Mentions {
		for a.Mentions[i].Sentence+1 < len(sentences) && sentences[a.Mentions[i].Sentence].End <= a.Mentions[i].Start {
			a.Mentions[i].Sentence++
		}
	}
	return a
}

func isWordByte(b byte) bool {
	return b == '_' || b == '-' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

// relScore counts pair-level agreement over eligible pairs.
type relScore struct {
	tp, fp, fn, predOK int
}

func (s relScore) precision() float64 { return relRatio(s.tp, s.tp+s.fp) }
func (s relScore) recall() float64    { return relRatio(s.tp, s.tp+s.fn) }
func relRatio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (s *relScore) add(o relScore) {
	s.tp += o.tp
	s.fp += o.fp
	s.fn += o.fn
	s.predOK += o.predOK
}

// scoreRelCase runs Extract on the gold analysis of c and compares.
func scoreRelCase(t testing.TB, an ner.Analyzer, c *relCase, log func(string)) relScore {
	a := goldAnalysis(t, an, c)
	got := map[[2]string]string{}
	for _, r := range Extract(a) {
		if r.A < 0 || r.A >= len(a.Mentions) || r.B < 0 || r.B >= len(a.Mentions) || r.Sentence < 0 || r.Sentence >= len(a.Sentences) {
			t.Fatalf("bad relation %+v in %q", r, c.sentence)
		}
		k := relKey(a.Mentions[r.A].Entity, a.Mentions[r.B].Entity)
		if _, dup := got[k]; !dup {
			got[k] = r.Predicate
		}
	}
	var s relScore
	for k, p := range got {
		want, ok := c.pairs[k]
		switch {
		case !ok:
			s.fp++
			log(fmt.Sprintf("%s FP %s — %s (%s): %s", c.part, k[0], k[1], p, c.sentence))
		case want == p:
			s.tp++
			s.predOK++
		default:
			s.tp++
			log(fmt.Sprintf("%s PRED %s — %s: got %s, want %s: %s", c.part, k[0], k[1], p, want, c.sentence))
		}
	}
	for k, want := range c.pairs {
		if _, ok := got[k]; !ok {
			s.fn++
			log(fmt.Sprintf("%s FN %s — %s (%s): %s", c.part, k[0], k[1], want, c.sentence))
		}
	}
	return s
}

// TestRelationsLabelled measures the relation rules on the hand-labelled
// sentences with gold entity spans and asserts the floors they reach.
// Run with -v to see the scores and every error.
func TestRelationsLabelled(t *testing.T) {
	an, err := ner.NewProseAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	cases := loadRelCases(t)
	byPart := map[string]*relScore{}
	var parts []string
	var all relScore
	pos, neg := 0, 0
	for _, c := range cases {
		if byPart[c.part] == nil {
			byPart[c.part] = &relScore{}
			parts = append(parts, c.part)
		}
		s := scoreRelCase(t, an, c, func(msg string) { t.Log(msg) })
		byPart[c.part].add(s)
		all.add(s)
		pos += len(c.pairs)
		for i := range c.entities {
			for j := i + 1; j < len(c.entities); j++ {
				if relEligible(c.entities[i].typ, c.entities[j].typ) && c.entities[i].name != c.entities[j].name {
					if _, ok := c.pairs[relKey(c.entities[i].name, c.entities[j].name)]; !ok {
						neg++
					}
				}
			}
		}
	}
	if pos < 60 || neg < 60 {
		t.Errorf("labelled set too small: %d positive, %d negative pairs", pos, neg)
	}
	for _, p := range parts {
		s := byPart[p]
		t.Logf("part %s: precision %.3f recall %.3f (tp %d fp %d fn %d, predicate right %d/%d)", p, s.precision(), s.recall(), s.tp, s.fp, s.fn, s.predOK, s.tp)
	}
	t.Logf("all: %d sentences, %d positive / %d negative pairs: precision %.3f recall %.3f (tp %d fp %d fn %d, predicate right %d/%d)",
		len(cases), pos, neg, all.precision(), all.recall(), all.tp, all.fp, all.fn, all.predOK, all.tp)
	for _, floor := range []struct {
		part      string
		precision float64
		recall    float64
	}{
		{"A", relFloorAPrecision, relFloorARecall},
		{"D", relFloorDPrecision, relFloorDRecall},
		{"E", relFloorEPrecision, relFloorERecall},
		{"F", relFloorFPrecision, relFloorFRecall},
		{"G", relFloorGPrecision, relFloorGRecall},
		{"all", relFloorAllPrecision, relFloorAllRecall},
	} {
		s := all
		if floor.part != "all" {
			s = *byPart[floor.part]
		}
		if s.precision() < floor.precision || s.recall() < floor.recall {
			t.Errorf("part %s: precision %.3f recall %.3f, below the floors %.2f / %.2f", floor.part, s.precision(), s.recall(), floor.precision, floor.recall)
		}
		if relRatio(s.predOK, s.tp) < 0.9 {
			t.Errorf("part %s: predicate right for %d of %d pairs", floor.part, s.predOK, s.tp)
		}
	}
}

// The floors the rules reach (see BENCHMARKS.md): part A was labelled
// before any rule, parts D, F and G are held out (for issue 14, F: first
// run P 0.959 / R 0.904; G, written after the rules were final: P 0.955 /
// R 1.000); a change that lowers them fails.
const (
	relFloorAPrecision   = 0.97
	relFloorARecall      = 0.92
	relFloorDPrecision   = 0.90
	relFloorDRecall      = 0.80
	relFloorEPrecision   = 0.97
	relFloorERecall      = 0.95
	relFloorFPrecision   = 0.95
	relFloorFRecall      = 0.88
	relFloorGPrecision   = 0.95
	relFloorGRecall      = 0.95
	relFloorAllPrecision = 0.97
	relFloorAllRecall    = 0.93
)

// goldOf builds the gold analysis of one sentence from "Name/TYPE" entities.
func goldOf(t *testing.T, sentence string, ents ...string) *ner.Analysis {
	t.Helper()
	an, err := ner.NewProseAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	c := &relCase{sentence: sentence}
	for _, e := range ents {
		name, typ, _ := strings.Cut(e, "/")
		tt, ok := ner.ParseType(typ)
		if !ok {
			t.Fatalf("bad type in %q", e)
		}
		c.entities = append(c.entities, relGold{name, tt})
	}
	return goldAnalysis(t, an, c)
}

func TestRelationsExamples(t *testing.T) {
	for _, tc := range []struct {
		sentence string
		ents     []string
		want     []string // "A|B|predicate", A the actor
	}{
		{"Kerry and Lavrov met in Geneva.", []string{"Kerry/PERSON", "Lavrov/PERSON", "Geneva/GPE"}, []string{"Kerry|Lavrov|met"}},
		{"Putin hosted Erdogan in Sochi.", []string{"Putin/PERSON", "Erdogan/PERSON", "Sochi/GPE"}, []string{"Putin|Erdogan|hosted"}},
		{"Erdogan was received by Putin.", []string{"Erdogan/PERSON", "Putin/PERSON"}, []string{"Putin|Erdogan|received"}},
		{"Kerry criticized Lavrov.", []string{"Kerry/PERSON", "Lavrov/PERSON"}, nil},
		{"Kerry said Assad must go.", []string{"Kerry/PERSON", "Assad/PERSON"}, nil},
		{"Merkel said that Macron met Trump.", []string{"Merkel/PERSON", "Macron/PERSON", "Trump/PERSON"}, []string{"Macron|Trump|met"}},
		{"Netanyahu's meeting with Obama lasted two hours.", []string{"Netanyahu/PERSON", "Obama/PERSON"}, []string{"Netanyahu|Obama|met"}},
		{"The talks between Mogherini and Zarif ended.", []string{"Mogherini/PERSON", "Zarif/PERSON"}, []string{"Mogherini|Zarif|talks"}},
		{"Modi visited Washington last week.", []string{"Modi/PERSON", "Washington/GPE"}, []string{"Modi|Washington|visit"}},
		{"Johnson refused to meet Barnier.", []string{"Johnson/PERSON", "Barnier/PERSON"}, nil},
		{"Kerry met with Lavrov and Assad.", []string{"Kerry/PERSON", "Lavrov/PERSON", "Assad/PERSON"}, []string{"Kerry|Lavrov|met", "Kerry|Assad|met"}},
		{"Russia and China met.", []string{"Russia/GPE", "China/GPE"}, nil}, // no person
		{"A phone call by Kerry to his Russian counterpart Lavrov.", []string{"Kerry/PERSON", "Lavrov/PERSON"}, []string{"Kerry|Lavrov|phone call"}},
		// Issue 14: other wordings.
		{"Macron and Kenyan President William Ruto, in a video call, discuss debt relief.", []string{"Macron/PERSON", "William Ruto/PERSON"}, []string{"Macron|William Ruto|phone call"}},
		{"Ruto holds talks with the Senate's outgoing speaker, Ken Lusaka, on the budget.", []string{"Ruto/PERSON", "Senate/ORG", "Ken Lusaka/PERSON"}, []string{"Ruto|Ken Lusaka|talks"}},
		{"Netanyahu holds emergency talks with Blinken.", []string{"Netanyahu/PERSON", "Blinken/PERSON"}, []string{"Netanyahu|Blinken|talks"}},
		{"Blinken flies to Nairobi for the first time since the election to meet with President William Ruto.", []string{"Blinken/PERSON", "Nairobi/GPE", "William Ruto/PERSON"}, []string{"Blinken|William Ruto|met"}},
		{"Scholz hosts Meloni and Sánchez for dinner at the Chancellery.", []string{"Scholz/PERSON", "Meloni/PERSON", "Sánchez/PERSON"}, []string{"Scholz|Meloni|dinner", "Scholz|Sánchez|dinner"}},
		{"Italian Prime Minister Giorgia Meloni arrived in Berlin. The Italian prime minister met Scholz.", []string{"Giorgia Meloni/PERSON", "Berlin/GPE", "Scholz/PERSON"}, []string{"Giorgia Meloni|Scholz|met"}},
		{"Narendra Modi landed in Washington. He later met Biden.", []string{"Narendra Modi/PERSON", "Washington/GPE", "Biden/PERSON"}, []string{"Narendra Modi|Biden|met"}},
		{"Scholz spoke about Macron. He later met Biden.", []string{"Scholz/PERSON", "Macron/PERSON", "Biden/PERSON"}, nil}, // two people before "he"
		{"Spanish Prime Minister Pedro Sánchez and Portuguese Prime Minister Luís Montenegro arrived. The prime minister met Rutte.", []string{"Pedro Sánchez/PERSON", "Luís Montenegro/PERSON", "Rutte/PERSON"}, nil},
		{"Xi Jinping flew to Moscow. Xi met Putin.", []string{"Xi Jinping/PERSON", "Moscow/GPE", "Putin/PERSON"}, []string{"Xi Jinping|Putin|met"}}, // "Xi" is no mention
		{"Xi Jinping flew to Moscow. President Xi met Putin.", []string{"Xi Jinping/PERSON", "Moscow/GPE", "Putin/PERSON"}, []string{"Xi Jinping|Putin|met"}},
		{"Kim Jong Un flew to Moscow. Kim Yo Jong met Putin.", []string{"Kim Jong Un/PERSON", "Moscow/GPE", "Putin/PERSON"}, nil}, // another Kim
		{"The talks between Biden and Xi Jinping lasted four hours.", []string{"Biden/PERSON", "Xi Jinping/PERSON"}, []string{"Biden|Xi Jinping|talks"}},
		{"In a call with Kishida, Biden reaffirmed the alliance.", []string{"Kishida/PERSON", "Biden/PERSON"}, []string{"Biden|Kishida|phone call"}},
		{"Zelensky says he is ready to meet Putin.", []string{"Zelensky/PERSON", "Putin/PERSON"}, nil},
		{"Trump cancels meeting with Putin in Budapest.", []string{"Trump/PERSON", "Putin/PERSON", "Budapest/GPE"}, nil},
		{"Trump lied about meeting Zelensky, the report said.", []string{"Trump/PERSON", "Zelensky/PERSON"}, nil},
		{"Biden praises Zelensky for his courage.", []string{"Biden/PERSON", "Zelensky/PERSON"}, nil},
		{"Erdogan accuses Netanyahu of genocide.", []string{"Erdogan/PERSON", "Netanyahu/PERSON"}, nil},
		{"Starmer replaces Lammy with Yvette Cooper.", []string{"Starmer/PERSON", "Lammy/PERSON", "Yvette Cooper/PERSON"}, nil},
		{"Attending were Macron, Scholz, Meloni and Tusk.", []string{"Macron/PERSON", "Scholz/PERSON", "Meloni/PERSON", "Tusk/PERSON"}, nil},
		{"Zelensky urged Trump to meet him in Kyiv.", []string{"Zelensky/PERSON", "Trump/PERSON", "Kyiv/GPE"}, nil},
	} {
		a := goldOf(t, tc.sentence, tc.ents...)
		var got []string
		for _, r := range Extract(a) {
			got = append(got, a.Mentions[r.A].Text+"|"+a.Mentions[r.B].Text+"|"+r.Predicate)
		}
		if strings.Join(got, ";") != strings.Join(tc.want, ";") {
			t.Errorf("%s\n got %q\nwant %q", tc.sentence, got, tc.want)
		}
	}
}

// Extract must never panic and must return valid indexes, whatever the
// mentions and tags look like.
func FuzzRelations(f *testing.F) {
	f.Add("Kerry and Lavrov met in Geneva on Friday.", uint8(3))
	f.Add("talks between the U.S. Secretary of State John Kerry and Foreign Minister Sergey Lavrov", uint8(7))
	f.Add("Erdogan was received by , and , met with 's", uint8(5))
	f.Add("Xi Jinping flew to Moscow . He met Xi and the prime minister met him", uint8(4))
	tags := []string{"NNP", "VBD", "IN", "DT", "CC", ",", "POS", "PRP", "RB", "TO", "NN", "VBZ", "JJ"}
	types := []ner.Type{ner.Person, ner.Org, ner.GPE, ner.Person, ner.NORP}
	f.Fuzz(func(t *testing.T, text string, seed uint8) {
		a := &ner.Analysis{Text: text}
		words := strings.Fields(text)
		off := 0
		for i, w := range words {
			k := strings.Index(text[off:], w)
			start := off + k
			off = start + len(w)
			a.Tokens = append(a.Tokens, ner.Token{Text: w, Start: start, Tag: tags[(i+int(seed))%len(tags)]})
		}
		// Two sentences when there are tokens enough, so that pronouns,
		// roles and lone names may reach back.
		split := len(a.Tokens)
		if len(a.Tokens) > 3 {
			split = 1 + int(seed)%(len(a.Tokens)-1)
		}
		a.Sentences = []ner.Sentence{{Start: 0, End: len(text), First: 0, Last: split}}
		if split < len(a.Tokens) {
			a.Sentences[0].End = a.Tokens[split].Start
			a.Sentences = append(a.Sentences, ner.Sentence{Start: a.Tokens[split].Start, End: len(text), First: split, Last: len(a.Tokens)})
		}
		for i, tk := range a.Tokens {
			if (i+int(seed))%3 == 0 {
				si := 0
				if i >= split {
					si = 1
				}
				a.Mentions = append(a.Mentions, ner.Mention{Start: tk.Start, End: tk.End(), Text: tk.Text, Type: types[(i+int(seed))%len(types)], Sentence: si, Entity: tk.Text})
			}
		}
		for _, r := range Extract(a) {
			if r.A < 0 || r.A >= len(a.Mentions) || r.B < 0 || r.B >= len(a.Mentions) || r.A == r.B || r.Sentence < 0 || r.Sentence >= len(a.Sentences) {
				t.Fatalf("bad relation %+v", r)
			}
			if !relEligible(a.Mentions[r.A].Type, a.Mentions[r.B].Type) {
				t.Fatalf("ineligible pair %+v", r)
			}
		}
	})
}

// BenchmarkRelations runs the rules over every labelled sentence.
func BenchmarkRelations(b *testing.B) {
	an, err := ner.NewProseAnalyzer()
	if err != nil {
		b.Fatal(err)
	}
	cases := loadRelCases(b)
	as := make([]*ner.Analysis, len(cases))
	tokens := 0
	for i, c := range cases {
		as[i] = goldAnalysis(b, an, c)
		tokens += len(as[i].Tokens)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, a := range as {
			Extract(a)
		}
	}
	b.ReportMetric(float64(len(as)*b.N)/b.Elapsed().Seconds(), "sentences/s")
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// TestRelationsWithRecognizer runs the whole pipeline as build runs it
// (ner.Default with NeedsTags) on the
// labelled sentences and scores the relations it finds against the gold
// pairs, matching a found mention to a gold entity when their spans
// overlap. It reports the numbers (-v) and asserts only that the pipeline
// finds some of the interactions: the recognizer is measured elsewhere.
func TestRelationsWithRecognizer(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the recognizer")
	}
	ex, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	ex = ex.WithTagFilter(NeedsTags) // as build runs it
	an, err := ner.NewProseAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	var all relScore
	byPart := map[string]*relScore{}
	reach, reachTP := map[string]int{}, map[string]int{}
	var parts []string
	untagged := 0
	for _, c := range loadRelCases(t) {
		if byPart[c.part] == nil {
			byPart[c.part] = &relScore{}
			parts = append(parts, c.part)
		}
		var s relScore
		gold := goldAnalysis(t, an, c)
		a, err := ex.Extract(context.Background(), c.sentence, ner.Hints{})
		if err != nil {
			t.Fatal(err)
		}
		for _, sn := range a.Sentences {
			if sn.Last > sn.First && a.Tokens[sn.First].Tag == "" {
				untagged++
			}
		}
		// The Extractor tags only the sentences a relation can start
		// in; tagging all of them must change nothing.
		full := *a
		full.Tokens = append([]ner.Token(nil), a.Tokens...)
		for _, sn := range full.Sentences {
			an.TagSentence(full.Tokens[sn.First:sn.Last])
		}
		if lazy, all := Extract(a), Extract(&full); !reflect.DeepEqual(lazy, all) {
			t.Errorf("%q: relations with lazy tags %v, with all tags %v", c.sentence, lazy, all)
		}
		// Resolution across the corpus may retype mentions after Extract
		// (a MISC becomes a PERSON): the lazy tags must still serve.
		retyped, retypedFull := *a, full
		retyped.Mentions = append([]ner.Mention(nil), a.Mentions...)
		for i := range retyped.Mentions {
			retyped.Mentions[i].Type = ner.Person
		}
		retypedFull.Mentions = retyped.Mentions
		if lazy, all := Extract(&retyped), Extract(&retypedFull); !reflect.DeepEqual(lazy, all) {
			t.Errorf("%q, every mention a person: relations with lazy tags %v, with all tags %v", c.sentence, lazy, all)
		}
		goldName := func(m ner.Mention) string {
			for _, g := range gold.Mentions {
				if m.Start < g.End && g.Start < m.End || m.Entity == g.Entity {
					return g.Entity // overlapping, or resolved to it ("Lai" → "Lai Ching-te")
				}
			}
			return ""
		}
		got := map[[2]string]bool{}
		for _, r := range Extract(a) {
			x, y := goldName(a.Mentions[r.A]), goldName(a.Mentions[r.B])
			if x == "" || y == "" || x == y {
				s.fp++ // a pair of names that are not gold entities
				t.Logf("%s FP %s — %s: %s", c.part, a.Mentions[r.A].Text, a.Mentions[r.B].Text, c.sentence)
				continue
			}
			got[relKey(x, y)] = true
		}
		for k := range got {
			if _, ok := c.pairs[k]; ok {
				s.tp++
			} else {
				s.fp++
				t.Logf("%s FP %s — %s: %s", c.part, k[0], k[1], c.sentence)
			}
		}
		// A pair is reachable when the recognizer found both names with a
		// type that may interact: what the rules could pair.
		found := map[string]bool{}
		for _, m := range a.Mentions {
			if m.Type == ner.Person || m.Type == ner.Org || m.Type == ner.GPE {
				if g := goldName(m); g != "" {
					found[g] = true
				}
			}
		}
		for k := range c.pairs {
			if found[k[0]] && found[k[1]] {
				reach[c.part]++
				if got[k] {
					reachTP[c.part]++
				}
			}
			if !got[k] {
				s.fn++
				t.Logf("%s FN %s — %s: %s", c.part, k[0], k[1], c.sentence)
			}
		}
		byPart[c.part].add(s)
		all.add(s)
	}
	for _, p := range parts {
		s := byPart[p]
		t.Logf("with the recognizer, part %s: precision %.3f recall %.3f (tp %d fp %d fn %d); %d of %d gold pairs have both names recognised, recall on those %.3f",
			p, s.precision(), s.recall(), s.tp, s.fp, s.fn, reach[p], s.tp+s.fn, relRatio(reachTP[p], reach[p]))
	}
	s := all
	t.Logf("with the recognizer: precision %.3f recall %.3f (tp %d fp %d fn %d)", s.precision(), s.recall(), s.tp, s.fp, s.fn)
	if s.tp == 0 {
		t.Error("the pipeline finds no interaction at all")
	}
	if untagged == 0 {
		t.Error("every sentence was tagged: the lazy tagging this test checks did not run")
	}
}
