// Ordered, parallel streaming of a text file made of independent blocks. Internal to
// datasets/generators.
//
// Block i is formatted by `format(i, buffer)` on any oneTBB worker, several blocks at a time; the
// blocks are written to the file strictly in order 0, 1, 2, ... by one thread at a time (a
// oneTBB parallel_pipeline: serial-in-order input, parallel formatting, serial-in-order output).
// At most 2 * concurrency + 1 blocks are alive at once and their buffers are reused, so memory is
// bounded by a few blocks whatever the file size. The bytes written depend only on `format`,
// never on the thread count.

#ifndef LIAISON_DATASETS_GENERATORS_BLOCK_WRITER_H_
#define LIAISON_DATASETS_GENERATORS_BLOCK_WRITER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "datasets/generators/text_format.h"

namespace liaison::generators {

// Creates (or truncates) `path`, writes `header`, then blocks 0..num_blocks-1. `written(i)` runs
// after block i reached the file, in order, on one thread at a time; it may be empty.
// Fails with the errno-derived code and a message naming the path when the file cannot be created,
// written or closed; the file is then incomplete.
absl::Status WriteBlocksInOrder(const std::string& path, std::string_view header, uint64_t num_blocks,
                                const std::function<void(uint64_t, CharBuffer&)>& format,
                                const std::function<void(uint64_t)>& written);

}  // namespace liaison::generators

#endif  // LIAISON_DATASETS_GENERATORS_BLOCK_WRITER_H_
