#include "shape/shape_cache.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

namespace inkset::shape {
namespace {

// The key hash only has to be stable within the process (it already mixes in the interned language
// pointer), so it reads the text eight bytes at a time rather than byte by byte.
constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;

uint64_t mix(uint64_t h, uint64_t v) {
  h = (h ^ v) * kMul;
  return h ^ (h >> 29);
}

// A final avalanche (the MurmurHash3 finaliser) so that the low bits, which pick the slot, and the
// high bits, which make the tag, depend on every input bit.
uint64_t finish(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  return h ^ (h >> 33);
}

// The allocator's per-block header and rounding, so that the budget tracks what the heap really holds.
size_t heap_bytes(size_t requested) { return (requested + sizeof(size_t) + 15) & ~size_t{15}; }

uint8_t tag_of(uint64_t hash) { return static_cast<uint8_t>(hash >> 56); }

constexpr size_t kMinSlots = 64;

}  // namespace

ShapeKey ShapeKey::make(font::FaceId face, Fixed size, uint64_t features_hash, hb_direction_t direction,
                        hb_script_t script, hb_language_t language, std::string_view text) {
  ShapeKey key{face, size, features_hash, direction, script, language, text, 0};
  uint64_t h = mix(face | (static_cast<uint64_t>(static_cast<uint32_t>(size)) << 16), features_hash);
  h = mix(h, static_cast<uint64_t>(direction) | (static_cast<uint64_t>(script) << 32));
  // The language pointer is stable within the process, which is as long as the cache lives.
  h = mix(h, reinterpret_cast<uintptr_t>(language));
  const char* p = text.data();
  size_t n = text.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = mix(h, v);
  }
  uint64_t tail = 0;
  std::memcpy(&tail, p, n);
  key.hash = finish(mix(h, tail ^ (static_cast<uint64_t>(text.size()) << 56)));
  return key;
}

bool ShapeKey::operator==(const ShapeKey& other) const {
  return hash == other.hash && face == other.face && size == other.size && features_hash == other.features_hash &&
         direction == other.direction && script == other.script && language == other.language && text == other.text;
}

void ShapedSegment::clear() {
  glyph_id.clear();
  advance.clear();
  x_offset.clear();
  y_offset.clear();
  cluster.clear();
  flags.clear();
}

bool CachedSegment::matches(const ShapeKey& key) const {
  return m_hash == key.hash && m_face == key.face && m_size == key.size && m_features_hash == key.features_hash &&
         m_direction == static_cast<uint8_t>(key.direction) && m_script == key.script &&
         m_language == key.language && text() == key.text;
}

ShapeCache::ShapeCache(size_t capacity_bytes) : m_capacity(capacity_bytes) {}

ShapeCache::~ShapeCache() { clear(); }

size_t ShapeCache::slot_of(const ShapeKey& key) const {
  const size_t mask = m_slots.size() - 1;
  const uint8_t tag = tag_of(key.hash);
  for (size_t i = key.hash & mask;; i = (i + 1) & mask) {
    const CachedSegment* e = m_slots[i];
    if (!e || (m_tags[i] == tag && e->matches(key))) return i;
  }
}

const CachedSegment* ShapeCache::find(const ShapeKey& key) {
  CachedSegment* e = m_slots.empty() ? nullptr : m_slots[slot_of(key)];
  if (!e) {
    ++m_stats.misses;
    return nullptr;
  }
  ++m_stats.hits;
  if (e != m_head) {
    unlink(e);
    push_front(e);
  }
  return e;
}

void ShapeCache::unlink(CachedSegment* e) {
  (e->m_prev ? e->m_prev->m_next : m_head) = e->m_next;
  (e->m_next ? e->m_next->m_prev : m_tail) = e->m_prev;
}

void ShapeCache::push_front(CachedSegment* e) {
  e->m_prev = nullptr;
  e->m_next = m_head;
  (m_head ? m_head->m_prev : m_tail) = e;
  m_head = e;
}

// Backward-shift deletion: later members of the probe run move up, so lookups never meet a tombstone.
void ShapeCache::erase_slot(size_t slot) {
  const size_t mask = m_slots.size() - 1;
  CachedSegment* e = m_slots[slot];
  unlink(e);
  m_entry_bytes -= e->m_bytes;
  --m_entries;
  e->~CachedSegment();
  std::free(e);
  size_t hole = slot;
  for (size_t i = (slot + 1) & mask; m_slots[i]; i = (i + 1) & mask) {
    const size_t home = m_slots[i]->m_hash & mask;
    // The entry may fill the hole unless its home lies cyclically in (hole, i].
    if (((i - home) & mask) >= ((i - hole) & mask)) {
      m_slots[hole] = m_slots[i];
      m_tags[hole] = m_tags[i];
      hole = i;
    }
  }
  m_slots[hole] = nullptr;
}

void ShapeCache::grow() {
  std::vector<CachedSegment*> old = std::move(m_slots);
  const size_t size = old.empty() ? kMinSlots : old.size() * 2;
  m_slots.assign(size, nullptr);
  m_tags.assign(size, 0);
  const size_t mask = size - 1;
  for (CachedSegment* e : old) {
    if (!e) continue;
    size_t i = e->m_hash & mask;
    while (m_slots[i]) i = (i + 1) & mask;
    m_slots[i] = e;
    m_tags[i] = tag_of(e->m_hash);
  }
}

void ShapeCache::insert(const ShapeKey& key, const ShapedSegment& segment) {
  const size_t glyphs = segment.size();
  if (key.text.size() > kMaxSegmentBytes || glyphs > UINT16_MAX) return;
  bool has_offsets = false;
  for (size_t g = 0; g < glyphs; ++g) {
    if (segment.glyph_id[g] > UINT16_MAX || segment.cluster[g] > UINT8_MAX) return;
    has_offsets = has_offsets || segment.x_offset[g] != 0 || segment.y_offset[g] != 0;
  }
  const size_t payload = glyphs * ((has_offsets ? 3 : 1) * sizeof(Fixed) + sizeof(uint16_t) + 2) + key.text.size();
  const size_t bytes = heap_bytes(sizeof(CachedSegment) + payload);
  if (!m_slots.empty()) {
    if (const size_t slot = slot_of(key); m_slots[slot]) erase_slot(slot);
  }
  const bool grows = m_slots.empty() || (m_entries + 1) * 4 > m_slots.size() * 3;
  const size_t index_after =
      grows ? std::max(kMinSlots, 2 * m_slots.size()) * (sizeof(CachedSegment*) + sizeof(uint8_t)) : index_bytes();
  if (bytes + index_after > m_capacity) return;
  if (grows) grow();
  evict_to(m_capacity - bytes);
  void* memory = std::malloc(sizeof(CachedSegment) + payload);
  if (!memory) return;
  auto* e = new (memory) CachedSegment;
  e->m_hash = key.hash;
  e->m_features_hash = key.features_hash;
  e->m_language = key.language;
  e->m_size = key.size;
  e->m_script = key.script;
  e->m_bytes = static_cast<uint32_t>(bytes);
  e->m_face = key.face;
  e->m_glyphs = static_cast<uint16_t>(glyphs);
  e->m_text_size = static_cast<uint8_t>(key.text.size());
  e->m_direction = static_cast<uint8_t>(key.direction);
  e->m_has_offsets = has_offsets;
  auto* advance = const_cast<Fixed*>(e->advance());
  std::memcpy(advance, segment.advance.data(), glyphs * sizeof(Fixed));
  if (has_offsets) {
    std::memcpy(advance + glyphs, segment.x_offset.data(), glyphs * sizeof(Fixed));
    std::memcpy(advance + 2 * glyphs, segment.y_offset.data(), glyphs * sizeof(Fixed));
  }
  auto* ids = const_cast<uint16_t*>(e->glyph_id());
  auto* clusters = const_cast<uint8_t*>(e->cluster());
  auto* flags = const_cast<uint8_t*>(e->flags());
  for (size_t g = 0; g < glyphs; ++g) {
    ids[g] = static_cast<uint16_t>(segment.glyph_id[g]);
    clusters[g] = static_cast<uint8_t>(segment.cluster[g]);
    flags[g] = segment.flags[g];
  }
  std::memcpy(flags + glyphs, key.text.data(), key.text.size());
  const size_t slot = slot_of(key);
  m_slots[slot] = e;
  m_tags[slot] = tag_of(key.hash);
  push_front(e);
  ++m_entries;
  m_entry_bytes += bytes;
}

void ShapeCache::evict_to(size_t limit) {
  while (m_entry_bytes + index_bytes() > limit && m_tail) {
    const ShapeKey key{m_tail->m_face,
                       m_tail->m_size,
                       m_tail->m_features_hash,
                       static_cast<hb_direction_t>(m_tail->m_direction),
                       m_tail->m_script,
                       m_tail->m_language,
                       m_tail->text(),
                       m_tail->m_hash};
    erase_slot(slot_of(key));
    ++m_stats.evictions;
  }
}

void ShapeCache::clear() {
  for (CachedSegment* e = m_head; e;) {
    CachedSegment* next = e->m_next;
    e->~CachedSegment();
    std::free(e);
    e = next;
  }
  m_head = m_tail = nullptr;
  m_slots.clear();
  m_slots.shrink_to_fit();
  m_tags.clear();
  m_tags.shrink_to_fit();
  m_entries = 0;
  m_entry_bytes = 0;
}

void ShapeCache::set_capacity(size_t bytes) {
  m_capacity = bytes;
  evict_to(bytes);
  if (m_entries == 0) clear();
}

ShapeCache::Stats ShapeCache::stats() const {
  Stats s = m_stats;
  s.bytes = m_entry_bytes + index_bytes();
  s.entries = m_entries;
  return s;
}

}  // namespace inkset::shape
