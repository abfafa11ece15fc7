#pragma once
// Shaped words kept across paragraphs and layouts, so that reflowing an article at a new width or
// size re-shapes only text it has not seen with that face and size.
//
// Thread-safety: not thread-safe; one cache per engine, used from one thread at a time.
#include <hb.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "font/font_collection.h"
#include "support/fixed.h"

namespace inkset::shape {

// Everything a shaping result depends on. `text` is borrowed: a key built for a lookup points into
// the caller's text, and the cache copies the bytes only when it inserts. `hash` is computed once by
// make() and never recomputed.
struct ShapeKey {
  font::FaceId face = font::kNoFace;
  Fixed size = 0;
  uint64_t features_hash = 0;
  hb_direction_t direction = HB_DIRECTION_LTR;
  hb_script_t script = HB_SCRIPT_COMMON;
  hb_language_t language = nullptr;  // interned by HarfBuzz: comparing pointers is exact
  std::string_view text;
  uint64_t hash = 0;

  static ShapeKey make(font::FaceId face, Fixed size, uint64_t features_hash, hb_direction_t direction,
                       hb_script_t script, hb_language_t language, std::string_view text);
  bool operator==(const ShapeKey& other) const;
};

// One shaped segment in logical order (cluster values never decrease), clusters relative to the
// segment's first byte. Flags are GlyphFlag bits. The Shaper's working form; the cache stores a packed copy.
struct ShapedSegment {
  std::vector<uint32_t> glyph_id;
  std::vector<Fixed> advance;
  std::vector<Fixed> x_offset;
  std::vector<Fixed> y_offset;
  std::vector<uint32_t> cluster;
  std::vector<uint8_t> flags;

  size_t size() const { return glyph_id.size(); }
  void clear();
};

// A segment as the cache holds it: one allocation with the key's fields, the text and the glyph
// arrays side by side. OpenType glyph ids are 16-bit and a cached segment is shorter than 256 bytes,
// so ids and clusters are narrowed; offsets, almost always zero in the scripts that repeat most,
// are stored only when some glyph has one.
class CachedSegment {
 public:
  size_t size() const { return m_glyphs; }
  bool has_offsets() const { return m_has_offsets; }
  const Fixed* advance() const { return reinterpret_cast<const Fixed*>(this + 1); }
  const Fixed* x_offset() const { return advance() + m_glyphs; }  // only when has_offsets()
  const Fixed* y_offset() const { return x_offset() + m_glyphs; }
  const uint16_t* glyph_id() const {
    return reinterpret_cast<const uint16_t*>(advance() + (m_has_offsets ? 3 * m_glyphs : m_glyphs));
  }
  const uint8_t* cluster() const { return reinterpret_cast<const uint8_t*>(glyph_id() + m_glyphs); }
  const uint8_t* flags() const { return cluster() + m_glyphs; }
  std::string_view text() const { return {reinterpret_cast<const char*>(flags() + m_glyphs), m_text_size}; }

 private:
  friend class ShapeCache;
  bool matches(const ShapeKey& key) const;

  CachedSegment* m_prev = nullptr;  // recency list: intrusive, so a hit moves an entry without allocating
  CachedSegment* m_next = nullptr;
  uint64_t m_hash = 0;
  uint64_t m_features_hash = 0;
  hb_language_t m_language = nullptr;
  Fixed m_size = 0;
  hb_script_t m_script = HB_SCRIPT_COMMON;
  uint32_t m_bytes = 0;  // charged against the capacity
  font::FaceId m_face = font::kNoFace;
  uint16_t m_glyphs = 0;
  uint8_t m_text_size = 0;
  uint8_t m_direction = 0;
  bool m_has_offsets = false;
};

class ShapeCache {
 public:
  static constexpr size_t kDefaultCapacity = 8u << 20;  // 8 MiB
  // Segments longer than this are shaped every time: long unbroken strings rarely repeat, and
  // keeping them would evict many short words that do.
  static constexpr size_t kMaxSegmentBytes = 64;

  explicit ShapeCache(size_t capacity_bytes = kDefaultCapacity);
  ~ShapeCache();
  ShapeCache(const ShapeCache&) = delete;
  ShapeCache& operator=(const ShapeCache&) = delete;

  // The segment shaped under `key`, or nullptr. A hit makes the entry most recently used.
  // Valid until the next insert, clear or set_capacity.
  const CachedSegment* find(const ShapeKey& key);

  // Stores a copy of key.text with the segment, evicting least recently used entries until the total
  // (entries and index) stays within capacity. Not stored: an entry larger than the whole capacity,
  // text longer than kMaxSegmentBytes, a glyph id beyond 16 bits. Replaces an existing entry with an equal key.
  void insert(const ShapeKey& key, const ShapedSegment& segment);

  void clear();
  void set_capacity(size_t bytes);  // evicts at once if the cache is over the new capacity

  struct Stats {
    uint64_t hits = 0;
    uint64_t misses = 0;
    uint64_t evictions = 0;
    size_t bytes = 0;    // currently held, by the same accounting as the capacity
    size_t entries = 0;
  };
  Stats stats() const;
  size_t capacity() const { return m_capacity; }

 private:
  // Open addressing with linear probing; a slot holds the entry and 8 bits of its hash, so that a
  // probe dereferences only entries that probably match.
  size_t slot_of(const ShapeKey& key) const;  // the key's slot, or the empty slot where it would go
  void erase_slot(size_t slot);
  void unlink(CachedSegment* e);
  void push_front(CachedSegment* e);
  void evict_to(size_t limit);
  void grow();
  size_t index_bytes() const { return m_slots.size() * (sizeof(CachedSegment*) + sizeof(uint8_t)); }

  size_t m_capacity;
  std::vector<CachedSegment*> m_slots;  // power-of-two size, at most 3/4 full
  std::vector<uint8_t> m_tags;
  size_t m_entries = 0;
  size_t m_entry_bytes = 0;
  CachedSegment* m_head = nullptr;  // most recently used
  CachedSegment* m_tail = nullptr;
  Stats m_stats;
};

}  // namespace inkset::shape
