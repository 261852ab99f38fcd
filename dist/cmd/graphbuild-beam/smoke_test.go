package main

import (
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"
)

func TestMain(m *testing.M) { ptest.MainWithDefault(m, "prism") }

func TestSmoke(t *testing.T) {
	p, s := beam.NewPipelineWithRoot()
	col := beam.Create(s, 1, 2, 3)
	sum := stats.Sum(s, col)
	passert.Equals(s, sum, 6)
	ptest.RunAndValidate(t, p)
}
