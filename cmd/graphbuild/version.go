package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// version is set at release time with -ldflags "-X main.version=v1.2.3";
// otherwise the module version or the VCS revision the binary was built
// from is shown.
var version = ""

// printVersion writes "graphbuild VERSION (commit, go version)".
func printVersion(w io.Writer) {
	v, rev, dirty := version, "", false
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == "" && bi.Main.Version != "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	extra := runtime.Version()
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if dirty {
			rev += "+modified"
		}
		extra = "commit " + rev + ", " + extra
	}
	fmt.Fprintf(w, "graphbuild %s (%s)\n", v, extra)
}
