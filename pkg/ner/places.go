package ner

import "strings"

// datelines labels the place of a news dateline as a location: a run of
// capitals that opens a sentence and names a place the gazetteer knows,
// followed by a dash, an agency in brackets, or a comma and then one of
// those ("WASHINGTON —", "LONDON (Reuters) -", "NEW YORK, March 3 (AP) —").
// The agency right after the place is an organisation.
// The training data has no datelines, so the model would read the capitals
// as an organisation or as nothing.
func (m *Model) datelines(tokens []Token, sentences []Sentence, labels []int) {
	if m.gaz == nil {
		return
	}
	for _, s := range sentences {
		if s.First < 0 || s.Last > len(tokens) || s.First >= s.Last {
			continue
		}
		j := s.First
		for j < s.Last && j-s.First < 4 && capsWord(tokens[j].Text) {
			j++
		}
		if j == s.First || j >= s.Last || !datelineEnd(tokens[j:s.Last]) || !hasLower(tokens[j:s.Last]) {
			continue
		}
		if _, typ, ok := m.gaz.Lookup(titleCaseWords(spanKey(tokens[s.First:j]))); ok && typ == GPE {
			setSpan(labels, s.First, j, classIndex("LOC"))
			// "TEHRAN (Tasnim) –": the word in brackets is the agency.
			if j+3 < s.Last && tokens[j].Text == "(" && tokens[j+2].Text == ")" && upperInitial(tokens[j+1].Text) {
				setSpan(labels, j+1, j+2, classIndex("ORG"))
			}
		}
	}
}

// capsWord reports whether w is written in capitals: two letters or more,
// none lower-case, perhaps with dots and hyphens ("ST.", "D.C.").
func capsWord(w string) bool {
	letters := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'A' <= c && c <= 'Z':
			letters++
		case c == '.' || c == '-':
		default:
			return false
		}
	}
	return letters >= 2
}

func isDash(w string) bool {
	switch w {
	case "-", "--", "—", "–":
		return true
	}
	return false
}

// datelineEnd reports whether the tokens after a dateline's place close
// it: a dash or an opening bracket at once, or after a comma within a few
// tokens ("NEW YORK , March 3 —").
func datelineEnd(rest []Token) bool {
	first := rest[0].Text
	if isDash(first) || first == "(" {
		return true
	}
	if first != "," {
		return false
	}
	for k := 1; k < len(rest) && k <= 6; k++ {
		if w := rest[k].Text; isDash(w) || w == "(" {
			return true
		}
	}
	return false
}

// hasLower reports whether some token has a lower-case letter: the
// sentence is not a headline in capitals.
func hasLower(toks []Token) bool {
	for _, t := range toks {
		for i := 0; i < len(t.Text); i++ {
			if c := t.Text[i]; 'a' <= c && c <= 'z' {
				return true
			}
		}
	}
	return false
}

// titleCaseWords writes a name in capitals as a name, word by word
// ("NEW YORK" → "New York"), with single spaces between the words.
func titleCaseWords(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = titleWord(w)
	}
	return strings.Join(words, " ")
}

// titleWord writes a word in capitals as a name: "YORK" → "York", "ST." →
// "St.", "D.C." stays.
func titleWord(w string) string {
	if strings.Count(w, ".") >= 2 {
		return w
	}
	b := []byte(strings.ToLower(w))
	if len(b) > 0 && 'a' <= b[0] && b[0] <= 'z' {
		b[0] -= 'a' - 'A'
	}
	for i := 1; i < len(b); i++ {
		if b[i-1] == '-' && 'a' <= b[i] && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}

// placesAfterIn splits a name that runs on over "in" or "at" into a known
// place: "Atlantic Council in Washington" is the Atlantic Council and
// Washington. Some training data tags such phrases as one name, and news
// text is full of them.
func (m *Model) placesAfterIn(tokens []Token, labels []int) {
	if m.gaz == nil {
		return
	}
	for k := 1; k+1 < len(tokens); k++ {
		if w := tokens[k].Text; w != "in" && w != "at" || !isInside(labels[k]) {
			continue
		}
		first := k
		for first > 0 && isInside(labels[first]) {
			first--
		}
		last := k + 1
		for last < len(labels) && labels[last] == labels[k] {
			last++
		}
		class := (labels[first] - 1) / 2
		if class == classIndex("LOC") || last == k+1 {
			continue
		}
		if _, typ, ok := m.gaz.Lookup(spanKey(tokens[k+1 : last])); ok && typ == GPE {
			setSpan(labels, first, k, class)
			labels[k] = 0
			setSpan(labels, k+1, last, classIndex("LOC"))
		}
		k = last - 1
	}
}
