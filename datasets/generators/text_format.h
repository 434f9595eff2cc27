// Fast text formatting for the generators' TSV writers: a growable char buffer that is never
// zero-filled, integer formatting by digit pairs, and precomputed date and strength strings.
// Internal to datasets/generators. No iostreams or printf: the writers format hundreds of
// megabytes per second with these.

#ifndef LIAISON_DATASETS_GENERATORS_TEXT_FORMAT_H_
#define LIAISON_DATASETS_GENERATORS_TEXT_FORMAT_H_

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace liaison::generators {

// A char array that grows geometrically and keeps its capacity across Clear(), so a writer that
// reuses it touches fresh memory only while it grows (first touch is slow here, DESIGN.md §3).
class CharBuffer {
 public:
  void Clear() { size_ = 0; }
  size_t size() const { return size_; }
  const char* data() const { return data_.get(); }
  std::string_view view() const { return {data_.get(), size_}; }

  // Makes room for `n` more bytes and returns where they go; finish with Commit(end).
  char* Reserve(size_t n) {
    if (size_ + n > capacity_) Grow(size_ + n);
    return data_.get() + size_;
  }
  void Commit(const char* end) { size_ = static_cast<size_t>(end - data_.get()); }

  void Append(std::string_view s) {
    char* p = Reserve(s.size());
    std::memcpy(p, s.data(), s.size());
    size_ += s.size();
  }

 private:
  void Grow(size_t need) {
    size_t cap = capacity_ < 4096 ? 4096 : capacity_;
    while (cap < need) cap *= 2;
    std::unique_ptr<char[]> next(new char[cap]);  // default-initialised: not zeroed
    if (size_ > 0) std::memcpy(next.get(), data_.get(), size_);
    data_ = std::move(next);
    capacity_ = cap;
  }

  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

namespace text_internal {
struct DigitPairs {
  char pairs[200];
  constexpr DigitPairs() : pairs() {
    for (int i = 0; i < 100; ++i) {
      pairs[2 * i] = static_cast<char>('0' + i / 10);
      pairs[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
  }
};
inline constexpr DigitPairs kDigitPairs;
}  // namespace text_internal

// Number of decimal digits of `v` (1 for 0).
inline uint32_t DecimalDigits(uint64_t v) {
  static constexpr uint64_t kPowers[20] = {1ULL,
                                           10ULL,
                                           100ULL,
                                           1000ULL,
                                           10000ULL,
                                           100000ULL,
                                           1000000ULL,
                                           10000000ULL,
                                           100000000ULL,
                                           1000000000ULL,
                                           10000000000ULL,
                                           100000000000ULL,
                                           1000000000000ULL,
                                           10000000000000ULL,
                                           100000000000000ULL,
                                           1000000000000000ULL,
                                           10000000000000000ULL,
                                           100000000000000000ULL,
                                           1000000000000000000ULL,
                                           10000000000000000000ULL};
  // floor(log10(v)) is floor(log2(v)) * 1233 / 4096 or one more.
  const uint32_t log2 = 63 - static_cast<uint32_t>(__builtin_clzll(v | 1));
  const uint32_t guess = (log2 * 1233) >> 12;
  return guess + 1 + (v >= kPowers[guess + 1] ? 1 : 0);  // guess <= 18
}

// Writes the decimal digits of `v` at `out` (at most 20 bytes) and returns the end. The digits are
// written in place, last pair first: no temporary and no variable-length copy (a libc call).
inline char* AppendUint(char* out, uint64_t v) {
  char* const end = out + DecimalDigits(v);
  char* p = end;
  while (v >= 100) {
    const uint64_t q = v / 100;
    p -= 2;
    std::memcpy(p, text_internal::kDigitPairs.pairs + 2 * (v - q * 100), 2);
    v = q;
  }
  if (v >= 10) {
    std::memcpy(p - 2, text_internal::kDigitPairs.pairs + 2 * v, 2);
  } else {
    p[-1] = static_cast<char>('0' + v);
  }
  return end;
}

// Generated dates are day numbers counted from 1990-01-01 (day 0) to kLastGeneratedDay.
inline constexpr int64_t kGeneratedEpochDays = 7305;  // 1990-01-01 as days since 1970-01-01
inline constexpr uint32_t kLastGeneratedDay = 13329;  // 2026-06-30

// The table of "YYYY-MM-DD" texts, 10 bytes per generated day from day 0, built on first use.
const char* GeneratedDateTable();

// "YYYY-MM-DD" of generated day `d` (REQUIRES: d <= kLastGeneratedDay): 10 bytes, not terminated.
// Loops should hoist GeneratedDateTable() instead: this is an out-of-line call per date.
inline const char* GeneratedDateText(uint32_t d) { return GeneratedDateTable() + size_t{d} * 10; }

// Strength `pct`/100 as text, "0.00" .. "1.00": 4 bytes. REQUIRES: pct <= 100.
inline const char* StrengthText(uint32_t pct) {
  struct Table {
    char text[101][4];
    constexpr Table() : text() {
      for (int i = 0; i <= 100; ++i) {
        text[i][0] = static_cast<char>('0' + i / 100);
        text[i][1] = '.';
        text[i][2] = static_cast<char>('0' + (i / 10) % 10);
        text[i][3] = static_cast<char>('0' + i % 10);
      }
    }
  };
  static constexpr Table kTable;
  return kTable.text[pct];
}

}  // namespace liaison::generators

#endif  // LIAISON_DATASETS_GENERATORS_TEXT_FORMAT_H_
