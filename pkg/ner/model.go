package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Model is graphbuild's trained entity recognizer: a structured averaged
// perceptron over hashed word, shape, affix, POS, context and gazetteer
// features, decoded with constrained Viterbi (an I- label only continues
// its own class), followed by document-level consistency rules. It types
// spans as Person, Org, GPE, Loc, Fac, NORP, Event or Misc. A Model is
// safe for concurrent use.
type Model struct {
	w    *weights
	set  featureSet
	gaz  *Gazetteer
	pos  *posDict  // word → POS tag, when set has fsDictPOS
	pool sync.Pool // *recScratch
}

// NeedsTags reports whether Recognize reads the tokens' POS tags. A model
// that does not can run on untagged tokens, which saves the tagger's cost.
func (m *Model) NeedsTags() bool {
	return m.set&(fsNoPOS|fsDictPOS) == 0 || m.set&fsProse != 0
}

var _ Recognizer = (*Model)(nil)

//go:embed data/model.bin.gz
var embeddedModel []byte

var defaultModel = sync.OnceValues(func() (*Model, error) {
	g, err := DefaultGazetteer()
	if err != nil {
		return nil, err
	}
	return ReadModel(bytes.NewReader(embeddedModel), g)
})

// DefaultModel returns the model embedded in the binary, loaded once per
// process with the default gazetteer.
func DefaultModel() (*Model, error) { return defaultModel() }

const modelMagic = "graphbuild-ner-perceptron\n"

// Model file versions: 1 has the weights only; 2 adds the POS dictionary
// after them.
const (
	modelVersion1 = 1
	modelVersion  = 2
)

// WriteTo writes the model in its compressed binary form.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(modelMagic)
	bits := uint8(0)
	for 1<<bits < m.w.rows() {
		bits++
	}
	version := uint32(modelVersion1)
	if m.pos != nil {
		version = modelVersion
	}
	hdr := []uint32{version, uint32(m.set), uint32(bits), numLabels}
	if err := binary.Write(bw, binary.LittleEndian, hdr); err != nil {
		return cw.n, err
	}
	if err := binary.Write(bw, binary.LittleEndian, m.w.trans); err != nil {
		return cw.n, err
	}
	// Emission rows: only the non-zero ones, each as the gap from the
	// previous row index (uvarint) and numLabels int16 weights, after the
	// table's scale.
	if err := binary.Write(bw, binary.LittleEndian, m.w.scale); err != nil {
		return cw.n, err
	}
	var buf [binary.MaxVarintLen64]byte
	prev := -1
	for r := 0; r < m.w.rows(); r++ {
		row := m.w.q[r*numLabels : r*numLabels+numLabels]
		nz := false
		for _, v := range row {
			if v != 0 {
				nz = true
				break
			}
		}
		if !nz {
			continue
		}
		k := binary.PutUvarint(buf[:], uint64(r-prev))
		bw.Write(buf[:k])
		binary.Write(bw, binary.LittleEndian, row)
		prev = r
	}
	bw.Write([]byte{0}) // gap 0 ends the table
	if m.pos != nil {
		if err := m.pos.writeTo(bw); err != nil {
			return cw.n, err
		}
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	if err := zw.Close(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ErrBadModel reports a model file that is not one this package wrote.
var ErrBadModel = errors.New("not a graphbuild NER model")

// ReadModel reads a model written by WriteTo; g is the gazetteer its
// features look names up in (normally DefaultGazetteer()).
func ReadModel(r io.Reader, g *Gazetteer) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner: read model: %w: %w", ErrBadModel, err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, fmt.Errorf("ner: read model: %w", ErrBadModel)
	}
	var hdr [4]uint32
	if err := binary.Read(br, binary.LittleEndian, &hdr); err != nil {
		return nil, fmt.Errorf("ner: read model header: %w", err)
	}
	if (hdr[0] != modelVersion && hdr[0] != modelVersion1) || hdr[3] != numLabels || hdr[2] < 8 || hdr[2] > 26 {
		return nil, fmt.Errorf("ner: read model: %w (version %d, %d labels, %d bits)", ErrBadModel, hdr[0], hdr[3], hdr[2])
	}
	rows := 1 << hdr[2]
	w := &weights{mask: uint64(rows - 1), q: make([]int16, rows*numLabels), trans: make([]float32, (numLabels+1)*numLabels)}
	if err := binary.Read(br, binary.LittleEndian, w.trans); err != nil {
		return nil, fmt.Errorf("ner: read model transitions: %w", err)
	}
	if err := binary.Read(br, binary.LittleEndian, &w.scale); err != nil {
		return nil, fmt.Errorf("ner: read model scale: %w", err)
	}
	rest, err := io.ReadAll(br)
	if err != nil {
		return nil, fmt.Errorf("ner: read model weights: %w", err)
	}
	r0 := -1
	for {
		gap, k := binary.Uvarint(rest)
		if k <= 0 {
			return nil, fmt.Errorf("ner: read model weights: %w (truncated)", ErrBadModel)
		}
		rest = rest[k:]
		if gap == 0 {
			break
		}
		r0 += int(gap)
		if gap > uint64(rows) || r0 >= rows || r0 < 0 {
			return nil, fmt.Errorf("ner: read model: %w (row %d out of range)", ErrBadModel, r0)
		}
		if len(rest) < 2*numLabels {
			return nil, fmt.Errorf("ner: read model weights: %w (truncated)", ErrBadModel)
		}
		row := w.q[r0*numLabels : r0*numLabels+numLabels]
		for y := range row {
			row[y] = int16(binary.LittleEndian.Uint16(rest[2*y:]))
		}
		rest = rest[2*numLabels:]
	}
	m := &Model{w: w, set: featureSet(hdr[1]), gaz: g}
	if hdr[0] >= modelVersion {
		if m.pos, err = readPOSDict(bytes.NewReader(rest)); err != nil {
			return nil, fmt.Errorf("ner: read model POS dictionary: %w", err)
		}
	}
	if m.set&fsDictPOS != 0 && m.pos == nil {
		return nil, fmt.Errorf("ner: read model: %w (POS dictionary missing)", ErrBadModel)
	}
	if m.set&fsClusters != 0 {
		if _, err := defaultClusters(); err != nil {
			return nil, fmt.Errorf("ner: read model: %w", err)
		}
	}
	return m, nil
}

// WriteFile writes the model to path atomically: it writes a temporary
// file in the same directory and renames it over path.
func (m *Model) WriteFile(path string) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".model-*.tmp")
	if err != nil {
		return fmt.Errorf("ner: write model: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op after the rename
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return fmt.Errorf("ner: write model %s: %w", path, err)
	}
	if _, err := m.WriteTo(f); err != nil {
		f.Close()
		return fmt.Errorf("ner: write model %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("ner: write model %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("ner: write model: %w", err)
	}
	return nil
}

// recScratch is the per-call working memory of Recognize.
type recScratch struct {
	fs     featureScratch
	words  []string
	tags   []string
	scores []float32
	back   []int8
	labels []int
}

func (m *Model) scratch() *recScratch {
	if s, ok := m.pool.Get().(*recScratch); ok {
		return s
	}
	return &recScratch{}
}

// tagSentence labels one sentence given its words and POS tags; the
// result is in sc.labels[:len(words)].
func (m *Model) tagSentence(sc *recScratch, words, tags []string) []int {
	n := len(words)
	if m.set&fsProse != 0 {
		sc.fs.prose = proseLabels(words, tags)
	}
	extract(&sc.fs, m.gaz, m.pos, m.set, words, tags, m.w.mask)
	if cap(sc.scores) < n*numLabels {
		sc.scores = make([]float32, n*numLabels*2)
		sc.back = make([]int8, n*numLabels*2)
	}
	if cap(sc.labels) < n {
		sc.labels = make([]int, n*2)
	}
	m.w.scores(sc.fs.feats, sc.fs.offs, sc.scores[:n*numLabels])
	out := sc.labels[:n]
	m.w.viterbi(sc.scores, n, sc.back, out)
	return out
}

// labelTokens returns one label index per token, sentence by sentence,
// with document-level consistency applied.
func (m *Model) labelTokens(tokens []Token, sentences []Sentence) []int {
	sc := m.scratch()
	defer m.pool.Put(sc)
	labels := make([]int, len(tokens))
	for _, s := range sentences {
		if s.First < 0 || s.Last > len(tokens) || s.First >= s.Last {
			continue
		}
		sc.words, sc.tags = sc.words[:0], sc.tags[:0]
		for _, t := range tokens[s.First:s.Last] {
			sc.words = append(sc.words, t.Text)
			sc.tags = append(sc.tags, t.Tag)
		}
		copy(labels[s.First:], m.tagSentence(sc, sc.words, sc.tags))
	}
	m.datelines(tokens, sentences, labels)
	m.placesAfterIn(tokens, labels)
	if m.set&fsDocMemory != 0 {
		m.docConsistency(tokens, sentences, labels)
	}
	return labels
}

// Recognize finds entity spans in analysed text. Tokens must carry POS
// tags; spans never cross a sentence.
func (m *Model) Recognize(text string, tokens []Token, sentences []Sentence) []Span {
	labels := m.labelTokens(tokens, sentences)
	var spans []Span
	for _, s := range sentences {
		if s.First < 0 || s.Last > len(tokens) || s.First >= s.Last {
			continue
		}
		for _, ts := range goldSpansIdx(labels[s.First:s.Last]) {
			first, last := s.First+ts.First, s.First+ts.Last
			start, end := tokens[first].Start, tokens[last-1].End()
			if start < 0 || end > len(text) || start >= end {
				continue
			}
			spans = append(spans, Span{Start: start, End: end, Type: m.refineType(ts.Class, text[start:end], tokens[first:last])})
		}
	}
	return spans
}

// goldSpansIdx is goldSpans over label indexes.
func goldSpansIdx(labels []int) []tokSpan {
	var out []tokSpan
	for i := 0; i < len(labels); {
		y := labels[i]
		if y == 0 {
			i++
			continue
		}
		b := y
		if isInside(y) {
			b = y - 1
		}
		j := i + 1
		for j < len(labels) && labels[j] == b+1 {
			j++
		}
		out = append(out, tokSpan{First: i, Last: j, Class: labelNames[b][2:]})
		i = j
	}
	return out
}

var facHeads = map[string]bool{
	"Airport": true, "Bridge": true, "Street": true, "Avenue": true, "Road": true, "Highway": true,
	"Stadium": true, "Tower": true, "Towers": true, "Building": true, "Hospital": true, "Palace": true,
	"Square": true, "Station": true, "Arena": true, "Center": true, "Centre": true, "Prison": true,
	"Mosque": true, "Church": true, "Cathedral": true, "Temple": true, "Dam": true, "Base": true,
}

// placeModifiers open names of regions made of a known place
// ("Eastern Europe", "Northern Ireland", "Greater London").
var placeModifiers = map[string]bool{
	"Eastern": true, "Western": true, "Northern": true, "Southern": true, "Central": true,
	"North": true, "South": true, "East": true, "West": true, "Greater": true, "Upper": true,
	"Lower": true, "Northeast": true, "Northwest": true, "Southeast": true, "Southwest": true,
	"Inner": true, "Outer": true, "New": true,
}

// headType returns the type that a name's words give it against the model's
// PERSON: a last word that heads places, buildings or organisations
// ("Saada Governorate", "National Economic Council"), or a compass word
// before a region or a known place ("Eastern Europe", "Northern Syria").
// A two-word name that starts with a known first name stays a person's
// ("Charlotte Church"). n is the number of words, g may be nil.
func headType(first, last string, n int, g *Gazetteer) (Type, bool) {
	if n < 2 || n == 2 && g != nil && g.single(first)&gFirst != 0 {
		return "", false
	}
	switch {
	case placeHeads[last]:
		return Loc, true
	case facHeads[last]:
		return Fac, true
	case orgHeads[last]:
		return Org, true
	case placeModifiers[first] && (regionNames[last] || g != nil && g.single(last)&gPlace != 0):
		return Loc, true
	}
	return "", false
}

// regionNames are continents and regions the gazetteers (countries,
// subdivisions, cities) do not list.
var regionNames = map[string]bool{
	"Europe": true, "Asia": true, "Africa": true, "America": true, "Americas": true,
	"Antarctica": true, "Arctic": true, "Caribbean": true, "Mediterranean": true, "Balkans": true,
	"Caucasus": true, "Sahara": true, "Pacific": true, "Atlantic": true, "Levant": true,
}

// placeHeads end names of regions and natural places.
var placeHeads = map[string]bool{
	"Governorate": true, "Province": true, "Region": true, "District": true, "County": true,
	"Prefecture": true, "Oblast": true, "Island": true, "Islands": true, "River": true,
	"Mountains": true, "Valley": true, "Sea": true, "Ocean": true, "Lake": true, "Peninsula": true,
	"Desert": true, "Strait": true, "Gulf": true, "Municipality": true, "Territory": true,
}

var eventHeads = map[string]bool{
	"War": true, "Battle": true, "Olympics": true, "Games": true, "Cup": true, "Election": true,
	"Summit": true, "Conference": true, "Revolution": true, "Uprising": true, "Massacre": true,
	"Crisis": true, "Festival": true, "Championship": true, "Championships": true,
}

// refineType turns a coarse class into a Type, using the gazetteer to
// tell countries and cities (GPE) from other places and nationalities
// (NORP) from other names.
func (m *Model) refineType(class, text string, toks []Token) Type {
	var cls gazClass
	if m.gaz != nil {
		cls = m.gaz.phrases[phraseHash(text)]
		if cls&gPlace == 0 && class == "LOC" && !hasLower(toks) {
			// "LONDON" in a dateline is London.
			cls |= m.gaz.phrases[phraseHash(titleCaseWords(text))]
		}
	}
	head := toks[len(toks)-1].Text
	// "Battle of Aleppo", "War of 1812": an event whatever the model said.
	if class != "PER" && len(toks) > 2 && eventHeads[toks[0].Text] && toks[1].Text == "of" {
		return Event
	}
	// A lone demonym ("Philippine", "Russians") is a nationality.
	if len(toks) == 1 && cls&gNORP != 0 && cls&(gPlace|gOrgAny|gPerson) == 0 {
		return NORP
	}
	switch class {
	case "PER":
		if t, ok := headType(toks[0].Text, head, len(toks), m.gaz); ok {
			return t
		}
		return Person
	case "ORG":
		return Org
	case "LOC":
		if cls&gPlace != 0 {
			return GPE
		}
		if facHeads[head] {
			return Fac
		}
		return Loc
	}
	if cls&gNORP != 0 {
		return NORP
	}
	if cls&gPlace != 0 {
		return GPE
	}
	if eventHeads[head] || len(toks) > 1 && eventHeads[toks[0].Text] && toks[1].Text == "of" {
		return Event
	}
	return Misc
}

// orgNounsBefore are words that, just before a name, make it an
// organisation ("the carmaker Chrysler"); orgWordsAfter likewise just
// after it ("Ford CEO", "Boeing shares").
var (
	orgNounsBefore = setOf(strings.Fields("company companies automaker carmaker manufacturer maker airline carrier " +
		"firm bank lender retailer giant insurer airframer conglomerate subsidiary division rival broker " +
		"chain publisher broadcaster network startup supplier operator exchange newspaper agency")...)
	orgWordsAfter = setOf(strings.Fields("CEO CFO spokesman spokeswoman spokesperson dealerships")...)
)

// orgContext reports whether the words around span ts in sentence s mark
// it as an organisation.
func orgContext(tokens []Token, s Sentence, ts tokSpan) bool {
	if ts.First > s.First && orgNounsBefore[strings.ToLower(tokens[ts.First-1].Text)] {
		return true
	}
	return ts.Last < s.Last && orgWordsAfter[tokens[ts.Last].Text]
}

// knownOrg reports whether toks name an organisation in the gazetteer
// and nothing else a name could be (a person's name, a place, a common
// word).
func (m *Model) knownOrg(toks []Token) bool {
	text := spanKey(toks)
	c := m.gaz.phrases[phraseHash(text)]
	if c&gOrgAny == 0 || c&(gPlace|gNORP|gPerson) != 0 {
		return false
	}
	if len(toks) == 1 {
		w := toks[0].Text
		if m.gaz.single(w)&(gFirst|gLast|gWord) != 0 || len(w) < 3 {
			return false
		}
	}
	return true
}

// docConsistency makes a document's labels agree with themselves: a name
// keeps the class it was given most often, a surname alone takes the class
// of the full name it belongs to ("Kerry" after "John Kerry"), and an
// acronym defined in parentheses takes its definition's class.
func (m *Model) docConsistency(tokens []Token, sentences []Sentence, labels []int) {
	counts := map[string]*tally{}
	surname := map[string]int{}   // token → class (PER only)
	orgAlias := map[string]bool{} // short forms of organisations named in full
	var spans []tokSpan
	for _, s := range sentences {
		if s.First < 0 || s.Last > len(tokens) || s.First >= s.Last {
			continue
		}
		for _, ts := range goldSpansIdx(labels[s.First:s.Last]) {
			ts.First += s.First
			ts.Last += s.First
			if m.gaz != nil && ts.Class != "ORG" && m.knownOrg(tokens[ts.First:ts.Last]) {
				ts.Class = "ORG"
				setSpan(labels, ts.First, ts.Last, 1)
			}
			// "the automaker Chrysler", "Ford CEO Alan Mulally": the words
			// around a name say it is an organisation.
			if ts.Class != "ORG" && orgContext(tokens, s, ts) {
				ts.Class = "ORG"
				setSpan(labels, ts.First, ts.Last, 1)
				orgAlias[spanKey(tokens[ts.First:ts.Last])] = true
			}
			// "Afterwards Biden": a sentence-initial common word is not
			// part of a person's name.
			if m.gaz != nil && ts.Class == "PER" && ts.First == s.First && ts.Last-ts.First >= 2 {
				w := tokens[ts.First].Text
				if c := m.gaz.single(w); c&gWord != 0 && c&(gFirst|gLast|gPerson) == 0 {
					labels[ts.First] = 0
					ts.First++
					setSpan(labels, ts.First, ts.Last, 0)
				}
			}
			spans = append(spans, ts)
			key := spanKey(tokens[ts.First:ts.Last])
			t := counts[key]
			if t == nil {
				t = &tally{}
				counts[key] = t
			}
			t[classIndex(ts.Class)]++
			if ts.Class == "PER" && ts.Last-ts.First >= 2 {
				last := tokens[ts.Last-1].Text
				if upperInitial(last) {
					surname[last] = 0
				}
			}
			// "Ford Motor Company" makes "Ford" a company, "Chrysler
			// Group" makes "Chrysler" one, and "General Motors" makes "GM".
			if ts.Class == "ORG" && ts.Last-ts.First >= 2 {
				for k := ts.First + 1; k < ts.Last; k++ {
					if orgHeads[tokens[k].Text] {
						orgAlias[spanKey(tokens[ts.First:k])] = true
						break
					}
				}
				if acr := initials(tokens[ts.First:ts.Last]); len(acr) >= 2 {
					orgAlias[acr] = true
				}
			}
			// Acronym defined in the text: "Government Accountability
			// Office ( GAO )".
			if ts.Last+2 < s.Last && tokens[ts.Last].Text == "(" && tokens[ts.Last+2].Text == ")" {
				acr := tokens[ts.Last+1].Text
				if spanAcronym(acr, tokens[ts.First:ts.Last]) {
					k := acr
					if counts[k] == nil {
						counts[k] = &tally{}
					}
					counts[k][classIndex(ts.Class)] += 2
				}
			}
		}
	}
	if len(counts) == 0 {
		return
	}
	for k := range orgAlias {
		if counts[k] == nil {
			counts[k] = &tally{}
		}
		counts[k][1] += 2
	}
	// 1. Relabel spans to the majority class of their text; surnames of
	// people become people; short forms of organisations named in full
	// become organisations.
	for _, ts := range spans {
		key := spanKey(tokens[ts.First:ts.Last])
		best := majority(counts[key])
		if ts.Last-ts.First == 1 {
			if _, ok := surname[key]; ok {
				best = 0
			}
		}
		if orgAlias[key] && (ts.Class == "MISC" || ts.Class == "PER") {
			best = 1
		}
		if best >= 0 && classNames[best] != ts.Class {
			setSpan(labels, ts.First, ts.Last, best)
		}
	}
	// 2. Tag untagged repeats of known names.
	firstWords := make(map[string]bool, len(counts)+len(surname))
	for k := range counts {
		w, _, _ := strings.Cut(k, " ")
		firstWords[w] = true
	}
	for k := range surname {
		firstWords[k] = true
	}
	for _, s := range sentences {
		if s.First < 0 || s.Last > len(tokens) || s.First >= s.Last {
			continue
		}
		for i := s.First; i < s.Last; i++ {
			if labels[i] != 0 || !upperInitial(tokens[i].Text) || !firstWords[tokens[i].Text] {
				continue
			}
			for l := min(5, s.Last-i); l >= 1; l-- {
				if labels[i+l-1] != 0 {
					continue
				}
				key := spanKey(tokens[i : i+l])
				best := -1
				if _, ok := surname[key]; ok && l == 1 {
					best = 0
				} else if t := counts[key]; t != nil {
					best = majority(t)
				}
				if best < 0 {
					continue
				}
				// A single sentence-initial word is too often an ordinary
				// capitalised word.
				if i == s.First && l == 1 && best != 0 {
					continue
				}
				clean := true
				for j := i; j < i+l; j++ {
					if labels[j] != 0 {
						clean = false
					}
				}
				if !clean || (i+l < s.Last && isInside(labels[i+l])) {
					continue
				}
				setSpan(labels, i, i+l, best)
				i += l - 1
				break
			}
		}
	}
}

// tally counts how often a name was tagged with each class.
type tally [4]int

var classNames = [4]string{"PER", "ORG", "LOC", "MISC"}

func classIndex(c string) int {
	for i, n := range classNames {
		if n == c {
			return i
		}
	}
	return 3
}

// majority returns the most frequent class of t, or -1 if t is nil; ties
// keep the earlier class in PER, ORG, LOC, MISC order.
func majority(t *tally) int {
	if t == nil {
		return -1
	}
	best := -1
	for i, n := range t {
		if n > 0 && (best < 0 || n > t[best]) {
			best = i
		}
	}
	return best
}

func setSpan(labels []int, first, last, class int) {
	b := 1 + 2*class
	for j := first; j < last; j++ {
		if j == first {
			labels[j] = b
		} else {
			labels[j] = b + 1
		}
	}
}

func spanKey(toks []Token) string {
	if len(toks) == 1 {
		return toks[0].Text
	}
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

func upperInitial(w string) bool {
	return w != "" && w[0] >= 'A' && w[0] <= 'Z'
}

// spanAcronym reports whether acr is made of the initials of the
// capitalised words of toks ("GAO" of "Government Accountability Office").
func spanAcronym(acr string, toks []Token) bool {
	if len(acr) < 2 || len(acr) > 8 || strings.ToUpper(acr) != acr {
		return false
	}
	var init []byte
	for _, t := range toks {
		if upperInitial(t.Text) {
			init = append(init, t.Text[0])
		}
	}
	return string(init) == strings.ReplaceAll(acr, ".", "")
}

// initials returns the first letters of the capitalised words of toks
// ("General Motors" → "GM"), or "" when a word other than a joiner is not
// capitalised or there is only one.
func initials(toks []Token) string {
	var b []byte
	for _, t := range toks {
		switch {
		case upperInitial(t.Text):
			b = append(b, t.Text[0])
		case t.Text == "of" || t.Text == "and" || t.Text == "&" || t.Text == "for" || t.Text == "the":
		default:
			return ""
		}
	}
	if len(b) < 2 {
		return ""
	}
	return string(b)
}
