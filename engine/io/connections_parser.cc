// Connections text -> rows, in parallel.
//
// Method: a short serial scan reads the leading comment and blank lines and decides whether the
// first data line is a header (its first field is not a number). The rest of the text, up to its
// last newline, is cut at newlines into chunks of a few MiB, parsed by oneTBB tasks, one output
// chunk each. A final line without a newline is copied with one appended and parsed as a last
// chunk, so every chunk ends with '\n' and the scanning loops need no bounds checks: each stops at
// the newline at the latest.
//
// Per line, a fast path takes the common shape `digits SEP digits [\r]\n` (SEP one tab, space or
// comma) with hand-written digit loops; anything else (comments, blank lines, runs of blanks,
// strength/since columns, errors) goes through the general line parser, which re-reads the line
// from its start. Errors carry the line's index within its chunk; line numbers are recovered from
// the per-chunk line counts. After a failure, chunks after the failing one stop early; chunks
// before it run to the end, so the error reported is the first in the file.
//
// Output forms: RowChunk (ids as 32-bit pairs; a chunk meeting an id >= 2^32 is parsed again in
// 64 bits; self-loops listed apart) for ImportGraph, ConnectionBatch for the public API.

#include "engine/io/connections_parser.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "engine/graph/build_timings.h"
#include "engine/io/input_file.h"
#include "engine/io/text_fields.h"
#include "engine/util/strings.h"
#include "oneapi/tbb/blocked_range.h"
#include "oneapi/tbb/parallel_for.h"
#include "oneapi/tbb/partitioner.h"
#include "oneapi/tbb/task_arena.h"

namespace liaison {
namespace {

constexpr size_t kKeptMessages = 10;
constexpr size_t kBinaryProbeBytes = 64 << 10;

// What one chunk's parse found.
struct ChunkStats {
  uint64_t lines = 0, comments = 0, blanks = 0, bad = 0, rows = 0;
  std::vector<std::pair<uint64_t, std::string>> bad_lines;  // (line index in chunk, message)
  bool failed = false;  // stopped at a malformed line (without skip_bad): bad_lines[0] says which
  bool need_wide = false;  // a 32-bit sink met a larger id
};

// ---------------------------------------------------------------------------------------------
// Sinks: where parsed rows go. Add returns false when the row does not fit the sink (32-bit).

template <typename Id>
class RowSink {
 public:
  // Writes at most `capacity` rows to `out` (2 ids a row).
  RowSink(RowChunk* chunk, Id* out, uint64_t capacity) : chunk_(chunk), capacity_(capacity), out_(out) {
    if constexpr (sizeof(Id) == 4) {
      chunk->pairs32 = out;
      chunk->wide = false;
    } else {
      chunk->pairs64 = out;
      chunk->wide = true;
    }
  }
  bool Add(uint64_t a, uint64_t b) {
    if constexpr (sizeof(Id) == 4) {
      if ((a | b) >> 32) return false;
    }
    if (a == b) {
      chunk_->self_loop_ids.push_back(a);
      max_ = std::max(max_, a);
      last_is_row_ = false;
      return true;
    }
    out_[2 * rows_] = static_cast<Id>(a);
    out_[2 * rows_ + 1] = static_cast<Id>(b);
    if (strength_) strength_[rows_] = 255;
    if (since_) since_[rows_] = kNoDate;
    ++rows_;
    max_ = std::max(max_, std::max(a, b));
    last_is_row_ = true;
    return true;
  }
  void SetStrength(uint8_t s) {
    if (!last_is_row_) return;  // a self-loop's data is dropped with it
    if (strength_ == nullptr) {
      chunk_->strength = Buffer<uint8_t>(capacity_);
      strength_ = chunk_->strength.data();
      std::fill(strength_, strength_ + rows_, uint8_t{255});
    }
    strength_[rows_ - 1] = s;
  }
  void SetSince(PackedDate d) {
    if (!last_is_row_) return;
    if (since_ == nullptr) {
      chunk_->since = Buffer<PackedDate>(capacity_);
      since_ = chunk_->since.data();
      std::fill(since_, since_ + rows_, kNoDate);
    }
    since_[rows_ - 1] = d;
  }
  void Finish() {
    chunk_->rows = rows_;
    chunk_->max_id = max_;
  }

 private:
  RowChunk* chunk_;
  uint64_t capacity_;
  Id* out_;
  uint8_t* strength_ = nullptr;
  PackedDate* since_ = nullptr;
  uint64_t rows_ = 0;
  ExternalId max_ = 0;
  bool last_is_row_ = false;
};

class BatchSink {
 public:
  BatchSink(ConnectionBatch* batch, uint64_t capacity) : batch_(batch) {
    batch->a.reserve(capacity);
    batch->b.reserve(capacity);
  }
  bool Add(uint64_t a, uint64_t b) {
    batch_->a.push_back(a);
    batch_->b.push_back(b);
    if (has_strength_) batch_->strength.push_back(255);
    if (has_since_) batch_->since.push_back(kNoDate);
    return true;
  }
  void SetStrength(uint8_t s) {
    if (!has_strength_) {
      batch_->strength.assign(batch_->a.size(), 255);
      has_strength_ = true;
    }
    batch_->strength.back() = s;
  }
  void SetSince(PackedDate d) {
    if (!has_since_) {
      batch_->since.assign(batch_->a.size(), kNoDate);
      has_since_ = true;
    }
    batch_->since.back() = d;
  }
  void Finish() {}

 private:
  ConnectionBatch* batch_;
  bool has_strength_ = false, has_since_ = false;
};

// ---------------------------------------------------------------------------------------------
// The general line parser.

enum class LineKind { kRow, kComment, kBlank, kBad };

struct ParsedLine {
  uint64_t a = 0, b = 0;
  bool has_strength = false, has_since = false;
  uint8_t strength = 255;
  PackedDate since = kNoDate;
};

// `content` is the line without its '\n' (a trailing '\r' is removed here).
LineKind ParseLine(std::string_view content, ParsedLine* out, std::string* error) {
  content = StripCarriageReturn(content);
  if (const size_t c = FindControlByte(content); c != std::string_view::npos) {
    *error = ControlByteMessage(content, c);
    return LineKind::kBad;
  }
  size_t i = 0;
  const size_t size = content.size();
  while (i < size && IsBlank(content[i])) ++i;
  if (i == size) return LineKind::kBlank;
  if (content[i] == '#') return LineKind::kComment;
  constexpr int kMaxFields = 4;
  std::string_view fields[kMaxFields];
  int count = 0;
  while (true) {
    const size_t start = i;
    while (i < size && !IsBlank(content[i]) && content[i] != ',') ++i;
    if (count < kMaxFields) fields[count] = content.substr(start, i - start);
    ++count;
    while (i < size && IsBlank(content[i])) ++i;
    if (i == size) break;
    if (content[i] == ',') {
      ++i;
      while (i < size && IsBlank(content[i])) ++i;
      if (i == size) {  // a trailing comma: an empty last field
        if (count < kMaxFields) fields[count] = {};
        ++count;
        break;
      }
    }
  }
  if (std::string e = ParseId(fields[0], "member id", &out->a); !e.empty()) {
    *error = fields[0].empty() ? "missing the first member id" : std::move(e);
    return LineKind::kBad;
  }
  if (count < 2 || fields[1].empty()) {
    *error = "missing the second member id (expected `a b [strength [since]]`, separated by a tab, "
             "a comma or spaces)";
    return LineKind::kBad;
  }
  if (std::string e = ParseId(fields[1], "member id", &out->b); !e.empty()) {
    *error = std::move(e);
    return LineKind::kBad;
  }
  if (count > kMaxFields) {
    *error = absl::StrCat(count, " fields; expected at most 4 (a, b, strength, since)");
    return LineKind::kBad;
  }
  out->has_strength = count >= 3 && !fields[2].empty();
  if (out->has_strength) {
    if (std::string e = ParseStrength(fields[2], &out->strength); !e.empty()) {
      *error = std::move(e);
      return LineKind::kBad;
    }
  }
  out->has_since = count >= 4 && !fields[3].empty();
  if (out->has_since) {
    if (std::string e = ParseDate(fields[3], "since date", &out->since); !e.empty()) {
      *error = std::move(e);
      return LineKind::kBad;
    }
  }
  return LineKind::kRow;
}

// True when the line's first field is all digits (a data line, not a header).
bool FirstFieldIsNumber(std::string_view content) {
  size_t i = 0;
  while (i < content.size() && IsBlank(content[i])) ++i;
  const size_t start = i;
  while (i < content.size() && IsDigit(content[i])) ++i;
  return i > start && (i == content.size() || IsBlank(content[i]) || content[i] == ',' ||
                       content[i] == '\r');
}

// ---------------------------------------------------------------------------------------------
// The chunk parser. REQUIRES: begin == end or end[-1] == '\n'.

template <typename Sink>
void ParseChunk(const char* begin, const char* end, Sink& sink, bool skip_bad,
                const std::atomic<size_t>& first_failed, size_t index, ChunkStats& st) {
  const char* p = begin;
  uint64_t line = 0;
  uint64_t rows = 0;
  while (p < end) {
    if ((line & 8191) == 0 && first_failed.load(std::memory_order_relaxed) < index) break;
    const char* start = p;
    // Fast path: digits SEP digits [\r]\n.
    if (IsDigit(*p)) {
      uint64_t a = static_cast<uint64_t>(*p++ - '0');
      while (IsDigit(*p)) a = a * 10 + static_cast<uint64_t>(*p++ - '0');
      if (p - start <= 19 && (*p == '\t' || *p == ' ' || *p == ',')) {
        const char* b_start = ++p;
        if (IsDigit(*p)) {
          uint64_t b = static_cast<uint64_t>(*p++ - '0');
          while (IsDigit(*p)) b = b * 10 + static_cast<uint64_t>(*p++ - '0');
          if (p - b_start <= 19) {
            const char* next = *p == '\n' ? p + 1 : (*p == '\r' && p[1] == '\n') ? p + 2 : nullptr;
            if (next != nullptr) {
              if (!sink.Add(a, b)) {
                st.need_wide = true;
                return;
              }
              p = next;
              ++line;
              ++rows;
              continue;
            }
          }
        }
      }
    }
    // General path: the whole line again.
    const char* eol = static_cast<const char*>(std::memchr(start, '\n', end - start));
    ParsedLine parsed;
    std::string error;
    const LineKind kind = ParseLine(std::string_view(start, eol - start), &parsed, &error);
    p = eol + 1;
    ++line;
    switch (kind) {
      case LineKind::kRow:
        if (!sink.Add(parsed.a, parsed.b)) {
          st.need_wide = true;
          return;
        }
        if (parsed.has_strength) sink.SetStrength(parsed.strength);
        if (parsed.has_since) sink.SetSince(parsed.since);
        ++rows;
        break;
      case LineKind::kComment:
        ++st.comments;
        break;
      case LineKind::kBlank:
        ++st.blanks;
        break;
      case LineKind::kBad:
        ++st.bad;
        if (st.bad_lines.size() < kKeptMessages) st.bad_lines.emplace_back(line - 1, std::move(error));
        if (!skip_bad) {
          st.failed = true;
          st.lines = line;
          st.rows = rows;
          return;
        }
        break;
    }
  }
  st.lines = line;
  st.rows = rows;
  sink.Finish();
}

// Output policies: Prepare(lines per chunk) once, then Parse(c, ...) for each chunk in parallel.

// Row chunks: the 32-bit pairs of all chunks share one block sized from the line counts (every
// row is a line), so no memory is touched beyond the rows written. A chunk meeting an id of 2^32
// or more is parsed again into its own 64-bit block.
class RowsPolicy {
 public:
  using Chunk = RowChunk;
  void Prepare(const std::vector<uint64_t>& lines) {
    lines_ = lines;
    first_line_.assign(lines.size() + 1, 0);
    for (size_t c = 0; c < lines.size(); ++c) first_line_[c + 1] = first_line_[c] + lines[c];
    block_ = std::make_shared<Buffer<uint32_t>>(2 * first_line_.back());
  }
  void Parse(size_t c, const char* begin, const char* end, bool skip_bad,
             const std::atomic<size_t>& first_failed, Chunk* out, ChunkStats& st) {
    {
      RowSink<uint32_t> sink(out, block_->data() + 2 * first_line_[c], lines_[c]);
      ParseChunk(begin, end, sink, skip_bad, first_failed, c, st);
      if (!st.need_wide) {
        out->storage = block_;
        return;
      }
    }
    *out = RowChunk();
    st = ChunkStats();
    auto wide = std::make_shared<Buffer<uint64_t>>(2 * lines_[c]);
    RowSink<uint64_t> sink(out, wide->data(), lines_[c]);
    ParseChunk(begin, end, sink, skip_bad, first_failed, c, st);
    out->storage = std::move(wide);
  }
  static bool Empty(const Chunk& c) { return c.rows_with_self_loops() == 0; }

 private:
  std::vector<uint64_t> lines_, first_line_;
  std::shared_ptr<Buffer<uint32_t>> block_;
};

class BatchPolicy {
 public:
  using Chunk = ConnectionBatch;
  void Prepare(const std::vector<uint64_t>& lines) { lines_ = lines; }
  void Parse(size_t c, const char* begin, const char* end, bool skip_bad,
             const std::atomic<size_t>& first_failed, Chunk* out, ChunkStats& st) {
    BatchSink sink(out, lines_[c]);
    ParseChunk(begin, end, sink, skip_bad, first_failed, c, st);
  }
  static bool Empty(const Chunk& c) { return c.size() == 0; }

 private:
  std::vector<uint64_t> lines_;
};

std::string At(std::string_view file_name, uint64_t line, std::string_view message) {
  return absl::StrCat(ToAbsl(file_name), ":", line, ": ", ToAbsl(message));
}

// Serialises progress calls and keeps done_bytes non-decreasing.
class ProgressReporter {
 public:
  ProgressReporter(const ImportOptions& options, bool enabled, uint64_t total)
      : fn_(enabled ? &options.progress : nullptr), total_(total) {
    if (fn_ && !*fn_) fn_ = nullptr;
  }
  void Add(uint64_t bytes) {
    if (fn_ == nullptr) return;
    std::lock_guard<std::mutex> lock(mu_);
    done_ = std::min(total_, done_ + bytes);
    (*fn_)(done_, total_);
  }
  void Finish() {
    if (fn_ == nullptr) return;
    std::lock_guard<std::mutex> lock(mu_);
    done_ = total_;
    (*fn_)(done_, total_);
  }

 private:
  const std::function<void(uint64_t, uint64_t)>* fn_;
  uint64_t total_;
  uint64_t done_ = 0;
  std::mutex mu_;
};

template <typename Policy>
absl::StatusOr<std::vector<typename Policy::Chunk>> ParseText(std::string_view text,
                                                              std::string_view name,
                                                              const ImportOptions& options,
                                                              bool report_progress,
                                                              ImportReport* report) {
  ImportReport local_report;
  ImportReport& rep = report ? *report : local_report;
  const bool skip_bad = options.skip_bad;

  // A NUL byte near the start: a binary file, whatever skip_bad says.
  if (const void* nul = std::memchr(text.data(), 0, std::min(text.size(), kBinaryProbeBytes))) {
    const size_t offset = static_cast<size_t>(static_cast<const char*>(nul) - text.data());
    const size_t line_start = text.rfind('\n', offset) == std::string_view::npos ? 0 : text.rfind('\n', offset) + 1;
    return absl::InvalidArgumentError(
        At(name, LineNumberAt(text, offset),
           absl::StrCat("NUL byte at column ", offset - line_start + 1, ": binary data, not a text file")));
  }

  // Leading comments and blank lines, and the header.
  uint64_t lines = 0, comments = 0, blanks = 0, headers = 0, bad = 0;
  std::vector<std::string> messages;
  size_t pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    const std::string_view content = StripCarriageReturn(text.substr(pos, eol - pos));
    const std::string_view trimmed = TrimBlanks(content);
    if (trimmed.empty() || trimmed[0] == '#') {
      ++lines;
      ++(trimmed.empty() ? blanks : comments);
      pos = std::min(text.size(), eol + 1);
      continue;
    }
    if (FirstFieldIsNumber(content)) break;
    ++lines;
    if (const size_t c = FindControlByte(content); c != std::string_view::npos) {
      const std::string message = At(name, lines, ControlByteMessage(content, c));
      if (!skip_bad) return absl::InvalidArgumentError(message);
      ++bad;
      messages.push_back(message);
    } else {
      ++headers;
    }
    pos = std::min(text.size(), eol + 1);
    break;
  }

  // Chunks: [pos, body_end) cut at newlines, then the unterminated last line, if any.
  const size_t last_newline = text.rfind('\n');
  const size_t body_end =
      last_newline == std::string_view::npos || last_newline < pos ? pos : last_newline + 1;
  std::string tail;
  if (body_end < text.size()) {
    tail.assign(text.substr(body_end));
    tail += '\n';
  }
  const size_t body = body_end - pos;
  const size_t threads = static_cast<size_t>(std::max(1, tbb::this_task_arena::max_concurrency()));
  const size_t chunk_bytes = std::clamp<size_t>(body / (threads * 16), 256 << 10, 8 << 20);
  std::vector<std::pair<const char*, const char*>> ranges;
  for (size_t begin = pos; begin < body_end;) {
    size_t end = begin + chunk_bytes;
    if (end >= body_end) {
      end = body_end;
    } else {
      end = static_cast<size_t>(static_cast<const char*>(std::memchr(text.data() + end, '\n', body_end - end)) -
                                text.data()) + 1;
    }
    ranges.emplace_back(text.data() + begin, text.data() + end);
    begin = end;
  }
  if (!tail.empty()) ranges.emplace_back(tail.data(), tail.data() + tail.size());

  const size_t num_chunks = ranges.size();
  std::vector<uint64_t> chunk_lines(num_chunks);
  tbb::parallel_for(size_t{0}, num_chunks, [&](size_t c) {
    chunk_lines[c] = static_cast<uint64_t>(std::count(ranges[c].first, ranges[c].second, '\n'));
  });
  Policy policy;
  policy.Prepare(chunk_lines);
  std::vector<typename Policy::Chunk> chunks(num_chunks);
  std::vector<ChunkStats> stats(num_chunks);
  std::atomic<size_t> first_failed{num_chunks};
  ProgressReporter progress(options, report_progress, text.size());
  progress.Add(pos);
  tbb::parallel_for(
      tbb::blocked_range<size_t>(0, num_chunks, 1),
      [&](const tbb::blocked_range<size_t>& r) {
        for (size_t c = r.begin(); c != r.end(); ++c) {
          if (first_failed.load(std::memory_order_relaxed) < c) continue;
          policy.Parse(c, ranges[c].first, ranges[c].second, skip_bad, first_failed, &chunks[c], stats[c]);
          if (stats[c].failed) {
            size_t seen = first_failed.load(std::memory_order_relaxed);
            while (c < seen && !first_failed.compare_exchange_weak(seen, c, std::memory_order_relaxed)) {
            }
          }
          progress.Add(static_cast<uint64_t>(ranges[c].second - ranges[c].first));
        }
      },
      tbb::simple_partitioner());

  uint64_t rows = 0;
  for (size_t c = 0; c < num_chunks; ++c) {
    const ChunkStats& st = stats[c];
    if (st.failed) {
      return absl::InvalidArgumentError(At(name, lines + st.bad_lines[0].first + 1, st.bad_lines[0].second));
    }
    for (const auto& [line, message] : st.bad_lines) {
      if (messages.size() < kKeptMessages) messages.push_back(At(name, lines + line + 1, message));
    }
    lines += st.lines;
    comments += st.comments;
    blanks += st.blanks;
    bad += st.bad;
    rows += st.rows;
  }
  progress.Finish();

  rep.lines_read += lines;
  rep.comment_lines += comments;
  rep.blank_lines += blanks;
  rep.header_lines += headers;
  rep.bad_lines_skipped += bad;
  rep.connection_rows += rows;
  for (std::string& m : messages) {
    if (rep.bad_line_messages.size() < kKeptMessages) rep.bad_line_messages.push_back(std::move(m));
  }
  if (rows == 0) {
    if (text.empty()) return absl::InvalidArgumentError(absl::StrCat(ToAbsl(name), ": empty file, no connections"));
    return absl::InvalidArgumentError(absl::StrCat(
        ToAbsl(name), ": no connections (", lines, " lines: ", comments, " comments, ", blanks,
        " blank, ", headers, " header, ", bad, " malformed and skipped)"));
  }
  std::vector<typename Policy::Chunk> out;
  out.reserve(num_chunks);
  for (auto& chunk : chunks) {
    if (!Policy::Empty(chunk)) out.push_back(std::move(chunk));
  }
  return out;
}

}  // namespace

absl::StatusOr<std::vector<RowChunk>> ParseConnectionRows(std::string_view text,
                                                          std::string_view file_name,
                                                          const ImportOptions& options,
                                                          bool report_progress, ImportReport* report) {
  return ParseText<RowsPolicy>(text, file_name, options, report_progress, report);
}

absl::StatusOr<std::vector<RowChunk>> ReadConnectionRows(const std::string& path,
                                                         const ImportOptions& options,
                                                         ImportReport* report) {
  PhaseTimings timings;
  PhaseClock clock(&timings);
  auto input = InputText::Open(path, options.progress);
  if (!input.ok()) return input.status();
  clock.Mark(input->compressed() ? "read (inflate gzip)" : "read (map file)");
  auto rows = ParseConnectionRows(input->text(), path, options, !input->compressed(), report);
  clock.Mark("parse");
  if (report) {
    report->phases.insert(report->phases.end(), timings.begin(), timings.end());
  }
  return rows;
}

absl::StatusOr<std::vector<ConnectionBatch>> ParseConnections(std::string_view text,
                                                              std::string_view file_name,
                                                              const ImportOptions& options,
                                                              ImportReport* report) {
  return ParseText<BatchPolicy>(text, file_name, options, true, report);
}

absl::StatusOr<std::vector<ConnectionBatch>> ReadConnectionsFile(const std::string& path,
                                                                 const ImportOptions& options,
                                                                 ImportReport* report) {
  PhaseTimings timings;
  PhaseClock clock(&timings);
  auto input = InputText::Open(path, options.progress);
  if (!input.ok()) return input.status();
  clock.Mark(input->compressed() ? "read (inflate gzip)" : "read (map file)");
  auto batches = ParseText<BatchPolicy>(input->text(), path, options, !input->compressed(), report);
  clock.Mark("parse");
  if (report) {
    report->phases.insert(report->phases.end(), timings.begin(), timings.end());
  }
  return batches;
}

}  // namespace liaison
