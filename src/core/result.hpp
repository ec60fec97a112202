#pragma once
// Result<T>: a value or an Error. Built on boost::system::result so every call site goes
// through one alias; propagate with an early return:
//
//     auto user = find_user(tx, id);
//     if (!user) return user.error();

#include <boost/system/result.hpp>
#include <stdexcept>
#include <utility>

#include "core/error.hpp"

namespace danchu {

template <class T>
using Result = boost::system::result<T, Error>;

using Status = Result<void>;

// Builds an Error for `return fail(...)` inside a function returning Result<T>.
[[nodiscard]] inline Error fail(ErrorCode code, std::string message_key,
                                std::vector<FieldError> fields = {}, std::string detail = {}) {
    return Error{code, std::move(message_key), std::move(fields), std::move(detail)};
}

// Thrown by Result<T>::value() when it holds an error: a bug at the call site, because
// callers must test a Result before reading it.
class BadResultAccess final : public std::runtime_error {
  public:
    explicit BadResultAccess(const Error& e)
        : std::runtime_error("Result accessed while holding error: " + e.message_key), error(e) {}
    Error error;
};

// Found by boost::system::result through argument-dependent lookup.
[[noreturn]] inline void throw_exception_from_error(const Error& e, const boost::source_location&) {
    throw BadResultAccess(e);
}

}  // namespace danchu
