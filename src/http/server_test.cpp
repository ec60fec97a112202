// Integration tests over real sockets on 127.0.0.1 with an ephemeral port.
#include "http/server.hpp"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <csignal>
#include <fstream>
#include <future>
#include <latch>
#include <mutex>
#include <sstream>
#include <thread>

#include "http/static_files.hpp"
#include "http/test_client.hpp"

namespace danchu::http {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

bool wait_until(const std::function<bool()>& cond, std::chrono::milliseconds timeout = 5s) {
    auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
        if (cond()) return true;
        std::this_thread::sleep_for(5ms);
    }
    return cond();
}

class ServerTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { spdlog::set_level(spdlog::level::warn); }

    void SetUp() override {
        dir = fs::temp_directory_path() /
              ("danchu-server-" +
               std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(dir);
        fs::create_directories(dir / "uploads");
        options.port = 0;
        options.handle_signals = false;
        options.io_threads = 2;
        options.worker_threads = 4;
        options.upload_dir = dir / "uploads";
    }
    void TearDown() override {
        release.count_down();
        client.reset();
        server.reset();
        fs::remove_all(dir);
    }

    void start() {
        server = std::make_unique<Server>(options);
        Router& r = server->router();
        r.get("/hello", "hello", [](Request& req) {
            return Response::text("xin chào " + std::string(req.query("name").value_or("bạn")));
        });
        r.get("/port", "port",
              [](Request& req) { return Response::text(std::to_string(req.remote_port())); });
        r.get("/files/{id:int}", "files.show", [](Request& req) {
            auto id = req.param_int("id");
            return Response::text(id ? std::to_string(*id * 2) : "bad");
        });
        r.post("/echo", "echo", [](Request& req) {
            std::string out;
            for (const auto& [k, v] : req.form()) out += k + "=" + v + ";";
            if (!req.body().empty()) out += "body=" + std::string(req.body());
            return Response::text(out);
        });
        RouteOptions small;
        small.body_limit = 16;
        small.body_limit_key = "uploads.max_body";
        r.post(
            "/small", "small", [](Request&) { return Response::text("ok"); }, small);
        RouteOptions uploads;
        uploads.multipart = Multipart::Allowed;
        r.post(
            "/upload", "upload",
            [this](Request& req) {
                std::string out;
                for (const auto& f : req.files()) {
                    std::ifstream in(f.temp_path, std::ios::binary);
                    std::stringstream ss;
                    ss << in.rdbuf();
                    out += f.field + ":" + f.filename + ":" + std::to_string(f.size) + ":" +
                           ss.str() + ";";
                    last_upload = f.temp_path;
                }
                out += "title=" + std::string(req.form("title").value_or(""));
                return Response::text(out);
            },
            uploads);
        r.get("/block", "block", [this](Request&) {
            entered.fetch_add(1);
            release.wait();
            return Response::text("released");
        });
        r.get("/throw", "throw",
              [](Request&) -> Response { throw std::runtime_error("disk on fire"); });
        r.post("/login", "login", [](Request&) {
            Response res = Response::redirect_see_other("/hello");
            res.set_cookie("sid", "s3cr3t");
            return res;
        });
        r.get("/whoami", "whoami", [](Request& req) {
            return Response::text(std::string(req.cookie("sid").value_or("nobody")));
        });
        extra_routes(r);
        extra_setup(*server);
        server->start();
        client = std::make_unique<HttpTestClient>(server->port());
    }

    std::function<void(Router&)> extra_routes = [](Router&) {};
    std::function<void(Server&)> extra_setup = [](Server&) {};
    ServerOptions options;
    fs::path dir;
    std::unique_ptr<Server> server;
    std::unique_ptr<HttpTestClient> client;
    std::atomic<int> entered{0};
    std::latch release{1};
    fs::path last_upload;
};

TEST_F(ServerTest, AnswersRoutedRequestWithDecodedQuery) {
    start();
    auto r = client->get("/hello?name=Nguy%E1%BB%85n+An");
    EXPECT_EQ(r.status, 200u);
    EXPECT_EQ(r.body, "xin chào Nguyễn An");
    EXPECT_EQ(r.header("Content-Type"), "text/plain; charset=utf-8");
    EXPECT_EQ(client->get("/files/21").body, "42");
}

TEST_F(ServerTest, SecurityHeadersOnEveryResponse) {
    start();
    for (auto r :
         {client->get("/hello"), client->get("/nowhere"), client->request("PUT", "/hello")}) {
        EXPECT_EQ(r.header("Content-Security-Policy"),
                  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                  "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
        EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
        EXPECT_EQ(r.header("Referrer-Policy"), "same-origin");
        EXPECT_EQ(r.header("X-Frame-Options"), "DENY");
        EXPECT_EQ(r.header("X-Request-Id").size(), 16u);
    }
    auto raw = client->raw("GARBAGE\r\n\r\n");
    EXPECT_NE(raw.find("X-Frame-Options: DENY"), std::string::npos);
}

TEST_F(ServerTest, UnknownPathIsNotFound) {
    start();
    auto r = client->get("/nowhere");
    EXPECT_EQ(r.status, 404u);
    EXPECT_NE(r.body.find("Không tìm thấy"), std::string::npos);
    EXPECT_EQ(client->get("/files/abc").status, 404u);
}

TEST_F(ServerTest, WrongMethodIsMethodNotAllowedWithAllow) {
    start();
    auto r = client->request("DELETE", "/echo");
    EXPECT_EQ(r.status, 405u);
    EXPECT_EQ(r.header("Allow"), "POST");
    EXPECT_EQ(client->request("POST", "/hello").header("Allow"), "GET, HEAD");
}

TEST_F(ServerTest, HeadIsServedFromGetWithoutBody) {
    start();
    auto get = client->get("/hello");
    auto head = client->head("/hello");
    EXPECT_EQ(head.status, 200u);
    EXPECT_TRUE(head.body.empty());
    EXPECT_EQ(head.header("Content-Length"), std::to_string(get.body.size()));
    EXPECT_EQ(client->get("/hello").status, 200u);  // the connection is still in sync
    EXPECT_EQ(client->connections_opened(), 1);
}

TEST_F(ServerTest, OversizedHeaderIs431) {
    options.header_limit = 2048;
    start();
    auto raw = client->raw("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4000, 'a') +
                           "\r\n\r\n");
    EXPECT_TRUE(raw.starts_with("HTTP/1.1 431")) << raw.substr(0, 100);
    EXPECT_NE(raw.find("http.header_limit"), std::string::npos);
    // Under the limit is fine.
    EXPECT_EQ(client->get("/hello", {{"X-Big", std::string(1000, 'a')}}).status, 200u);
}

TEST_F(ServerTest, OversizedBodyIs413NamingTheConfigKey) {
    options.body_limit = 1024;
    start();
    auto r = client->post_form("/echo", {{"text", std::string(2000, 'x')}});
    EXPECT_EQ(r.status, 413u);
    EXPECT_NE(r.body.find("http.body_limit"), std::string::npos) << r.body;
    auto small = client->request("POST", "/small", std::string(17, 'x'), "text/plain");
    EXPECT_EQ(small.status, 413u);
    EXPECT_NE(small.body.find("uploads.max_body"), std::string::npos) << small.body;
    EXPECT_EQ(client->request("POST", "/small", std::string(16, 'x'), "text/plain").status, 200u);
}

TEST_F(ServerTest, LargeUploadOverTheLimitGets413) {
    options.body_limit = 1024;
    start();
    for (int i = 0; i < 3; ++i) {
        auto r = client->request("POST", "/echo", std::string(8 * 1024 * 1024, 'x'), "text/plain");
        EXPECT_EQ(r.status, 413u);
        EXPECT_NE(r.body.find("http.body_limit"), std::string::npos);
    }
}

TEST_F(ServerTest, RejectedUploadIsDrainedSoTheClientCanFinishSending) {
    // The server answers 413 before reading the body. A browser keeps sending and reads the
    // answer afterwards; if the server closed at once, the client's writes would hit a reset
    // and on a real network the answer could be lost. So the server keeps reading for a while.
    options.body_limit = 1024;
    start();
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket sock(ioc);
    sock.connect({boost::asio::ip::make_address("127.0.0.1"), server->port()});
    std::string head =
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: " +
        std::to_string(4 * 1024 * 1024) + "\r\n\r\n";
    boost::asio::write(sock, boost::asio::buffer(head));
    std::string answer;
    char buf[4096];
    while (answer.find("http.body_limit") == std::string::npos) {
        std::size_t n = sock.read_some(boost::asio::buffer(buf));
        answer.append(buf, n);
    }
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 413"));
    std::this_thread::sleep_for(50ms);  // let a non-draining server close its end
    std::string chunk(64 * 1024, 'x');
    boost::system::error_code ec;
    for (int i = 0; i < 64 && !ec; ++i) boost::asio::write(sock, boost::asio::buffer(chunk), ec);
    EXPECT_FALSE(ec) << ec.message();
}

TEST_F(ServerTest, ChunkedBodyOverTheLimitIs413) {
    options.body_limit = 100;
    start();
    std::string req =
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: "
        "chunked\r\n\r\n";
    for (int i = 0; i < 5; ++i) req += "32\r\n" + std::string(50, 'y') + "\r\n";
    req += "0\r\n\r\n";
    auto raw = client->raw(req);
    EXPECT_TRUE(raw.starts_with("HTTP/1.1 413")) << raw.substr(0, 100);
    EXPECT_NE(raw.find("http.body_limit"), std::string::npos);
}

TEST_F(ServerTest, GarbageRequestLineIs400) {
    start();
    auto raw = client->raw("GARBAGE\r\n\r\n");
    EXPECT_TRUE(raw.starts_with("HTTP/1.1 400")) << raw;
    EXPECT_TRUE(
        client->raw("GET /a/../hello HTTP/1.1\r\nHost: x\r\n\r\n").starts_with("HTTP/1.1 400"));
    EXPECT_TRUE(client->raw("GET /a%FF HTTP/1.1\r\nHost: x\r\n\r\n").starts_with("HTTP/1.1 400"));
    EXPECT_TRUE(
        client->raw("GET /hello?x=%zz HTTP/1.1\r\nHost: x\r\n\r\n").starts_with("HTTP/1.1 400"));
}

TEST_F(ServerTest, OverTheInFlightCapIs503WithRetryAfter) {
    options.max_in_flight = 1;
    options.retry_after = std::chrono::seconds(7);
    start();
    auto blocked = std::async(std::launch::async, [&] {
        HttpTestClient c(server->port());
        return c.get("/block");
    });
    ASSERT_TRUE(wait_until([&] { return entered.load() == 1; }));
    auto r = client->get("/hello");
    EXPECT_EQ(r.status, 503u);
    EXPECT_EQ(r.header("Retry-After"), "7");
    release.count_down();
    EXPECT_EQ(blocked.get().status, 200u);
    // A request counts until its response is written, which may end after the client reads it.
    ASSERT_TRUE(wait_until([&] { return server->metrics().in_flight() == 0; }));
    EXPECT_EQ(client->get("/hello").status, 200u);
}

TEST_F(ServerTest, KeepAliveReusesTheConnection) {
    start();
    auto a = client->get("/port");
    auto b = client->get("/port");
    EXPECT_EQ(a.status, 200u);
    EXPECT_EQ(a.body, b.body);
    EXPECT_EQ(client->connections_opened(), 1);
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
    start();
    auto raw = client->raw(
        "GET /files/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /files/2 HTTP/1.1\r\nHost: x\r\n\r\n"
        "GET /files/3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    auto p2 = raw.find("\r\n\r\n2");
    auto p4 = raw.find("\r\n\r\n4");
    auto p6 = raw.find("\r\n\r\n6");
    ASSERT_NE(p2, std::string::npos) << raw;
    ASSERT_NE(p6, std::string::npos) << raw;
    EXPECT_LT(p2, p4);
    EXPECT_LT(p4, p6);
}

TEST_F(ServerTest, HandlerExceptionIs500WithRequestId) {
    start();
    auto r = client->get("/throw");
    EXPECT_EQ(r.status, 500u);
    std::string id = r.header("X-Request-Id");
    ASSERT_EQ(id.size(), 16u);
    EXPECT_NE(r.body.find(id), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("disk on fire"), std::string::npos);  // internals stay in the log
    EXPECT_EQ(client->get("/hello").status, 200u);
}

TEST_F(ServerTest, GracefulShutdownFinishesTheInFlightRequest) {
    start();
    auto blocked = std::async(std::launch::async, [&] {
        HttpTestClient c(server->port());
        return c.get("/block");
    });
    ASSERT_TRUE(wait_until([&] { return entered.load() == 1; }));
    // An idle keep-alive connection is closed at once.
    HttpTestClient idle(server->port());
    ASSERT_EQ(idle.get("/hello").status, 200u);
    server->stop();
    auto waiting = std::async(std::launch::async, [&] { server->wait(); });
    EXPECT_EQ(waiting.wait_for(200ms), std::future_status::timeout);  // still serving
    release.count_down();
    auto r = blocked.get();
    EXPECT_EQ(r.status, 200u);
    EXPECT_EQ(r.body, "released");
    EXPECT_EQ(r.header("Connection"), "close");
    EXPECT_EQ(waiting.wait_for(5s), std::future_status::ready);
    EXPECT_THROW(HttpTestClient(server->port()).get("/hello"), std::exception);
}

TEST_F(ServerTest, ShutdownGraceExpiresForAStuckHandler) {
    options.shutdown_grace = 200ms;
    start();
    auto blocked = std::async(std::launch::async, [&] {
        HttpTestClient c(server->port());
        try {
            return c.get("/block").status;
        } catch (const std::exception&) {
            return 0u;
        }
    });
    ASSERT_TRUE(wait_until([&] { return entered.load() == 1; }));
    auto t0 = std::chrono::steady_clock::now();
    server->stop();
    auto waiting = std::async(std::launch::async, [&] { server->wait(); });
    // The I/O side gives up after the grace period; the stuck worker is released below so
    // wait() can join the pool.
    EXPECT_EQ(blocked.wait_for(5s), std::future_status::ready);
    EXPECT_EQ(blocked.get(), 0u);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 3s);
    release.count_down();
    EXPECT_EQ(waiting.wait_for(5s), std::future_status::ready);
}

TEST_F(ServerTest, SigtermStopsTheServerGracefully) {
    options.handle_signals = true;
    start();
    ASSERT_EQ(client->get("/hello").status, 200u);
    std::raise(SIGTERM);
    auto waiting = std::async(std::launch::async, [&] { server->wait(); });
    EXPECT_EQ(waiting.wait_for(5s), std::future_status::ready);
}

TEST_F(ServerTest, FormFieldsReachTheHandlerNormalised) {
    options.normalize_text = [](std::string_view s) {
        std::string o(s);
        for (char& c : o)
            if (c == 'a') c = 'A';
        return o;
    };
    start();
    auto r = client->post_form("/echo", {{"tag", "a"}, {"tag", "b"}, {"note", "cà phê"}});
    EXPECT_EQ(r.status, 200u);
    EXPECT_EQ(r.body, "tAg=A;tAg=b;note=cà phê;");
    auto raw = client->request("POST", "/echo", "{\"a\":1}", "application/json");
    EXPECT_EQ(raw.body, "body={\"a\":1}");  // other bodies are passed as they are
}

TEST_F(ServerTest, MultipartUploadIsStreamedAndRemovedAfterTheRequest) {
    start();
    auto r = client->post_multipart("/upload", {{"title", "Biên bản"}},
                                    {{"doc", "biên bản.txt", "text/plain", "nội dung"}});
    EXPECT_EQ(r.status, 200u);
    EXPECT_EQ(r.body, "doc:biên bản.txt:" + std::to_string(std::string("nội dung").size()) +
                          ":nội dung;title=Biên bản");
    ASSERT_FALSE(last_upload.empty());
    EXPECT_EQ(last_upload.parent_path(), dir / "uploads");
    EXPECT_TRUE(wait_until([&] { return !fs::exists(last_upload); }));
}

TEST_F(ServerTest, MultipartLimitsAndRejections) {
    options.max_file_size = 10;
    start();
    auto big = client->post_multipart("/upload", {}, {{"doc", "a.bin", "", std::string(11, 'z')}});
    EXPECT_EQ(big.status, 413u);
    EXPECT_NE(big.body.find("http.max_file_size"), std::string::npos);
    auto not_allowed = client->post_multipart("/echo", {{"a", "b"}}, {});
    EXPECT_EQ(not_allowed.status, 415u);
    auto no_boundary = client->request("POST", "/upload", "x", "multipart/form-data");
    EXPECT_EQ(no_boundary.status, 400u);
    EXPECT_TRUE(wait_until([&] { return fs::is_empty(dir / "uploads"); }));
}

TEST_F(ServerTest, ExpectContinueGetsAnInterimResponse) {
    start();
    auto raw = client->raw(
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        "Content-Length: 3\r\nExpect: 100-continue\r\nConnection: close\r\n\r\na=1");
    EXPECT_TRUE(raw.starts_with("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200")) << raw;
    EXPECT_NE(raw.find("a=1;"), std::string::npos);
}

TEST_F(ServerTest, SlowOrIdleClientsAreDisconnected) {
    options.read_timeout = 300ms;
    options.idle_timeout = 300ms;
    start();
    auto t0 = std::chrono::steady_clock::now();
    auto partial = client->raw("GET /hello HTTP/1.1\r\nHost: x\r\n", 5s);
    EXPECT_EQ(partial, "");
    auto idle = client->raw("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", 5s);
    EXPECT_TRUE(idle.starts_with("HTTP/1.1 200")) << idle;
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 3s);
}

TEST_F(ServerTest, RedirectCookieJarAndCookiesRoundTrip) {
    start();
    EXPECT_EQ(client->get("/whoami").body, "nobody");
    auto r = client->post_form("/login", {});
    EXPECT_EQ(r.status, 303u);
    EXPECT_EQ(r.header("Location"), "/hello");
    EXPECT_EQ(r.header("Set-Cookie"), "sid=s3cr3t; Path=/; HttpOnly; SameSite=Lax");
    EXPECT_EQ(client->get("/whoami").body, "s3cr3t");
}

TEST_F(ServerTest, MiddlewareShortCircuitsAndDecorates) {
    extra_setup = [](Server& srv) {
        srv.use_before([](Request& req) -> std::optional<Response> {
            if (req.method() == Method::post && !req.form("csrf"))
                return Response::text("thiếu mã CSRF", Status::forbidden);
            req.set_attribute<std::string>("vi");
            return std::nullopt;
        });
        srv.use_after([](Request& req, Response& res) {
            auto* locale = req.attribute<std::string>();
            res.set_header("X-Locale", locale ? *locale : "none");
        });
    };
    start();
    auto denied = client->post_form("/echo", {{"a", "1"}});
    EXPECT_EQ(denied.status, 403u);
    EXPECT_EQ(denied.header("X-Locale"), "none");
    auto ok = client->post_form("/echo", {{"csrf", "t"}});
    EXPECT_EQ(ok.status, 200u);
    EXPECT_EQ(ok.header("X-Locale"), "vi");
}

TEST_F(ServerTest, CustomErrorRendererIsUsed) {
    options.render_error = [](const Request* req, Status s, std::string_view key) {
        return Response::html(
            "<p>" + std::string(key) + " " + std::string(req ? req->request_id() : "") + "</p>", s);
    };
    start();
    auto r = client->get("/nowhere");
    EXPECT_EQ(r.status, 404u);
    EXPECT_EQ(r.header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(r.body, "<p>http.error.not_found " + r.header("X-Request-Id") + "</p>");
}

TEST_F(ServerTest, StaticFilesAndMetricsRunOnIoThreads) {
    fs::create_directories(dir / "static");
    std::ofstream(dir / "static" / "site.css") << "body{color:red}";
    extra_routes = [this](Router& r) {
        StaticFiles files(dir / "static");
        RouteOptions io;
        io.run_on = RunOn::Io;
        r.get("/static/{path:path}", "static", files.handler(), io);
        r.get("/metrics", "metrics", metrics_handler(server->metrics()), io);
    };
    start();
    auto css = client->get("/static/site.css");
    EXPECT_EQ(css.status, 200u);
    EXPECT_EQ(css.body, "body{color:red}");
    EXPECT_EQ(css.header("Content-Type"), "text/css; charset=utf-8");
    auto again = client->get("/static/site.css", {{"If-None-Match", css.header("ETag")}});
    EXPECT_EQ(again.status, 304u);
    EXPECT_TRUE(again.body.empty());
    auto head = client->head("/static/site.css");
    EXPECT_EQ(head.header("Content-Length"), "15");
    EXPECT_EQ(client->get("/static/..%2Fsecret").status, 404u);
    auto m = client->get("/metrics");
    EXPECT_NE(m.body.find("danchu_http_requests_total{route=\"static\",code=\"200\"} 2"),
              std::string::npos)
        << m.body;
    EXPECT_NE(m.body.find("danchu_http_requests_total{route=\"static\",code=\"304\"} 1"),
              std::string::npos);
    EXPECT_EQ(client->connections_opened(), 1);
}

TEST_F(ServerTest, FastPathAnswersOnTheIoThreadOrFallsThroughToTheWorker) {
    std::atomic<int> worker_calls{0};
    std::mutex ids_mutex;
    std::thread::id fast_thread, worker_thread;
    extra_routes = [&](Router& r) {
        RouteOptions o;
        o.io_fast_path = [&](Request& req) -> std::optional<Response> {
            {
                std::lock_guard lock(ids_mutex);
                fast_thread = std::this_thread::get_id();
            }
            if (req.query("cached")) return Response::text("from memory");
            if (req.query("boom")) throw std::runtime_error("fast path broke");
            return std::nullopt;
        };
        r.get(
            "/page", "page",
            [&](Request&) {
                {
                    std::lock_guard lock(ids_mutex);
                    worker_thread = std::this_thread::get_id();
                }
                ++worker_calls;
                return Response::text("from worker");
            },
            o);
    };
    bool middleware_ran = false;
    extra_setup = [&](Server& s) {
        s.use_before([&](Request&) -> std::optional<Response> {
            middleware_ran = true;
            return std::nullopt;
        });
    };
    start();
    auto cached = client->get("/page?cached=1");
    EXPECT_EQ(cached.body, "from memory");
    EXPECT_EQ(worker_calls.load(), 0);
    EXPECT_FALSE(middleware_ran) << "fast-path answers skip middleware";
    EXPECT_EQ(cached.header("X-Content-Type-Options"), "nosniff") << "but not the security headers";
    EXPECT_EQ(client->get("/page").body, "from worker");
    EXPECT_EQ(worker_calls.load(), 1);
    EXPECT_TRUE(middleware_ran);
    // A throwing fast path falls back to the worker instead of failing the request.
    EXPECT_EQ(client->get("/page?boom=1").body, "from worker");
    std::lock_guard lock(ids_mutex);
    EXPECT_NE(fast_thread, worker_thread) << "the fast path runs on the I/O thread, not a worker";
}

}  // namespace
}  // namespace danchu::http
