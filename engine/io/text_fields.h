// Field parsing shared by the connections and members parsers: ids, strengths, dates, booleans,
// control-byte checks, and the quoting of offending values in error messages.
//
// Each Parse* returns an empty string on success, else the problem in words (without the
// `file:line: ` prefix, which the caller adds), naming the value, e.g.
// `member id "12a" is not a number`.

#ifndef LIAISON_ENGINE_IO_TEXT_FIELDS_H_
#define LIAISON_ENGINE_IO_TEXT_FIELDS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "liaison/graph.h"

namespace liaison {

inline bool IsDigit(char c) { return static_cast<unsigned char>(c - '0') < 10; }
inline bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// The value quoted for a message: at most 40 bytes, control bytes shown as \xNN.
std::string QuoteForMessage(std::string_view value);

// Unsigned decimal id (digits only, up to 2^64-1). `what` names the field ("member id").
std::string ParseId(std::string_view field, std::string_view what, uint64_t* out);

// Strength: a decimal number in [0,1] (optionally with an exponent), quantised by PackStrength.
std::string ParseStrength(std::string_view field, uint8_t* out);

// Date `YYYY-MM-DD`, a real calendar day within 1950-01-01..2129-06-05. `what` names the field.
std::string ParseDate(std::string_view field, std::string_view what, PackedDate* out);

// Boolean: 0, 1, true, false (case-insensitive); empty is false.
std::string ParseBool(std::string_view field, std::string_view what, bool* out);

// Index of the first control byte in `line` (bytes below 0x20 other than tab, and 0x7f), or npos.
size_t FindControlByte(std::string_view line);

// The message for a control byte at `index` of a line.
std::string ControlByteMessage(std::string_view line, size_t index);

// `line` without one trailing '\r'.
inline std::string_view StripCarriageReturn(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// `s` without leading and trailing spaces and tabs.
std::string_view TrimBlanks(std::string_view s);

// 1-based line number of byte `offset` in `text` (counts the newlines before it).
uint64_t LineNumberAt(std::string_view text, size_t offset);

}  // namespace liaison

#endif  // LIAISON_ENGINE_IO_TEXT_FIELDS_H_
