#pragma once
// Static files from one directory, with the validators browsers and nginx use: a strong ETag
// from size and mtime, Last-Modified, 304 on If-None-Match / If-Modified-Since, Cache-Control
// max-age, and a precompressed `file.gz` sibling served when the client accepts gzip. Paths
// come from a decoded route parameter and can never leave the root: ".." and "." segments,
// NUL, backslashes and symlinks pointing outside are refused with 404.
//
// | name (config key)                 | meaning                        | default |
// |-----------------------------------|--------------------------------|---------|
// | root (http.static_dir)            | directory served               | static  |
// | max_age (http.static_max_age)     | Cache-Control max-age seconds  | 3600    |

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"

namespace danchu::http {

struct StaticOptions {
    std::chrono::seconds max_age{3600};
};

class StaticFiles final {
  public:
    explicit StaticFiles(std::filesystem::path root, StaticOptions options = {});

    /// Answers a GET/HEAD for `relative` (decoded, '/'-separated, relative to the root):
    /// 200 with a file body, 304, or 404.
    [[nodiscard]] Response serve(const Request& req, std::string_view relative) const;

    /// A handler serving the route parameter `param` (register with RunOn::Io):
    ///     router.get("/static/{path:path}", "static", files.handler(), {.run_on = RunOn::Io});
    [[nodiscard]] Handler handler(std::string param = "path") const;

  private:
    std::filesystem::path root_;
    StaticOptions options_;
};

/// The Content-Type for a file name, by extension; application/octet-stream when unknown.
[[nodiscard]] std::string_view content_type_for(std::string_view filename);

/// RFC 7231 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") and its parser (nullopt if invalid).
[[nodiscard]] std::string http_date(std::chrono::system_clock::time_point t);
[[nodiscard]] std::optional<std::chrono::system_clock::time_point> parse_http_date(
    std::string_view s);

}  // namespace danchu::http
