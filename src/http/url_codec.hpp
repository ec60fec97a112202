#pragma once
// Percent-encoding and UTF-8 checks for text that crosses the HTTP boundary: request paths,
// query strings, form bodies and URLs built by the router. Kept apart from the server so the
// form parser and the router (both fuzzed) depend on nothing but this file and core.

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace danchu::http {

enum class PlusAsSpace { No, Yes };

/// Decodes %XX escapes (and '+' as a space in form encoding). Fails with InvalidInput
/// ("http.error.bad_escape") on a truncated or non-hex escape. Does not check UTF-8.
[[nodiscard]] Result<std::string> percent_decode(std::string_view in, PlusAsSpace plus);

/// Encodes everything except RFC 3986 unreserved characters; `keep` lists extra characters
/// left as they are (for example "/" when encoding a multi-segment path parameter).
[[nodiscard]] std::string percent_encode(std::string_view in, std::string_view keep = {});

/// Encodes for application/x-www-form-urlencoded (space as '+').
[[nodiscard]] std::string form_encode(std::string_view in);

/// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
[[nodiscard]] bool is_valid_utf8(std::string_view s);

}  // namespace danchu::http
