package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Aliases are a user's corrections to resolution, read from an aliases
// file (build --aliases FILE). One rule a line; "#" starts a comment:
//
//	Zelensky = Volodymyr Zelenskyy     merge: mentions named "Zelensky" (as written
//	                                   or as resolved) are Volodymyr Zelenskyy
//	Zelensky, Zelenskiy = Volodymyr Zelenskyy
//	Paris != Paris Hilton              split: a mention written "Paris" is never
//	                                   resolved to Paris Hilton (it stays Paris)
//	White House : FAC                  type: the entity White House is a FAC
//
// Names compare case-insensitively, white space folded. Rules apply to each
// document on its own, after the resolution within it, so they do not
// depend on the order documents come in. The zero value and nil apply no
// rule.
type Aliases struct {
	merge map[string]string  // lower-case name → canonical name
	split map[[2]string]bool // lower-case (written, canonical) pairs never joined
	types map[string]Type    // lower-case canonical name → type
	lines int
}

// ParseAliases reads an aliases file; name is used in error messages.
func ParseAliases(name string, r io.Reader) (*Aliases, error) {
	a := &Aliases{merge: map[string]string{}, split: map[[2]string]bool{}, types: map[string]Type{}}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		bad := func(why string) error { return fmt.Errorf("%s:%d: %s: %q", name, n, why, line) }
		switch {
		case strings.Contains(line, "!="):
			l, r, _ := strings.Cut(line, "!=")
			r = normalizeName(r)
			if r == "" {
				return nil, bad("split without a name on the right")
			}
			for _, x := range splitNames(l) {
				a.split[[2]string{strings.ToLower(x), strings.ToLower(r)}] = true
			}
		case strings.Contains(line, "="):
			l, r, _ := strings.Cut(line, "=")
			r = normalizeName(r)
			if r == "" || len(splitNames(l)) == 0 {
				return nil, bad("merge needs names on both sides")
			}
			for _, x := range splitNames(l) {
				a.merge[strings.ToLower(x)] = r
			}
		case strings.Contains(line, ":"):
			i := strings.LastIndexByte(line, ':')
			nm, ts := normalizeName(line[:i]), strings.TrimSpace(line[i+1:])
			t, ok := ParseType(strings.ToUpper(ts))
			if nm == "" || !ok {
				return nil, bad("type rule needs a name and one of PERSON ORG GPE LOC FAC NORP EVENT MISC")
			}
			a.types[strings.ToLower(nm)] = t
		default:
			return nil, bad("not a rule (want A = B, A != B or A : TYPE)")
		}
		a.lines++
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return a, nil
}

func splitNames(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = normalizeName(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Len is the number of rules.
func (a *Aliases) Len() int {
	if a == nil {
		return 0
	}
	return a.lines
}

// Canonical returns the name a user's name stands for under the merge
// rules (query and export take names through it).
func (a *Aliases) Canonical(name string) string {
	if a == nil {
		return name
	}
	if c, ok := a.merge[strings.ToLower(normalizeName(name))]; ok {
		return c
	}
	return name
}

// TypeOf returns the type a type rule gives the entity name.
func (a *Aliases) TypeOf(name string) (Type, bool) {
	if a == nil {
		return "", false
	}
	t, ok := a.types[strings.ToLower(name)]
	return t, ok
}

// Apply rewrites the mentions of one analysed document by the rules:
// splits first (a mention written as the left name and resolved to the
// right one goes back to what it says), then merges (by the name written,
// else by the name resolved), then types.
func (a *Aliases) Apply(an *Analysis) {
	if a.Len() == 0 || an == nil {
		return
	}
	fixed := make([]bool, len(an.Mentions))
	for i := range an.Mentions {
		m := &an.Mentions[i]
		written := strings.ToLower(normalizeName(m.Text))
		if a.split[[2]string{written, strings.ToLower(m.Entity)}] {
			m.Entity = normalizeName(m.Text)
		}
		if c, ok := a.merge[written]; ok {
			m.Entity = c
		} else if c, ok := a.merge[strings.ToLower(m.Entity)]; ok {
			m.Entity = c
		}
		if t, ok := a.types[strings.ToLower(m.Entity)]; ok {
			m.Type, fixed[i] = t, true
		}
	}
	voteTypes(an.Mentions, fixed) // names merged into one take one type
}

// KeepRules removes from merges, as CorpusMerges returns them, those the
// rules decide otherwise: an entity a split rule keeps from its target,
// and the names a merge or type rule gives (the user's word stands).
func (a *Aliases) KeepRules(merges map[EntityKey]CorpusEntity) {
	if a.Len() == 0 {
		return
	}
	for k, v := range merges {
		target := strings.ToLower(v.Name)
		_, merged := a.merge[k.Name]
		_, typed := a.types[k.Name]
		if a.split[[2]string{k.Name, target}] || merged || typed {
			delete(merges, k)
		}
	}
}
