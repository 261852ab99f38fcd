package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// parsed is what a checker reads back from one export: node id → label
// (as the consumer sees it) and the number of edges.
type parsed struct {
	labels map[string]string
	edges  int
}

// readXML decodes GraphML or GEXF strictly with encoding/xml (which rejects
// characters XML 1.0 forbids) and collects node labels.
func readXML(data []byte, gexf bool) (parsed, error) {
	p := parsed{labels: map[string]string{}}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var id string
	var inLabel bool
	var label strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return p, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			attr := func(name string) (string, bool) {
				for _, a := range t.Attr {
					if a.Name.Local == name && a.Name.Space == "" {
						return a.Value, true
					}
				}
				return "", false
			}
			switch t.Name.Local {
			case "node":
				id, _ = attr("id")
				if _, dup := p.labels[id]; dup {
					return p, fmt.Errorf("duplicate node %q", id)
				}
				p.labels[id] = ""
				if gexf {
					p.labels[id], _ = attr("label")
				}
			case "edge":
				p.edges++
			case "data":
				if k, _ := attr("key"); k == "n_label" {
					inLabel = true
					label.Reset()
				}
			}
		case xml.CharData:
			if inLabel {
				label.Write(t)
			}
		case xml.EndElement:
			if t.Name.Local == "data" && inLabel {
				inLabel = false
				p.labels[id] = label.String()
			}
		}
	}
	return p, nil
}

// readJSON checks the node-link document.
func readJSON(data []byte) (parsed, error) {
	p := parsed{labels: map[string]string{}}
	if !json.Valid(data) {
		return p, errors.New("invalid JSON")
	}
	var doc struct {
		Directed bool
		Nodes    []map[string]any
		Links    []map[string]any
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return p, err
	}
	for _, n := range doc.Nodes {
		id, _ := n["id"].(string)
		label, _ := n["label"].(string)
		p.labels[id] = label
	}
	for _, l := range doc.Links {
		if _, ok := p.labels[l["source"].(string)]; !ok {
			return p, fmt.Errorf("link from unknown node %v", l["source"])
		}
		p.edges++
	}
	return p, nil
}

// readCSV reads a table with encoding/csv (every row as wide as the
// header) and maps column idCol to column labelCol.
func readCSV(data []byte, idCol, labelCol int) (parsed, [][]string, error) {
	p := parsed{labels: map[string]string{}}
	r := csv.NewReader(bytes.NewReader(data))
	rows, err := r.ReadAll()
	if err != nil {
		return p, nil, err
	}
	if len(rows) == 0 {
		return p, nil, errors.New("no header")
	}
	for _, row := range rows[1:] {
		if labelCol >= 0 {
			p.labels[row[idCol]] = row[labelCol]
		}
	}
	p.edges = len(rows) - 1
	return p, rows, nil
}

// dotToken is one DOT token.
type dotToken struct {
	kind byte // 'q' quoted string, 'i' identifier, else the punctuation
	text string
}

// lexDOT splits DOT into tokens as Graphviz's scanner does for the subset
// the DOT writer uses: identifiers, quoted strings (a backslash protects
// the next byte), braces, brackets, =, ;, , and --.
func lexDOT(s string) ([]dotToken, error) {
	var toks []dotToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t':
			i++
		case c == '"':
			j := i + 1
			for ; j < len(s) && s[j] != '"'; j++ {
				if s[j] == '\\' {
					j++
				}
				if j < len(s) && s[j] == '\n' {
					return nil, fmt.Errorf("raw newline in string at %d", j)
				}
			}
			if j >= len(s) {
				return nil, fmt.Errorf("unterminated string at %d", i)
			}
			if !utf8.ValidString(s[i+1 : j]) {
				return nil, fmt.Errorf("invalid UTF-8 in string at %d", i)
			}
			toks = append(toks, dotToken{'q', s[i+1 : j]})
			i = j + 1
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			toks = append(toks, dotToken{'-', "--"})
			i += 2
		case strings.IndexByte("{}[]=;,", c) >= 0:
			toks = append(toks, dotToken{c, string(c)})
			i++
		case c == '_' || c == '.' || c == '#' || (c >= '0' && c <= '9') || (c|0x20 >= 'a' && c|0x20 <= 'z'):
			j := i
			for j < len(s) && (s[j] == '_' || s[j] == '.' || (s[j] >= '0' && s[j] <= '9') || (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z')) {
				j++
			}
			if j == i {
				return nil, fmt.Errorf("bad character %q at %d", c, i)
			}
			toks = append(toks, dotToken{'i', s[i:j]})
			i = j
		default:
			return nil, fmt.Errorf("bad character %q at %d", c, i)
		}
	}
	return toks, nil
}

// unquoteDOT undoes appendDOT for a label (label true: &amp; too) or id.
func unquoteDOT(s string, label bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	if !label {
		return b.String()
	}
	return strings.ReplaceAll(b.String(), "&amp;", "&")
}

// readDOT parses the writer's DOT subset: graph G { stmt; ... } where a
// statement is `graph|node|edge [attrs]`, `"id" [attrs]` or
// `"a" -- "b" [attrs]`.
func readDOT(data []byte) (parsed, error) {
	p := parsed{labels: map[string]string{}}
	toks, err := lexDOT(string(data))
	if err != nil {
		return p, err
	}
	pos := 0
	next := func() dotToken {
		if pos >= len(toks) {
			return dotToken{}
		}
		pos++
		return toks[pos-1]
	}
	expect := func(kind byte) (dotToken, error) {
		t := next()
		if t.kind != kind {
			return t, fmt.Errorf("token %d: want %q, got %q %q", pos, kind, t.kind, t.text)
		}
		return t, nil
	}
	attrs := func() (map[string]string, error) {
		m := map[string]string{}
		if _, err := expect('['); err != nil {
			return nil, err
		}
		for {
			k := next()
			if k.kind == ']' {
				return m, nil
			}
			if k.kind == ',' {
				continue
			}
			if k.kind != 'i' {
				return nil, fmt.Errorf("attribute name: got %q", k.text)
			}
			if _, err := expect('='); err != nil {
				return nil, err
			}
			v := next()
			if v.kind != 'q' && v.kind != 'i' {
				return nil, fmt.Errorf("attribute %s value: got %q", k.text, v.text)
			}
			m[k.text] = v.text
		}
	}
	if t := next(); t.text != "graph" {
		return p, fmt.Errorf("want graph, got %q", t.text)
	}
	if _, err := expect('i'); err != nil {
		return p, err
	}
	if _, err := expect('{'); err != nil {
		return p, err
	}
	for {
		t := next()
		switch {
		case t.kind == '}':
			if pos != len(toks) {
				return p, fmt.Errorf("tokens after closing brace")
			}
			return p, nil
		case t.kind == 'i' && (t.text == "graph" || t.text == "node" || t.text == "edge"):
			if _, err := attrs(); err != nil {
				return p, err
			}
		case t.kind == 'q':
			if pos < len(toks) && toks[pos].kind == '-' {
				pos++
				if _, err := expect('q'); err != nil {
					return p, err
				}
				if _, err := attrs(); err != nil {
					return p, err
				}
				p.edges++
				break
			}
			m, err := attrs()
			if err != nil {
				return p, err
			}
			p.labels[unquoteDOT(t.text, false)] = unquoteDOT(m["label"], true)
		default:
			return p, fmt.Errorf("statement starts with %q %q", t.kind, t.text)
		}
		if _, err := expect(';'); err != nil {
			return p, err
		}
	}
}

// nquadLine is one line of the N-Quads writer: subject, predicate, then a
// blank node with optional facets or a string literal with an optional
// datatype, and the final dot. Facet strings may use only the escapes
// Dgraph's facet lexer accepts (\[vtbnrf"'\\], no \u).
var nquadLine = regexp.MustCompile(`^(_:[ex][0-9A-Za-z_-]+) <([A-Za-z_][A-Za-z0-9_.]*)> ` +
	`(?:(_:[ex][0-9A-Za-z_-]+)( \((?:[a-z_]+=(?:[0-9]+|\d{4}-\d{2}-\d{2}|"(?:[^"\\\n\r]|\\[vtbnrf"'\\])*")(?:, )?)+\))?` +
	`|("(?:[^"\\\n\r]|\\[tbnrf"\\]|\\u[0-9A-F]{4})*")(\^\^<http://www\.w3\.org/2001/XMLSchema#(?:int|double|date)>)?) \.$`)

// facetString finds the quoted facet values.
var facetString = regexp.MustCompile(`[a-z_]+=("(?:[^"\\]|\\.)*")`)

// readNQuads checks every line against nquadLine and unquotes the names
// with strconv.Unquote, as Dgraph does.
func readNQuads(data []byte) (parsed, error) {
	p := parsed{labels: map[string]string{}}
	if !utf8.Valid(data) {
		return p, errors.New("invalid UTF-8")
	}
	lines := strings.Split(string(data), "\n")
	if lines[len(lines)-1] != "" {
		return p, errors.New("no final newline")
	}
	xids := map[string]string{}
	names := map[string]string{}
	for i, line := range lines[:len(lines)-1] {
		m := nquadLine.FindStringSubmatch(line)
		if m == nil {
			return p, fmt.Errorf("line %d does not match: %q", i+1, line)
		}
		if m[3] != "" {
			for _, f := range facetString.FindAllStringSubmatch(m[4], -1) {
				if _, err := strconv.Unquote(f[1]); err != nil {
					return p, fmt.Errorf("line %d: facet %s: %w", i+1, f[1], err)
				}
			}
			p.edges++
			continue
		}
		v, err := strconv.Unquote(m[5])
		if err != nil {
			return p, fmt.Errorf("line %d: unquote %s: %w", i+1, m[5], err)
		}
		switch m[2] {
		case "xid":
			xids[m[1]] = v
		case "name":
			names[m[1]] = v
		}
	}
	for b, id := range xids {
		p.labels[id] = names[b]
	}
	return p, nil
}
