// Package benchutil holds what the tests and benchmarks of several packages share:
// CPU time of the process, throughput per CPU-second, and the benchmark
// text made from a CoNLL sample, a small tmpfs for full-disk tests. It is
// imported by tests only.
package benchutil
