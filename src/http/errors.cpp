#include "http/errors.hpp"

#include <cassert>

namespace danchu::http {

Status status_for(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidInput:
            return Status::unprocessable_entity;
        case ErrorCode::NotFound:
            return Status::not_found;
        case ErrorCode::Unauthenticated:
            return Status::unauthorized;
        case ErrorCode::Forbidden:
            return Status::forbidden;
        case ErrorCode::Conflict:
        case ErrorCode::DeadlinePassed:
            return Status::conflict;
        case ErrorCode::TooManyRequests:
            return Status::too_many_requests;
        case ErrorCode::PayloadTooLarge:
            return Status::payload_too_large;
        case ErrorCode::Unavailable:
            return Status::service_unavailable;
        case ErrorCode::Internal:
            return Status::internal_server_error;
    }
    assert(false && "unmapped ErrorCode");
    return Status::internal_server_error;
}

}  // namespace danchu::http
