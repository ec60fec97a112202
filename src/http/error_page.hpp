#pragma once
// Error pages for the answers the session gives on its own (400, 404, 405, 413, 415, 431,
// 500, 503). The web layer installs a renderer that draws its Vietnamese HTML page; the
// default here is a short plain-text page, Vietnamese first, that still names the request id
// and the configuration key of a limit so an operator can act on it.

#include <functional>
#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/status.hpp"

namespace danchu::http {

/// Renders an error page. `request` may be null when nothing could be parsed; otherwise it
/// carries the request id and, for limit errors, error_detail() = the config key
/// ("http.body_limit"). `message_key` is an i18n key ("http.error.not_found").
using ErrorRenderer =
    std::function<Response(const Request* request, Status status, std::string_view message_key)>;

/// The plain-text renderer used unless the app installs its own.
[[nodiscard]] Response default_error_renderer(const Request* request, Status status,
                                              std::string_view message_key);

}  // namespace danchu::http
