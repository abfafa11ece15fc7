// Counts heap allocations per thread by interposing glibc's malloc entry points and forwarding to
// the allocator they name (so free() and malloc_usable_size() stay consistent). operator new calls
// malloc, so C++ allocations are counted too, as are HarfBuzz's, FreeType's and ICU's. Linked only
// into the programs that report allocation counts (the inkset CLI for `inkset bench`, the
// micro-benchmarks), never into the engine library.
#include <cstddef>
#include <cstdint>

#include "measure.h"

extern "C" {
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t count, size_t size);
void* __libc_realloc(void* ptr, size_t size);
}

namespace {
// Plain thread_local: a constant-initialized integer needs no TLS constructor, so it is safe to
// touch from inside malloc even while a thread is being set up.
thread_local uint64_t t_allocations = 0;
}  // namespace

extern "C" {
void* malloc(size_t size) {
  ++t_allocations;
  return __libc_malloc(size);
}
void* calloc(size_t count, size_t size) {
  ++t_allocations;
  return __libc_calloc(count, size);
}
void* realloc(void* ptr, size_t size) {
  ++t_allocations;
  return __libc_realloc(ptr, size);
}
}

namespace inkset::bench {
uint64_t thread_allocations() { return t_allocations; }
bool allocation_counting() { return true; }
}  // namespace inkset::bench
