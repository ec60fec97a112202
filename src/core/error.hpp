#pragma once
// Errors as values. Every outcome a user can cause (bad input, missing record, no
// permission, state conflict, a passed deadline, a throttle) is an Error carried in a
// Result<T>; exceptions are reserved for broken infrastructure. The HTTP layer maps
// ErrorCode to a status in exactly one switch (http/errors.cpp), so adding a code here is
// a compile error there until it is mapped.

#include <string>
#include <vector>

namespace danchu {

enum class ErrorCode {
    InvalidInput,     // the user's input is malformed or breaks a rule; fix the form
    NotFound,         // no such record, or not visible to this actor
    Unauthenticated,  // needs a signed-in actor
    Forbidden,        // signed in, but the policy says no
    Conflict,         // the record changed state, or a unique value is taken
    DeadlinePassed,   // a legal period is over
    TooManyRequests,  // a throttle tripped (login attempts, receipt guessing)
    PayloadTooLarge,  // a configured size limit; the message names the setting
    Unavailable,      // a dependency (database) cannot be reached right now
    Internal,         // a bug or broken infrastructure
};

// A message for one form field; `message_key` is an i18n key.
struct FieldError {
    std::string field;
    std::string message_key;
};

struct Error {
    ErrorCode code = ErrorCode::Internal;
    // An i18n key ("identity.error.bad_password") that the web layer translates.
    std::string message_key;
    std::vector<FieldError> fields = {};
    // Extra text for logs and for messages that must name a setting; never shown raw
    // unless the message key's template includes it.
    std::string detail = {};
};

[[nodiscard]] const char* to_string(ErrorCode code);

}  // namespace danchu
