#pragma once
// The HTTP/1.1 server: Boost.Beast sessions as C++20 coroutines on N I/O threads, handlers on a
// bounded worker pool, and every limit the anti-patterns list asks for (deadlines before each
// read and write, a fresh parser per request, header and per-route body limits, a cap on
// requests in flight, bounded pipelining, two-phase graceful shutdown). Handlers never see a
// socket: they get a Request and return a Response (see router.hpp).
//
// A request goes: read header → decode target (400) → in-flight cap (503) → route (404/405)
// → body limit (413) → read body into form fields / temp files / raw body → before-middleware
// → handler → after-middleware → security headers → write → access log and metrics.
//
// Configuration. The app maps the TOML keys on the left onto these fields; error messages
// name the keys, so an operator who sees "413 … http.body_limit" knows what to change.
//
// | key / field                        | meaning                                                |
// default        |
// |------------------------------------|--------------------------------------------------------|----------------|
// | http.address        address        | listen address                                         |
// 127.0.0.1      | | http.port           port           | listen port (0: pick a free one, see
// port())           | 8080           | | http.io_threads     io_threads     | threads running
// sockets and coroutines                 | 2              | | http.worker_threads worker_threads |
// blocking pool for handlers (database work)             | 8              | | http.max_in_flight
// max_in_flight  | requests being handled at once; beyond → 503           | 256            | |
// http.retry_after    retry_after    | Retry-After seconds sent with 503                      | 5 s
// | | http.header_limit   header_limit   | bytes of request line + headers; beyond → 431          |
// 8192           | | http.body_limit     body_limit     | default body bytes per route; beyond →
// 413             | 1 MiB          | | http.max_file_size  max_file_size  | bytes in one uploaded
// file; beyond → 413               | 20 MiB         | | http.max_field_size max_field_size | bytes
// in one multipart text field; beyond → 413        | 64 KiB         | | http.max_parts max_parts |
// parts in one multipart body; beyond → 413              | 256            | | http.upload_dir
// upload_dir     | where uploads are streamed (removed after the request) | system temp    | |
// http.read_timeout   read_timeout   | deadline to read one request (header, then body)       | 30
// s           | | http.write_timeout  write_timeout  | deadline to write one response | 30 s | |
// http.idle_timeout   idle_timeout   | keep-alive wait for the next request                   | 10
// s           | | http.pipeline_buffer pipeline_buffer | bytes of pipelined input buffered beyond
// the header  | 64 KiB         | | http.shutdown_grace shutdown_grace | time in-flight requests get
// to finish on shutdown      | 10 s           | | http.access_log     access_log     | one log line
// per request                               | true           | | http.content_security_policy
// content_security_policy | CSP sent on every response | see below | | (code) handle_signals | stop
// gracefully on SIGTERM/SIGINT                      | true           | | (code) normalize_text |
// applied to query, form, route text and file names      | identity       | | (code) render_error
// | renders 400/404/405/413/415/431/500/503 pages          | plain text     |
//
// The CSP default is "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'
// data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'". A handler may set its
// own Content-Security-Policy; the others (nosniff, same-origin, DENY) are always sent.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http/error_page.hpp"
#include "http/metrics.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "http/status.hpp"

namespace danchu::http {

using BeforeMiddleware = std::function<std::optional<Response>(Request&)>;
using AfterMiddleware = std::function<void(Request&, Response&)>;

inline constexpr std::string_view kDefaultContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

struct ServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;
    unsigned io_threads = 2;
    unsigned worker_threads = 8;
    std::size_t max_in_flight = 256;
    std::chrono::seconds retry_after{5};
    std::uint32_t header_limit = 8192;
    std::uint64_t body_limit = 1024 * 1024;
    std::uint64_t max_file_size = 20u * 1024 * 1024;
    std::uint64_t max_field_size = 64 * 1024;
    std::size_t max_parts = 256;
    std::filesystem::path upload_dir = std::filesystem::temp_directory_path();
    std::chrono::milliseconds read_timeout{30'000};
    std::chrono::milliseconds write_timeout{30'000};
    std::chrono::milliseconds idle_timeout{10'000};
    std::size_t pipeline_buffer = 64 * 1024;
    std::chrono::milliseconds shutdown_grace{10'000};
    bool access_log = true;
    std::string content_security_policy = std::string(kDefaultContentSecurityPolicy);
    bool handle_signals = true;
    TextNormalizer normalize_text = {};
    ErrorRenderer render_error = {};
};

class Server final {
  public:
    explicit Server(ServerOptions options = {});
    /// Stops (gracefully) and joins if still running.
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    [[nodiscard]] Router& router();
    [[nodiscard]] Metrics& metrics();
    [[nodiscard]] const ServerOptions& options() const;

    /// Middleware run on the handler's thread, in registration order. A before-middleware that
    /// returns a Response short-circuits the handler (CSRF → 403); after-middleware runs on
    /// every routed response, including short-circuited ones. Register before start().
    void use_before(BeforeMiddleware m);
    void use_after(AfterMiddleware m);

    /// Binds, listens and starts the I/O threads; returns at once. Throws
    /// boost::system::system_error if the address cannot be bound.
    void start();
    /// Blocks until the server has stopped and every thread has been joined.
    void wait();
    /// start() then wait(): what `danchu serve` calls.
    void run();
    /// Begins a graceful shutdown: stop accepting, close idle connections, let requests in
    /// flight finish within shutdown_grace, then close the rest. Thread-safe, idempotent.
    void stop();
    /// The bound port (useful with port 0); valid after start().
    [[nodiscard]] std::uint16_t port() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace danchu::http
