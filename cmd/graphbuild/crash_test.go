package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A build killed with SIGKILL and run again gives the same store as a build
// never interrupted.
func TestKillAndRebuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and a corpus; skipped with -short")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "graphbuild")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	corpus := filepath.Join(dir, "corpus")
	os.Mkdir(corpus, 0o755)
	// Ambiguous names: two Clintons, two Bushes and two Bidens, later named
	// by surname alone, a surname with no full name, variants of one name
	// (Sergei/Sergey), so that resolution order would show.
	people := []string{"John Kerry", "Sergey Lavrov", "Bill Clinton", "Vladimir Putin", "Hillary Clinton", "George W. Bush", "Ban Ki-moon", "George H. W. Bush",
		"Joe Biden", "Jill Biden", "Sergei Lavrov", "Biden", "Recep Tayyip Erdogan", "Bashar al-Assad"}
	surname := map[string]string{"John Kerry": "Kerry", "Sergey Lavrov": "Lavrov", "Bill Clinton": "Clinton", "Vladimir Putin": "Putin",
		"Hillary Clinton": "Clinton", "George W. Bush": "Bush", "Ban Ki-moon": "Ban", "George H. W. Bush": "Bush",
		"Joe Biden": "Biden", "Jill Biden": "Biden", "Sergei Lavrov": "Lavrov", "Biden": "Biden", "Recep Tayyip Erdogan": "Erdogan", "Bashar al-Assad": "Assad"}
	places := []string{"Geneva", "Moscow", "Aleppo", "Berlin", "Ankara", "Paris", "Damascus", "Washington"}
	for i := 0; i < 2000; i++ {
		var text strings.Builder
		fmt.Fprintf(&text, "Report %d.\n\n", i)
		if i%5 == 0 {
			fmt.Fprintf(&text, "Biden spoke to reporters in Delaware, aides said.\n")
		}
		for j := 0; j < 12; j++ {
			a, b, p := people[(i+j)%len(people)], people[(i*3+j+1)%len(people)], places[(i/7+j)%len(places)]
			if j%3 == 2 {
				fmt.Fprintf(&text, "%s later told reporters in %s that %s had agreed.\n", surname[a], p, surname[b])
				continue
			}
			fmt.Fprintf(&text, "%s met %s in %s on Tuesday to discuss the ceasefire, officials said. The United Nations and the European Union welcomed the talks in %s.\n", a, b, p, p)
		}
		os.WriteFile(filepath.Join(corpus, fmt.Sprintf("doc%04d.txt", i)), []byte(text.String()), 0o644)
	}
	run := func(db string, kill time.Duration) {
		cmd := exec.Command(bin, "build", "--quiet", "--batch", "16", "--db", db, corpus)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if kill > 0 {
			// Wait for the store to exist, then let the build run a while.
			for i := 0; i < 200; i++ {
				if _, err := os.Stat(filepath.Join(db, "MANIFEST")); err == nil {
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
			time.Sleep(kill)
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			return
		}
		if err := cmd.Wait(); err != nil {
			t.Fatalf("build: %v\n%s", err, stderr.String())
		}
	}
	export := func(db string) string {
		out, err := exec.Command(bin, "export", "--db", db, "--format", "graphml").Output()
		if err != nil {
			t.Fatalf("export: %v", err)
		}
		return string(out)
	}
	clean := filepath.Join(dir, "clean.db")
	run(clean, 0)
	want := export(clean)

	killed := filepath.Join(dir, "killed.db")
	for _, after := range []time.Duration{300 * time.Millisecond, 800 * time.Millisecond, 1500 * time.Millisecond} {
		run(killed, after)
	}
	// Two readers at once right after the kill: one recovers the store,
	// neither may find it "in use".
	stats := make([]*exec.Cmd, 2)
	outs := make([]strings.Builder, 2)
	for i := range stats {
		stats[i] = exec.Command(bin, "stats", "--db", killed, "--json")
		stats[i].Stdout = &outs[i]
		stats[i].Stderr = &outs[i]
		if err := stats[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i := range stats {
		if err := stats[i].Wait(); err != nil {
			t.Fatalf("stats on a killed store: %v\n%s", err, outs[i].String())
		}
	}
	partial := outs[0].String()
	t.Logf("after the kills: %s", strings.Join(strings.Fields(string(partial)), " "))
	if strings.Contains(string(partial), `"documents": 0,`) || strings.Contains(string(partial), `"documents": 2000,`) {
		t.Logf("the kills did not land mid-build; the test proves less")
	}
	run(killed, 0)
	if got := export(killed); got != want {
		t.Error("the store built with interruptions differs from the one built without")
	}
}
