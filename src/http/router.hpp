#pragma once
// Named routes with path templates. A template is a list of segments: literals, `{name}` (one
// non-empty segment), `{name:int}` (a base-10 int64) and a final `{name:path}` (the rest of the
// path, one or more segments). Routes have names so that templates and redirects build URLs
// with url_for() rather than by string concatenation, and so that logs and metrics group by
// route instead of by raw URL.
//
// When several templates match, the most specific wins (literal before int before text before
// path, compared segment by segment), so `/o/new` beats `/o/{slug}` whatever the order of
// registration.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/status.hpp"

namespace danchu::http {

/// Where a handler runs. Worker (default): the bounded blocking pool, because handlers do
/// database work. Io: directly on the connection's I/O thread, only for work that never
/// blocks (static files, /metrics, /healthz).
enum class RunOn { Worker, Io };

enum class Multipart { Rejected, Allowed };

using Handler = std::function<Response(Request&)>;
/// A handler tried first on the I/O thread; nullopt sends the request on to the worker
/// handler as usual. For answers that need no blocking work, such as a rendered page served
/// from memory to an anonymous visitor. It must never block; middleware does not run for the
/// answers it gives.
using FastPath = std::function<std::optional<Response>(Request&)>;
struct RouteOptions {
    /// Body limit in bytes; nullopt uses ServerOptions::body_limit (http.body_limit).
    std::optional<std::uint64_t> body_limit = std::nullopt;
    /// The config key named in the 413 message when `body_limit` is set.
    std::string body_limit_key = "http.body_limit";
    Multipart multipart = Multipart::Rejected;
    RunOn run_on = RunOn::Worker;
    FastPath io_fast_path = {};
};

using Params = std::vector<std::pair<std::string, std::string>>;

struct Route {
    Method method;
    std::string pattern;
    std::string name;
    Handler handler;
    RouteOptions options;

    enum class Kind { Literal, Int, Text, Path };
    struct Segment {
        Kind kind;
        std::string text;  // literal text, or parameter name
    };
    std::vector<Segment> segments;
};

struct RouteMatch {
    enum class Outcome { Found, NotFound, MethodNotAllowed };
    Outcome outcome = Outcome::NotFound;
    const Route* route = nullptr;
    Params params;
    std::vector<Method> allowed;  // for MethodNotAllowed; HEAD is implied by GET
    /// The Allow header value ("GET, HEAD, POST").
    [[nodiscard]] std::string allow_header() const;
};

class Router final {
  public:
    /// Registers a route. Throws std::invalid_argument on a malformed template or a duplicate
    /// name: both are wiring bugs that must stop the program at startup.
    Router& add(Method method, std::string_view pattern, std::string name, Handler handler,
                RouteOptions options = {});
    Router& get(std::string_view pattern, std::string name, Handler h, RouteOptions o = {}) {
        return add(Method::get, pattern, std::move(name), std::move(h), std::move(o));
    }
    Router& post(std::string_view pattern, std::string name, Handler h, RouteOptions o = {}) {
        return add(Method::post, pattern, std::move(name), std::move(h), std::move(o));
    }

    /// Finds the route for a method and decoded path segments. HEAD matches GET routes.
    [[nodiscard]] RouteMatch match(Method method, const std::vector<std::string>& segments) const;

    /// Builds the path of route `name`, percent-encoding each value. Fails with Internal
    /// ("http.error.url_for") on an unknown route, a missing parameter or a non-integer value
    /// for an int parameter. `query` is appended urlencoded.
    [[nodiscard]] Result<std::string> url_for(std::string_view name, const Params& params = {},
                                              const Params& query = {}) const;

    [[nodiscard]] const Route* find(std::string_view name) const;
    [[nodiscard]] const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

  private:
    std::vector<std::unique_ptr<Route>> routes_;
};

}  // namespace danchu::http
