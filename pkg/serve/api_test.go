package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// get runs one request against srv and decodes a JSON answer into v (when
// v is not nil). It checks that every error is JSON with a message.
func get(t *testing.T, srv http.Handler, target string, v any) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	if rec.Code >= 400 {
		var e apiError
		if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == "" {
			t.Errorf("GET %s: %d with body %q: want a JSON error message", target, rec.Code, rec.Body.String())
		}
		if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("GET %s: error with Content-Type %q", target, ct)
		}
		return rec
	}
	if v != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
			t.Fatalf("GET %s: %v\n%s", target, err, rec.Body.String())
		}
	}
	return rec
}

func names(ns []ViewNode) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Name)
	}
	slices.Sort(out)
	return out
}

func TestStats(t *testing.T) {
	srv := testServer(t, Options{})
	var st Stats
	get(t, srv, "/api/stats", &st)
	if st.Documents != 5 || st.Nodes != len(testEntities) || st.Links == 0 {
		t.Errorf("stats %+v", st)
	}
	if st.FirstSeen != "2016-03-22" || st.LastSeen != "2016-12-09" {
		t.Errorf("dates %s – %s, want the span of the dated links 2016-03-22 – 2016-12-09", st.FirstSeen, st.LastSeen)
	}
	if !slices.Equal(st.Types, []string{"GPE", "NORP", "PERSON"}) {
		t.Errorf("types %v", st.Types)
	}
	if st.Defaults.Depth != 1 || st.Defaults.MinWeight != 1 || st.Limits.MaxDepth != MaxDepth || len(st.Defaults.Kinds) != 3 {
		t.Errorf("defaults %+v limits %+v", st.Defaults, st.Limits)
	}
}

func TestSearch(t *testing.T) {
	srv := testServer(t, Options{})
	for _, tc := range []struct {
		query string
		want  []string // names of the hits, in order (prefix of the answer)
		alias bool     // the first hit matched an alias
	}{
		{"q=ker", []string{"John Kerry"}, true},
		{"q=john", []string{"John Kerry"}, false},
		{"q=KERRY", []string{"John Kerry"}, true},
		{"q=lav", []string{"Sergey Lavrov"}, true},
		{"q=u.s", []string{"United States"}, true},
		{"q=secretary+k", []string{"John Kerry"}, true},
		{"q=russia", []string{"Russia", "Russian"}, false},
		{"q=russia&types=NORP", []string{"Russian"}, false},
		{"q=v&limit=1", []string{"Vladimir Putin"}, false},
		{"q=zzz", nil, false},
	} {
		t.Run(tc.query, func(t *testing.T) {
			var res SearchResult
			if rec := get(t, srv, "/api/search?"+tc.query, &res); rec.Code != 200 {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.Name)
			}
			if len(got) < len(tc.want) || !slices.Equal(got[:len(tc.want)], tc.want) || tc.want == nil && len(got) > 0 {
				t.Fatalf("hits %v, want %v first", got, tc.want)
			}
			if len(res.Hits) > 0 && res.Hits[0].Alias != tc.alias {
				t.Errorf("first hit %+v: alias %v, want %v", res.Hits[0], res.Hits[0].Alias, tc.alias)
			}
			if tc.want == nil && res.Hits == nil {
				t.Error("hits is null, want []")
			}
		})
	}
}

func TestEntity(t *testing.T) {
	srv := testServer(t, Options{})
	for _, q := range []string{"name=john+kerry", "name=Kerry", "name=secretary%20%20kerry", "id=" + tid("kerry")} {
		var en EntityInfo
		get(t, srv, "/api/entity?"+q, &en)
		if en.Name != "John Kerry" || en.Aliases["Kerry"] == 0 || en.Degree != 4 || en.Rank <= 0 {
			t.Errorf("%s: %+v", q, en)
		}
	}
}

func TestNeighbors(t *testing.T) {
	srv := testServer(t, Options{})
	for _, tc := range []struct {
		query     string
		want      []string
		truncated bool
	}{
		{"name=John+Kerry", []string{"John Kerry", "Sergey Lavrov", "United States", "Vladimir Putin"}, false},
		{"name=kerry&depth=2", []string{"Aleppo", "John Kerry", "Russia", "Sergey Lavrov", "United States", "Vladimir Putin"}, false},
		{"name=kerry&types=PERSON", []string{"John Kerry", "Sergey Lavrov", "Vladimir Putin"}, false},
		{"name=kerry&types=norp,person&kinds=cooccur", []string{"John Kerry", "Russian", "Sergey Lavrov", "Vladimir Putin"}, false},
		{"name=kerry&kinds=interaction", []string{"John Kerry", "Sergey Lavrov", "Vladimir Putin"}, false},
		{"name=kerry&kinds=context", []string{"John Kerry", "United States"}, false},
		{"name=kerry&min_weight=3", []string{"John Kerry", "Sergey Lavrov"}, false},
		{"name=kerry&min_weight=100", []string{"John Kerry"}, false},
		{"name=kerry&since=2016-09-01", []string{"John Kerry", "Sergey Lavrov", "United States"}, false},
		{"name=kerry&until=2016-03-22", []string{"John Kerry", "Sergey Lavrov", "United States", "Vladimir Putin"}, false},
		{"name=kerry&limit=2", []string{"John Kerry", "Sergey Lavrov"}, true},
		{"name=geneva", []string{"Geneva"}, false},
		{"name=russian&types=PERSON", []string{"John Kerry", "Russian"}, false}, // the focus whatever its type
	} {
		t.Run(tc.query, func(t *testing.T) {
			var v View
			if rec := get(t, srv, "/api/neighbors?"+tc.query, &v); rec.Code != 200 {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			if got := names(v.Nodes); !slices.Equal(got, tc.want) {
				t.Errorf("nodes %v, want %v", got, tc.want)
			}
			if v.Truncated != tc.truncated {
				t.Errorf("truncated %v, want %v (matched %d)", v.Truncated, tc.truncated, v.Matched)
			}
			checkView(t, &v)
		})
	}
	// The Kerry — Lavrov link carries every kind with its weights.
	var v View
	get(t, srv, "/api/neighbors?name=kerry", &v)
	for _, l := range v.Links {
		if (l.Source == tid("kerry") || l.Target == tid("kerry")) && (l.Source == tid("lavrov") || l.Target == tid("lavrov")) {
			if l.Weight != 5 || !slices.Equal(l.Kinds, []string{"cooccur", "interaction"}) || l.Counts.Interaction != 2 ||
				l.FirstSeen != "2016-03-22" || l.LastSeen != "2016-12-09" {
				t.Errorf("Kerry — Lavrov link %+v", l)
			}
		}
	}
}

// checkView checks a View's invariants: sorted nodes, links between its
// nodes with Source < Target, finite positions, the focus at the origin.
func checkView(t *testing.T, v *View) {
	t.Helper()
	in := map[string]bool{}
	for i, n := range v.Nodes {
		if i > 0 && v.Nodes[i-1].ID >= n.ID {
			t.Errorf("nodes not sorted at %d", i)
		}
		in[n.ID] = true
		if n.ID == v.Focus && (n.X != 0 || n.Y != 0 || n.Hops != 0) {
			t.Errorf("focus %+v not at the origin", n)
		}
		if n.X != n.X || n.Y != n.Y {
			t.Errorf("node %s at NaN", n.Name)
		}
	}
	if v.Focus != "" && !in[v.Focus] {
		t.Errorf("focus %s not among the nodes", v.Focus)
	}
	for _, l := range v.Links {
		if !in[l.Source] || !in[l.Target] || l.Source >= l.Target || l.Weight <= 0 || len(l.Kinds) == 0 {
			t.Errorf("bad link %+v", l)
		}
		checkLinkCounts(t, l)
	}
}

// checkLinkCounts checks that a link's kinds are those it counts and that
// the counts add up to its weight.
func checkLinkCounts(t *testing.T, l ViewLink) {
	t.Helper()
	sum := 0
	var kinds []string
	for _, k := range graph.EdgeKinds {
		if n := l.Counts.Get(k); n > 0 {
			sum += n
			kinds = append(kinds, string(k))
		}
	}
	if sum != l.Weight || !slices.Equal(kinds, l.Kinds) {
		t.Errorf("link %s–%s: weight %d kinds %v, but counts %+v", l.Source, l.Target, l.Weight, l.Kinds, l.Counts)
	}
}

// With a date range, a link has only the kinds seen in it: its kinds,
// counts and dates agree with its weight. Kerry and the US co-occur on
// 2016-09-28; their context edge is from 2016-03-22.
func TestDateRangeLinks(t *testing.T) {
	srv := testServer(t, Options{})
	const since = "since=2016-06-01"
	check := func(what string, l ViewLink) {
		t.Helper()
		checkLinkCounts(t, l)
		if l.Weight != 1 || !slices.Equal(l.Kinds, []string{"cooccur"}) || l.Counts != (KindCounts{Cooccur: 1}) ||
			l.FirstSeen != "2016-09-28" || l.LastSeen != "2016-09-28" {
			t.Errorf("%s: Kerry–US link %+v; want only the co-occurrence of 2016-09-28", what, l)
		}
	}
	var p PathResult
	get(t, srv, "/api/path?from=us&to=kerry&"+since, &p)
	if len(p.Links) != 1 {
		t.Fatalf("path %+v", p)
	}
	check("path", p.Links[0])

	var v View
	get(t, srv, "/api/subgraph?focus=us&"+since, &v)
	checkView(t, &v)
	for _, l := range v.Links {
		if l.Source == min(tid("kerry"), tid("us")) && l.Target == max(tid("kerry"), tid("us")) {
			check("subgraph", l)
		}
	}
	if v.FirstSeen != "2016-09-28" || v.LastSeen != "2016-09-28" {
		t.Errorf("subgraph dates %s – %s, want 2016-09-28 – 2016-09-28", v.FirstSeen, v.LastSeen)
	}

	var rs Relations
	get(t, srv, "/api/relations?name=us&"+since, &rs)
	for _, r := range rs.Relations {
		if r.ID == tid("kerry") {
			check("relations", ViewLink{Source: min(tid("kerry"), tid("us")), Target: max(tid("kerry"), tid("us")),
				Weight: r.Weight, Kinds: r.Kinds, Counts: r.Counts, FirstSeen: r.FirstSeen, LastSeen: r.LastSeen})
		}
	}

	rec := get(t, srv, "/api/export?format=json&focus=us&"+since, nil)
	if rec.Code != 200 {
		t.Fatalf("export: %d %s", rec.Code, rec.Body)
	}
	var g struct {
		Links []struct {
			Source, Target, Kind string
			Weight, Cooccur      int
			Context              int
			FirstSeen            string `json:"first_seen"`
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &g); err != nil {
		t.Fatalf("export: %v\n%s", err, rec.Body)
	}
	found := false
	for _, l := range g.Links {
		if l.Source == min(tid("kerry"), tid("us")) && l.Target == max(tid("kerry"), tid("us")) {
			found = true
			if l.Weight != 1 || l.Kind != "cooccur" || l.Cooccur != 1 || l.Context != 0 || l.FirstSeen != "2016-09-28" {
				t.Errorf("export: Kerry–US link %+v; want only the co-occurrence of 2016-09-28", l)
			}
		}
	}
	if !found {
		t.Errorf("export lacks the Kerry–US link:\n%s", rec.Body)
	}
}

func TestRelations(t *testing.T) {
	srv := testServer(t, Options{})
	var rs Relations
	get(t, srv, "/api/relations?name=kerry", &rs)
	var got []string
	for _, r := range rs.Relations {
		got = append(got, r.Name+" "+r.FirstSeen)
	}
	want := []string{"Sergey Lavrov 2016-03-22", "United States 2016-03-22", "Vladimir Putin 2016-03-22"}
	if !slices.Equal(got, want) || rs.Total != 3 || rs.Entity.Name != "John Kerry" {
		t.Fatalf("relations %v (total %d), want %v", got, rs.Total, want)
	}
	if p := rs.Relations[0].Predicates; p["met"] != 1 || p["phone call"] != 1 {
		t.Errorf("Lavrov predicates %v, want met and phone call", p)
	}
	get(t, srv, "/api/relations?name=kerry&sort=weight&limit=1", &rs)
	if len(rs.Relations) != 1 || rs.Relations[0].Name != "Sergey Lavrov" || rs.Total != 3 {
		t.Errorf("heaviest relation %+v (total %d)", rs.Relations, rs.Total)
	}
}

func TestEdge(t *testing.T) {
	srv := testServer(t, Options{})
	var e EdgeInfo
	get(t, srv, "/api/edge?a=John+Kerry&b=lavrov", &e)
	if len(e.Edges) != 2 || e.Edges[0].Kind != "cooccur" || e.Edges[1].Kind != "interaction" || e.Weight != 5 {
		t.Fatalf("edges %+v", e.Edges)
	}
	ev := e.Edges[1].Evidence
	if len(ev) != 2 || ev[0].Predicate != "met" || !strings.Contains(ev[0].Text, "Kerry met Sergey Lavrov") || ev[0].Date != "2016-03-22" {
		t.Errorf("interaction evidence %+v", ev)
	}
	if d := e.Documents["doc-2"]; d.Title != "US threatens to halt talks" || d.Date != "2016-09-28" {
		t.Errorf("documents %+v", e.Documents)
	}
	if e.Source.ID != min(tid("kerry"), tid("lavrov")) {
		t.Errorf("source %+v is not the smaller id", e.Source)
	}
}

func TestPath(t *testing.T) {
	srv := testServer(t, Options{})
	var p PathResult
	get(t, srv, "/api/path?from=United+States&to=Vladimir+Putin", &p)
	if p.Hops != 2 || len(p.Nodes) != 3 || len(p.Links) != 2 || p.Nodes[0].Name != "United States" || p.Nodes[2].Name != "Vladimir Putin" {
		t.Fatalf("path %+v", p)
	}
	// The middle is the better tied of Kerry and Aleppo? Both lead to
	// Putin only through Kerry or Russia; either is a shortest path.
	for i, l := range p.Links {
		a, b := p.Nodes[i].ID, p.Nodes[i+1].ID
		if min(a, b) != l.Source || max(a, b) != l.Target {
			t.Errorf("link %d %+v does not join %s and %s", i, l, p.Nodes[i].Name, p.Nodes[i+1].Name)
		}
	}
	get(t, srv, "/api/path?from=kerry&to=kerry", &p)
	if p.Hops != 0 || len(p.Nodes) != 1 {
		t.Errorf("path to itself %+v", p)
	}
}

func TestSubgraphAndExport(t *testing.T) {
	srv := testServer(t, Options{})
	var v View
	get(t, srv, "/api/subgraph?top=3", &v)
	if len(v.Nodes) != 3 || !v.Truncated || v.Matched != 6 || v.Focus != "" {
		t.Errorf("overview of 3: %v truncated %v matched %d", names(v.Nodes), v.Truncated, v.Matched)
	}
	checkView(t, &v)
	var again View
	get(t, srv, "/api/subgraph?top=3", &again)
	a, _ := json.Marshal(v)
	b, _ := json.Marshal(again)
	if string(a) != string(b) {
		t.Error("the same overview twice differs")
	}
	get(t, srv, "/api/subgraph?focus=kerry&kinds=interaction", &v)
	if got := names(v.Nodes); !slices.Equal(got, []string{"John Kerry", "Sergey Lavrov", "Vladimir Putin"}) {
		t.Errorf("ego subgraph %v", got)
	}

	for _, tc := range []struct{ query, ctype, has string }{
		{"format=graphml&focus=kerry", "application/graphml+xml", `<key id="e_evidence" for="edge" attr.name="evidence"`},
		{"format=gexf&focus=kerry&depth=2", "application/gexf+xml", `<attvalue for="evidence" value="`},
		{"format=json&top=2", "application/json", `"nodes"`},
		{"format=dot&focus=kerry&since=2016-09-01", "text/vnd.graphviz", "graph"},
	} {
		rec := get(t, srv, "/api/export?"+tc.query, nil)
		if rec.Code != 200 {
			t.Fatalf("%s: %d %s", tc.query, rec.Code, rec.Body)
		}
		body := rec.Body.String()
		if ct := rec.Header().Get("Content-Type"); ct != tc.ctype {
			t.Errorf("%s: Content-Type %q", tc.query, ct)
		}
		if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment; filename=") {
			t.Errorf("%s: Content-Disposition %q", tc.query, cd)
		}
		if !strings.Contains(body, tc.has) {
			t.Errorf("%s: body lacks %q", tc.query, tc.has)
		}
		if strings.Contains(tc.query, "focus") && (!strings.Contains(body, "John Kerry") || !strings.Contains(body, "Sergey Lavrov")) {
			t.Errorf("%s: export lacks Kerry or Lavrov:\n%s", tc.query, body)
		}
		if strings.Contains(tc.query, "since") && strings.Contains(body, "Vladimir Putin") {
			t.Errorf("%s: Putin is linked to Kerry only before the range", tc.query)
		}
	}
}

// Bad requests get a 4xx with a JSON message, never a 5xx.
func TestBadRequests(t *testing.T) {
	srv := testServer(t, Options{})
	long := strings.Repeat("x", 5000)
	for _, tc := range []struct {
		target string
		code   int
		msg    string // part of the error message
	}{
		{"/api/search", 400, "q is required"},
		{"/api/search?q=", 400, "q is required"},
		{"/api/search?q=ker&limit=0", 400, "between 1 and"},
		{"/api/search?q=ker&limit=abc", 400, "want an integer"},
		{"/api/search?q=ker&limit=99999999999999999999999", 400, "want an integer"},
		{"/api/search?q=" + long[:300], 400, "longer than"},
		{"/api/search?q=" + long, 414, "longer than"},
		{"/api/search?q=%zz", 400, "malformed"},
		{"/api/entity", 400, "id is required"},
		{"/api/entity?name=Nobody+Atall", 404, "no entity named"},
		{"/api/entity?name=Kerr", 404, `did you mean "John Kerry"`},
		{"/api/entity?id=0000000000000000", 404, "no entity"},
		{"/api/neighbors?name=kerry&depth=3", 400, "depth"},
		{"/api/neighbors?name=kerry&depth=1000000", 400, "depth"},
		{"/api/neighbors?name=kerry&depth=-1", 400, "depth"},
		{"/api/neighbors?name=kerry&depth=1.5", 400, "integer"},
		{"/api/neighbors?name=kerry&limit=0", 400, "limit"},
		{"/api/neighbors?name=kerry&limit=10001", 400, "limit"},
		{"/api/neighbors?name=kerry&types=ALIEN", 400, "unknown entity type"},
		{"/api/neighbors?name=kerry&kinds=friendship", 400, "unknown edge kind"},
		{"/api/neighbors?name=kerry&min_weight=-2", 400, "min_weight"},
		{"/api/neighbors?name=kerry&since=2016-13-01", 400, "date"},
		{"/api/neighbors?name=kerry&since=yesterday", 400, "date"},
		{"/api/neighbors?name=kerry&since=2016-10-01&until=2016-01-01", 400, "after"},
		{"/api/neighbors?name=" + long[:1500], 400, "longer than"},
		{"/api/neighbors", 400, "required"},
		{"/api/relations?name=kerry&sort=name", 400, "sort"},
		{"/api/relations?name=kerry&limit=5000", 400, "limit"},
		{"/api/edge?a=kerry", 400, "b is required"},
		{"/api/edge?a=kerry&b=John+Kerry", 400, "same entity"},
		{"/api/edge?a=putin&b=aleppo", 404, "no edge"},
		{"/api/edge?a=kerry&b=Nobody", 404, "no entity"},
		{"/api/path?from=kerry", 400, "to is required"},
		{"/api/path?from=kerry&to=geneva", 404, "no path"},
		{"/api/path?from=us&to=putin&max_hops=1", 404, "no path"},
		{"/api/path?from=us&to=putin&max_hops=99", 400, "max_hops"},
		{"/api/subgraph?top=0", 400, "top"},
		{"/api/subgraph?top=1000000", 400, "top"},
		{"/api/subgraph?focus=Nobody", 404, "no entity"},
		{"/api/subgraph?focus=kerry&depth=9", 400, "depth"},
		{"/api/export?focus=kerry", 400, "format"},
		{"/api/export?format=csv&focus=kerry", 400, "format"},
		{"/api/export?format=graphml&focus=kerry&depth=5", 400, "depth"},
		{"/api/nothing", 404, "no such endpoint"},
	} {
		t.Run(tc.target[:min(len(tc.target), 60)], func(t *testing.T) {
			rec := get(t, srv, tc.target, nil)
			if rec.Code != tc.code {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.code, rec.Body)
			}
			var e apiError
			json.Unmarshal(rec.Body.Bytes(), &e)
			if !strings.Contains(e.Error, tc.msg) {
				t.Errorf("message %q lacks %q", e.Error, tc.msg)
			}
		})
	}
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(method, "/api/stats", strings.NewReader("{}")))
		if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") == "" {
			t.Errorf("%s: status %d, Allow %q", method, rec.Code, rec.Header().Get("Allow"))
		}
	}
}

// A request that outlives the timeout gets 503, not a hung connection.
func TestTimeout(t *testing.T) {
	srv := testServer(t, Options{Timeout: time.Nanosecond})
	rec := get(t, srv, "/api/neighbors?name=kerry&depth=2", nil)
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "longer than") {
		t.Errorf("status %d: %s", rec.Code, rec.Body)
	}
}

func TestStaticPage(t *testing.T) {
	srv := testServer(t, Options{})
	for _, tc := range []struct{ path, ctype, has string }{
		{"/", "text/html", `id="search"`},
		{"/app.js", "javascript", "neighbors"},
		{"/style.css", "text/css", "#graph"},
	} {
		rec := get(t, srv, tc.path, nil)
		if rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Type"), tc.ctype) || !strings.Contains(rec.Body.String(), tc.has) {
			t.Errorf("%s: %d %q", tc.path, rec.Code, rec.Header().Get("Content-Type"))
		}
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("%s: CSP %q", tc.path, csp)
		}
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/missing.js", nil))
	if rec.Code != 404 {
		t.Errorf("missing file: %d", rec.Code)
	}
}

// Serve answers on a real listener and returns nil once its context is
// cancelled; the port is closed afterwards.
func TestServeShutdown(t *testing.T) {
	srv := testServer(t, Options{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	url := "http://" + ln.Addr().String()
	res, err := http.Get(url + "/api/search?q=kerry")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "John Kerry") {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve after cancel: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	if _, err := http.Get(url + "/api/stats"); err == nil {
		t.Error("server still answers after shutdown")
	}
}

// With LocalHostsOnly, a request for another host name (DNS rebinding) is
// refused; localhost and loopback IPs are served.
func TestLocalHostsOnly(t *testing.T) {
	srv := testServer(t, Options{LocalHostsOnly: true})
	for host, want := range map[string]int{"localhost:8080": 200, "127.0.0.1:1234": 200, "[::1]:80": 200, "LOCALHOST": 200,
		"evil.example:8080": 421, "192.168.1.2:8080": 421, "": 421} {
		req := httptest.NewRequest(http.MethodGet, "/api/stats", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Host %q: %d, want %d", host, rec.Code, want)
		}
	}
}

func TestIsLoopback(t *testing.T) {
	for _, tc := range []struct {
		addr string
		want bool
		err  bool
	}{
		{"127.0.0.1:8080", true, false},
		{"localhost:0", true, false},
		{"[::1]:8080", true, false},
		{"127.1.2.3:80", true, false},
		{"0.0.0.0:8080", false, false},
		{":8080", false, false},
		{"192.168.1.5:8080", false, false},
		{"example.com:80", false, false},
		{"8080", false, true},
		{"localhost", false, true},
		{"127.0.0.1:", false, true},
	} {
		got, err := IsLoopback(tc.addr)
		if got != tc.want || (err != nil) != tc.err {
			t.Errorf("IsLoopback(%q) = %v, %v; want %v, error %v", tc.addr, got, err, tc.want, tc.err)
		}
	}
}

// FuzzAPI sends arbitrary query strings to every endpoint: the answer is
// never a 5xx, and errors are JSON.
func FuzzAPI(f *testing.F) {
	srv := testServer(f, Options{Timeout: 5 * time.Second})
	endpoints := []string{"search", "entity", "neighbors", "relations", "edge", "path", "subgraph", "export", "stats"}
	for i, q := range []string{"q=ker", "name=kerry&depth=2", "id=kerry&types=PERSON,GPE&kinds=cooccur", "name=kerry&since=2016-01-01&until=2016-12-31",
		"a=kerry&b=lavrov", "from=us&to=putin&max_hops=6", "top=5&min_weight=2", "format=gexf&focus=lavrov&depth=2", "x=%00",
		"name=kerry&limit=1&depth=2", "q=%ff%fe", "name=\u00e9\u00e9&types=,,,"} {
		f.Add(uint8(i), q)
	}
	f.Fuzz(func(t *testing.T, ep uint8, query string) {
		target := "/api/" + endpoints[int(ep)%len(endpoints)] + "?" + query
		req, err := http.NewRequest(http.MethodGet, "http://localhost"+target, nil)
		if err != nil {
			return // not a URL any client could send
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %s: %d %s", target, rec.Code, rec.Body)
		}
		if rec.Code >= 400 {
			var e apiError
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == "" {
				t.Fatalf("GET %s: %d with body %q", target, rec.Code, rec.Body)
			}
		}
	})
}

// An empty store serves an empty graph, not errors.
func TestEmptyStore(t *testing.T) {
	st, err := graph.Open(graph.DefaultOptions("").WithInMemory(true))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := New(context.Background(), st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var stats Stats
	get(t, srv, "/api/stats", &stats)
	if stats.Nodes != 0 || stats.Types == nil {
		t.Errorf("stats %+v", stats)
	}
	var v View
	if rec := get(t, srv, "/api/subgraph?top=10", &v); rec.Code != 200 || v.Nodes == nil || v.Links == nil || len(v.Nodes) != 0 {
		t.Errorf("overview %d %s", rec.Code, rec.Body)
	}
	var res SearchResult
	if rec := get(t, srv, "/api/search?q=a", &res); rec.Code != 200 || len(res.Hits) != 0 {
		t.Errorf("search %d %s", rec.Code, rec.Body)
	}
	if rec := get(t, srv, "/api/neighbors?name=anyone", nil); rec.Code != 404 {
		t.Errorf("neighbors of anyone: %d", rec.Code)
	}
	if rec := get(t, srv, "/api/export?format=gexf&top=5", nil); rec.Code != 200 || !strings.Contains(rec.Body.String(), "<gexf") {
		t.Errorf("export %d %s", rec.Code, rec.Body)
	}
}

// Warm lays out the overview the page then asks for, whatever the case of
// the default types: the page's first request is a cache hit.
func TestWarmDefaults(t *testing.T) {
	srv := testServer(t, Options{Defaults: graph.Filter{Types: []string{"person", "Gpe"}, Kinds: []graph.EdgeKind{graph.Cooccur, graph.Interaction}, Top: 3}})
	if err := srv.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(srv.cache) != 1 {
		t.Fatalf("%d overviews cached after Warm, want 1", len(srv.cache))
	}
	for _, c := range srv.cache {
		if len(c.view.Nodes) != 3 {
			t.Errorf("warmed overview of %v, want 3 people and places", names(c.view.Nodes))
		}
	}
	// The page's first request: the defaults of /api/stats sent back.
	var st Stats
	get(t, srv, "/api/stats", &st)
	var v View
	get(t, srv, fmt.Sprintf("/api/subgraph?top=%d&types=%s&kinds=%s&min_weight=%d", st.Defaults.Top,
		strings.Join(st.Defaults.Types, ","), strings.Join(st.Defaults.Kinds, ","), st.Defaults.MinWeight), &v)
	if len(srv.cache) != 1 {
		t.Errorf("%d overviews cached after the page's request, want 1: Warm laid out another one", len(srv.cache))
	}
	if len(v.Nodes) != 3 {
		t.Errorf("overview %v", names(v.Nodes))
	}
}

// Concurrent requests for the same overview get the same answer; the
// layout is computed once and cached.
func TestConcurrentOverview(t *testing.T) {
	srv := testServer(t, Options{})
	var wg sync.WaitGroup
	bodies := make([]string, 8)
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := httptest.NewRecorder()
			q := "/api/subgraph?top=4"
			if i%2 == 1 {
				q = "/api/subgraph?top=4&kinds=cooccur"
			}
			srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, q, nil))
			if rec.Code != 200 {
				t.Errorf("%s: %d", q, rec.Code)
			}
			bodies[i] = rec.Body.String()
		}()
	}
	wg.Wait()
	for i := 2; i < len(bodies); i++ {
		if bodies[i] != bodies[i%2] {
			t.Errorf("answer %d differs from answer %d", i, i%2)
		}
	}
	if len(srv.cache) != 2 || len(srv.inflight) != 0 {
		t.Errorf("%d overviews cached, %d in flight; want 2 and 0", len(srv.cache), len(srv.inflight))
	}
}
