package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// mountTmpfs mounts a tmpfs of size MiB and returns its directory; it
// skips where mounting is not allowed.
func mountTmpfs(t *testing.T, size int) string {
	t.Helper()
	if testing.Short() {
		t.Skip("mounts a file system")
	}
	dir := filepath.Join(t.TempDir(), "mnt")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%dm", size), "tmpfs", dir).CombinedOutput()
	if err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, bytes.TrimSpace(out))
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// A build on a disk without room fails with one line naming the store and
// exit status 1, without a crash.
func TestBuildOnFullDisk(t *testing.T) {
	mnt := mountTmpfs(t, 100)
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
