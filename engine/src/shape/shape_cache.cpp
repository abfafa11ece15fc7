#include "shape/shape_cache.h"

#include "support/hash.h"

namespace inkset::shape {
namespace {

// Per-entry overhead beyond the vectors' contents: the list node, the hash map node and bucket.
constexpr size_t kEntryOverhead = sizeof(void*) * 6;

template <typename T>
size_t vector_bytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

}  // namespace

ShapeKey ShapeKey::make(font::FaceId face, Fixed size, uint64_t features_hash, hb_direction_t direction,
                        hb_script_t script, hb_language_t language, std::string_view text) {
  ShapeKey key{face, size, features_hash, direction, script, language, text, 0};
  uint64_t h = hash_mix(kHashSeed, face);
  h = hash_mix(h, static_cast<uint32_t>(size));
  h = hash_mix(h, features_hash);
  h = hash_mix(h, direction);
  h = hash_mix(h, script);
  // The language pointer is stable within the process, which is as long as the cache lives.
  h = hash_mix(h, reinterpret_cast<uintptr_t>(language));
  key.hash = hash_bytes(text, h);
  return key;
}

bool ShapeKey::operator==(const ShapeKey& other) const {
  return hash == other.hash && face == other.face && size == other.size && features_hash == other.features_hash &&
         direction == other.direction && script == other.script && language == other.language && text == other.text;
}

size_t ShapedSegment::bytes() const {
  return vector_bytes(glyph_id) + vector_bytes(advance) + vector_bytes(x_offset) + vector_bytes(y_offset) +
         vector_bytes(cluster) + vector_bytes(flags);
}

ShapeCache::ShapeCache(size_t capacity_bytes) : m_capacity(capacity_bytes) {}

const ShapedSegment* ShapeCache::find(const ShapeKey& key) {
  const auto it = m_index.find(key);
  if (it == m_index.end()) {
    ++m_stats.misses;
    return nullptr;
  }
  ++m_stats.hits;
  m_lru.splice(m_lru.begin(), m_lru, it->second);
  return &it->second->segment;
}

void ShapeCache::insert(const ShapeKey& key, ShapedSegment segment) {
  if (const auto it = m_index.find(key); it != m_index.end()) {
    m_stats.bytes -= it->second->bytes;
    m_lru.erase(it->second);
    m_index.erase(it);
  }
  const size_t bytes = sizeof(Entry) + kEntryOverhead + key.text.size() + segment.bytes();
  if (bytes > m_capacity) return;
  evict_to(m_capacity - bytes);
  m_lru.push_front(Entry{std::string(key.text), key, std::move(segment), bytes});
  Entry& entry = m_lru.front();
  entry.key.text = entry.text;
  m_index.emplace(entry.key, m_lru.begin());
  m_stats.bytes += bytes;
}

void ShapeCache::evict_to(size_t limit) {
  while (m_stats.bytes > limit && !m_lru.empty()) {
    Entry& victim = m_lru.back();
    m_stats.bytes -= victim.bytes;
    m_index.erase(victim.key);
    m_lru.pop_back();
    ++m_stats.evictions;
  }
}

void ShapeCache::clear() {
  m_index.clear();
  m_lru.clear();
  m_stats.bytes = 0;
}

void ShapeCache::set_capacity(size_t bytes) {
  m_capacity = bytes;
  evict_to(bytes);
}

ShapeCache::Stats ShapeCache::stats() const {
  Stats s = m_stats;
  s.entries = m_index.size();
  return s;
}

}  // namespace inkset::shape
