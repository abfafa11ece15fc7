#pragma once
// Measurement helpers for `inkset bench` and the micro-benchmarks: heap allocation counting, peak
// resident memory, wall clocks and order statistics.
//
// Thread-safety: the allocation counter is per thread; the other functions are reentrant.
#include <cstdint>
#include <vector>

namespace inkset::bench {

// Heap allocations (malloc, calloc, realloc, and operator new through them) made by the calling
// thread since it started. Counted only in binaries that link alloc_counter.cpp; elsewhere
// allocation_counting() is false and the count stays 0.
uint64_t thread_allocations();
bool allocation_counting();

// Peak resident set size of the process in bytes (VmHWM), and a reset of that peak to the current
// size (Linux: /proc/self/clear_refs "5"); false if the kernel refuses it.
uint64_t peak_rss_bytes();
bool reset_peak_rss();

double now_ms();

// Median and nearest-rank percentile of a sample (copied, so the caller's order stays). 0 when empty.
double median(std::vector<double> values);
double percentile(std::vector<double> values, double p);

}  // namespace inkset::bench
