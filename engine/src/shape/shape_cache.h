#pragma once
// Shaped words kept across paragraphs and layouts, so that reflowing an article at a new width or
// size re-shapes only text it has not seen with that face and size.
//
// Thread-safety: not thread-safe; one cache per engine, used from one thread at a time.
#include <hb.h>

#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
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
// segment's first byte. Flags are GlyphFlag bits.
struct ShapedSegment {
  std::vector<uint32_t> glyph_id;
  std::vector<Fixed> advance;
  std::vector<Fixed> x_offset;
  std::vector<Fixed> y_offset;
  std::vector<uint32_t> cluster;
  std::vector<uint8_t> flags;

  size_t size() const { return glyph_id.size(); }
  size_t bytes() const;  // heap bytes held, for the cache's budget
};

class ShapeCache {
 public:
  static constexpr size_t kDefaultCapacity = 8u << 20;  // 8 MiB
  // Segments longer than this are shaped every time: long unbroken strings rarely repeat, and
  // keeping them would evict many short words that do.
  static constexpr size_t kMaxSegmentBytes = 64;

  explicit ShapeCache(size_t capacity_bytes = kDefaultCapacity);
  ShapeCache(const ShapeCache&) = delete;
  ShapeCache& operator=(const ShapeCache&) = delete;

  // The segment shaped under `key`, or nullptr. A hit makes the entry most recently used.
  // Valid until the next insert, clear or set_capacity.
  const ShapedSegment* find(const ShapeKey& key);

  // Stores a copy of key.text with the segment, evicting least recently used entries until the total
  // stays within capacity. An entry larger than the whole capacity is not stored. Replaces an
  // existing entry with an equal key.
  void insert(const ShapeKey& key, ShapedSegment segment);

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
  struct Entry {
    std::string text;  // owns the bytes the map's key points to
    ShapeKey key;
    ShapedSegment segment;
    size_t bytes = 0;
  };
  struct KeyHash {
    size_t operator()(const ShapeKey& k) const { return static_cast<size_t>(k.hash); }
  };
  void evict_to(size_t limit);

  size_t m_capacity;
  std::list<Entry> m_lru;  // front = most recently used; list nodes keep Entry::text's address stable
  std::unordered_map<ShapeKey, std::list<Entry>::iterator, KeyHash> m_index;
  Stats m_stats;
};

}  // namespace inkset::shape
