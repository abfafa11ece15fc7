#pragma once
// FNV-1a over bytes: cheap, stable across platforms and runs (cache keys and layout hashes must not
// depend on the process's address-space layout or on std::hash's implementation).
#include <cstdint>
#include <string_view>

namespace inkset {

inline constexpr uint64_t kHashSeed = 0xcbf29ce484222325ull;

constexpr uint64_t hash_bytes(std::string_view bytes, uint64_t h = kHashSeed) {
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

constexpr uint64_t hash_mix(uint64_t h, uint64_t v) {
  for (int i = 0; i < 8; ++i) {
    h ^= (v >> (i * 8)) & 0xFF;
    h *= 0x100000001b3ull;
  }
  return h;
}

}  // namespace inkset
