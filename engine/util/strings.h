// std::string_view <-> absl::string_view. Debian's Abseil is built with
// ABSL_OPTION_USE_STD_STRING_VIEW 0, so the two are distinct types and do not convert.

#ifndef LIAISON_ENGINE_UTIL_STRINGS_H_
#define LIAISON_ENGINE_UTIL_STRINGS_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace liaison {

inline absl::string_view ToAbsl(std::string_view s) { return {s.data(), s.size()}; }
inline std::string_view ToStd(absl::string_view s) { return {s.data(), s.size()}; }

}  // namespace liaison

#endif  // LIAISON_ENGINE_UTIL_STRINGS_H_
