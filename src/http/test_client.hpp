#pragma once
// HttpTestClient: a small synchronous HTTP/1.1 client for tests of any layer that start a
// Server on 127.0.0.1:0. It keeps one keep-alive connection (reconnecting when the server
// closes it), a cookie jar fed by Set-Cookie, and a raw mode that sends arbitrary bytes, so
// limit and malformed-input tests can speak broken HTTP on purpose. Not for production use:
// it blocks, and it trusts the server.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace danchu::http {

struct TestResponse {
    unsigned status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    /// The first header with this name (case-insensitive), or "" if absent.
    [[nodiscard]] std::string header(std::string_view name) const;
    [[nodiscard]] bool has_header(std::string_view name) const;
    [[nodiscard]] std::vector<std::string> header_all(std::string_view name) const;
};

struct TestUpload {
    std::string field;
    std::string filename;
    std::string content_type;
    std::string content;
};

class HttpTestClient final {
  public:
    using Headers = std::vector<std::pair<std::string, std::string>>;
    using Fields = std::vector<std::pair<std::string, std::string>>;

    explicit HttpTestClient(std::uint16_t port, std::string host = "127.0.0.1");
    ~HttpTestClient();
    HttpTestClient(const HttpTestClient&) = delete;
    HttpTestClient& operator=(const HttpTestClient&) = delete;

    TestResponse get(std::string_view target, const Headers& headers = {});
    TestResponse head(std::string_view target, const Headers& headers = {});
    /// POST application/x-www-form-urlencoded.
    TestResponse post_form(std::string_view target, const Fields& fields,
                           const Headers& headers = {});
    /// POST multipart/form-data with text fields and files.
    TestResponse post_multipart(std::string_view target, const Fields& fields,
                                const std::vector<TestUpload>& files, const Headers& headers = {});
    /// Any method and body.
    TestResponse request(std::string_view method, std::string_view target, std::string body = {},
                         std::string content_type = {}, const Headers& headers = {});

    /// Sends `bytes` on a fresh connection and returns everything the server sends back until
    /// it closes the connection or `timeout` passes.
    std::string raw(std::string_view bytes,
                    std::chrono::milliseconds timeout = std::chrono::seconds(5));

    /// The cookie jar (name → value), updated from every Set-Cookie; Max-Age=0 removes.
    [[nodiscard]] const std::map<std::string, std::string>& cookies() const { return cookies_; }
    void set_cookie(std::string name, std::string value) {
        cookies_[std::move(name)] = std::move(value);
    }
    void clear_cookies() { cookies_.clear(); }

    /// TCP connections opened so far (keep-alive reuse keeps this at 1).
    [[nodiscard]] int connections_opened() const { return connections_opened_; }

  private:
    struct Impl;
    Impl* impl_;
    std::map<std::string, std::string> cookies_;
    int connections_opened_ = 0;
};

}  // namespace danchu::http
