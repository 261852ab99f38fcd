package serve

import (
	"context"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/ingest"
	"github.com/graphbuild/graphbuild/pkg/source"
)

// chromium finds the browser: $GRAPHBUILD_CHROMIUM, else Debian's chromium
// or another Chrome on PATH.
func chromium() string {
	if p := os.Getenv("GRAPHBUILD_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// artifactDir is where the end-to-end test leaves its screenshots:
// $GRAPHBUILD_ARTIFACTS, or graphbuild-artifacts in the temporary
// directory.
func artifactDir(t *testing.T) string {
	dir := os.Getenv("GRAPHBUILD_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "graphbuild-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// seedStore builds a store from the seed documents with the real
// extraction pipeline and reopens it read-only, as graphbuild serve does.
func seedStore(t *testing.T) *graph.Store {
	t.Helper()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "seed.db")
	inputs, errs := source.Expand([]string{"../../fixtures/seeds"}, source.DefaultOptions())
	if len(errs) > 0 || len(inputs) == 0 {
		t.Fatalf("seed inputs: %v", errs)
	}
	ex, err := ingest.DefaultExtractor()
	if err != nil {
		t.Fatal(err)
	}
	st, err := graph.Open(graph.DefaultOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	var buildErrs []error
	sum, err := ingest.Build(ctx, inputs, ex, st, ingest.BuildOptions{Options: ingest.Options{OnError: func(err error) { buildErrs = append(buildErrs, err) }}})
	if err != nil || sum.Failed > 0 {
		t.Fatalf("build: %v %v %+v", err, buildErrs, sum)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st, err = graph.Open(graph.DefaultOptions(dir).WithReadOnly(true))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestBrowser is the end-to-end test: the viewer on the seed store, driven
// by headless Chromium like a user: search "Kerry", open John Kerry, find
// Sergey Lavrov among the neighbours, click their edge on the canvas, read
// the evidence, narrow the date range with the slider, download the view,
// click Lavrov's node to re-centre. Screenshots are kept as artifacts.
func TestBrowser(t *testing.T) {
	exe := chromium()
	if exe == "" {
		if os.Getenv("CI") == "" {
			t.Skip("no chromium on PATH (apt-get install chromium); CI must have it")
		}
		t.Fatal("no chromium on PATH: CI must install it (apt-get install chromium)")
	}
	st := seedStore(t)
	srv, err := New(context.Background(), st, Options{Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(sctx, ln) }()
	defer func() {
		stop()
		if err := <-served; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	base := "http://" + ln.Addr().String() + "/"

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	defer cancelBrowser()
	ctx, cancel := context.WithTimeout(bctx, 120*time.Second)
	defer cancel()

	// Any script error on the page fails the test.
	var mu sync.Mutex
	var jsErrors []string
	exceptions := chromedp.Events(ctx, runtime.ExceptionThrown)
	console := chromedp.Events(ctx, runtime.ConsoleAPICalled)
	go func() {
		for ev, err := range exceptions {
			if err != nil {
				return
			}
			mu.Lock()
			jsErrors = append(jsErrors, ev.ExceptionDetails.Text+" "+exceptionDescription(ev.ExceptionDetails))
			mu.Unlock()
		}
	}()
	go func() {
		for ev, err := range console {
			if err != nil {
				return
			}
			if ev.Type != runtime.ConsoleAPICalledTypeError {
				continue
			}
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			mu.Lock()
			jsErrors = append(jsErrors, "console.error: "+strings.Join(parts, " "))
			mu.Unlock()
		}
	}()
	artifacts := artifactDir(t)
	shot := func(name string) {
		chromedp.Run(ctx, chromedp.Poll[bool]("graphbuild.settled()", chromedp.WithPollingTimeout(5*time.Second)))
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Errorf("screenshot %s: %v", name, err)
			return
		}
		path := filepath.Join(artifacts, name)
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Error(err)
		}
		t.Logf("screenshot: %s", path)
	}
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			shot("failed.png")
			t.Fatalf("%s: %v", step, err)
		}
	}
	type point struct{ X, Y float64 }
	// eval waits until the drawing has settled (views move into place when
	// they change) and js gives a point.
	eval := func(step, js string) *point {
		t.Helper()
		p, err := chromedp.Run(ctx, chromedp.Poll[*point]("graphbuild.settled() && "+js, chromedp.WithPollingTimeout(15*time.Second)))
		if err != nil {
			shot("failed.png")
			t.Fatalf("%s: %v", step, err)
		}
		return p
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	attr := func(sel, name string) string {
		t.Helper()
		a, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
		if err != nil {
			t.Fatalf("%s of %s: %v", name, sel, err)
		}
		return a.Value
	}
	xpath := func(x string) chromedp.Search { return chromedp.Search(x) }

	do("open the page", chromedp.Navigate(base), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="1"]`)))

	do("type Kerry", chromedp.SendKeys(chromedp.ID("search"), "Kerry"),
		chromedp.WaitVisible(xpath(`//ul[@id="suggest"]/li[contains(., "John Kerry")]`)))
	do("choose John Kerry", chromedp.Click(xpath(`//ul[@id="suggest"]/li[contains(., "John Kerry")]`)),
		chromedp.WaitVisible(xpath(`//section[@id="entity"]/h2[text()="John Kerry"]`)),
		chromedp.WaitVisible(xpath(`//ol[@id="relations"]/li[contains(., "Sergey Lavrov")]`)))

	eval("find Lavrov on the canvas", `graphbuild.nodePoint("Sergey Lavrov")`)
	// The labels of the focus neighbourhood neither overlap nor leave the
	// canvas.
	labels, err := chromedp.Run(ctx, chromedp.Poll[[]int](`graphbuild.settled() && (() => {
		const c = document.getElementById("graph"), w = c.clientWidth, h = c.clientHeight;
		const b = graphbuild.state.labelBoxes || [];
		let overlaps = 0, outside = 0;
		for (let i = 0; i < b.length; i++) {
			if (b[i][0] < 0 || b[i][2] > w || b[i][1] < 0 || b[i][3] > h) outside++;
			for (let j = i + 1; j < b.length; j++)
				if (b[i][0] < b[j][2] && b[j][0] < b[i][2] && b[i][1] < b[j][3] && b[j][1] < b[i][3]) overlaps++;
		}
		const st = graphbuild.state, f = st.byId.get(st.focus), k = Math.sqrt(st.t.k);
		const fp = graphbuild.nodePoint(f.name);
		const onFocus = st.nodes.filter((n) => n !== f && n.visible && (() => {
			const p = graphbuild.nodePoint(n.name);
			return p && Math.hypot(p.x - fp.x, p.y - fp.y) < Math.max(2, f.r * k) + Math.max(2, n.r * k);
		})()).length;
		return [b.length, overlaps, outside, st.nodes.filter((n) => n.visible).length, onFocus];
	})()`, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	if labels[1] > 0 || labels[2] > 0 || labels[0]*2 < labels[3] || labels[4] > 0 {
		t.Errorf("Kerry's view: %d labels for %d nodes, %d overlapping pairs, %d outside the canvas, %d nodes on the focus", labels[0], labels[3], labels[1], labels[2], labels[4])
	}
	t.Logf("Kerry's view: %d labels for %d nodes", labels[0], labels[3])
	edgeAt := eval("find the Kerry — Lavrov edge", `graphbuild.linkPoint("John Kerry", "Sergey Lavrov")`)
	if edgeAt == nil {
		t.Fatal("no clickable Kerry — Lavrov edge on the canvas")
	}
	do("click the edge", chromedp.MouseClickXY(edgeAt.X, edgeAt.Y), chromedp.WaitVisible(chromedp.CSS(`#edge .evidence li .text`)))
	edgeTitle := text("#edge h3")
	evidence, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#edge .evidence .text")].map(e => e.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(edgeTitle, "John Kerry") || !strings.Contains(edgeTitle, "Sergey Lavrov") {
		t.Errorf("edge panel titled %q", edgeTitle)
	}
	found := false
	for _, s := range evidence {
		found = found || strings.Contains(s, "Kerry") && strings.Contains(s, "Lavrov")
	}
	if !found {
		t.Errorf("no evidence sentence names Kerry and Lavrov: %q", evidence)
	}
	t.Logf("evidence: %q", evidence)
	// Interaction sentences come first, and the two names are marked.
	panel, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`(() => ({
		interactions: document.querySelectorAll("#edge .meta .kind.interaction").length,
		first: (document.querySelector("#edge .evidence li") || {}).className || "",
		marks: [...document.querySelectorAll("#edge .evidence mark")].map((m) => m.textContent),
	}))()`))
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := panel["interactions"].(float64); n > 0 && !strings.HasPrefix(fmt.Sprint(panel["first"]), "interaction") {
		t.Errorf("evidence panel starts with a %v sentence, not an interaction", panel["first"])
	}
	marks := fmt.Sprint(panel["marks"])
	if !strings.Contains(marks, "Kerry") || !strings.Contains(marks, "Lavrov") {
		t.Errorf("names not highlighted in the evidence: marks %s", marks)
	}
	shot("kerry-edge.png")

	// Only the interactions in the "met" panel, then all again.
	counts, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`(() => {
		const n = () => document.querySelectorAll("#relations li").length;
		const before = n();
		document.getElementById("onlymet").click();
		const after = n();
		const withInteraction = document.querySelectorAll("#relations li .kind.interaction").length;
		document.getElementById("onlymet").click();
		return [before, after, withInteraction, n()];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if counts[1] >= counts[0] || counts[1] != counts[2] || counts[3] != counts[0] {
		t.Errorf("only interactions: %d rows, then %d (%d with an interaction), then %d", counts[0], counts[1], counts[2], counts[3])
	}

	// Without co-occurrence the view reloads with fewer links.
	linksAll := attr("#status", "data-links")
	do("drop cooccur", chromedp.Click(chromedp.CSS(`#kinds input[value="cooccur"]`)),
		chromedp.WaitVisible(xpath(`//span[@id="status"][not(@data-links="`+linksAll+`")]`)))
	noCooccur, _ := strconv.Atoi(attr("#status", "data-links"))
	if all, _ := strconv.Atoi(linksAll); noCooccur >= all {
		t.Errorf("links with every kind %d, without cooccur %d", all, noCooccur)
	}
	do("cooccur again", chromedp.Click(chromedp.CSS(`#kinds input[value="cooccur"]`)),
		chromedp.WaitVisible(xpath(`//span[@id="status"][@data-links="`+linksAll+`"]`)))

	// The evidence panel closed with the reload: open the edge again.
	edgeAt = eval("find the edge again", `graphbuild.linkPoint("John Kerry", "Sergey Lavrov")`)
	if edgeAt == nil {
		t.Fatal("no Kerry — Lavrov edge after the reload")
	}
	do("click the edge again", chromedp.MouseClickXY(edgeAt.X, edgeAt.Y), chromedp.WaitVisible(chromedp.CSS(`#edge .evidence li .text`)))

	// Narrow the period from the left with the keyboard, as a user would:
	// the start of the range jumps to the end, then one day back.
	linksBefore, sinceBefore := attr("#status", "data-links"), text("#sinceLabel")
	do("move the date slider", chromedp.Focus(chromedp.ID("since")), chromedp.KeyEvent(kb.End), chromedp.KeyEvent(kb.ArrowLeft))
	linksAfter, sinceAfter := attr("#status", "data-links"), text("#sinceLabel")
	dimmed, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#relations li.out, #edge .evidence li.out").length`))
	if err != nil {
		t.Fatal(err)
	}
	before, _ := strconv.Atoi(linksBefore)
	after, _ := strconv.Atoi(linksAfter)
	if sinceAfter <= sinceBefore || after >= before || dimmed == 0 {
		t.Errorf("date slider: from %s to %s, links %d then %d, %d relations dimmed; want a later date, fewer links, some dimmed",
			sinceBefore, sinceAfter, before, after, dimmed)
	}
	t.Logf("date slider: from %s to %s, links %d then %d, %d relations dimmed", sinceBefore, sinceAfter, before, after, dimmed)
	shot("kerry-date-range.png")

	// The download link exports the view on screen.
	href := attr("#dl-graphml", "href")
	res, err := http.Get(base + href)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "<graphml") || !strings.Contains(string(body), "John Kerry") ||
		!strings.Contains(href, "since=") {
		t.Errorf("download %s: %d\n%.300s", href, res.StatusCode, body)
	}

	// Re-centre on Lavrov by clicking his node (all dates again first).
	do("show all dates", chromedp.Click(chromedp.ID("alltime")))
	lavrov := eval("find Lavrov again", `graphbuild.nodePoint("Sergey Lavrov")`)
	if lavrov == nil {
		t.Fatal("Sergey Lavrov not drawn after resetting the dates")
	}
	do("click Lavrov's node", chromedp.MouseClickXY(lavrov.X, lavrov.Y),
		chromedp.WaitVisible(xpath(`//section[@id="entity"]/h2[text()="Sergey Lavrov"]`)),
		chromedp.WaitVisible(xpath(`//ol[@id="relations"]/li[contains(., "John Kerry")]`)))
	shot("lavrov.png")

	// Depth 2 is a new neighbourhood: it is fitted to the window.
	nodesBefore := attr("#status", "data-nodes")
	do("switch to depth 2", chromedp.Evaluate[chromedp.Void](`(() => { const d = document.getElementById("depth"); d.value = "2"; d.dispatchEvent(new Event("change")); return {}; })()`),
		chromedp.WaitVisible(xpath(`//span[@id="status"][not(@data-nodes="`+nodesBefore+`")]`)))
	outside, err := chromedp.Run(ctx, chromedp.Poll[[]int](`graphbuild.settled() && (() => {
		const c = document.getElementById("graph").getBoundingClientRect();
		const ns = graphbuild.state.nodes.filter((n) => n.visible);
		const m = 8; // a node's centre at least this far inside
		const out = ns.filter((n) => { const p = graphbuild.nodePoint(n.name); return !p || p.x < c.left + m || p.x > c.right - m || p.y < c.top + m || p.y > c.bottom - m; });
		return [out.length, ns.length];
	})()`, chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	// fit() frames every node of a view of at most 100 (the middle 98% of
	// a larger one)
	if outside[1] <= 100 && outside[0] > 0 || outside[0]*50 > outside[1] {
		t.Errorf("depth 2: %d of %d nodes outside the canvas (not refitted)", outside[0], outside[1])
	}
	shot("lavrov-depth2.png")

	// Drag a node: it moves and stays (pinned), the view is not re-centred
	// on it, and a reload with the same focus keeps it where it was put.
	kerry := eval("find Kerry", `graphbuild.nodePoint("John Kerry")`)
	if kerry == nil {
		t.Fatal("John Kerry not drawn in Lavrov's view")
	}
	do("drag Kerry", chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, kerry.X, kerry.Y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, kerry.X+30, kerry.Y+20, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, kerry.X+60, kerry.Y+40, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, kerry.X+60, kerry.Y+40, chromedp.ButtonLeft))
	moved := eval("find Kerry moved", `graphbuild.nodePoint("John Kerry")`)
	if moved == nil || math.Abs(moved.X-kerry.X-60) > 3 || math.Abs(moved.Y-kerry.Y-40) > 3 {
		t.Errorf("Kerry dragged from %v to %v, want +60,+40", kerry, moved)
	}
	if h := text("#entity h2"); h != "Sergey Lavrov" {
		t.Errorf("dragging a node opened %q", h)
	}
	linksNow := attr("#status", "data-links")
	do("raise min weight", chromedp.Evaluate[chromedp.Void](`(() => { const m = document.getElementById("minweight"); m.value = "2"; m.dispatchEvent(new Event("change")); return {}; })()`),
		chromedp.WaitVisible(xpath(`//span[@id="status"][not(@data-links="`+linksNow+`")]`)))
	pinned, err := chromedp.Run(ctx, chromedp.Poll[bool](`graphbuild.settled() && (graphbuild.state.nodes.find((n) => n.name === "John Kerry") || {}).pinned === true`,
		chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil || !pinned {
		t.Errorf("Kerry not pinned after a reload: %v", err)
	}
	shot("lavrov-kerry-pinned.png")

	// Colour by community: the view's nodes are grouped, and the groups listed.
	comm, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`(() => {
		const c = document.getElementById("colorby"); c.value = "community"; c.dispatchEvent(new Event("change"));
		const ns = graphbuild.state.nodes;
		return [new Set(ns.map((n) => n.community)).size, ns.filter((n) => n.community === undefined).length,
			document.querySelectorAll("#communities > div").length, document.getElementById("communities").hidden ? 1 : 0];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if comm[0] < 2 || comm[1] > 0 || comm[2] < 2 || comm[3] != 0 {
		t.Errorf("colour by community: %d communities, %d nodes without one, %d legend rows, hidden %d", comm[0], comm[1], comm[2], comm[3])
	}
	shot("lavrov-communities.png")

	// Shift-click expands a node in place: its neighbours join the view,
	// the focus stays.
	nodesD2 := attr("#status", "data-nodes")
	do("back to depth 1 and weight 1", chromedp.Evaluate[chromedp.Void](`(() => {
		document.getElementById("minweight").value = "1";
		const d = document.getElementById("depth"); d.value = "1"; d.dispatchEvent(new Event("change")); return {}; })()`),
		chromedp.WaitVisible(xpath(`//span[@id="status"][not(@data-nodes="`+nodesD2+`")]`)))
	kerry = eval("find Kerry at depth 1", `graphbuild.nodePoint("John Kerry")`)
	if kerry == nil {
		t.Fatal("John Kerry not drawn in Lavrov's depth-1 view")
	}
	nodesBeforeExpand := attr("#status", "data-nodes")
	do("shift-click Kerry", chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, kerry.X, kerry.Y, chromedp.ButtonLeft, chromedp.ButtonModifiers(chromedp.ModifierShift)),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, kerry.X, kerry.Y, chromedp.ButtonLeft, chromedp.ButtonModifiers(chromedp.ModifierShift)),
		chromedp.WaitVisible(xpath(`//span[@id="status"][not(@data-nodes="`+nodesBeforeExpand+`")]`)))
	expanded, _ := strconv.Atoi(attr("#status", "data-nodes"))
	if b, _ := strconv.Atoi(nodesBeforeExpand); expanded <= b {
		t.Errorf("expanding Kerry: %d nodes, then %d", b, expanded)
	}
	if h := text("#entity h2"); h != "Sergey Lavrov" {
		t.Errorf("expanding Kerry re-centred the view on %q", h)
	}
	shot("lavrov-kerry-expanded.png")

	mu.Lock()
	defer mu.Unlock()
	if len(jsErrors) > 0 {
		t.Errorf("script errors on the page:\n%s", strings.Join(jsErrors, "\n"))
	}
}

func exceptionDescription(d *runtime.ExceptionDetails) string {
	if d == nil || d.Exception == nil {
		return ""
	}
	return d.Exception.Description
}
