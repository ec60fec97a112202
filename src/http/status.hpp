#pragma once
// The HTTP status vocabulary of the layer: Beast's enum, under one name, so callers never
// write bare numbers.

// Beast's status header prints through std::ostream without including it, so <ostream> must
// come first.
// clang-format off
#include <ostream>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/verb.hpp>
// clang-format on

namespace danchu::http {

using Status = boost::beast::http::status;
using Method = boost::beast::http::verb;

}  // namespace danchu::http
