#include "http/errors.hpp"

#include <gtest/gtest.h>

namespace danchu::http {
namespace {

TEST(StatusFor, EveryErrorCodeHasItsStatus) {
    EXPECT_EQ(status_for(ErrorCode::InvalidInput), Status::unprocessable_entity);
    EXPECT_EQ(status_for(ErrorCode::NotFound), Status::not_found);
    EXPECT_EQ(status_for(ErrorCode::Unauthenticated), Status::unauthorized);
    EXPECT_EQ(status_for(ErrorCode::Forbidden), Status::forbidden);
    EXPECT_EQ(status_for(ErrorCode::Conflict), Status::conflict);
    EXPECT_EQ(status_for(ErrorCode::DeadlinePassed), Status::conflict);
    EXPECT_EQ(status_for(ErrorCode::TooManyRequests), Status::too_many_requests);
    EXPECT_EQ(status_for(ErrorCode::PayloadTooLarge), Status::payload_too_large);
    EXPECT_EQ(status_for(ErrorCode::Unavailable), Status::service_unavailable);
    EXPECT_EQ(status_for(ErrorCode::Internal), Status::internal_server_error);
}

}  // namespace
}  // namespace danchu::http
