package serve

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

//go:embed web
var webFS embed.FS

// Limits on what one request may ask for.
const (
	// MaxDepth is the largest ego-network depth.
	MaxDepth = 2
	// MaxHops is the longest path /api/path searches for.
	MaxHops = 6
	// MaxSearch is the most hits /api/search returns.
	MaxSearch = 50
	// MaxRelations is the most relations /api/relations returns.
	MaxRelations = 1000
	// maxQuery is the longest accepted query string, in bytes.
	maxQuery = 4096
)

// Options configure a Server. The zero value of every field means its
// default.
type Options struct {
	// Timeout bounds the work of one API request, not the streaming of a
	// download it prepared. Default 10s.
	Timeout time.Duration
	// MaxNodes is the largest view /api/neighbors, /api/subgraph and
	// /api/export return. Default 10000.
	MaxNodes int
	// Defaults are the filters the page starts with: Types, Kinds,
	// MinWeight, Depth (clamped to 1..MaxDepth), Since and Until; Top is the
	// size of the overview. Focus, an entity id, is the entity the page
	// opens on.
	Defaults graph.Filter
	// LocalHostsOnly refuses requests whose Host header is not localhost
	// or a loopback IP (with any port): a page elsewhere that rebinds its
	// DNS name to 127.0.0.1 then cannot read the graph. Set it when
	// listening on loopback. Default false.
	LocalHostsOnly bool
	// Logf receives one line per failed request and per index build; nil
	// discards them.
	Logf func(format string, args ...any)
}

func (o Options) timeout() time.Duration {
	if o.Timeout <= 0 {
		return 10 * time.Second
	}
	return o.Timeout
}

func (o Options) maxNodes() int {
	if o.MaxNodes <= 0 {
		return 10000
	}
	return o.MaxNodes
}

// Server answers the viewer's page and its JSON API over a store opened
// read-only. It is an http.Handler; its methods are safe for concurrent use.
type Server struct {
	st  *graph.Store
	ix  *index
	opt Options
	mux *http.ServeMux

	cacheMu  sync.Mutex
	cache    map[string]*cachedView   // overview layouts by canonical query
	order    []string                 // cache keys, oldest first
	inflight map[string]chan struct{} // overviews being laid out, closed when done
	layouts  chan struct{}            // one token per overview layout running
}

// viewCacheSize is the number of overview layouts kept.
const viewCacheSize = 8

// New reads every entity and link of st into memory (the API then answers
// without scanning the store) and returns the Server. st must not change
// while the Server is used: open it with WithReadOnly(true).
func New(ctx context.Context, st *graph.Store, opt Options) (*Server, error) {
	start := time.Now()
	ix, err := buildIndex(ctx, st)
	if err != nil {
		return nil, fmt.Errorf("serve %s: %w", st, err)
	}
	s := &Server{st: st, ix: ix, opt: opt, mux: http.NewServeMux(), cache: map[string]*cachedView{},
		inflight: map[string]chan struct{}{}, layouts: make(chan struct{}, runtime.GOMAXPROCS(0))}
	s.logf("indexed %d entities and %d links in %v", len(ix.ids), len(ix.links), time.Since(start).Round(time.Millisecond))
	static, err := fs.Sub(webFS, "web")
	if err != nil {
		return nil, fmt.Errorf("serve: embedded page: %w", err)
	}
	files := http.FileServer(http.FS(static))
	s.mux.Handle("/", staticHeaders(files))
	for path, h := range map[string]apiFunc{
		"/api/stats":     s.stats,
		"/api/search":    s.search,
		"/api/entity":    s.entity,
		"/api/neighbors": s.neighbors,
		"/api/relations": s.relations,
		"/api/edge":      s.edge,
		"/api/path":      s.path,
		"/api/subgraph":  s.subgraph,
		"/api/export":    s.export,
	} {
		s.mux.Handle(path, s.api(h))
	}
	s.mux.Handle("/api/", s.api(func(*http.Request) (any, error) {
		return nil, errorf(http.StatusNotFound, "no such endpoint")
	}))
	return s, nil
}

func (s *Server) logf(format string, args ...any) {
	if s.opt.Logf != nil {
		s.opt.Logf(format, args...)
	}
}

// Warm lays out the overview the page opens with (the Options.Defaults
// filters), so that the first visitor does not wait for it. It returns when
// the layout is cached or ctx is done.
func (s *Server) Warm(ctx context.Context) error {
	d := s.opt.Defaults
	kinds := make([]string, len(d.Kinds))
	for i, k := range d.Kinds {
		kinds[i] = string(k)
	}
	// The page sends the default types and kinds back as stats gives them,
	// as given: read them as its request will be read. An unknown name
	// fails the page's request anyway; it is no reason to skip warming.
	f, _ := newFilter(s.ix, d.Types, kinds)
	// The page asks for the overview with the default minimum weight and
	// no date range (it filters dates itself).
	f.minWeight = max(d.MinWeight, 1)
	_, err := s.overview(ctx, s.defaultTop(), f)
	return err
}

// defaultTop is the size of the page's overview.
func (s *Server) defaultTop() int {
	if t := s.opt.Defaults.Top; t > 0 {
		return min(t, s.opt.maxNodes())
	}
	return min(1000, s.opt.maxNodes())
}

// ServeHTTP answers one request. Only GET and HEAD are accepted.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeJSON(w, http.StatusMethodNotAllowed, apiError{"method " + r.Method + " not allowed: the viewer is read-only"})
		return
	}
	if s.opt.LocalHostsOnly && !localHost(r.Host) {
		writeJSON(w, http.StatusMisdirectedRequest, apiError{"host " + strconv.Quote(r.Host) + " is not this machine: open the viewer at localhost or 127.0.0.1"})
		return
	}
	s.mux.ServeHTTP(w, r)
}

// staticHeaders adds a strict content security policy to the page: it
// loads nothing from elsewhere.
func staticHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}

// Serve accepts connections on ln until ctx is cancelled, then shuts down
// gracefully: requests in progress get up to five seconds to finish. It
// returns nil after a shutdown caused by ctx.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      s.opt.timeout() + 60*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := hs.Shutdown(sctx)
	if err != nil {
		hs.Close()
	}
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("serve %s: shut down: %w", ln.Addr(), err)
	}
	return nil
}

// localHost reports whether a Host header names this machine.
func localHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// IsLoopback reports whether the listen address addr (host:port) only
// accepts connections from this machine: its host is "localhost" or a
// loopback IP. An empty host (":8080") listens on every interface and is
// not loopback.
func IsLoopback(addr string) (bool, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("address %q: %w", addr, err)
	}
	if port == "" {
		return false, fmt.Errorf("address %q: missing port", addr)
	}
	if strings.EqualFold(host, "localhost") {
		return true, nil
	}
	// An empty host is every interface; a host name other than localhost
	// may resolve anywhere.
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}
