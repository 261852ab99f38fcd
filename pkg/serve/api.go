package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/graphbuild/graphbuild/pkg/export"
	"github.com/graphbuild/graphbuild/pkg/graph"
)

// apiFunc answers one API request with a value to encode as JSON, a
// *download, or an error (an *httpError for the client's mistakes).
type apiFunc func(r *http.Request) (any, error)

// httpError is an error with the HTTP status it maps to.
type httpError struct {
	code int
	msg  string
}

func (e *httpError) Error() string { return e.msg }

func errorf(code int, format string, args ...any) error {
	return &httpError{code, fmt.Sprintf(format, args...)}
}

// apiError is the body of every failed API response.
type apiError struct {
	Error string `json:"error"`
}

// download is a response streamed as a file.
type download struct {
	name, contentType string
	write             func(ctx context.Context, w io.Writer) error
}

// api runs h with the request's deadline, recovering from panics, and
// writes its answer. A handler still running at the deadline is abandoned
// (it stops at its next check of the context) and the client gets 503. A
// download h returns is then streamed without that deadline (only the
// client going away stops it), so it is never cut short by it.
func (s *Server) api(h apiFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if len(r.URL.RawQuery) > maxQuery {
			s.fail(w, r, errorf(http.StatusRequestURITooLong, "query string longer than %d bytes", maxQuery))
			return
		}
		if _, err := url.ParseQuery(r.URL.RawQuery); err != nil {
			s.fail(w, r, errorf(http.StatusBadRequest, "malformed query string: %v", err))
			return
		}
		orig := r.Context()
		ctx, cancel := context.WithTimeout(orig, s.opt.timeout())
		defer cancel()
		r = r.WithContext(ctx)
		type result struct {
			v   any
			err error
		}
		done := make(chan result, 1)
		go func() {
			defer func() {
				if p := recover(); p != nil {
					s.logf("panic serving %s: %v\n%s", r.URL, p, debug.Stack())
					done <- result{nil, fmt.Errorf("internal error: %v", p)}
				}
			}()
			v, err := h(r)
			done <- result{v, err}
		}()
		var res result
		select {
		case res = <-done:
		case <-ctx.Done():
			res.err = errorf(http.StatusServiceUnavailable, "request took longer than %v: narrow it (a lower depth or limit, more filters)", s.opt.timeout())
		}
		if res.err == nil && ctx.Err() != nil {
			res.err = errorf(http.StatusServiceUnavailable, "request took longer than %v", s.opt.timeout())
		}
		if res.err != nil {
			s.fail(w, r, res.err)
			return
		}
		if d, ok := res.v.(*download); ok {
			s.stream(w, r.WithContext(orig), d)
			return
		}
		if c, ok := res.v.(*cachedView); ok {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Write(c.json)
			return
		}
		writeJSON(w, http.StatusOK, res.v)
	})
}

// fail writes err as a JSON error with its status.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := http.StatusInternalServerError
	var he *httpError
	switch {
	case errors.As(err, &he):
		code = he.code
	case errors.Is(err, graph.ErrNotFound):
		code = http.StatusNotFound
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		code = http.StatusServiceUnavailable
	}
	if code >= 500 {
		s.logf("%s: %v", r.URL, err)
	}
	writeJSON(w, code, apiError{err.Error()})
}

// downloadIdle is how long a download may wait for the client to take
// more bytes before the connection is dropped.
const downloadIdle = time.Minute

// stream writes a download. It has no overall deadline: each write must
// make progress within downloadIdle. An error before the first byte is an
// error answer; after it the connection is aborted (no final chunk), so
// the client sees a failed download, never a short file with status 200.
func (s *Server) stream(w http.ResponseWriter, r *http.Request, d *download) {
	w.Header().Set("Content-Type", d.contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", d.name))
	pw := &progressWriter{w: w, rc: http.NewResponseController(w)}
	bw := bufio.NewWriterSize(pw, 64<<10)
	err := d.write(r.Context(), bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		return
	}
	s.logf("%s: %v", r.URL, err)
	if pw.n == 0 && pw.err == nil {
		w.Header().Del("Content-Disposition")
		s.fail(w, r, err)
		return
	}
	panic(http.ErrAbortHandler)
}

// progressWriter gives every write downloadIdle to complete and counts the
// bytes written.
type progressWriter struct {
	w   io.Writer
	rc  *http.ResponseController
	n   int64
	err error
}

func (p *progressWriter) Write(b []byte) (int, error) {
	p.rc.SetWriteDeadline(time.Now().Add(downloadIdle)) // unsupported by some writers: no deadline then
	n, err := p.w.Write(b)
	p.n += int64(n)
	if err != nil {
		p.err = err
	}
	return n, err
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		code = http.StatusInternalServerError
		b, _ = json.Marshal(apiError{"encode answer: " + err.Error()})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	w.Write(b)
	w.Write([]byte("\n"))
}

// params reads query parameters, remembering the first problem.
type params struct {
	q   url.Values
	err error
}

func newParams(r *http.Request) *params {
	return &params{q: r.URL.Query()}
}

func (p *params) bad(format string, args ...any) {
	if p.err == nil {
		p.err = errorf(http.StatusBadRequest, format, args...)
	}
}

// str returns the last value of name, trimmed.
func (p *params) str(name string) string {
	vs := p.q[name]
	if len(vs) == 0 {
		return ""
	}
	return strings.TrimSpace(vs[len(vs)-1])
}

// int returns the integer parameter name, def when absent; outside
// [lo, hi] it is an error.
func (p *params) int(name string, def, lo, hi int) int {
	s := p.str(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		p.bad("parameter %s=%q: want an integer", name, s)
		return def
	}
	if n < lo || n > hi {
		p.bad("parameter %s=%d: must be between %d and %d", name, n, lo, hi)
		return def
	}
	return n
}

// list splits comma-separated values of every occurrence of name.
func (p *params) list(name string) []string {
	var out []string
	for _, v := range p.q[name] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// date reads a YYYY-MM-DD parameter as yyyymmdd, 0 when absent.
func (p *params) date(name string) int32 {
	s := p.str(name)
	if s == "" {
		return 0
	}
	if _, err := time.Parse("2006-01-02", s); err != nil || parseDate(s) == 0 {
		p.bad("parameter %s=%q: want a date YYYY-MM-DD", name, s)
		return 0
	}
	return parseDate(s)
}

// filter reads types, kinds, min_weight, since and until.
func (p *params) filter(ix *index) *filter {
	f, err := newFilter(ix, p.list("types"), p.list("kinds"))
	if err != nil {
		p.bad("%v", err)
	}
	f.minWeight = p.int("min_weight", 1, 0, 1<<30)
	f.since, f.until = p.date("since"), p.date("until")
	if f.since != 0 && f.until != 0 && f.since > f.until {
		p.bad("parameter since=%s is after until=%s", formatDate(f.since), formatDate(f.until))
	}
	return f
}

// newFilter returns the filter keeping the entity types and edge kinds
// named, in any case (none: graph.DefaultTypes and every kind), with no
// minimum weight and an open date range. The request parameters and
// Server.Warm both build their filters with it, so that Warm lays out the
// very overview the page asks for. Names it does not know are left out
// and the first is reported in the error.
func newFilter(ix *index, types, kinds []string) (*filter, error) {
	var err error
	f := &filter{}
	if len(types) == 0 {
		types = graph.DefaultTypes
	}
	up := make([]string, len(types))
	for i, t := range types {
		up[i] = strings.ToUpper(t)
		if err == nil && !slices.Contains(ix.types, up[i]) && !slices.Contains(graph.DefaultTypes, up[i]) {
			known := slices.Clone(ix.types)
			for _, d := range graph.DefaultTypes {
				if !slices.Contains(known, d) {
					known = append(known, d)
				}
			}
			slices.Sort(known)
			err = fmt.Errorf("parameter types: unknown entity type %q (known: %s)", t, strings.Join(known, ", "))
		}
	}
	f.types = ix.typeMask(up)
	if len(kinds) == 0 {
		f.kinds = [nKinds]bool{true, true, true}
	}
	for _, k := range kinds {
		i := kindIndex(graph.EdgeKind(strings.ToLower(k)))
		if i < 0 {
			if err == nil {
				err = fmt.Errorf("parameter kinds: unknown edge kind %q (want cooccur, context or interaction)", k)
			}
			continue
		}
		f.kinds[i] = true
	}
	return f, err
}

// entity resolves the parameter name, an entity id or a name (compared
// case-insensitively, through aliases), to a node. When a name fits several
// entities the one the store ranks first wins: a canonical-name match, then
// the most mentioned.
func (s *Server) entityParam(p *params, name string, required bool) (int32, bool) {
	v := p.str(name)
	if v == "" {
		if required {
			p.bad("parameter %s is required: an entity id or name", name)
		}
		return -1, false
	}
	if len(v) > 1000 {
		p.bad("parameter %s: longer than 1000 bytes", name)
		return -1, false
	}
	if u, ok := s.ix.pos[v]; ok {
		return u, true
	}
	ens, err := s.st.Lookup(v)
	if err == nil {
		for _, en := range ens {
			if u, ok := s.ix.pos[en.ID]; ok {
				return u, true
			}
		}
	}
	if p.err == nil {
		msg := fmt.Sprintf("no entity named %q", v)
		var sug []string
		for _, h := range s.ix.suggest(v, 5) {
			sug = append(sug, strconv.Quote(h.Name))
		}
		if len(sug) > 0 {
			msg += "; did you mean " + strings.Join(sug, ", ") + "?"
		}
		p.err = errorf(http.StatusNotFound, "%s", msg)
	}
	return -1, false
}

// Stats is the answer of /api/stats.
type Stats struct {
	Documents int            `json:"documents"`
	Entities  map[string]int `json:"entities"` // by type
	Edges     map[string]int `json:"edges"`    // by kind
	Nodes     int            `json:"nodes"`    // entities in the index
	Links     int            `json:"links"`    // linked pairs
	Types     []string       `json:"types"`    // entity types present
	Kinds     []string       `json:"kinds"`    // every edge kind
	FirstSeen string         `json:"first_seen,omitempty"`
	LastSeen  string         `json:"last_seen,omitempty"`
	Defaults  Defaults       `json:"defaults"`
	Limits    Limits         `json:"limits"`
}

// Defaults are the filters the page starts with (see Options.Defaults).
type Defaults struct {
	Types     []string `json:"types"`
	Kinds     []string `json:"kinds"`
	MinWeight int      `json:"min_weight"`
	Depth     int      `json:"depth"`
	Top       int      `json:"top"`
	Since     string   `json:"since,omitempty"`
	Until     string   `json:"until,omitempty"`
	Focus     *Hit     `json:"focus,omitempty"`
}

// Limits are the server's bounds on requests.
type Limits struct {
	MaxDepth  int `json:"max_depth"`
	MaxNodes  int `json:"max_nodes"`
	MaxHops   int `json:"max_hops"`
	MaxSearch int `json:"max_search"`
}

func (s *Server) stats(r *http.Request) (any, error) {
	st, err := s.st.Stats()
	if err != nil {
		return nil, err
	}
	d := s.opt.Defaults
	def := Defaults{Types: d.Types, MinWeight: max(d.MinWeight, 1), Depth: min(max(d.Depth, 1), MaxDepth),
		Top: s.defaultTop(), Since: d.Since, Until: d.Until}
	if len(def.Types) == 0 {
		def.Types = graph.DefaultTypes
	}
	for _, k := range d.Kinds {
		def.Kinds = append(def.Kinds, string(k))
	}
	if len(def.Kinds) == 0 {
		for _, k := range graph.EdgeKinds {
			def.Kinds = append(def.Kinds, string(k))
		}
	}
	if u, ok := s.ix.pos[d.Focus]; ok {
		h := s.ix.hit(u)
		def.Focus = &h
	}
	out := Stats{Documents: st.Documents, Entities: st.Entities, Edges: st.Edges, Nodes: len(s.ix.ids), Links: len(s.ix.links),
		Types: s.ix.types, FirstSeen: formatDate(s.ix.minDate), LastSeen: formatDate(s.ix.maxDate), Defaults: def,
		Limits: Limits{MaxDepth: MaxDepth, MaxNodes: s.opt.maxNodes(), MaxHops: MaxHops, MaxSearch: MaxSearch}}
	for _, k := range graph.EdgeKinds {
		out.Kinds = append(out.Kinds, string(k))
	}
	if out.Types == nil {
		out.Types = []string{}
	}
	return out, nil
}

// hit describes node u briefly.
func (ix *index) hit(u int32) Hit {
	return Hit{ID: ix.ids[u], Name: ix.name[u], Type: ix.types[ix.typ[u]], Mentions: int(ix.mentions[u]), Rank: round3(ix.rank[u]), Match: normalize(ix.name[u])}
}

// SearchResult is the answer of /api/search.
type SearchResult struct {
	Query string `json:"query"`
	Hits  []Hit  `json:"hits"`
}

func (s *Server) search(r *http.Request) (any, error) {
	p := newParams(r)
	q := p.str("q")
	if q == "" {
		p.bad("parameter q is required: the start of a name")
	}
	if len(q) > 200 {
		p.bad("parameter q: longer than 200 bytes")
	}
	limit := p.int("limit", 10, 1, MaxSearch)
	var types []bool
	if len(p.list("types")) > 0 {
		types = p.filter(s.ix).types
	}
	if p.err != nil {
		return nil, p.err
	}
	hits := s.ix.search(q, limit, types)
	if hits == nil {
		hits = []Hit{}
	}
	return SearchResult{Query: q, Hits: hits}, nil
}

// EntityInfo is the answer of /api/entity.
type EntityInfo struct {
	graph.Entity
	Rank           float64 `json:"rank"`
	Degree         int     `json:"degree"` // linked entities, every kind and type
	WeightedDegree float64 `json:"weighted_degree"`
}

func (s *Server) entity(r *http.Request) (any, error) {
	p := newParams(r)
	u := s.entityArg(p)
	if p.err != nil {
		return nil, p.err
	}
	en, err := s.st.Entity(s.ix.ids[u])
	if err != nil {
		return nil, err
	}
	return EntityInfo{Entity: en, Rank: round3(s.ix.rank[u]), Degree: int(s.ix.off[u+1] - s.ix.off[u]), WeightedDegree: s.ix.wdeg[u]}, nil
}

// entityArg reads the entity of the id or name parameter.
func (s *Server) entityArg(p *params) int32 {
	key := "id"
	if p.str("id") == "" && p.str("name") != "" {
		key = "name"
	}
	u, _ := s.entityParam(p, key, true)
	return u
}

func (s *Server) neighbors(r *http.Request) (any, error) {
	p := newParams(r)
	u := s.entityArg(p)
	depth := p.int("depth", 1, 1, MaxDepth)
	limit := p.int("limit", 150, 1, s.opt.maxNodes())
	f := p.filter(s.ix)
	if p.err != nil {
		return nil, p.err
	}
	return s.ego(r.Context(), u, depth, limit, f)
}

// bigLayout is the size of view from which a layout takes one of the
// Server's layout tokens, so that a burst of large requests cannot take
// every CPU.
const bigLayout = 1000

// ego returns the ego network of u, waiting for a layout token first when
// it may be large.
func (s *Server) ego(ctx context.Context, u int32, depth, limit int, f *filter) (*View, error) {
	if limit > bigLayout {
		select {
		case s.layouts <- struct{}{}:
			defer func() { <-s.layouts }()
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	v := s.ix.ego(ctx, u, depth, limit, f)
	return v, ctx.Err()
}

// Relations is the answer of /api/relations.
type Relations struct {
	Entity    Hit        `json:"entity"`
	Total     int        `json:"total"` // relations before limit
	Relations []Relation `json:"relations"`
}

func (s *Server) relations(r *http.Request) (any, error) {
	p := newParams(r)
	u := s.entityArg(p)
	limit := p.int("limit", 200, 1, MaxRelations)
	sortBy := p.str("sort")
	if sortBy != "" && sortBy != "date" && sortBy != "weight" {
		p.bad("parameter sort=%q: want date or weight", sortBy)
	}
	f := p.filter(s.ix)
	if p.err != nil {
		return nil, p.err
	}
	rs, total := s.ix.relations(u, f, sortBy, limit)
	// Predicates live with the interaction edges in the store: one point
	// read per interacting neighbour.
	for i := range rs {
		if rs[i].Counts.Interaction == 0 {
			continue
		}
		if err := r.Context().Err(); err != nil {
			return nil, err
		}
		e, err := s.st.Edge(s.ix.ids[u], rs[i].ID, graph.Interaction)
		if err == nil {
			rs[i].Predicates = e.Predicates
		}
	}
	if rs == nil {
		rs = []Relation{}
	}
	return Relations{Entity: s.ix.hit(u), Total: total, Relations: rs}, nil
}

// EdgeInfo is the answer of /api/edge: every edge between two entities
// with its evidence, and the documents the evidence comes from.
type EdgeInfo struct {
	Source    Hit                     `json:"source"`
	Target    Hit                     `json:"target"`
	Weight    int                     `json:"weight"`
	Edges     []graph.Edge            `json:"edges"` // in graph.EdgeKinds order
	Documents map[string]DocumentInfo `json:"documents"`
}

// DocumentInfo describes a document evidence points at.
type DocumentInfo struct {
	Title  string `json:"title,omitempty"`
	Date   string `json:"date,omitempty"`
	Source string `json:"source"`
	URL    string `json:"url,omitempty"`
}

func (s *Server) edge(r *http.Request) (any, error) {
	p := newParams(r)
	a, _ := s.entityParam(p, "a", true)
	b, _ := s.entityParam(p, "b", true)
	if p.err != nil {
		return nil, p.err
	}
	if a == b {
		return nil, errorf(http.StatusBadRequest, "parameters a and b name the same entity")
	}
	out := EdgeInfo{Source: s.ix.hit(min(a, b)), Target: s.ix.hit(max(a, b)), Documents: map[string]DocumentInfo{}}
	for _, k := range graph.EdgeKinds {
		e, err := s.st.Edge(s.ix.ids[a], s.ix.ids[b], k)
		if errors.Is(err, graph.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out.Weight += e.Weight
		out.Edges = append(out.Edges, e)
		for _, ev := range e.Evidence {
			if _, ok := out.Documents[ev.Doc]; ok {
				continue
			}
			doc, err := s.st.Document(ev.Doc)
			if err != nil {
				out.Documents[ev.Doc] = DocumentInfo{Source: ev.Doc}
				continue
			}
			out.Documents[ev.Doc] = DocumentInfo{Title: doc.Title, Date: doc.Date, Source: doc.Source, URL: doc.URL}
		}
	}
	if len(out.Edges) == 0 {
		return nil, errorf(http.StatusNotFound, "no edge between %q and %q", s.ix.name[a], s.ix.name[b])
	}
	return out, nil
}

// PathResult is the answer of /api/path.
type PathResult struct {
	Hops  int        `json:"hops"`
	Nodes []Hit      `json:"nodes"` // from first to last
	Links []ViewLink `json:"links"` // links[i] joins nodes[i] and nodes[i+1]
}

func (s *Server) path(r *http.Request) (any, error) {
	p := newParams(r)
	a, _ := s.entityParam(p, "from", true)
	b, _ := s.entityParam(p, "to", true)
	hops := p.int("max_hops", 4, 1, MaxHops)
	f := p.filter(s.ix)
	if p.err != nil {
		return nil, p.err
	}
	nodes := s.ix.path(r.Context(), a, b, hops, f)
	if err := r.Context().Err(); err != nil {
		return nil, err
	}
	if nodes == nil {
		return nil, errorf(http.StatusNotFound, "no path from %q to %q within %d hops under these filters", s.ix.name[a], s.ix.name[b], hops)
	}
	out := PathResult{Hops: len(nodes) - 1, Nodes: []Hit{}, Links: []ViewLink{}}
	for i, u := range nodes {
		out.Nodes = append(out.Nodes, s.ix.hit(u))
		if i == 0 {
			continue
		}
		v := nodes[i-1]
		for j := s.ix.off[v]; j < s.ix.off[v+1]; j++ {
			if s.ix.nbr[j] == u {
				l := &s.ix.links[s.ix.lnk[j]]
				out.Links = append(out.Links, s.ix.viewLink(l, f, f.weight(l)))
				break
			}
		}
	}
	return out, nil
}

// viewArgs reads the parameters of /api/subgraph and /api/export: with
// focus, an ego network (depth, limit); without, an overview (top).
func (s *Server) viewArgs(r *http.Request, p *params) (*View, error) {
	focus, hasFocus := s.entityParam(p, "focus", false)
	f := p.filter(s.ix)
	if hasFocus {
		depth := p.int("depth", 1, 1, MaxDepth)
		limit := p.int("limit", 150, 1, s.opt.maxNodes())
		if p.err != nil {
			return nil, p.err
		}
		return s.ego(r.Context(), focus, depth, limit, f)
	}
	top := p.int("top", min(1000, s.opt.maxNodes()), 1, s.opt.maxNodes())
	if p.err != nil {
		return nil, p.err
	}
	c, err := s.overview(r.Context(), top, f)
	if err != nil {
		return nil, err
	}
	return c.view, nil
}

// cachedView is an overview with its JSON encoding.
type cachedView struct {
	view *View
	json []byte
}

// overview returns the overview of the top nodes under f, laid out once
// and then kept (the last viewCacheSize of them).
func (s *Server) overview(ctx context.Context, top int, f *filter) (*cachedView, error) {
	key := fmt.Sprintf("%d|%v|%v|%d|%d|%d", top, f.types, f.kinds, f.minWeight, f.since, f.until)
	for {
		s.cacheMu.Lock()
		c, ok := s.cache[key]
		wait, busy := s.inflight[key]
		if !ok && !busy {
			wait = make(chan struct{})
			s.inflight[key] = wait
		}
		s.cacheMu.Unlock()
		if ok {
			return c, nil
		}
		if !busy {
			defer func() {
				s.cacheMu.Lock()
				delete(s.inflight, key)
				s.cacheMu.Unlock()
				close(wait)
			}()
			break
		}
		// Another request lays out the same overview: wait for it.
		select {
		case <-wait:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	// Layouts are the costly requests: at most one per CPU at a time.
	select {
	case s.layouts <- struct{}{}:
		defer func() { <-s.layouts }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	v := s.ix.overview(ctx, top, f)
	if err := ctx.Err(); err != nil {
		return nil, err // a layout cut short is not worth keeping
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode overview: %w", err)
	}
	c := &cachedView{view: v, json: append(b, '\n')}
	s.cacheMu.Lock()
	if _, ok := s.cache[key]; !ok {
		s.cache[key] = c
		s.order = append(s.order, key)
		if len(s.order) > viewCacheSize {
			delete(s.cache, s.order[0])
			s.order = s.order[1:]
		}
	}
	s.cacheMu.Unlock()
	return c, nil
}

func (s *Server) subgraph(r *http.Request) (any, error) {
	p := newParams(r)
	if p.str("focus") == "" {
		f := p.filter(s.ix)
		top := p.int("top", min(1000, s.opt.maxNodes()), 1, s.opt.maxNodes())
		if p.err != nil {
			return nil, p.err
		}
		return s.overview(r.Context(), top, f)
	}
	return s.viewArgs(r, p)
}

// exportFormats are the single-file formats /api/export writes, with their
// content types.
var exportFormats = map[string]string{
	"graphml": "application/graphml+xml",
	"gexf":    "application/gexf+xml",
	"dot":     "text/vnd.graphviz",
	"json":    "application/json",
}

func (s *Server) export(r *http.Request) (any, error) {
	p := newParams(r)
	format := strings.ToLower(p.str("format"))
	ctype, ok := exportFormats[format]
	if !ok {
		p.bad("parameter format=%q: want graphml, gexf, dot or json", p.str("format"))
	}
	v, err := s.viewArgs(r, p)
	if err != nil {
		return nil, err
	}
	w, err := newExporter(format)
	if err != nil {
		return nil, err
	}
	g, err := s.exportGraph(r.Context(), v)
	if err != nil {
		return nil, err
	}
	name := "graph"
	if v.Focus != "" {
		name = fileName(s.ix.name[s.ix.pos[v.Focus]])
	}
	var eg export.Graph = g
	if format != "dot" { // GraphML, GEXF, JSON: why each link exists
		eg = export.WithEvidence(g, s.st)
	}
	return &download{name: name + "." + format, contentType: ctype, write: func(ctx context.Context, out io.Writer) error {
		return w.Write(ctx, eg, out)
	}}, nil
}

// fileName keeps the letters and digits of name, others become '-'.
func fileName(name string) string {
	b := []byte(strings.ToLower(name))
	for i, c := range b {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			b[i] = '-'
		}
	}
	s := strings.Trim(string(b), "-")
	if s == "" || len(s) > 80 {
		return "graph"
	}
	return s
}
