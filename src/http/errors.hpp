#pragma once
// The only place where domain errors become HTTP statuses. The switch has no `default:`, so a
// new ErrorCode fails to compile (-Wswitch -Werror) until someone decides its status.

#include "core/error.hpp"
#include "http/status.hpp"

namespace danchu::http {

[[nodiscard]] Status status_for(ErrorCode code);

}  // namespace danchu::http
