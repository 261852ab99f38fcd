package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Name variants: the same person written with or without accents
// (Erdoğan, Erdogan), in another transliteration (Zelensky, Zelenskyy,
// Zelenskiy; Sergey, Sergei; Muammar, Moammar), with name particles (von
// der Leyen, al-Assad, bin Salman) or hyphenated given names (Ban Ki-moon).
// nameKey folds a name part to one key for all of them; the keys are used
// only to match a partial name to a full one, never as a display form.

// foldAccents lower-cases s and removes its diacritics ("Erdoğan" →
// "erdogan", "Médecins" → "medecins"); ASCII input is only lower-cased.
func foldAccents(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'ı':
			b.WriteByte('i')
		case r == 'ß':
			b.WriteString("ss")
		case r == 'ø' || r == 'Ø':
			b.WriteByte('o')
		case r == 'ł' || r == 'Ł':
			b.WriteByte('l')
		case r == 'đ' || r == 'Đ':
			b.WriteByte('d')
		case r == '’' || r == 'ʼ' || r == 'ʻ':
			b.WriteByte('\'')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// nameKey is the matching key of one name part: accents folded, doubled
// letters single, a final "iy", "yy", "ii" or "i" after a consonant+y
// sound as "y" (Zelenskiy, Zelenskyy → zelensky), a final "ei" as "ey"
// (Sergei → sergey), "mua" as "moa" (Muammar → moammar), "-" and "'"
// dropped (Ki-moon → kimoon).
func nameKey(part string) string {
	s := foldAccents(part)
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '-' || c == '\'' || c == '.' {
			continue
		}
		if len(b) > 0 && b[len(b)-1] == c {
			continue
		}
		b = append(b, c)
	}
	k := string(b)
	switch {
	case strings.HasSuffix(k, "iy"):
		k = k[:len(k)-2] + "y"
	case strings.HasSuffix(k, "ei"):
		k = k[:len(k)-2] + "ey"
	}
	if strings.HasPrefix(k, "mua") {
		k = "moa" + k[3:]
	}
	return k
}

// nameParticles are the lower-case words inside surnames ("von der
// Leyen", "al-Sisi" written "al Sisi", "bin Salman", "van Gogh", "de
// Gaulle"): they are part of the full name but no name of their own.
var nameParticles = map[string]bool{
	"von": true, "der": true, "van": true, "den": true, "de": true, "del": true, "della": true, "di": true,
	"da": true, "do": true, "dos": true, "das": true, "du": true, "la": true, "le": true, "al": true, "el": true,
	"i": true, "bin": true, "ibn": true, "bint": true, "ben": true, "abu": true, "ter": true, "ten": true, "zu": true, "y": true,
}

// nameSuffixes follow a surname ("Joseph Comeaux Jr.").
var nameSuffixes = map[string]bool{"jr": true, "jr.": true, "sr": true, "sr.": true, "ii": true, "iii": true, "iv": true}

// nameParts returns the parts of a person's name that can stand for the
// person alone, as keys: every capitalised word but suffixes and
// particles, with an "al-"/"el-" prefix also giving the bare name
// ("al-Assad" → "alasad" and "asad").
func nameParts(name string) []string {
	var out []string
	for _, w := range strings.Fields(name) {
		lw := strings.ToLower(w)
		if nameSuffixes[lw] || nameParticles[lw] {
			continue
		}
		out = append(out, nameKey(w))
		if hasArticlePrefix(lw) {
			out = append(out, nameKey(w[3:]))
		} else if strings.Contains(w, "-") {
			for _, p := range strings.Split(w, "-") { // "Ki-moon" written "Ki Moon"
				if p != "" {
					out = append(out, nameKey(p))
				}
			}
		}
	}
	return out
}

// surnameKeys returns the keys by which the person is named by surname
// alone: the last part (before a suffix), with its particles ("Leyen"
// and "von der Leyen" both give "leyen"), and the first part of an East
// Asian name whose given name is hyphenated ("Ban Ki-moon" → "ban").
func surnameKeys(name string) []string {
	ws := strings.Fields(name)
	for len(ws) > 1 && nameSuffixes[strings.ToLower(strings.TrimSuffix(ws[len(ws)-1], ","))] {
		ws = ws[:len(ws)-1]
	}
	if len(ws) < 2 {
		return nil
	}
	last := ws[len(ws)-1]
	keys := []string{nameKey(last)}
	if l := strings.ToLower(last); hasArticlePrefix(l) {
		keys = append(keys, nameKey(last[3:]))
	}
	if len(ws) == 2 && strings.Contains(ws[1], "-") && !strings.Contains(ws[0], "-") {
		keys = append(keys, nameKey(ws[0]))
	}
	return keys
}

// hasArticlePrefix reports "al-", "el-", "ad-", "as-", "ash-"... written
// on the name ("al-Assad", "el-Sisi").
func hasArticlePrefix(lw string) bool {
	return len(lw) > 3 && (strings.HasPrefix(lw, "al-") || strings.HasPrefix(lw, "el-") || strings.HasPrefix(lw, "ad-") || strings.HasPrefix(lw, "as-"))
}

// stripName drops a leading article prefix of a single-word mention, so
// that "al-Sisi" and "Sisi" look the same.
func stripName(w string) string {
	if hasArticlePrefix(strings.ToLower(w)) {
		return w[3:]
	}
	return w
}

// keySeq is the matching form of a whole name: the keys of its
// capitalised words, particles, suffixes and "al-" prefixes left out
// ("Recep Tayyip Erdoğan" and "Recep Tayyip Erdogan" → "recep tayyip
// erdogan").
func keySeq(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		lw := strings.ToLower(w)
		if nameSuffixes[lw] || nameParticles[lw] {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(nameKey(stripName(w)))
	}
	return b.String()
}

// people are the people a document names in full, by name part.
type people struct {
	byPart map[string][]int // name key → indexes into names
	names  []fullName
	text   string
}

type fullName struct {
	name  string
	words int
	seq   string
	at    []int // byte offsets of its mentions; empty for a Context name
}

func newPeople(text string) *people { return &people{byPart: map[string][]int{}, text: text} }

// titleGender reports a title before off that says a woman ("Mrs.",
// "Ms.", "Miss", "First Lady") or a man ("Mr.").
func titleGender(text string, off int) (female, male bool) {
	before := strings.TrimRight(text[:off], " ")
	for _, t := range []string{"Mrs.", "Mrs", "Ms.", "Ms", "Miss", "Madam", "First Lady", "Queen", "Lady"} {
		if strings.HasSuffix(before, t) && (len(before) == len(t) || before[len(before)-len(t)-1] == ' ' || before[len(before)-len(t)-1] == '\n') {
			return true, false
		}
	}
	if strings.HasSuffix(before, "Mr.") || strings.HasSuffix(before, " Mr") || strings.HasSuffix(before, "King") {
		return false, true
	}
	return false, false
}

// maleNames and femaleNames are common given names of one sex, enough to
// tell "Mrs. Clinton" from Bill Clinton; names not listed say nothing.
var maleNames = setOf("Bill", "William", "George", "Joe", "Joseph", "John", "Barack", "Donald", "Ronald", "Richard",
	"Robert", "James", "Michael", "David", "Thomas", "Charles", "Jimmy", "Gerald", "Lyndon", "Harry", "Franklin",
	"Hunter", "Beau", "Jeb", "Marvin", "Neil", "Vladimir", "Sergey", "Boris", "Emmanuel", "Mark", "Paul", "Peter",
	"Andrew", "Edward", "Henry", "Jack", "Tony", "Kevin", "Brian", "Steven", "Jeff", "Mike", "Chris", "Tom", "Bob",
	"Reggie", "Mohammed", "Ahmed", "Ali", "Xi", "Narendra", "Justin", "Pierre", "Jean", "Hans", "Karl")
var femaleNames = setOf("Hillary", "Chelsea", "Jill", "Ashley", "Michelle", "Malia", "Sasha", "Laura", "Barbara",
	"Melania", "Ivanka", "Nancy", "Rosalynn", "Betty", "Eleanor", "Jacqueline", "Mary", "Elizabeth", "Anne", "Angela",
	"Theresa", "Margaret", "Ursula", "Kamala", "Sarah", "Jennifer", "Linda", "Patricia", "Susan", "Karen", "Lisa",
	"Brigitte", "Carla", "Marine", "Julia", "Sonia", "Indira", "Benazir", "Golda", "Queen", "Kate", "Paris",
	"Lindsay", "Tara", "Bettie", "Esther", "Jacinda", "Sanna", "Giorgia", "Yulia", "Maria", "Anna")

// add records a full name (two words or more) mentioned at offset at (-1:
// a Context name).
func (p *people) add(name string, _ int, at int) {
	seq := keySeq(name)
	if !strings.Contains(seq, " ") {
		return // "von der Leyen" is a surname, no full name
	}
	for i := range p.names {
		if p.names[i].name == name {
			if at >= 0 {
				p.names[i].at = append(p.names[i].at, at)
			}
			return
		}
	}
	fn := fullName{name: name, words: len(strings.Fields(seq)), seq: seq}
	if at >= 0 {
		fn.at = []int{at}
	}
	idx := len(p.names)
	p.names = append(p.names, fn)
	seen := map[string]bool{}
	for _, k := range nameParts(name) {
		if !seen[k] {
			seen[k] = true
			p.byPart[k] = append(p.byPart[k], idx)
		}
	}
}

// resolve returns the full name m is a part or a variant of: one of the
// people named in full, chosen by the text around m when several fit (the
// one named nearest before m, else after it). A mention the recognizer
// typed as a place resolves only as a surname and never when the gazetteer
// knows it as a country ("Jordan's King Abdullah").
func (p *people) resolve(m *Mention, g *Gazetteer) (string, bool) {
	if len(p.names) == 0 {
		return "", false
	}
	words := strings.Fields(m.Entity)
	if len(words) == 0 || len(words) > 3 {
		return "", false
	}
	seq := keySeq(m.Entity)
	keys := strings.Fields(seq)
	if len(keys) == 0 {
		return "", false
	}
	place := m.Type == GPE || m.Type == Loc || m.Type == Fac
	if place && (len(words) > 1 || g.countryLike(m.Entity)) {
		return "", false
	}
	if m.Type == Person && len(keys) == 3 {
		// One stray word the recognizer took in: "Moviemaker Gary Ross",
		// "Gary Ross Still" are Gary Ross when the text names him so.
		for i, sub := range []string{keys[0] + " " + keys[1], keys[1] + " " + keys[2]} {
			if i == 1 && g != nil && g.single(words[0])&gFirst != 0 {
				continue // "John Paul Jones" is no Paul Jones
			}
			for _, fn := range p.names {
				if fn.seq == sub && len(fn.at) > 0 {
					return fn.name, true
				}
			}
		}
	}
	var cands []int
	for _, idx := range p.byPart[keys[0]] {
		fn := p.names[idx]
		if fn.name == m.Entity {
			return "", false // a full name itself
		}
		variant := fn.seq == seq
		if fn.words <= len(keys) && !variant {
			continue
		}
		ok := variant
		if !ok {
			ok = true
			parts := strings.Fields(fn.seq)
			for _, k := range keys {
				if !containsStr(parts, k) {
					ok = false
					break
				}
			}
		}
		if ok && place && !containsStr(surnameKeys(fn.name), keys[0]) {
			ok = false // "flew to Paris" is no Paris Hilton
		}
		if ok {
			cands = append(cands, idx)
		}
	}
	if female, male := titleGender(p.text, m.Start); female || male {
		// "Mrs. Clinton" beside Bill and Hillary Clinton.
		kept := cands[:0:0]
		for _, idx := range cands {
			first := strings.Fields(p.names[idx].name)[0]
			if female && !maleNames[first] || male && !femaleNames[first] {
				kept = append(kept, idx)
			}
		}
		cands = kept
		if len(cands) == 0 {
			return "", false
		}
		if len(cands) == 1 {
			return p.names[cands[0]].name, true
		}
	}
	switch len(cands) {
	case 0:
		return "", false
	case 1:
		return p.names[cands[0]].name, true
	}
	best, bestDist, before := -1, 0, false
	for _, idx := range cands {
		for _, at := range p.names[idx].at {
			d, b := m.Start-at, at < m.Start
			if !b {
				d = at - m.Start
			}
			if best < 0 || b && !before || b == before && d < bestDist {
				best, bestDist, before = idx, d, b
			}
		}
	}
	if best < 0 {
		return "", false
	}
	return p.names[best].name, true
}

func containsStr(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// givenNameSpellings are the transliterations of given names news text
// mixes, each with the one spelling graphbuild keeps (the one Wikipedia's
// titles use most), so that "Sergei Lavrov" and "Sergey Lavrov" are one
// person whatever the documents around them.
var givenNameSpellings = map[string]string{
	"Sergei": "Sergey", "Sergej": "Sergey", "Dmitri": "Dmitry", "Dmitriy": "Dmitry", "Yevgeniy": "Yevgeny",
	"Evgeny": "Yevgeny", "Yuriy": "Yuri", "Yury": "Yuri", "Andriy": "Andrii", "Moammar": "Muammar",
	"Mouammar": "Muammar", "Moamar": "Muammar", "Muamar": "Muammar",
	"Mikheil": "Mikhail", "Aleksandr": "Alexander",
	"Aleksey": "Alexei", "Alexey": "Alexei", "Nikolai": "Nikolay",
}

// canonicalGiven respells the first word of a person's full name by
// givenNameSpellings ("Sergei Lavrov" → "Sergey Lavrov") and writes a
// final Jr or Sr with its full stop.
func canonicalGiven(name string) string {
	for _, suf := range []string{" Jr", " Sr"} {
		if strings.HasSuffix(name, suf) {
			name += "."
		}
	}
	first, rest, ok := strings.Cut(name, " ")
	if !ok {
		return name
	}
	if c, ok := givenNameSpellings[first]; ok {
		return c + " " + rest
	}
	return name
}
