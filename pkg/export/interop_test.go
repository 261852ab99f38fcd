package export

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// Interop tests run the real consumers of each format. They skip when a
// tool is missing, unless the environment variable CI is set: then a
// missing tool fails the test. Debian packages: graphviz libxml2-utils
// python3-networkx python3-igraph.

// missing skips, or fails under CI.
func missing(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s not available and CI is set", what)
	}
	t.Skipf("%s not available (with CI set this fails)", what)
}

// tool returns the path of a command or skips/fails.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, name)
	}
	return p
}

// python returns a Python 3 that imports the modules: /usr/bin/python3
// first (Debian's python3-networkx and python3-igraph live there, while a
// pyenv python3 on PATH does not see them), then python3 on PATH.
func python(t *testing.T, modules ...string) string {
	t.Helper()
	var cands []string
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		cands = append(cands, "/usr/bin/python3")
	}
	if p, err := exec.LookPath("python3"); err == nil {
		cands = append(cands, p)
	}
	for _, py := range cands {
		if exec.Command(py, "-c", "import "+strings.Join(modules, ", ")).Run() == nil {
			return py
		}
	}
	missing(t, "python3 with "+strings.Join(modules, ", "))
	return ""
}

// run runs a command and returns its stdout; any failure or stderr output
// fails the test.
func run(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args[:min(len(args), 2)], " "), err, stderr.String())
	}
	if s := strings.TrimSpace(stderr.String()); s != "" {
		t.Errorf("%s wrote to stderr:\n%s", filepath.Base(name), s)
	}
	return stdout.Bytes()
}

// exportFile writes the sample graph in a format to a temporary file.
func exportFile(t *testing.T, w Writer) string {
	t.Helper()
	paths, err := WriteDir(t.Context(), w, t.TempDir(), sample())
	if err != nil {
		t.Fatal(err)
	}
	return paths[0]
}

// summary is what the Python scripts print.
type summary struct {
	Directed   bool              `json:"directed"`
	Nodes      map[string]string `json:"nodes"` // id → label
	Edges      int               `json:"edges"`
	NodeTypes  map[string]string `json:"node_types"` // attribute → Python type
	EdgeTypes  map[string]string `json:"edge_types"`
	WeightSum  float64           `json:"weight_sum"`
	Spells     int               `json:"spells"`
	Attributes []string          `json:"attributes"`
}

// checkSummary compares a consumer's view with the sample graph.
func checkSummary(t *testing.T, s summary, tabs bool) {
	t.Helper()
	g := sample()
	if s.Directed {
		t.Error("read as directed")
	}
	if s.Edges != len(g.LinkList) {
		t.Errorf("%d edges, want %d", s.Edges, len(g.LinkList))
	}
	if len(s.Nodes) != len(g.NodeList) {
		t.Errorf("%d nodes, want %d", len(s.Nodes), len(g.NodeList))
	}
	for _, n := range g.NodeList {
		want := CleanText(n.Name)
		if !tabs {
			want = strings.ReplaceAll(want, "\t", " ")
		}
		if got, ok := s.Nodes[n.ID]; !ok || got != want {
			t.Errorf("node %s: label %q, want %q", n.ID, got, want)
		}
	}
	if s.WeightSum != 0 {
		var sum int
		for _, l := range g.LinkList {
			sum += l.Weight
		}
		if s.WeightSum != float64(sum) {
			t.Errorf("weights sum to %v, want %d", s.WeightSum, sum)
		}
	}
}

func decodeSummary(t *testing.T, out []byte) summary {
	t.Helper()
	var s summary
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatalf("python output: %v\n%s", err, out)
	}
	return s
}

const pyNetworkxGraphML = `
import json, sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
print(json.dumps({
    "directed": g.is_directed(),
    "nodes": {n: d.get("label") for n, d in g.nodes(data=True)},
    "edges": g.number_of_edges(),
    "node_types": {k: type(v).__name__ for _, d in g.nodes(data=True) for k, v in d.items()},
    "edge_types": {k: type(v).__name__ for _, _, d in g.edges(data=True) for k, v in d.items()},
    "weight_sum": sum(d["weight"] for _, _, d in g.edges(data=True)),
}))
`

func TestInteropNetworkxGraphML(t *testing.T) {
	py := python(t, "networkx")
	path := exportFile(t, GraphML{Options{Metrics: true}})
	s := decodeSummary(t, run(t, py, "-c", pyNetworkxGraphML, path))
	checkSummary(t, s, true)
	for attr, want := range map[string]string{"label": "str", "type": "str", "mentions": "int", "pagerank": "float", "community": "int", "first_seen": "str"} {
		if s.NodeTypes[attr] != want {
			t.Errorf("node attribute %s read as %q, want %s", attr, s.NodeTypes[attr], want)
		}
	}
	for attr, want := range map[string]string{"weight": "int", "kind": "str", "cooccur": "int", "predicates": "str"} {
		if s.EdgeTypes[attr] != want {
			t.Errorf("edge attribute %s read as %q, want %s", attr, s.EdgeTypes[attr], want)
		}
	}
}

const pyIgraphGraphML = `
import json, sys, igraph
g = igraph.Graph.Read_GraphML(sys.argv[1])
print(json.dumps({
    "directed": g.is_directed(),
    "nodes": dict(zip(g.vs["id"], g.vs["label"])),
    "edges": g.ecount(),
    "weight_sum": sum(g.es["weight"]),
    "attributes": sorted(g.vs.attributes()),
}))
`

func TestInteropIgraphGraphML(t *testing.T) {
	py := python(t, "igraph")
	path := exportFile(t, GraphML{Options{Metrics: true}})
	s := decodeSummary(t, run(t, py, "-c", pyIgraphGraphML, path))
	checkSummary(t, s, true)
	for _, a := range []string{"label", "type", "mentions", "pagerank", "community"} {
		found := false
		for _, b := range s.Attributes {
			found = found || a == b
		}
		if !found {
			t.Errorf("igraph lacks vertex attribute %s (has %v)", a, s.Attributes)
		}
	}
}

const pyNetworkxJSON = `
import json, sys
from networkx.readwrite import json_graph
data = json.load(open(sys.argv[1], encoding="utf-8"))
try:
    g = json_graph.node_link_graph(data, edges="links")  # networkx >= 3.4
except TypeError:
    g = json_graph.node_link_graph(data)  # "links" is the default before 3.4
print(json.dumps({
    "directed": g.is_directed(),
    "nodes": {n: d.get("label") for n, d in g.nodes(data=True)},
    "edges": g.number_of_edges(),
    "node_types": {k: type(v).__name__ for _, d in g.nodes(data=True) for k, v in d.items()},
    "weight_sum": sum(d["weight"] for _, _, d in g.edges(data=True)),
}))
`

func TestInteropNetworkxJSON(t *testing.T) {
	py := python(t, "networkx")
	path := exportFile(t, JSON{Options{Metrics: true}})
	s := decodeSummary(t, run(t, py, "-c", pyNetworkxJSON, path))
	checkSummary(t, s, true)
	if s.NodeTypes["mentions"] != "int" || s.NodeTypes["pagerank"] != "float" {
		t.Errorf("node attribute types %v", s.NodeTypes)
	}
}

// networkx 2.8/3.x reads GEXF 1.1draft and 1.2draft only: the test reads
// what --gexf-version 1.2 writes, as written, and checks structure,
// labels, spells and weights. The 1.3 schema is checked by xmllint below.
const pyNetworkxGEXF = `
import json, sys, networkx as nx
g = nx.read_gexf(sys.argv[1])
print(json.dumps({
    "directed": g.is_directed(),
    "nodes": {n: d.get("label") for n, d in g.nodes(data=True)},
    "edges": g.number_of_edges(),
    "weight_sum": sum(d["weight"] for _, _, d in g.edges(data=True)),
    "spells": sum(1 for _, d in g.nodes(data=True) if d.get("spells")),
}))
`

func TestInteropNetworkxGEXF(t *testing.T) {
	py := python(t, "networkx")
	path := exportFile(t, GEXF{Options{Metrics: true, GEXFVersion: "1.2"}})
	s := decodeSummary(t, run(t, py, "-c", pyNetworkxGEXF, path))
	checkSummary(t, s, true)
	dated := 0
	for _, n := range sample().NodeList {
		if graph.ValidDate(n.FirstSeen) || graph.ValidDate(n.LastSeen) {
			dated++
		}
	}
	if s.Spells != dated {
		t.Errorf("%d nodes with spells, want %d", s.Spells, dated)
	}
	// the default, 1.3, is read by networkx 3.6 and later only
	path13 := exportFile(t, GEXF{Options{Metrics: true}})
	out, err := exec.Command(py, "-c", pyNetworkxGEXF+"\nprint(nx.__version__)", path13).CombinedOutput()
	t.Logf("networkx reads GEXF 1.3: %v (%s)", err == nil, bytes.TrimSpace(out[bytes.LastIndexByte(bytes.TrimSpace(out), '\n')+1:]))
}

func TestInteropXmllintGEXF(t *testing.T) {
	xmllint := tool(t, "xmllint")
	for _, opts := range []Options{{}, {Metrics: true, ColorBy: "community", SizeBy: "pagerank"}} {
		path := exportFile(t, GEXF{opts})
		cmd := exec.Command(xmllint, "--noout", "--relaxng", filepath.Join("testdata", "gexf-1.3", "gexf.rng"), path)
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "validates") {
			t.Errorf("xmllint --relaxng (%+v): %v\n%s", opts, err, out)
		}
	}
	// A static graph (no dates) validates too.
	g := sample()
	for i := range g.NodeList {
		g.NodeList[i].FirstSeen, g.NodeList[i].LastSeen = "", ""
	}
	paths, err := WriteDir(t.Context(), GEXF{}, t.TempDir(), g)
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, "--noout", "--relaxng", filepath.Join("testdata", "gexf-1.3", "gexf.rng"), paths[0]).CombinedOutput()
	if err != nil {
		t.Errorf("static gexf: %v\n%s", err, out)
	}
}

// svgSummary reads a Graphviz SVG: node titles (ids) → label lines joined
// by "\n", and the edge count.
func svgSummary(t *testing.T, svg []byte) (map[string]string, int) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	labels := map[string]string{}
	edges := 0
	var class, title, elem string
	var texts []string
	var depth, groupDepth int
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG does not parse: %v", err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			depth++
			elem = tk.Name.Local
			if elem == "g" {
				for _, a := range tk.Attr {
					if a.Name.Local == "class" && (a.Value == "node" || a.Value == "edge") {
						class, groupDepth, title, texts = a.Value, depth, "", nil
						if a.Value == "edge" {
							edges++
						}
					}
				}
			}
		case xml.CharData:
			if class == "node" && elem == "title" {
				title += string(tk)
			}
			if class == "node" && elem == "text" {
				texts = append(texts, string(tk))
			}
		case xml.EndElement:
			if tk.Name.Local == "g" && depth == groupDepth {
				if class == "node" {
					labels[title] = strings.Join(texts, "\n")
				}
				class = ""
			}
			elem = ""
			depth--
		}
	}
	return labels, edges
}

func TestInteropGraphviz(t *testing.T) {
	for _, layout := range []string{"dot", "sfdp"} {
		t.Run(layout, func(t *testing.T) {
			bin := tool(t, layout)
			path := exportFile(t, DOT{Options{Metrics: true, ColorBy: "community"}})
			svg := run(t, bin, "-Tsvg", path)
			labels, edges := svgSummary(t, svg)
			g := sample()
			if edges != len(g.LinkList) {
				t.Errorf("%d edges drawn, want %d", edges, len(g.LinkList))
			}
			if len(labels) != len(g.NodeList) {
				t.Errorf("%d nodes drawn, want %d", len(labels), len(g.NodeList))
			}
			for _, n := range g.NodeList {
				got, ok := labels[n.ID]
				if !ok {
					t.Errorf("node %s (%q) not drawn", n.ID, n.Name)
					continue
				}
				// Graphviz draws one <text> per line, trims edge spaces
				// and drops empty lines; compare words.
				want := strings.Fields(strings.ReplaceAll(CleanText(n.Name), "\t", " "))
				if gotF := strings.Fields(got); strings.Join(gotF, " ") != strings.Join(want, " ") {
					t.Errorf("node %s drawn as %q, want %q", n.ID, got, CleanText(n.Name))
				}
			}
		})
	}
}
