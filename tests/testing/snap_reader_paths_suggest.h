// A tiny SNAP edge-list reader for the paths and suggest tests: "u v" lines (tab, space or comma
// separated), '#' comment lines, CRLF or LF line ends, an optional last line without a newline.
// Plain text only (no gzip). Kept independent of engine/io on purpose.

#ifndef LIAISON_TESTS_TESTING_SNAP_READER_PATHS_SUGGEST_H_
#define LIAISON_TESTS_TESTING_SNAP_READER_PATHS_SUGGEST_H_

#include <string>

#include "tests/testing/graphs.h"

namespace liaison::testing::paths_suggest {

// The connections of a SNAP file (self-loops and duplicates kept; the builder drops and merges
// them). Aborts the test binary when the file cannot be read or a line is malformed.
EdgeList ReadSnapEdges(const std::string& path);

}  // namespace liaison::testing::paths_suggest

#endif  // LIAISON_TESTS_TESTING_SNAP_READER_PATHS_SUGGEST_H_
