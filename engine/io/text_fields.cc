#include "engine/io/text_fields.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/util/dates.h"
#include "engine/util/strings.h"

namespace liaison {

std::string QuoteForMessage(std::string_view value) {
  constexpr size_t kMax = 40;
  std::string out = "\"";
  for (size_t i = 0; i < value.size() && i < kMax; ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (c < 0x20 || c == 0x7f) {
      absl::StrAppendFormat(&out, "\\x%02x", c);
    } else if (c == '"') {
      out += "\\\"";
    } else {
      out += static_cast<char>(c);
    }
  }
  if (value.size() > kMax) out += "...";
  out += '"';
  return out;
}

std::string ParseId(std::string_view field, std::string_view what, uint64_t* out) {
  if (field.empty()) return absl::StrCat("missing ", ToAbsl(what));
  uint64_t v = 0;
  bool overflow = false;
  for (char c : field) {
    if (!IsDigit(c)) return absl::StrCat(ToAbsl(what), " ", QuoteForMessage(field), " is not a number");
    overflow |= __builtin_mul_overflow(v, uint64_t{10}, &v);
    overflow |= __builtin_add_overflow(v, static_cast<uint64_t>(c - '0'), &v);
  }
  if (overflow) {
    return absl::StrCat(ToAbsl(what), " ", ToAbsl(field.substr(0, 40)), field.size() > 40 ? "..." : "",
                        " is above 2^64-1 (18446744073709551615)");
  }
  *out = v;
  return {};
}

std::string ParseStrength(std::string_view field, uint8_t* out) {
  double value = 0;
  const char* end = field.data() + field.size();
  const auto [ptr, ec] = std::from_chars(field.data(), end, value, std::chars_format::general);
  if (ptr != end || (ec != std::errc() && ec != std::errc::result_out_of_range)) {
    return absl::StrCat("strength ", QuoteForMessage(field), " is not a number");
  }
  if (std::isnan(value)) {
    return absl::StrCat("strength ", QuoteForMessage(field), " is not a number in [0,1]");
  }
  if (ec == std::errc::result_out_of_range || value < 0.0 || value > 1.0) {
    return absl::StrCat("strength ", QuoteForMessage(field), " is outside [0,1]");
  }
  *out = PackStrength(static_cast<float>(value));
  return {};
}

std::string ParseDate(std::string_view field, std::string_view what, PackedDate* out) {
  auto digits = [&](size_t from, size_t count) {
    int v = 0;
    for (size_t i = from; i < from + count; ++i) {
      if (!IsDigit(field[i])) return -1;
      v = v * 10 + (field[i] - '0');
    }
    return v;
  };
  const bool shaped = field.size() == 10 && field[4] == '-' && field[7] == '-';
  const int year = shaped ? digits(0, 4) : -1, month = shaped ? digits(5, 2) : -1,
            day = shaped ? digits(8, 2) : -1;
  if (year < 0 || month < 0 || day < 0) {
    return absl::StrCat(ToAbsl(what), " ", QuoteForMessage(field), " is not a date YYYY-MM-DD");
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) {
    return absl::StrCat(ToAbsl(what), " ", QuoteForMessage(field), " does not exist");
  }
  const PackedDate packed = PackDate(DaysFromCivil(year, month, day));
  if (packed == kNoDate) {
    return absl::StrCat(ToAbsl(what), " ", QuoteForMessage(field),
                        " is outside the supported range 1950-01-01..2129-06-05");
  }
  *out = packed;
  return {};
}

std::string ParseBool(std::string_view field, std::string_view what, bool* out) {
  if (field.empty() || field == "0" || absl::EqualsIgnoreCase(ToAbsl(field), "false")) {
    *out = false;
    return {};
  }
  if (field == "1" || absl::EqualsIgnoreCase(ToAbsl(field), "true")) {
    *out = true;
    return {};
  }
  return absl::StrCat(ToAbsl(what), " ", QuoteForMessage(field), " is not a boolean (0, 1, true or false)");
}

size_t FindControlByte(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c < 0x20 && c != '\t') || c == 0x7f) return i;
  }
  return std::string_view::npos;
}

std::string ControlByteMessage(std::string_view line, size_t index) {
  return absl::StrFormat("control byte 0x%02x at column %d: binary data, not text",
                         static_cast<unsigned char>(line[index]), index + 1);
}

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

uint64_t LineNumberAt(std::string_view text, size_t offset) {
  return 1 + static_cast<uint64_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

}  // namespace liaison
