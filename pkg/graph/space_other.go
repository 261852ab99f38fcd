//go:build !(linux || darwin || freebsd)

package graph

func freeBytes(string) (int64, error) { return 0, errNoStatfs }
