// Package benchutil holds what the benchmarks of several packages share:
// CPU time of the process, throughput per CPU-second, and the benchmark
// text made from a CoNLL sample. It is imported by tests only.
package benchutil
