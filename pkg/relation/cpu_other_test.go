//go:build !unix

package relation

import "time"

// cpuTime is unknown here; benchmarks then report wall-time rates only.
func cpuTime() time.Duration { return 0 }
