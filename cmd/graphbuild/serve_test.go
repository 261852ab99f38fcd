package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a server goroutine writing while
// the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServe runs graphbuild serve in the background and returns its base
// URL, its stderr, and a stop function that returns the exit status.
func startServe(t *testing.T, args ...string) (string, *syncBuffer, func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &stderr}
	done := make(chan int, 1)
	go func() { done <- run(ctx, e, append([]string{"serve"}, args...)) }()
	re := regexp.MustCompile(`at (http://\S+/) `)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(stderr.String()); m != nil {
			return m[1], &stderr, func() int {
				cancel()
				select {
				case code := <-done:
					return code
				case <-time.After(10 * time.Second):
					t.Fatal("serve did not stop after its context was cancelled")
					return -1
				}
			}
		}
		select {
		case code := <-done:
			cancel()
			t.Fatalf("serve exited with %d before listening:\n%s", code, stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	cancel()
	t.Fatalf("serve never said where it listens:\n%s", stderr.String())
	return "", nil, nil
}

func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "build", "--db", db, "--quiet", seedArticle, seedWCEP)
	base, stderr, stop := startServe(t, "--db", db, "--addr", "127.0.0.1:0", "--focus", "Kerry", "--types", "PERSON,GPE")
	if strings.Contains(stderr.String(), "warning") {
		t.Errorf("warning on a loopback address:\n%s", stderr)
	}
	res, err := http.Get(base + "api/stats")
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Defaults struct {
			Types []string
			Focus struct{ Name string }
		}
	}
	err = json.NewDecoder(res.Body).Decode(&st)
	res.Body.Close()
	if err != nil || st.Defaults.Focus.Name != "John Kerry" || strings.Join(st.Defaults.Types, ",") != "PERSON,GPE" {
		t.Errorf("stats defaults %+v (%v): want the --focus and --types given", st.Defaults, err)
	}
	// The store is read-only while served: a build is refused, not blocked.
	if code, _, errs := gb(t, "build", "--db", db, "--quiet", seedArticle); code == 0 || !strings.Contains(errs, "in use") {
		t.Errorf("build while serving: exit %d\n%s", code, errs)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit %d after interrupt, want 0:\n%s", code, stderr)
	}
	if !strings.Contains(stderr.String(), "stopped") {
		t.Errorf("no stop message:\n%s", stderr)
	}
	// Once stopped, the store is free again.
	mustRun(t, "build", "--db", db, "--quiet", seedArticle)
}

func TestServeNonLoopbackWarns(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "build", "--db", db, "--quiet", seedArticle)
	_, stderr, stop := startServe(t, "--db", db, "--addr", "0.0.0.0:0")
	if code := stop(); code != 0 {
		t.Errorf("exit %d", code)
	}
	if !strings.Contains(stderr.String(), "warning") || !strings.Contains(stderr.String(), "not a loopback address") {
		t.Errorf("no warning for 0.0.0.0:\n%s", stderr)
	}
}

func TestServeBadUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "build", "--db", db, "--quiet", seedArticle)
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--addr", "8080"}, 2, "--addr"},
		{[]string{"--addr", "localhost"}, 2, "--addr"},
		{[]string{"extra"}, 2, "unexpected argument"},
		{[]string{"--depth", "9"}, 2, "depth"},
		{[]string{"--focus", "Nobody At All"}, 1, "no entity named"},
		{[]string{"--db", filepath.Join(t.TempDir(), "missing.db")}, 1, "missing.db"},
	} {
		args := append([]string{"serve", "--addr", "127.0.0.1:0"}, tc.args...)
		if tc.args[0] != "--db" {
			args = append(args, "--db", db)
		}
		code, _, errs := gb(t, args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, want %d with %q:\n%s", tc.args, code, tc.code, tc.msg, errs)
		}
	}
}
