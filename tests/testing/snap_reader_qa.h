// A tiny test-only reader for SNAP-style edge lists ("u v" per line, tabs or spaces, '#' comment
// lines, LF or CRLF line ends), used to load the shared real networks in the degree, reach and
// mutual tests. Kept independent of engine/io. Plain text only (no gzip).

#ifndef LIAISON_TESTS_TESTING_SNAP_READER_QA_H_
#define LIAISON_TESTS_TESTING_SNAP_READER_QA_H_

#include <string>

#include "tests/testing/graphs.h"

namespace liaison::testing {

// The edge lines of `path`; aborts the test binary when the file cannot be read or a line is
// malformed.
EdgeList ReadSnapEdgesQa(const std::string& path);

}  // namespace liaison::testing

#endif  // LIAISON_TESTS_TESTING_SNAP_READER_QA_H_
