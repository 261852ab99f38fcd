package main

import (
	"fmt"
	"github.com/graphbuild/graphbuild/internal/benchutil"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// A build on a disk without room fails with one line naming the store and
// exit status 1, without a crash.
func TestBuildOnFullDisk(t *testing.T) {
	mnt := benchutil.MountTmpfs(t, 100)
	db := filepath.Join(mnt, "g.db")
	code, _, errs := gb(t, "build", "--db", db, "--quiet", wcepDir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "graphbuild build: store "+db+": no space left on device: ") {
		t.Errorf("stderr %q, want one line: graphbuild build: store %s: no space left on device: ...", errs, db)
	}
}

// A build that stored its documents but not the analytics (killed while it
// computed them; --analyze=false here) gets them from the next build, even
// though that one adds nothing.
func TestRebuildComputesMissingAnalytics(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "build", "--db", db, "--analyze=false", "--quiet", seedWCEP)
	code, _, errs := gb(t, "build", "--db", db, seedWCEP)
	if code != 0 || !strings.Contains(errs, "0 new") || !strings.Contains(errs, "computing graph analytics") {
		t.Fatalf("second build: exit %d\n%s", code, errs)
	}
	st, err := graph.Open(graph.DefaultOptions(db).WithReadOnly(true))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if ok, err := st.HasAnalytics(graph.Filter{}); !ok || err != nil {
		t.Errorf("no analytics cached after the second build: %v", err)
	}
	_, _, errs = gb(t, "build", "--db", db, seedWCEP)
	if strings.Contains(errs, "computing graph analytics") {
		t.Errorf("a third build computed the cached analytics again:\n%s", errs)
	}
}

// One document too large for the store fails alone: it is named with its
// reason, counted in the summary, and the fixtures beside it are stored.
func TestBuildBadDocumentFailsAlone(t *testing.T) {
	dir := t.TempDir()
	var md strings.Builder
	md.WriteString("# Many contexts\n\nAngela Merkel met Barack Obama in Berlin.\n\n")
	for line := range 20 { // 1,000 names, as many as a document keeps
		var names []string
		for i := range 50 {
			names = append(names, fmt.Sprintf("Zed%dq%d Person", line, i))
		}
		fmt.Fprintf(&md, "_Context: %s_\n\n", strings.Join(names, ", "))
	}
	big := filepath.Join(dir, "big.md")
	os.WriteFile(big, []byte(md.String()), 0o644)
	clean := filepath.Join(dir, "clean.db")
	mustRun(t, "build", "--db", clean, "--quiet", wcepDir)
	want := statsOf(t, clean).Documents

	db := filepath.Join(dir, "g.db")
	code, _, errs := gb(t, "build", "--db", db, big, wcepDir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(errs, "graphbuild build: "+big+`: document "`) || !strings.Contains(errs, "too large for one store transaction") {
		t.Errorf("no error naming %s and the reason:\n%s", big, errs)
	}
	if !strings.Contains(errs, ", 1 failed in ") {
		t.Errorf("the summary does not count the failure:\n%s", errs)
	}
	if got := statsOf(t, db).Documents; got != want {
		t.Errorf("stored %d documents, want the %d of the fixtures", got, want)
	}
}
