// Hand-drawn fixture networks (datasets/fixtures/<name>/): a deliberately simple reader, kept
// independent of engine/io so the fixtures also check the importer.
//
//   connections.tsv  lines "a b [strength [since]]" (tabs or spaces; '#' starts a comment line)
//   members.tsv      optional; tab-separated with a header naming `id` and any of
//                    hides_connections, no_introductions, verified (0/1) and the text columns

#ifndef LIAISON_TESTS_TESTING_FIXTURE_H_
#define LIAISON_TESTS_TESTING_FIXTURE_H_

#include <memory>
#include <string>

#include "liaison/graph.h"

namespace liaison::testing {

// Loads datasets/fixtures/<name>; aborts the test binary when the files are malformed.
std::shared_ptr<const Snapshot> LoadFixture(const std::string& name);

}  // namespace liaison::testing

#endif  // LIAISON_TESTS_TESTING_FIXTURE_H_
