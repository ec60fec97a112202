#pragma once
// Cookie header parsing and Set-Cookie serialisation (RFC 6265). The session cookie carries
// the only credential a browser holds, so serialisation defaults to the strict attributes
// (HttpOnly, SameSite=Lax, Path=/) and callers opt out explicitly.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace danchu::http {

enum class SameSite { Strict, Lax, None };

struct CookieOptions {
    bool http_only = true;
    SameSite same_site = SameSite::Lax;
    bool secure = false;  // the app sets this when served over TLS (http.secure_cookies)
    std::optional<std::chrono::seconds> max_age = std::nullopt;  // nullopt: session cookie
    std::string path = "/";
};

using Cookies = std::vector<std::pair<std::string, std::string>>;

/// Parses a Cookie request header ("a=1; b=2"). Pairs without '=' are skipped; values keep
/// their bytes (surrounding double quotes are removed). Never fails.
[[nodiscard]] Cookies parse_cookie_header(std::string_view header);

/// The Set-Cookie value. `name` must be an RFC 7230 token (characters outside it are dropped);
/// bytes of `value` outside RFC 6265 cookie-octets are percent-encoded so the header stays
/// well-formed.
[[nodiscard]] std::string serialize_set_cookie(std::string_view name, std::string_view value,
                                               const CookieOptions& options);

}  // namespace danchu::http
