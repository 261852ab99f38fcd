package serve

import (
	"context"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// TestBrowserEntityWithoutAliases: the entity panel of an entity known by
// one name only (a Context name) shows no "null" where aliases would be.
func TestBrowserEntityWithoutAliases(t *testing.T) {
	exe := chromium()
	if exe == "" {
		if os.Getenv("CI") == "" {
			t.Skip("no chromium on PATH (apt-get install chromium); CI must have it")
		}
		t.Fatal("no chromium on PATH: CI must install it (apt-get install chromium)")
	}
	st, err := graph.Open(graph.DefaultOptions("").WithInMemory(true))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c := testDoc("doc-1", "2016-03-22", "Kerry", testEdge{graph.Cooccur, "kerry", "lavrov", "", "Kerry met Lavrov."})
	bare := graph.Entity{ID: graph.EntityID("Battle of Aleppo", "EVENT"), Name: "Battle of Aleppo", Type: "EVENT", Documents: 1, FirstSeen: "2016-03-22", LastSeen: "2016-03-22"}
	c.Entities = append(c.Entities, bare)
	c.Edges = append(c.Edges, graph.Edge{Kind: graph.Context, Source: bare.ID, Target: tid("kerry"), Weight: 1, Documents: 1})
	if _, err := st.Apply(context.Background(), []graph.Contribution{c}); err != nil {
		t.Fatal(err)
	}
	srv, err := New(context.Background(), st, Options{Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(context.Background())
	defer stop()
	go srv.Serve(sctx, ln)

	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.Flag("disable-dev-shm-usage", true), chromedp.UserDataDir(t.TempDir()))
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	ctx, cancel := context.WithTimeout(bctx, 60*time.Second)
	defer cancel()
	url := "http://" + ln.Addr().String() + "/#id=" + bare.ID
	if err := chromedp.Do(ctx, chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.Search(`//section[@id="entity"]/h2[text()="Battle of Aleppo"]`))); err != nil {
		t.Fatalf("open the entity: %v", err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#entity")))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text, "null") || strings.Contains(text, "Also:") {
		t.Errorf("entity panel %q shows aliases that are not there", text)
	}
}
