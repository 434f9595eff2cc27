// Status propagation macros. Debian 12's Abseil (20220623) has no ABSL_RETURN_IF_ERROR /
// ABSL_ASSIGN_OR_RETURN, so the engine defines its own, prefixed to avoid a clash later.

#ifndef LIAISON_ENGINE_UTIL_STATUS_MACROS_H_
#define LIAISON_ENGINE_UTIL_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define LIAISON_STATUS_CONCAT_INNER_(a, b) a##b
#define LIAISON_STATUS_CONCAT_(a, b) LIAISON_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function when `expr` (an absl::Status) is not OK.
#define LIAISON_RETURN_IF_ERROR(expr)                 \
  do {                                                \
    ::absl::Status liaison_status_ = (expr);          \
    if (!liaison_status_.ok()) return liaison_status_; \
  } while (0)

// `LIAISON_ASSIGN_OR_RETURN(auto x, F());` declares x from F()'s value or returns its status.
#define LIAISON_ASSIGN_OR_RETURN(lhs, expr) \
  LIAISON_ASSIGN_OR_RETURN_IMPL_(LIAISON_STATUS_CONCAT_(liaison_statusor_, __LINE__), lhs, expr)
#define LIAISON_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                   \
  if (!statusor.ok()) return std::move(statusor).status();  \
  lhs = std::move(statusor).value()

#endif  // LIAISON_ENGINE_UTIL_STATUS_MACROS_H_
