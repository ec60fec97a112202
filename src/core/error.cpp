#include "core/error.hpp"

namespace danchu {

const char* to_string(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidInput:
            return "invalid_input";
        case ErrorCode::NotFound:
            return "not_found";
        case ErrorCode::Unauthenticated:
            return "unauthenticated";
        case ErrorCode::Forbidden:
            return "forbidden";
        case ErrorCode::Conflict:
            return "conflict";
        case ErrorCode::DeadlinePassed:
            return "deadline_passed";
        case ErrorCode::TooManyRequests:
            return "too_many_requests";
        case ErrorCode::PayloadTooLarge:
            return "payload_too_large";
        case ErrorCode::Unavailable:
            return "unavailable";
        case ErrorCode::Internal:
            return "internal";
    }
    return "internal";
}

}  // namespace danchu
