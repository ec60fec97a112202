#include "http/test_client.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <random>
#include <stdexcept>

#include "http/cookies.hpp"
#include "http/form.hpp"
#include "http/response.hpp"

namespace danchu::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

std::string TestResponse::header(std::string_view name) const {
    for (const auto& [k, v] : headers)
        if (iequals(k, name)) return v;
    return {};
}

bool TestResponse::has_header(std::string_view name) const {
    for (const auto& [k, v] : headers)
        if (iequals(k, name)) return true;
    return false;
}

std::vector<std::string> TestResponse::header_all(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : headers)
        if (iequals(k, name)) out.push_back(v);
    return out;
}

struct HttpTestClient::Impl {
    std::string host;
    std::uint16_t port;
    net::io_context ioc;
    std::optional<beast::tcp_stream> stream;
    beast::flat_buffer buffer;
};

HttpTestClient::HttpTestClient(std::uint16_t port, std::string host) : impl_(new Impl) {
    impl_->host = std::move(host);
    impl_->port = port;
}

HttpTestClient::~HttpTestClient() { delete impl_; }

TestResponse HttpTestClient::get(std::string_view target, const Headers& headers) {
    return request("GET", target, {}, {}, headers);
}

TestResponse HttpTestClient::head(std::string_view target, const Headers& headers) {
    return request("HEAD", target, {}, {}, headers);
}

TestResponse HttpTestClient::post_form(std::string_view target, const Fields& fields,
                                       const Headers& headers) {
    return request("POST", target, to_urlencoded(fields), "application/x-www-form-urlencoded",
                   headers);
}

TestResponse HttpTestClient::post_multipart(std::string_view target, const Fields& fields,
                                            const std::vector<TestUpload>& files,
                                            const Headers& headers) {
    std::mt19937_64 rng{std::random_device{}()};
    std::string boundary = "----danchutest" + std::to_string(rng());
    std::string body;
    for (const auto& [k, v] : fields) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n";
        body += v + "\r\n";
    }
    for (const auto& f : files) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.field +
                "\"; filename=\"" + f.filename + "\"\r\nContent-Type: " +
                (f.content_type.empty() ? "application/octet-stream" : f.content_type) + "\r\n\r\n";
        body += f.content + "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    return request("POST", target, std::move(body), "multipart/form-data; boundary=" + boundary,
                   headers);
}

TestResponse HttpTestClient::request(std::string_view method, std::string_view target,
                                     std::string body, std::string content_type,
                                     const Headers& headers) {
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), std::string(target), 11};
    if (req.method() == bhttp::verb::unknown) req.method_string(method);
    req.set(bhttp::field::host, impl_->host + ":" + std::to_string(impl_->port));
    req.set(bhttp::field::user_agent, "danchu-test-client");
    if (!content_type.empty()) req.set(bhttp::field::content_type, content_type);
    if (!cookies_.empty()) {
        std::string cookie;
        for (const auto& [k, v] : cookies_) {
            if (!cookie.empty()) cookie += "; ";
            cookie += k + "=" + v;
        }
        req.set(bhttp::field::cookie, cookie);
    }
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = std::move(body);
    req.keep_alive(true);
    req.prepare_payload();

    // A kept-alive connection may have been closed by the server since the last request;
    // retry once on a fresh connection.
    for (int attempt = 0; attempt < 2; ++attempt) {
        bool fresh = false;
        if (!impl_->stream) {
            impl_->stream.emplace(impl_->ioc);
            impl_->stream->expires_after(std::chrono::seconds(10));
            impl_->stream->connect(tcp::endpoint(net::ip::make_address(impl_->host), impl_->port));
            impl_->buffer.clear();
            ++connections_opened_;
            fresh = true;
        }
        beast::error_code ec;
        impl_->stream->expires_after(std::chrono::seconds(30));
        bhttp::write(*impl_->stream, req, ec);
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(boost::none);
        if (req.method() == bhttp::verb::head) parser.skip(true);
        // A server may answer before reading the whole body (413) and stop reading; the answer
        // can still be read after a failed write, as browsers do.
        beast::error_code read_ec;
        bhttp::read(*impl_->stream, impl_->buffer, parser, read_ec);
        if (read_ec || (ec && !parser.is_header_done())) {
            ec = read_ec ? read_ec : ec;
            impl_->stream.reset();
            if (fresh) throw std::runtime_error("HttpTestClient: " + ec.message());
            continue;
        }
        auto& res = parser.get();
        TestResponse out;
        out.status = res.result_int();
        for (const auto& f : res)
            out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
        out.body = std::move(res.body());
        for (const auto& sc : out.header_all("Set-Cookie")) {
            auto semi = sc.find(';');
            std::string pair = sc.substr(0, semi);
            auto eq = pair.find('=');
            if (eq == std::string::npos) continue;
            std::string name = pair.substr(0, eq);
            std::string value = pair.substr(eq + 1);
            if (sc.find("Max-Age=0") != std::string::npos)
                cookies_.erase(name);
            else
                cookies_[name] = value;
        }
        if (ec || !res.keep_alive()) impl_->stream.reset();
        return out;
    }
    throw std::runtime_error("HttpTestClient: request failed twice");
}

std::string HttpTestClient::raw(std::string_view bytes, std::chrono::milliseconds timeout) {
    beast::tcp_stream stream(impl_->ioc);
    stream.expires_after(timeout);
    stream.connect(tcp::endpoint(net::ip::make_address(impl_->host), impl_->port));
    ++connections_opened_;
    beast::error_code ec;
    stream.expires_after(timeout);
    net::write(stream, net::buffer(bytes.data(), bytes.size()), ec);
    std::string out;
    char buf[4096];
    for (;;) {
        std::size_t n = stream.read_some(net::buffer(buf), ec);
        out.append(buf, n);
        if (ec) break;
    }
    return out;
}

}  // namespace danchu::http
