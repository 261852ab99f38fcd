package query

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// TextOptions configures the tables WriteText writes.
type TextOptions struct {
	// Evidence adds, under each row, the sentence behind it with its date
	// and document.
	Evidence bool
}

// table is an aligned text table; each row may carry a note line printed
// under it (the evidence), which does not take part in the alignment.
type table struct {
	header []string
	right  []bool // right-aligned columns (numbers)
	rows   [][]string
	notes  []string
}

func (t *table) add(note string, cells ...string) {
	t.rows = append(t.rows, cells)
	t.notes = append(t.notes, note)
}

func (t *table) write(w *bufio.Writer) {
	width := make([]int, len(t.header))
	for i, h := range t.header {
		width[i] = utf8.RuneCountInString(h)
	}
	for _, r := range t.rows {
		for i, c := range r {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	line := func(cells []string) {
		var b strings.Builder
		for i, c := range cells {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i > 0 {
				b.WriteString("  ")
			}
			if t.right != nil && t.right[i] {
				b.WriteString(pad + c)
			} else if i < len(cells)-1 {
				b.WriteString(c + pad)
			} else {
				b.WriteString(c)
			}
		}
		w.WriteString(strings.TrimRight(b.String(), " ") + "\n")
	}
	line(t.header)
	for i, r := range t.rows {
		line(r)
		if t.notes[i] != "" {
			w.WriteString(t.notes[i] + "\n")
		}
	}
}

// evidenceLine formats one piece of evidence as an indented note.
func evidenceLine(ev *Evidence) string {
	if ev == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("    ")
	if ev.Date != "" {
		b.WriteString(ev.Date + " ")
	}
	if ev.Predicate != "" {
		b.WriteString("[" + ev.Predicate + "] ")
	} else if ev.Kind != graph.Cooccur {
		b.WriteString("[" + string(ev.Kind) + "] ")
	}
	b.WriteString("“" + ev.Text + "”")
	if doc := docLabel(ev); doc != "" {
		b.WriteString(" — " + doc)
	}
	return b.String()
}

// docLabel names a document: its title, or its source path, or its id.
// Long titles and paths are shortened; JSON has them whole.
func docLabel(ev *Evidence) string {
	src := shortPath(ev.Source)
	switch {
	case ev.Title != "" && src != "":
		return clipText(ev.Title, 60) + " (" + src + ")"
	case ev.Title != "":
		return clipText(ev.Title, 60)
	case src != "":
		return src
	}
	return ev.Doc
}

// shortPath keeps the last four elements of a long path, and cuts a long
// last element.
func shortPath(p string) string {
	parts := strings.Split(p, "/")
	if len(parts) > 4 {
		parts = append([]string{"…"}, parts[len(parts)-4:]...)
	}
	if last := parts[len(parts)-1]; utf8.RuneCountInString(last) > 48 {
		parts[len(parts)-1] = clipText(last, 48)
	}
	return strings.Join(parts, "/")
}

func clipText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// countsText writes a count map as "a 2, b 1", largest first.
func countsText[K ~string](m map[K]int) string {
	keys := slices.Collect(maps.Keys(m))
	slices.SortFunc(keys, func(a, b K) int {
		if m[a] != m[b] {
			return m[b] - m[a]
		}
		return strings.Compare(string(a), string(b))
	})
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		if m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
		}
	}
	return strings.Join(parts, ", ")
}

func kindCounts(m map[graph.EdgeKind]int) string {
	parts := []string{}
	for _, k := range graph.EdgeKinds {
		if m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
		}
	}
	return strings.Join(parts, ", ")
}

// atLeast formats a count, "12+" when it is a lower bound.
func atLeast(n int, partial bool) string {
	if partial {
		return strconv.Itoa(n) + "+"
	}
	return strconv.Itoa(n)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func flush(bw *bufio.Writer) error {
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// WriteText writes the neighbours as a table, strongest first.
func (r *NeighborsResult) WriteText(w io.Writer, opt TextOptions) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Neighbours of %s (%s) by %s: %d shown, %d linked\n", r.Entity.Name, r.Entity.Type, r.By, len(r.Neighbors), r.Linked)
	t := &table{header: []string{"#", "NEIGHBOUR", "TYPE", "WEIGHT", "DOCS", "NPMI", "KINDS", "FIRST", "LAST"},
		right: []bool{true, false, false, true, true, true, false, false, false}}
	for i, n := range r.Neighbors {
		npmi := strconv.FormatFloat(n.NPMI, 'f', 3, 64)
		note := ""
		if opt.Evidence {
			note = evidenceLine(n.Evidence)
		}
		t.add(note, strconv.Itoa(i+1), n.Entity.Name, n.Entity.Type, atLeast(n.Weight, n.Partial), atLeast(n.Documents, n.Partial), npmi,
			kindCounts(n.Counts), dash(n.FirstSeen), dash(n.LastSeen))
	}
	t.write(bw)
	return flush(bw)
}

// WriteText writes the partners and the interaction sentences as tables.
func (r *RelationsResult) WriteText(w io.Writer, opt TextOptions) error {
	bw := bufio.NewWriter(w)
	// TIMES counts every interaction sentence, the list below shows each
	// distinct one once: the header gives both, so the numbers agree.
	all := 0
	for _, p := range r.Partners {
		all += p.Weight
	}
	sentences := fmt.Sprintf("%d interaction sentence%s", r.Total, plural(r.Total))
	if all > r.Total {
		sentences = fmt.Sprintf("%d interaction sentence%s (%d distinct)", all, plural(all), r.Total)
	}
	fmt.Fprintf(bw, "Interactions of %s (%s): %d partner%s, %s\n", r.Entity.Name, r.Entity.Type, len(r.Partners), plural(len(r.Partners)), sentences)
	if len(r.Partners) == 0 {
		return flush(bw)
	}
	t := &table{header: []string{"PARTNER", "TYPE", "TIMES", "DOCS", "PREDICATES", "FIRST", "LAST"},
		right: []bool{false, false, true, true, false, false, false}}
	for _, p := range r.Partners {
		t.add("", p.Entity.Name, p.Entity.Type, atLeast(p.Weight, p.Partial), atLeast(p.Documents, p.Partial), countsText(p.Predicates), dash(p.FirstSeen), dash(p.LastSeen))
	}
	t.write(bw)
	bw.WriteString("\n")
	t = &table{header: []string{"DATE", "PREDICATE", "PARTNER", "DOCUMENT"}}
	for _, in := range r.Interactions {
		note := ""
		if opt.Evidence {
			note = "    “" + in.Evidence.Text + "”"
		}
		doc := docLabel(&in.Evidence)
		if in.Repeats > 0 {
			doc += fmt.Sprintf(" and %d more", in.Repeats)
		}
		t.add(note, dash(in.Date), in.Predicate, in.Partner.Name, doc)
	}
	t.write(bw)
	if len(r.Interactions) < r.Total {
		fmt.Fprintf(bw, "(%d more distinct sentences: --limit shows them)\n", r.Total-len(r.Interactions))
	}
	if all > r.Total {
		fmt.Fprintf(bw, "(a sentence repeated in several documents is listed once; the store keeps at most %d per pair)\n", graph.MaxInteractionEvidence)
	}
	return flush(bw)
}

// WriteText writes each path as a table of hops.
func (r *PathResult) WriteText(w io.Writer, opt TextOptions) error {
	bw := bufio.NewWriter(w)
	for i, p := range r.Paths {
		if i > 0 {
			bw.WriteString("\n")
		}
		names := make([]string, len(p.Nodes))
		for j, n := range p.Nodes {
			names[j] = n.Name
		}
		fmt.Fprintf(bw, "Path %d: %s (%d hops, cost %.3f)\n", i+1, strings.Join(names, " — "), len(p.Hops), p.Cost)
		if len(p.Hops) == 0 {
			continue
		}
		t := &table{header: []string{"HOP", "FROM", "TO", "WEIGHT", "KINDS"}, right: []bool{true, false, false, true, false}}
		for j, h := range p.Hops {
			note := ""
			if opt.Evidence {
				note = evidenceLine(h.Evidence)
			}
			t.add(note, strconv.Itoa(j+1), h.From.Name, h.To.Name, strconv.Itoa(h.Weight), kindCounts(h.Counts))
		}
		t.write(bw)
	}
	return flush(bw)
}

// WriteText writes the ranking as a table with every metric.
func (r *TopResult) WriteText(w io.Writer, _ TextOptions) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Top %d of %d entities by %s\n", len(r.Nodes), r.Total, r.By)
	t := &table{header: []string{"#", "NAME", "TYPE", "DEGREE", "WEIGHTED", "PAGERANK", "BETWEENNESS", "COMMUNITY", "MENTIONS"},
		right: []bool{true, false, false, true, true, true, true, true, true}}
	for _, n := range r.Nodes {
		t.add("", strconv.Itoa(n.Rank), n.Name, n.Type, strconv.Itoa(n.Degree), strconv.FormatFloat(n.WeightedDegree, 'f', 0, 64),
			strconv.FormatFloat(n.PageRank, 'f', 4, 64), strconv.FormatFloat(n.Betweenness, 'f', 4, 64), strconv.Itoa(n.Community), strconv.Itoa(n.Mentions))
	}
	t.write(bw)
	return flush(bw)
}

// WriteText writes the communities, largest first, with their most
// connected members.
func (r *CommunitiesResult) WriteText(w io.Writer, _ TextOptions) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%d communities (Louvain, seed %d); %d shown\n", r.Total, graph.CommunitySeed, len(r.Communities))
	t := &table{header: []string{"#", "SIZE", "MEMBERS"}, right: []bool{true, true, false}}
	for _, c := range r.Communities {
		names := make([]string, len(c.Members))
		for i, m := range c.Members {
			names[i] = m.Name
		}
		more := ""
		if c.Size > len(c.Members) {
			more = fmt.Sprintf(", … (%d more)", c.Size-len(c.Members))
		}
		t.add("", strconv.Itoa(c.ID), strconv.Itoa(c.Size), strings.Join(names, ", ")+more)
	}
	t.write(bw)
	return flush(bw)
}

// plural is "s" unless n is 1.
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
