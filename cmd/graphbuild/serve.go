package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/graphbuild/graphbuild/pkg/serve"
)

// defaultAddr is where serve listens unless told otherwise: this machine
// only.
const defaultAddr = "127.0.0.1:8080"

func init() {
	register(&command{
		name:  "serve",
		usage: "[--db DIR] [--addr 127.0.0.1:8080] [filters]",
		summary: `Serve a web viewer of the graph and its JSON API in the browser.
Until interrupted: search names and aliases, draw an entity's neighbourhood, read the evidence of
an edge, filter by type, edge kind, weight and date, download the view as
GraphML or GEXF. The store is opened read-only; the filters set the page's
starting state (--focus opens an entity, --top sizes the overview).`,
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			db := dbFlag(fs)
			addr := fs.String("addr", defaultAddr, "listen `address` host:port; a host other than loopback serves the graph to the network")
			var ff filterFlags
			ff.register(fs)
			// the viewer's overview is never the whole graph: 0 means 1000
			fs.Lookup("top").Usage = "size of the overview: the N nodes with the highest weighted degree (0: the default, 1000; at most 10000)"
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 {
					return usagef("unexpected argument %q", args[0])
				}
				loopback, err := serve.IsLoopback(*addr)
				if err != nil {
					return usagef("--addr: %v", err)
				}
				st, err := openStore(*db, true)
				if err != nil {
					return err
				}
				defer st.Close()
				f, err := ff.filter(st)
				if err != nil {
					return err
				}
				var mu sync.Mutex
				logf := func(format string, a ...any) {
					mu.Lock()
					defer mu.Unlock()
					fmt.Fprintf(e.stderr, "graphbuild serve: "+format+"\n", a...)
				}
				srv, err := serve.New(ctx, st, serve.Options{Defaults: f, Logf: logf, LocalHostsOnly: loopback})
				if err != nil {
					return err
				}
				ln, err := net.Listen("tcp", *addr)
				if err != nil {
					return fmt.Errorf("listen on %s: %w", *addr, err)
				}
				if !loopback {
					logf("warning: %s is not a loopback address: anyone who can reach this machine on it can read the graph", ln.Addr())
				}
				go func() {
					start := time.Now()
					if err := srv.Warm(ctx); err == nil {
						logf("overview laid out in %v", time.Since(start).Round(time.Millisecond))
					}
				}()
				logf("serving %s at http://%s/ (interrupt to stop)", *db, ln.Addr())
				if err := srv.Serve(ctx, ln); err != nil {
					return err
				}
				logf("stopped")
				return nil
			}
		},
	})
}
