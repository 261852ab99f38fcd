package ner

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// Features are hashed: every feature is a template number mixed with up to
// three 64-bit hashes of strings (a word, its lower-case form, its shape,
// its POS tag), and the result picks a row of the weight table. Nothing is
// interned, so extraction allocates nothing once its buffers have grown.

// Feature groups, switched by featureSet bits so that ideas can be
// measured one by one. The set a model was trained with is stored in it.
type featureSet uint32

const (
	fsBase      featureSet = 1 << iota // word, affixes, shape, POS, context
	fsBigrams                          // word bigrams
	fsGaz                              // gazetteer phrases and names
	fsLexicon                          // common-word lexicon
	fsSentCase                         // headline/all-caps sentence cues
	fsDocMemory                        // document-level consistency (post-decoding)
	fsRuns                             // runs of capitalised words: head, first word, organisation heads
	fsProse                            // prose/v3's own entity label (slow: off by default)
	fsCaseGaz                          // gazetteer class of a lower-case non-word's capitalised form ("florida")
	fsNoPOS                            // no POS-tag features: the recognizer then needs no tagger
	fsDictPOS                          // POS features from the model's word → tag dictionary, not a tagger
	fsClusters                         // GloVe word clusters of the word and its neighbours
	fsWordNet                          // WordNet named-instance classes among the gazetteer features
)

const defaultFeatures = fsBase | fsBigrams | fsGaz | fsLexicon | fsSentCase | fsDocMemory | fsRuns | fsCaseGaz | fsDictPOS | fsClusters | fsWordNet

// tokInfo is everything extraction needs about one token, computed once.
type tokInfo struct {
	w, l, s, p uint64 // hashes of word, lower-case word, shape, POS
	suf        [4]uint64
	pre        [3]uint64
	cap        uint8  // capClass
	gazAt      uint64 // 2 bits per phrase class: begin, inside, single
	single     gazClass
	titled     gazClass // fsCaseGaz: gazetteer classes of a lower-case non-word's title-case form ("florida" → "Florida")
	cl         wordCluster
}

// capClass values.
const (
	capNone  = iota // no letters
	capLower        // starts lower-case
	capTitle        // Upper then lower
	capUpper        // all capitals, length > 1
	capMixed        // other mixtures ("iPhone", "McDonald")
	capOne          // a single capital letter
)

func mix(a, b uint64) uint64 {
	h := (a ^ 0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9
	h ^= b + 0x94d049bb133111eb + (h << 6) + (h >> 2)
	h *= 0x94d049bb133111eb
	return h ^ (h >> 31)
}

func strHash(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func lowerHash(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// titleHash is strHash of s with its first letter upper-cased and the
// rest lower-cased (ASCII only): "florida" and "FLORIDA" → "Florida".
func titleHash(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i == 0 && 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		} else if i > 0 && 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// shapeHash hashes the word's shape with runs collapsed: "Obama" → "Xx",
// "U.S." → "X.X.", "1990s" → "dx", "iPhone" → "xXx".
func shapeHash(s string) (uint64, uint8) {
	h := uint64(fnvOffset)
	var last byte
	upper, lower, letters := 0, 0, 0
	firstUpper := false
	for i, r := range s {
		var c byte
		switch {
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsUpper(r):
			c = 'X'
			upper++
			letters++
			if i == 0 {
				firstUpper = true
			}
		case r < utf8.RuneSelf && 'a' <= r && r <= 'z' || r >= utf8.RuneSelf && unicode.IsLetter(r):
			c = 'x'
			lower++
			letters++
		case r < utf8.RuneSelf && '0' <= r && r <= '9':
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c != last {
			h ^= uint64(c)
			h *= fnvPrime
			last = c
		}
	}
	var cc uint8
	switch {
	case letters == 0:
		cc = capNone
	case upper == 0:
		cc = capLower
	case lower == 0 && upper == 1:
		cc = capOne
	case lower == 0:
		cc = capUpper
	case firstUpper && upper == 1:
		cc = capTitle
	default:
		cc = capMixed
	}
	return h, cc
}

// affix hashes: lower-cased suffixes of 1..4 bytes and prefixes of 1..3.
func affixes(s string, t *tokInfo) {
	n := len(s)
	for k := 1; k <= 4; k++ {
		if n >= k {
			t.suf[k-1] = lowerHash(s[n-k:]) + uint64(k)
		} else {
			t.suf[k-1] = uint64(k) * 7919
		}
	}
	for k := 1; k <= 3; k++ {
		if n >= k {
			t.pre[k-1] = lowerHash(s[:k]) + uint64(k)*31
		} else {
			t.pre[k-1] = uint64(k) * 104729
		}
	}
}

var (
	hBOS  = strHash("<s>")
	hEOS  = strHash("</s>")
	hBOS2 = strHash("<s2>")
	hEOS2 = strHash("</s2>")
)

// featureScratch holds the per-sentence buffers of one extraction.
type featureScratch struct {
	info    []tokInfo
	words   []string
	matches []gazMatch
	runs    []capRun
	prose   []string // prose/v3's IOB labels, when fsProse is on
	feats   []uint32 // bucket indexes, token after token
	offs    []int    // feats[offs[i]:offs[i+1]] belong to token i
	idEnd   []int    // feats[offs[i]:idEnd[i]] are token i's word-identity features
	cl      *clusterTable
}

// extract computes the feature buckets of every token of one sentence.
// words and tags are the tokens' text and POS tags; mask is the bucket
// index mask (buckets-1).
//
// With fsDictPOS the tags come from pd and tags may be nil; with fsNoPOS
// there are no POS features.
func extract(sc *featureScratch, g *Gazetteer, pd *posDict, set featureSet, words, tags []string, mask uint64) {
	n := len(words)
	if cap(sc.info) < n {
		sc.info = make([]tokInfo, n+n/2)
	}
	info := sc.info[:n]
	titled, alpha, upperWords := 0, 0, 0
	if set&fsClusters != 0 && sc.cl == nil {
		sc.cl, _ = defaultClusters() // a broken table fails ReadModel and Train first
	}
	for i, w := range words {
		t := &info[i]
		t.w = strHash(w)
		t.l = lowerHash(w)
		t.s, t.cap = shapeHash(w)
		switch {
		case set&fsNoPOS != 0:
			t.p = 0
		case set&fsDictPOS != 0:
			t.p = pd.lookup(t.w, t.l)
		default:
			t.p = strHash(tags[i])
		}
		affixes(w, t)
		t.cl = 0
		if set&fsClusters != 0 {
			t.cl = sc.cl.lookup(t.l)
		}
		t.gazAt = 0
		t.single = 0
		if g != nil && set&(fsGaz|fsLexicon) != 0 {
			t.single = g.singleHashed(t.w, t.l)
			if set&fsLexicon == 0 {
				t.single &^= gWord
			}
			if set&fsGaz == 0 {
				t.single &= gWord
			}
			if set&fsWordNet == 0 {
				t.single &^= gWordNet
			}
		}
		// A lower-case word that is no English word may be a name
		// written in lower case ("florida", "obama"): its capitalised
		// form's gazetteer classes.
		t.titled = 0
		if g != nil && set&fsCaseGaz != 0 && t.cap == capLower && len(w) > 1 && t.single&gWord == 0 {
			t.titled = g.phrases[titleHash(w)] & (gPlace | gNORP | gOrgAny | gPerson | gFirst | gLast)
		}
		switch t.cap {
		case capTitle, capMixed, capOne:
			titled++
			alpha++
		case capUpper:
			upperWords++
			alpha++
		case capLower:
			alpha++
		}
	}
	if g != nil && set&fsGaz != 0 {
		sc.matches = g.match(words, sc.matches[:0])
		for _, m := range sc.matches {
			// Mark each class with the position in the phrase: 2 bits
			// per class (1 = begin, 2 = inside, 3 = single).
			cls := m.cls
			if set&fsWordNet == 0 {
				cls &^= gWordNet
			}
			for j := m.first; j < m.last; j++ {
				for c := cls; c != 0; c &= c - 1 {
					b := uint(bits.TrailingZeros32(uint32(c)))
					if b >= 32 {
						continue
					}
					pos := uint64(2)
					if m.last-m.first == 1 {
						pos = 3
					} else if j == m.first {
						pos = 1
					}
					info[j].gazAt |= pos << (2 * b)
				}
			}
		}
	}
	sentCase := uint64(0)
	if set&fsSentCase != 0 && alpha >= 4 {
		switch {
		case upperWords*10 >= alpha*8:
			sentCase = 1
		case (titled+upperWords)*10 >= alpha*6:
			sentCase = 2
		}
	}

	if set&fsRuns != 0 {
		sc.runs = capRuns(words, info, sc.runs[:0])
	}
	sc.feats = sc.feats[:0]
	sc.offs = append(sc.offs[:0], 0)
	sc.idEnd = sc.idEnd[:0]
	add := func(h uint64) { sc.feats = append(sc.feats, uint32(h&mask)) }
	at := func(i int) (w, l, s, p uint64) {
		switch {
		case i == -1:
			return hBOS, hBOS, hBOS, hBOS
		case i < -1:
			return hBOS2, hBOS2, hBOS2, hBOS2
		case i == n:
			return hEOS, hEOS, hEOS, hEOS
		case i > n:
			return hEOS2, hEOS2, hEOS2, hEOS2
		}
		t := &info[i]
		return t.w, t.l, t.s, t.p
	}
	for i := 0; i < n; i++ {
		t := &info[i]
		_, lp, sp, pp := at(i - 1)
		_, ln, sn, pn := at(i + 1)
		_, lp2, _, _ := at(i - 2)
		_, ln2, _, _ := at(i + 2)
		// Word-identity features come first so that training can drop
		// them (see idEnd) and make the model lean on the others.
		add(mix(2, t.w))
		add(mix(3, t.l))
		add(mix(24, mix(sp, t.l)))
		add(mix(25, mix(t.l, sn)))
		if set&fsBigrams != 0 {
			add(mix(30, mix(lp, t.l)))
			add(mix(31, mix(t.l, ln)))
		}
		sc.idEnd = append(sc.idEnd, len(sc.feats))
		add(mix(1, 0))
		add(mix(4, t.s))
		for k := 0; k < 4; k++ {
			add(mix(5+uint64(k), t.suf[k]))
		}
		for k := 0; k < 3; k++ {
			add(mix(9+uint64(k), t.pre[k]))
		}
		if set&fsNoPOS == 0 {
			add(mix(12, t.p))
			add(mix(13, mix(pp, t.p)))
			add(mix(14, mix(t.p, pn)))
			add(mix(22, pp))
			add(mix(23, pn))
		}
		add(mix(15, lp))
		add(mix(16, ln))
		add(mix(17, lp2))
		add(mix(18, ln2))
		add(mix(19, sp))
		add(mix(20, sn))
		add(mix(21, mix(mix(sp, t.s), sn)))
		initial := uint64(0)
		if i == 0 {
			initial = 1
		}
		add(mix(26, initial<<8|uint64(t.cap)))
		if set&fsLexicon != 0 {
			word := uint64(0)
			if t.single&gWord != 0 {
				word = 1
			}
			add(mix(40, initial<<16|word<<8|uint64(t.cap)))
			if i+1 < n {
				nw := uint64(0)
				if info[i+1].single&gWord != 0 {
					nw = 1
				}
				add(mix(41, word<<16|nw<<8|uint64(info[i+1].cap)<<4|uint64(t.cap)))
			}
		}
		if set&fsGaz != 0 {
			for b := 0; t.gazAt>>b != 0; b += 2 {
				pos := (t.gazAt >> b) & 3
				if pos == 0 {
					continue
				}
				add(mix(50, uint64(b)<<4|uint64(pos)))
				add(mix(51, uint64(b)<<12|uint64(pos)<<8|uint64(t.cap)))
			}
			for c := t.single &^ gWord; c != 0; c &= c - 1 {
				add(mix(52, uint64(bits.TrailingZeros32(uint32(c)))))
			}
			if i > 0 {
				add(mix(53, uint64(info[i-1].gazAt)))
				add(mix(54, uint64(info[i-1].single&(gFirst|gLast))<<8|uint64(info[i-1].cap)))
			}
			if i+1 < n {
				add(mix(55, uint64(info[i+1].gazAt)))
				add(mix(56, uint64(info[i+1].single&(gFirst|gLast))<<8|uint64(info[i+1].cap)))
			}
		}
		if set&fsCaseGaz != 0 {
			if t.titled != 0 {
				add(mix(62, uint64(coarseGaz(t.titled))<<8|uint64(t.cap)))
				if t.titled&(gFirst|gLast) != 0 {
					add(mix(63, uint64(t.titled&(gFirst|gLast))<<8|uint64(t.cap)))
				}
			}
			if i+1 < n && info[i+1].titled != 0 {
				add(mix(64, uint64(coarseGaz(info[i+1].titled))<<8|uint64(t.cap)))
			}
			if i > 0 && info[i-1].titled != 0 {
				add(mix(65, uint64(coarseGaz(info[i-1].titled))<<8|uint64(t.cap)))
			}
		}
		if set&fsClusters != 0 {
			// Nine features: the word's clusters at three sizes (the
			// coarsest with its capitalisation), its neighbours' at two.
			var cp, cn, cp2, cn2 wordCluster
			if i > 0 {
				cp = info[i-1].cl
			}
			if i+1 < n {
				cn = info[i+1].cl
			}
			if i > 1 {
				cp2 = info[i-2].cl
			}
			if i+2 < n {
				cn2 = info[i+2].cl
			}
			add(mix(90, t.cl.k64()<<8|uint64(t.cap)))
			add(mix(91, t.cl.k256()))
			add(mix(92, t.cl.k1024()))
			add(mix(93, cp.k256()))
			add(mix(94, cn.k256()))
			add(mix(95, cp.k1024()))
			add(mix(96, cn.k1024()))
			add(mix(97, cp2.k64()<<8|cn2.k64()))
			add(mix(98, mix(cp.k64()<<8|t.cl.k64(), cn.k64())))
		}
		if sentCase != 0 {
			add(mix(60, sentCase<<8|uint64(t.cap)))
			add(mix(61, mix(sentCase, t.l)))
		}
		if set&fsProse != 0 && i < len(sc.prose) {
			pl := strHash(sc.prose[i])
			add(mix(80, pl))
			add(mix(81, mix(pl, uint64(t.cap))))
			if i > 0 {
				add(mix(82, mix(strHash(sc.prose[i-1]), pl)))
			}
		}
		if set&fsRuns != 0 {
			if r := sc.runs[i]; r.last > r.first {
				pos := uint64(2) // inside
				switch {
				case r.last-r.first == 1:
					pos = 3
				case i == r.first:
					pos = 1
				case i == r.last-1:
					pos = 4
				}
				head := &info[r.last-1]
				add(mix(70, mix(head.l, pos)))
				add(mix(71, mix(info[r.first].l, pos)))
				ln := uint64(min(r.last-r.first, 4))
				add(mix(72, pos<<8|ln<<4|initial))
				if orgHeads[words[r.last-1]] {
					add(mix(73, pos))
				}
				if r.first > 0 {
					add(mix(74, mix(info[r.first-1].l, pos)))
				}
			} else {
				add(mix(75, 0))
			}
		}
		sc.offs = append(sc.offs, len(sc.feats))
	}
}

// coarseGaz reduces gazetteer classes to one coarse class: 1 place,
// 2 nationality, 3 organisation, 4 person, 0 other.
func coarseGaz(c gazClass) uint8 {
	switch {
	case c&gPlace != 0:
		return 1
	case c&gNORP != 0:
		return 2
	case c&gOrgAny != 0:
		return 3
	case c&gPerson != 0:
		return 4
	}
	return 0
}

// capRun is the run of capitalised words a token belongs to, as a token
// range; first == last for a token outside any run.
type capRun struct{ first, last int }

// runJoiners may sit inside a name between capitalised words.
var runJoiners = map[string]bool{"of": true, "and": true, "&": true, "for": true, "de": true, "the": true, "'s": true, "du": true, "la": true}

// capRuns finds the runs of capitalised words ("Bank of New York Mellon").
func capRuns(words []string, info []tokInfo, out []capRun) []capRun {
	n := len(words)
	capd := func(i int) bool {
		c := info[i].cap
		return c == capTitle || c == capUpper || c == capMixed || c == capOne
	}
	for i := 0; i < n; {
		if !capd(i) {
			out = append(out, capRun{i, i})
			i++
			continue
		}
		j := i + 1
		for j < n {
			if capd(j) {
				j++
				continue
			}
			if runJoiners[words[j]] && j+1 < n && capd(j+1) {
				j += 2
				continue
			}
			break
		}
		for k := i; k < j; k++ {
			out = append(out, capRun{i, j})
		}
		i = j
	}
	return out
}

// orgHeads are last words that make a run of capitalised words an
// organisation ("Defense Ministry", "Qatar Airways").
var orgHeads = map[string]bool{
	"Bros": true, "Bros.": true, "Ministry": true, "Council": true, "Committee": true, "Commission": true, "Party": true, "Bank": true,
	"University": true, "College": true, "Institute": true, "Association": true, "Agency": true,
	"Airlines": true, "Airways": true, "Air": true, "Corporation": true, "Corp": true, "Corp.": true,
	"Inc": true, "Inc.": true, "Ltd": true, "Ltd.": true, "Company": true, "Co": true, "Co.": true,
	"Group": true, "Holdings": true, "Motors": true, "Foundation": true, "Federation": true,
	"Union": true, "Organization": true, "Organisation": true, "Authority": true, "Department": true,
	"Office": true, "Board": true, "Court": true, "Senate": true, "Parliament": true, "Congress": true,
	"Assembly": true, "Army": true, "Navy": true, "Force": true, "Forces": true, "Police": true,
	"Service": true, "Services": true, "Times": true, "Post": true, "News": true, "Journal": true,
	"Club": true, "FC": true, "United": true, "Society": true, "Church": true, "Network": true,
	"Systems": true, "Technologies": true, "Industries": true, "Airport": false, "Exchange": true,
	"Fund": true, "Reserve": true, "Administration": true, "Bureau": true, "Brigade": true,
	"Front": true, "Movement": true, "League": true, "Alliance": true, "Coalition": true, "PLC": true,
	"plc": true, "AG": true, "SA": true, "LLC": true, "GmbH": true, "Press": true, "Television": true,
	"Radio": true, "Agencies": true, "Electric": true, "Energy": true, "Oil": true, "Petroleum": true,
	"Motor": true, "SpA": true, "S.p.A.": true, "NV": true, "N.V.": true, "AB": true, "ASA": true,
	"Automobiles": true, "Aircraft": true, "Airplanes": true, "Bancorp": true, "Pharmaceuticals": true,
	"Books": true, "Records": true, "Studios": true, "Pictures": true, "Entertainment": true,
	"Communications": true, "Telecom": true, "Motorsports": true, "Airline": true, "Bancshares": true,
	"Partners": true, "Associates": true, "Capital": true, "Securities": true, "Investments": true,
	"Insurance": true, "Brands": true, "Foods": true, "Stores": true, "Software": true, "Labs": true,
	"Laboratories": true, "Solutions": true, "Enterprises": true, "Ventures": true, "Magazine": true,
	"Trust": true, "Institution": true, "Academy": true, "Orchestra": true,
}
