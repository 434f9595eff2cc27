// Members file -> MemberTable (format in include/liaison/import.h).
//
// Method: one serial pass (a members file holds one row per member, far fewer bytes than the
// connections). The header line decides the separator (a tab: TSV, else CSV) and maps each column
// to a target (id, a text column, a flag, last_updated, or ignored). Records are read one at a
// time; CSV records follow RFC 4180 quoting ("" for a quote, separators and line breaks allowed
// inside quotes), so a record may span lines and its line number is the line it starts on. A row
// is parsed completely before it is appended, so a skipped row never leaves columns unaligned.

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "engine/graph/build_timings.h"
#include "engine/io/input_file.h"
#include "engine/io/text_fields.h"
#include "engine/util/strings.h"
#include "liaison/import.h"

namespace liaison {
namespace {

constexpr size_t kKeptMessages = 10;
constexpr size_t kBinaryProbeBytes = 64 << 10;

enum class Target { kIgnored, kId, kText, kFlag, kLastUpdated };

struct Column {
  Target target = Target::kIgnored;
  int text = 0;          // TextColumn when kText
  uint8_t flag = 0;      // MemberFlag when kFlag
  std::string name;      // as written in the header (trimmed)
};

Column ColumnFor(std::string_view raw) {
  Column col;
  col.name = std::string(TrimBlanks(raw));
  const std::string key = absl::AsciiStrToLower(col.name);
  if (key == "id") {
    col.target = Target::kId;
  } else if (key == "last_updated") {
    col.target = Target::kLastUpdated;
  } else if (key == "has_photo") {
    col.target = Target::kFlag, col.flag = kHasPhoto;
  } else if (key == "has_phone") {
    col.target = Target::kFlag, col.flag = kHasPhone;
  } else if (key == "hides_connections") {
    col.target = Target::kFlag, col.flag = kHidesConnections;
  } else if (key == "no_introductions") {
    col.target = Target::kFlag, col.flag = kNoIntroductions;
  } else if (key == "verified") {
    col.target = Target::kFlag, col.flag = kVerified;
  } else {
    for (int c = 0; c < kNumTextColumns; ++c) {
      if (key == TextColumnName(static_cast<TextColumn>(c))) {
        col.target = Target::kText;
        col.text = c;
      }
    }
  }
  return col;
}

// Reads records from `text`, starting at `pos`.
class RecordReader {
 public:
  RecordReader(std::string_view text, size_t pos, uint64_t line) : text_(text), pos_(pos), line_(line) {}

  void set_separator(char sep, bool csv) {
    sep_ = sep;
    csv_ = csv;
  }
  bool done() const { return pos_ >= text_.size(); }
  uint64_t line() const { return line_; }  // the line the next record starts on
  uint64_t lines_consumed() const { return line_ - 1; }

  // The raw first line of the next record (without '\r\n'), for comment/blank checks.
  std::string_view PeekLine() const {
    size_t eol = text_.find('\n', pos_);
    if (eol == std::string_view::npos) eol = text_.size();
    return StripCarriageReturn(text_.substr(pos_, eol - pos_));
  }
  void SkipLine() {
    const size_t eol = text_.find('\n', pos_);
    pos_ = eol == std::string_view::npos ? text_.size() : eol + 1;
    ++line_;
  }

  // Reads one record into `fields`. On a malformed record returns the problem (and skips to the
  // end of the record's last line).
  std::string Next(std::vector<std::string>* fields) {
    fields->clear();
    if (!csv_) {
      const std::string_view line = PeekLine();
      SkipLine();
      if (const size_t c = FindControlByte(line); c != std::string_view::npos) {
        return ControlByteMessage(line, c);
      }
      size_t start = 0;
      while (true) {
        const size_t tab = line.find('\t', start);
        const std::string_view field =
            line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
        fields->emplace_back(TrimBlanks(field));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
      }
      return {};
    }
    const uint64_t first_line = line_;
    std::string error;
    while (true) {
      // One field.
      while (pos_ < text_.size() && IsBlank(text_[pos_])) ++pos_;
      std::string field;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        ++pos_;
        bool closed = false;
        while (pos_ < text_.size()) {
          const char c = text_[pos_++];
          if (c == '"') {
            if (pos_ < text_.size() && text_[pos_] == '"') {
              field += '"';
              ++pos_;
              continue;
            }
            closed = true;
            break;
          }
          if (c == '\n') ++line_;
          const unsigned char u = static_cast<unsigned char>(c);
          if (error.empty() && ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7f)) {
            error = absl::StrFormat("control byte 0x%02x in a quoted field: binary data, not text", u);
          }
          field += c;
        }
        if (!closed) {
          return absl::StrCat("unterminated quoted field (the quote opens on line ", first_line, ")");
        }
        while (pos_ < text_.size() && IsBlank(text_[pos_])) ++pos_;
        if (pos_ < text_.size() && text_[pos_] != sep_ && text_[pos_] != '\n' && text_[pos_] != '\r') {
          const char c = text_[pos_];
          SkipRestOfLine();
          return absl::StrCat("unexpected ", QuoteForMessage(std::string_view(&c, 1)),
                              " after a closing quote");
        }
      } else {
        const size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != sep_ && text_[pos_] != '\n') ++pos_;
        std::string_view raw = text_.substr(start, pos_ - start);
        if (pos_ == text_.size() || text_[pos_] == '\n') raw = StripCarriageReturn(raw);
        if (const size_t c = FindControlByte(raw); c != std::string_view::npos && error.empty()) {
          error = ControlByteMessage(raw, c);
        }
        field = std::string(TrimBlanks(raw));
      }
      fields->push_back(std::move(field));
      if (pos_ < text_.size() && text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
        ++pos_;
      }
      if (pos_ >= text_.size()) {
        ++line_;
        break;
      }
      if (text_[pos_] == '\n') {
        ++pos_;
        ++line_;
        break;
      }
      ++pos_;  // the separator
    }
    return error;
  }

 private:
  void SkipRestOfLine() {
    const size_t eol = text_.find('\n', pos_);
    pos_ = eol == std::string_view::npos ? text_.size() : eol + 1;
    ++line_;
  }

  std::string_view text_;
  size_t pos_;
  uint64_t line_;
  char sep_ = '\t';
  bool csv_ = false;
};

std::string At(std::string_view file_name, uint64_t line, std::string_view message) {
  return absl::StrCat(ToAbsl(file_name), ":", line, ": ", ToAbsl(message));
}

}  // namespace

absl::StatusOr<MemberTable> ParseMembers(std::string_view text, std::string_view name,
                                         const ImportOptions& options, ImportReport* report) {
  ImportReport local_report;
  ImportReport& rep = report ? *report : local_report;
  if (const void* nul = std::memchr(text.data(), 0, std::min(text.size(), kBinaryProbeBytes))) {
    const size_t offset = static_cast<size_t>(static_cast<const char*>(nul) - text.data());
    return absl::InvalidArgumentError(
        At(name, LineNumberAt(text, offset), "NUL byte: binary data, not a text file"));
  }
  size_t pos = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  RecordReader reader(text, pos, 1);
  uint64_t comments = 0, blanks = 0, bad = 0;
  std::vector<std::string> messages;

  auto skip_comments_and_blanks = [&] {
    while (!reader.done()) {
      const std::string_view trimmed = TrimBlanks(reader.PeekLine());
      if (!trimmed.empty() && trimmed[0] != '#') return;
      ++(trimmed.empty() ? blanks : comments);
      reader.SkipLine();
    }
  };

  // Header.
  skip_comments_and_blanks();
  if (reader.done()) {
    return absl::InvalidArgumentError(absl::StrCat(
        ToAbsl(name), text.empty() ? ": empty file, no header line" : ": no header line (only comments)"));
  }
  const uint64_t header_line = reader.line();
  const bool tsv = reader.PeekLine().find('\t') != std::string_view::npos;
  reader.set_separator(tsv ? '\t' : ',', !tsv);
  std::vector<std::string> fields;
  if (std::string e = reader.Next(&fields); !e.empty()) {
    return absl::InvalidArgumentError(At(name, header_line, absl::StrCat("header: ", e)));
  }
  std::vector<Column> columns;
  int id_column = -1;
  std::vector<std::string> ignored;
  for (const std::string& f : fields) {
    Column col = ColumnFor(f);
    if (col.target != Target::kIgnored) {
      for (const Column& other : columns) {
        if (other.target == col.target && other.text == col.text && other.flag == col.flag) {
          return absl::InvalidArgumentError(
              At(name, header_line, absl::StrCat("column \"", col.name, "\" appears twice in the header")));
        }
      }
    } else {
      ignored.push_back(col.name);
    }
    if (col.target == Target::kId) id_column = static_cast<int>(columns.size());
    columns.push_back(std::move(col));
  }
  if (id_column < 0) {
    std::vector<std::string> names;
    for (const Column& c : columns) names.push_back(QuoteForMessage(c.name));
    return absl::InvalidArgumentError(At(
        name, header_line,
        absl::StrCat("the header has no \"id\" column (columns: ", absl::StrJoin(names, ", "), ")")));
  }

  MemberTable table;
  bool has_last_updated = false;
  for (const Column& c : columns) has_last_updated |= c.target == Target::kLastUpdated;
  absl::flat_hash_map<ExternalId, uint64_t> first_line_of;

  // Rows.
  while (true) {
    skip_comments_and_blanks();
    if (reader.done()) break;
    const uint64_t line = reader.line();
    std::string error = reader.Next(&fields);
    ExternalId id = 0;
    uint8_t flags = 0;
    PackedDate updated = kNoDate;
    if (error.empty() && fields.size() != columns.size()) {
      error = fields.size() < columns.size()
                  ? absl::StrCat("missing column \"", columns[fields.size()].name, "\" (", fields.size(),
                                 " fields, the header has ", columns.size(), " columns)")
                  : absl::StrCat(fields.size(), " fields, the header has ", columns.size(), " columns");
    }
    for (size_t c = 0; error.empty() && c < columns.size(); ++c) {
      const Column& col = columns[c];
      switch (col.target) {
        case Target::kId:
          error = ParseId(fields[c], "member id", &id);
          break;
        case Target::kFlag: {
          bool value = false;
          error = ParseBool(fields[c], col.name, &value);
          if (value) flags |= col.flag;
          break;
        }
        case Target::kLastUpdated:
          if (!fields[c].empty()) error = ParseDate(fields[c], "last_updated date", &updated);
          break;
        case Target::kText:
        case Target::kIgnored:
          break;
      }
    }
    if (error.empty()) {
      auto [it, inserted] = first_line_of.emplace(id, line);
      if (!inserted) error = absl::StrCat("member ", id, " is listed twice (first on line ", it->second, ")");
    }
    if (!error.empty()) {
      if (!options.skip_bad) return absl::InvalidArgumentError(At(name, line, error));
      ++bad;
      if (messages.size() < kKeptMessages) messages.push_back(At(name, line, error));
      continue;
    }
    table.ids.push_back(id);
    table.flags.push_back(flags);
    if (has_last_updated) table.last_updated.push_back(updated);
    for (size_t c = 0; c < columns.size(); ++c) {
      if (columns[c].target == Target::kText) table.text[columns[c].text].push_back(std::move(fields[c]));
    }
  }
  rep.lines_read += reader.lines_consumed();
  rep.comment_lines += comments;
  rep.blank_lines += blanks;
  rep.header_lines += 1;
  rep.bad_lines_skipped += bad;
  rep.member_rows += table.size();
  rep.ignored_member_columns.insert(rep.ignored_member_columns.end(), ignored.begin(), ignored.end());
  for (std::string& m : messages) {
    if (rep.bad_line_messages.size() < kKeptMessages) rep.bad_line_messages.push_back(std::move(m));
  }
  if (options.progress) options.progress(text.size(), text.size());
  return table;
}

absl::StatusOr<MemberTable> ReadMembersFile(const std::string& path, const ImportOptions& options,
                                            ImportReport* report) {
  PhaseTimings timings;
  PhaseClock clock(&timings);
  auto input = InputText::Open(path, options.progress);
  if (!input.ok()) return input.status();
  ImportOptions quiet = options;
  if (input->compressed()) quiet.progress = nullptr;  // inflating already reported progress
  auto table = ParseMembers(input->text(), path, quiet, report);
  clock.Mark("read and parse members");
  if (report) {
    report->phases.insert(report->phases.end(), timings.begin(), timings.end());
  }
  return table;
}

}  // namespace liaison
