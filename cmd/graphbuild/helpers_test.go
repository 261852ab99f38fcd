package main

import (
	"fmt"
	"sync"
)

var (
	fixtureOnce sync.Once
	fixtureDB   string
	fixtureErr  error
)

type buildError struct{ stderr string }

func (e *buildError) Error() string { return "building the fixtures failed:\n" + e.stderr }

func fmtSscan(s string, a ...any) (int, error) { return fmt.Sscan(s, a...) }
