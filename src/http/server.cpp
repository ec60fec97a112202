#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/session_io.hpp"

namespace danchu::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

using detail::BodyError;
using detail::kChunk;

namespace {

// A connection known to the server, so shutdown can close the idle ones. `busy` is touched
// only on the connection's strand.
struct Connection {
    explicit Connection(tcp::socket s) : stream(std::move(s)) {}
    beast::tcp_stream stream;
    bool busy = false;
    // Set when the connection is closed with a request body unread (413, 404 before the body):
    // the client may still be sending, and closing at once would make its kernel answer
    // our close with a reset that destroys the error page before the browser shows it.
    bool drain = false;
};

}  // namespace

struct Server::Impl {
    explicit Impl(ServerOptions o) : opts(std::move(o)) {}

    ServerOptions opts;
    Router router;
    Metrics metrics;
    std::vector<BeforeMiddleware> befores;
    std::vector<AfterMiddleware> afters;

    net::io_context ioc;
    // Server-wide objects (acceptor, signals, grace timer) live on one strand.
    net::strand<net::io_context::executor_type> control{ioc.get_executor()};
    tcp::acceptor acceptor{control};
    net::signal_set signals{control};
    net::steady_timer grace_timer{control};
    std::optional<net::thread_pool> workers;
    std::vector<std::thread> threads;
    std::atomic<bool> stopping{false};
    std::atomic<std::uint16_t> bound_port{0};
    std::atomic<long> in_flight{0};
    bool started = false;
    bool joined = false;

    std::mutex conns_mutex;
    std::unordered_map<std::uint64_t, std::shared_ptr<Connection>> conns;
    std::uint64_t next_conn = 0;

    struct InFlightGuard {
        Impl* self;
        ~InFlightGuard() {
            self->in_flight.fetch_sub(1);
            self->metrics.in_flight_add(-1);
        }
    };

    // --- Errors -------------------------------------------------------------------------
    Response render_error(const Request* req, Status status, std::string_view key) {
        if (opts.render_error) {
            try {
                return opts.render_error(req, status, key);
            } catch (const std::exception& e) {
                spdlog::error("http: error renderer threw for {}: {}",
                              static_cast<unsigned>(status), e.what());
            }
        }
        return default_error_renderer(req, status, key);
    }

    // --- Handler invocation (on a worker, or inline for RunOn::Io) ----------------------
    Response invoke(Request& req, const Route& route) {
        try {
            std::optional<Response> res;
            for (auto& before : befores) {
                res = before(req);
                if (res) break;
            }
            if (!res) res = route.handler(req);
            for (auto& after : afters) after(req, *res);
            return std::move(*res);
        } catch (const std::exception& e) {
            spdlog::error("http {} route {}: handler threw: {}", req.request_id(), route.name,
                          e.what());
        } catch (...) {
            spdlog::error("http {} route {}: handler threw a non-std exception", req.request_id(),
                          route.name);
        }
        return render_error(&req, Status::internal_server_error, "http.error.internal");
    }

    // The route's I/O-thread shortcut, if it has one and it answers.
    std::optional<Response> try_fast_path(Request& req, const Route& route) {
        if (!route.options.io_fast_path) return std::nullopt;
        try {
            return route.options.io_fast_path(req);
        } catch (const std::exception& e) {
            spdlog::error("http {} route {}: fast path threw: {}", req.request_id(), route.name,
                          e.what());
        }
        return std::nullopt;  // the worker handler gets its chance
    }

    void finish_headers(Response& res, const Request* req) {
        res.set_header_if_absent("Content-Security-Policy", opts.content_security_policy);
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Referrer-Policy", "same-origin");
        res.set_header("X-Frame-Options", "DENY");
        if (req != nullptr && !req->request_id().empty())
            res.set_header("X-Request-Id", std::string(req->request_id()));
        res.remove_header("Content-Length");
        res.remove_header("Connection");
        res.remove_header("Transfer-Encoding");
    }

    // --- One request --------------------------------------------------------------------
    // The synchronous part of a request: in-flight cap, target, route. Returns the route, or
    // null after filling `res` with the error answer.
    const Route* admit(Request& req, Response& res, bool& keep_alive, bool has_body,
                       long now_in_flight, const std::string& target) {
        auto reject = [&](Status s, std::string_view key, std::string detail = {}) {
            req.set_error_detail(std::move(detail));
            res = render_error(&req, s, key);
            // The body (if any) was not read, so the connection cannot be reused.
            if (has_body) keep_alive = false;
        };
        if (now_in_flight > static_cast<long>(opts.max_in_flight)) {
            reject(Status::service_unavailable, "http.error.overloaded", "http.max_in_flight");
            res.set_header("Retry-After", std::to_string(opts.retry_after.count()));
            keep_alive = false;
            return nullptr;
        }
        auto t = req.set_target(target, opts.normalize_text);
        if (!t) {
            reject(Status::bad_request, t.error().message_key);
            keep_alive = false;
            return nullptr;
        }
        RouteMatch m = router.match(req.method(), req.path_segments());
        switch (m.outcome) {
            case RouteMatch::Outcome::NotFound:
                reject(Status::not_found, "http.error.not_found");
                return nullptr;
            case RouteMatch::Outcome::MethodNotAllowed:
                reject(Status::method_not_allowed, "http.error.method_not_allowed");
                res.set_header("Allow", m.allow_header());
                return nullptr;
            case RouteMatch::Outcome::Found:
                break;
        }
        // Parameters come from path segments, which set_target() has already normalised.
        req.set_route(m.route->name, std::move(m.params));
        return m.route;
    }

    net::awaitable<Response> run_on_worker(std::shared_ptr<Request> req, const Route& route) {
        // Posts the handler to the worker pool and resumes this coroutine on its own strand
        // with the result. The request is shared with the worker so that it outlives the
        // coroutine if the connection is torn down at the end of a shutdown grace period.
        //
        // Written as a plain initiation rather than co_spawn with a capturing lambda: GCC 12
        // destroys the captures of a lambda passed by value into a coroutine twice.
        auto initiate = [this, &route](auto handler, std::shared_ptr<Request> r) {
            auto resume = net::get_associated_executor(handler);
            net::post(*workers, [this, &route, r = std::move(r), handler = std::move(handler),
                                 resume]() mutable {
                Response res = invoke(*r, route);
                net::post(resume, [handler = std::move(handler), res = std::move(res)]() mutable {
                    std::move(handler)(std::move(res));
                });
            });
        };
        Response res = co_await net::async_initiate<const net::use_awaitable_t<>&, void(Response)>(
            initiate, net::use_awaitable, std::move(req));
        co_return res;
    }

    net::awaitable<bool> write_continue(beast::tcp_stream& stream) {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        beast::error_code ec;
        stream.expires_after(opts.write_timeout);
        co_await net::async_write(stream, net::buffer(kContinue.data(), kContinue.size()),
                                  net::redirect_error(net::use_awaitable, ec));
        co_return !ec;
    }

    // Returns whether the connection may carry another request.
    net::awaitable<bool> handle_request(Connection& conn, beast::flat_buffer& buffer,
                                        bhttp::request_parser<bhttp::buffer_body>& parser,
                                        std::vector<char>& chunk, const std::string& remote,
                                        std::uint16_t remote_port,
                                        std::chrono::steady_clock::time_point started) {
        auto& stream = conn.stream;
        auto& head = parser.get();
        auto req = std::make_shared<Request>();
        req->set_method(head.method(), std::string(head.method_string()));
        for (const auto& field : head)
            req->add_header(std::string(field.name_string()), std::string(field.value()));
        req->set_remote(remote, remote_port);
        req->set_request_id(make_request_id());
        const bool is_head = head.method() == Method::head;
        const unsigned version = head.version();
        bool keep_alive = head.keep_alive();
        const bool has_body = !parser.is_done();
        const std::string target(head.target());

        const long now_in_flight = in_flight.fetch_add(1) + 1;
        metrics.in_flight_add(1);
        InFlightGuard guard{this};

        Response res;
        std::string route_name;
        const Route* route = admit(*req, res, keep_alive, has_body, now_in_flight, target);
        if (route != nullptr) {
            route_name = route->name;
            const std::uint64_t limit = route->options.body_limit.value_or(opts.body_limit);
            const std::string limit_key = route->options.body_limit
                                              ? route->options.body_limit_key
                                              : std::string("http.body_limit");
            std::optional<BodyError> body_error;
            const auto length = parser.content_length();
            if (length.has_value() && *length > limit) {
                body_error =
                    BodyError{Status::payload_too_large, "http.error.payload_too_large", limit_key};
            } else if (has_body) {
                const auto expect = req->header("Expect");
                const bool wants_continue =
                    expect.has_value() && iequals(*expect, "100-continue") && version >= 11;
                if (wants_continue) {
                    const bool ok = co_await write_continue(stream);
                    if (!ok) co_return false;
                }
                parser.body_limit(limit);
                body_error = co_await detail::read_request_body(stream, buffer, parser, chunk, *req,
                                                                *route, limit, limit_key, opts);
            }
            if (body_error.has_value()) {
                if (body_error->status == Status::request_timeout) co_return false;
                req->set_error_detail(body_error->detail);
                res = render_error(req.get(), body_error->status, body_error->key);
                keep_alive = false;
            } else if (route->options.run_on == RunOn::Io) {
                res = invoke(*req, *route);
            } else if (auto fast = try_fast_path(*req, *route)) {
                res = std::move(*fast);
            } else {
                res = co_await run_on_worker(req, *route);
            }
        }

        finish_headers(res, req.get());
        if (stopping.load()) keep_alive = false;
        if (!parser.is_done()) {
            keep_alive = false;
            conn.drain = true;
        }
        const unsigned status = static_cast<unsigned>(res.status());
        const std::optional<std::size_t> written = co_await detail::write_response(
            stream, res, is_head, version, keep_alive, opts.write_timeout);
        const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::steady_clock::now() - started);
        metrics.observe(route_name, status, micros);
        if (opts.access_log)
            spdlog::info("http {} {}:{} {} {} {} {}B {}us route={}", req->request_id(), remote,
                         remote_port, req->method_string(), target, status, written.value_or(0),
                         micros.count(), route_name.empty() ? "-" : route_name);
        co_return written.has_value() && keep_alive;
    }

    // Answers a request whose header could not be parsed, then the connection closes.
    net::awaitable<void> answer_unparsed(Connection& conn, Status status, std::string_view key,
                                         std::string detail, const std::string& remote,
                                         std::uint16_t remote_port,
                                         std::chrono::steady_clock::time_point started) {
        Request req;
        req.set_remote(remote, remote_port);
        req.set_request_id(make_request_id());
        req.set_error_detail(std::move(detail));
        Response res = render_error(&req, status, key);
        finish_headers(res, &req);
        const std::optional<std::size_t> written =
            co_await detail::write_response(conn.stream, res, false, 11, false, opts.write_timeout);
        auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::steady_clock::now() - started);
        metrics.observe("", static_cast<unsigned>(status), micros);
        if (opts.access_log)
            spdlog::info("http {} {}:{} - - {} {}B {}us route=-", req.request_id(), remote,
                         remote_port, static_cast<unsigned>(status), written.value_or(0),
                         micros.count());
    }

    // --- One connection -----------------------------------------------------------------
    net::awaitable<void> session(std::shared_ptr<Connection> conn, std::uint64_t id) {
        try {
            co_await serve_connection(*conn);
        } catch (const std::exception& e) {
            spdlog::error("http: connection failed: {}", e.what());
        }
        beast::error_code ec;
        conn->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        if (conn->drain && !ec) co_await detail::drain(conn->stream);
        conn->stream.socket().close(ec);
        unregister(id);
    }

    net::awaitable<void> serve_connection(Connection& conn) {
        auto& stream = conn.stream;
        beast::error_code ec;
        auto endpoint = stream.socket().remote_endpoint(ec);
        std::string remote = ec ? std::string("?") : endpoint.address().to_string();
        std::uint16_t remote_port = ec ? 0 : endpoint.port();
        // The buffer's cap bounds how much pipelined input a client can queue ahead of us.
        beast::flat_buffer buffer(opts.header_limit + opts.pipeline_buffer);
        // The body chunk buffer is allocated by the first request that has a body: most
        // connections (page views, keep-alive idlers) never need its 64 KiB.
        std::vector<char> chunk;
        bool first = true;
        while (!stopping.load()) {
            bhttp::request_parser<bhttp::buffer_body> parser;
            parser.header_limit(opts.header_limit);
            // The route's limit is applied after routing; an unlimited parser here lets a big
            // Content-Length reach that check instead of failing inside the header read.
            parser.body_limit(boost::none);
            stream.expires_after(first ? opts.read_timeout : opts.idle_timeout);
            conn.busy = false;
            beast::error_code rec;
            co_await bhttp::async_read_header(stream, buffer, parser,
                                              net::redirect_error(net::use_awaitable, rec));
            conn.busy = true;
            first = false;
            auto started = std::chrono::steady_clock::now();
            if (rec) {
                if (rec == bhttp::error::header_limit) {
                    co_await answer_unparsed(conn, Status::request_header_fields_too_large,
                                             "http.error.header_too_large", "http.header_limit",
                                             remote, remote_port, started);
                } else if (rec == bhttp::error::buffer_overflow) {
                    co_await answer_unparsed(conn, Status::request_header_fields_too_large,
                                             "http.error.header_too_large", "http.pipeline_buffer",
                                             remote, remote_port, started);
                } else if (detail::is_http_parse_error(rec) && rec != bhttp::error::end_of_stream &&
                           rec != bhttp::error::partial_message) {
                    co_await answer_unparsed(conn, Status::bad_request, "http.error.bad_request",
                                             {}, remote, remote_port, started);
                }
                co_return;
            }
            const bool again =
                co_await handle_request(conn, buffer, parser, chunk, remote, remote_port, started);
            if (!again) co_return;
        }
    }

    // --- Lifecycle ----------------------------------------------------------------------
    net::awaitable<void> accept_loop() {
        for (;;) {
            beast::error_code ec;
            tcp::socket socket = co_await acceptor.async_accept(
                net::make_strand(ioc), net::redirect_error(net::use_awaitable, ec));
            if (ec) {
                if (stopping.load() || ec == net::error::operation_aborted) co_return;
                spdlog::warn("http: accept failed: {}", ec.message());
                continue;
            }
            auto conn = std::make_shared<Connection>(std::move(socket));
            std::uint64_t id;
            {
                std::lock_guard lock(conns_mutex);
                id = next_conn++;
                conns.emplace(id, conn);
            }
            net::co_spawn(conn->stream.get_executor(), session(conn, id), net::detached);
        }
    }

    void unregister(std::uint64_t id) {
        bool last = false;
        {
            std::lock_guard lock(conns_mutex);
            conns.erase(id);
            last = conns.empty();
        }
        if (last && stopping.load()) net::post(control, [this] { grace_timer.cancel(); });
    }

    // Runs on the control strand.
    void begin_shutdown() {
        if (stopping.exchange(true)) return;
        spdlog::info("http: shutting down; in flight: {}", in_flight.load());
        beast::error_code ec;
        acceptor.close(ec);
        signals.cancel(ec);
        bool any = false;
        {
            std::lock_guard lock(conns_mutex);
            for (auto& [id, conn] : conns) {
                any = true;
                // Idle keep-alive connections are closed now; busy ones finish their response
                // and then see `stopping`.
                net::post(conn->stream.get_executor(), [conn] {
                    if (!conn->busy) conn->stream.cancel();
                });
            }
        }
        if (!any) return;
        grace_timer.expires_after(opts.shutdown_grace);
        grace_timer.async_wait([this](beast::error_code wait_ec) {
            if (wait_ec) return;  // every connection finished in time
            spdlog::warn("http: shutdown grace period over; closing remaining connections");
            {
                std::lock_guard lock(conns_mutex);
                for (auto& [id, conn] : conns)
                    net::post(conn->stream.get_executor(), [conn] {
                        beast::error_code e;
                        conn->stream.socket().close(e);
                    });
            }
            // A handler stuck on a worker keeps its coroutine alive; stop the loop so run()
            // returns instead of waiting for it.
            grace_timer.expires_after(std::chrono::milliseconds(200));
            grace_timer.async_wait([this](beast::error_code) { ioc.stop(); });
        });
    }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() {
    if (impl_->started && !impl_->joined) {
        stop();
        wait();
    }
}

Router& Server::router() { return impl_->router; }
Metrics& Server::metrics() { return impl_->metrics; }
const ServerOptions& Server::options() const { return impl_->opts; }
void Server::use_before(BeforeMiddleware m) { impl_->befores.push_back(std::move(m)); }
void Server::use_after(AfterMiddleware m) { impl_->afters.push_back(std::move(m)); }
std::uint16_t Server::port() const { return impl_->bound_port.load(); }

void Server::start() {
    Impl& s = *impl_;
    if (s.started) return;
    auto address = net::ip::make_address(s.opts.address);
    tcp::endpoint endpoint{address, s.opts.port};
    s.acceptor.open(endpoint.protocol());
    s.acceptor.set_option(net::socket_base::reuse_address(true));
    s.acceptor.bind(endpoint);
    s.acceptor.listen(net::socket_base::max_listen_connections);
    s.bound_port = s.acceptor.local_endpoint().port();
    s.workers.emplace(std::max(1u, s.opts.worker_threads));
    s.started = true;
    net::co_spawn(s.control, s.accept_loop(), net::detached);
    if (s.opts.handle_signals) {
        s.signals.add(SIGINT);
        s.signals.add(SIGTERM);
        s.signals.async_wait([&s](beast::error_code ec, int sig) {
            if (ec) return;
            spdlog::info("http: signal {} received", sig);
            s.begin_shutdown();
        });
    }
    spdlog::info("http: listening on {}:{}", s.opts.address, s.bound_port.load());
    for (unsigned i = 0; i < std::max(1u, s.opts.io_threads); ++i)
        s.threads.emplace_back([&s] { s.ioc.run(); });
}

void Server::wait() {
    Impl& s = *impl_;
    if (!s.started || s.joined) return;
    for (auto& t : s.threads) t.join();
    s.threads.clear();
    if (s.workers) s.workers->join();
    s.joined = true;
    spdlog::info("http: stopped");
}

void Server::run() {
    start();
    wait();
}

void Server::stop() {
    Impl& s = *impl_;
    if (!s.started) return;
    net::post(s.control, [&s] { s.begin_shutdown(); });
}

}  // namespace danchu::http
