//go:build !unix

package benchutil

import "time"

// CPUTime is unknown here; benchmarks then report wall-time rates only.
func CPUTime() time.Duration { return 0 }
