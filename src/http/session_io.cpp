#include "http/session_io.hpp"

#include <spdlog/spdlog.h>

#include "http/form.hpp"
#include "http/multipart.hpp"

namespace danchu::http::detail {

namespace {

// Reads the rest of the message through `sink`, which receives each chunk. Returns an
// error for limits, malformed bodies and broken connections.
template <class Sink>
net::awaitable<std::optional<BodyError>> read_body(
    beast::tcp_stream& stream, beast::flat_buffer& buffer,
    bhttp::request_parser<bhttp::buffer_body>& parser, std::vector<char>& chunk,
    const std::string& limit_key, std::chrono::milliseconds read_timeout, Sink& sink) {
    auto deadline = std::chrono::steady_clock::now() + read_timeout;
    if (chunk.empty()) chunk.resize(kChunk);
    while (!parser.is_done()) {
        parser.get().body().data = chunk.data();
        parser.get().body().size = chunk.size();
        stream.expires_at(deadline);
        beast::error_code ec;
        co_await bhttp::async_read(stream, buffer, parser,
                                   net::redirect_error(net::use_awaitable, ec));
        if (ec == bhttp::error::need_buffer) ec = {};
        if (ec == bhttp::error::body_limit)
            co_return BodyError{Status::payload_too_large, "http.error.payload_too_large",
                                limit_key};
        if (ec) {
            if (is_http_parse_error(ec))
                co_return BodyError{Status::bad_request, "http.error.bad_request", {}};
            co_return BodyError{Status::request_timeout, "http.error.read_failed", ec.message()};
        }
        std::size_t got = chunk.size() - parser.get().body().size;
        std::optional<BodyError> err = sink(std::string_view(chunk.data(), got));
        if (err.has_value()) co_return err;
    }
    co_return std::nullopt;
}

BodyError body_error_from(const Error& e) {
    switch (e.code) {
        case ErrorCode::PayloadTooLarge:
            return {Status::payload_too_large, e.message_key, e.detail};
        case ErrorCode::Internal:
        case ErrorCode::Unavailable:
            return {Status::internal_server_error, e.message_key, e.detail};
        case ErrorCode::InvalidInput:
        case ErrorCode::NotFound:
        case ErrorCode::Unauthenticated:
        case ErrorCode::Forbidden:
        case ErrorCode::Conflict:
        case ErrorCode::DeadlinePassed:
        case ErrorCode::TooManyRequests:
            // Malformed transport framing (multipart syntax, bad escapes) is a 400, not the
            // 422 that status_for() gives to domain validation failures.
            return {Status::bad_request, e.message_key, e.detail};
    }
    return {Status::bad_request, e.message_key, e.detail};
}

std::string normalize(const ServerOptions& opts, std::string s) {
    return opts.normalize_text ? opts.normalize_text(s) : s;
}

template <class Message>
void copy_headers(Message& msg, const Response& res) {
    for (const auto& [k, v] : res.headers()) msg.insert(k, v);
}

}  // namespace

bool is_http_parse_error(const beast::error_code& ec) {
    return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
}

net::awaitable<std::optional<BodyError>> read_request_body(
    beast::tcp_stream& stream, beast::flat_buffer& buffer,
    bhttp::request_parser<bhttp::buffer_body>& parser, std::vector<char>& chunk, Request& req,
    const Route& route, std::uint64_t limit, const std::string& limit_key,
    const ServerOptions& opts) {
    std::string type = req.content_type();
    if (type == "multipart/form-data") {
        if (route.options.multipart != Multipart::Allowed)
            co_return BodyError{
                Status::unsupported_media_type, "http.error.multipart_not_allowed", {}};
        auto boundary = multipart_boundary(*req.header("Content-Type"));
        if (!boundary) co_return body_error_from(boundary.error());
        MultipartLimits limits;
        limits.max_file_size = opts.max_file_size;
        limits.max_total_size = limit;
        limits.total_size_key = limit_key;
        limits.max_field_size = opts.max_field_size;
        limits.max_parts = opts.max_parts;
        MultipartParser mp(std::move(*boundary), limits, opts.upload_dir);
        auto feed = [&mp](std::string_view data) -> std::optional<BodyError> {
            auto fed = mp.feed(data);
            if (!fed) return body_error_from(fed.error());
            return std::nullopt;
        };
        std::optional<BodyError> err =
            co_await read_body(stream, buffer, parser, chunk, limit_key, opts.read_timeout, feed);
        if (!err) {
            if (auto s = mp.finish(); !s) err = body_error_from(s.error());
        }
        // Temp files go to the request either way, so they are removed with it.
        std::vector<UploadedFile> files = std::move(mp.files());
        for (auto& f : files) f.filename = normalize(opts, std::move(f.filename));
        FormFields fields = std::move(mp.fields());
        for (auto& [k, v] : fields.items()) {
            k = normalize(opts, std::move(k));
            v = normalize(opts, std::move(v));
        }
        req.set_files(std::move(files), mp.take_temp_files());
        req.set_form(std::move(fields));
        co_return err;
    }
    std::string body;
    auto append = [&](std::string_view data) -> std::optional<BodyError> {
        if (body.size() + data.size() > limit)
            return BodyError{Status::payload_too_large, "http.error.payload_too_large", limit_key};
        body.append(data);
        return std::nullopt;
    };
    std::optional<BodyError> err =
        co_await read_body(stream, buffer, parser, chunk, limit_key, opts.read_timeout, append);
    if (err) co_return err;
    if (type == "application/x-www-form-urlencoded") {
        auto fields = parse_urlencoded(body);
        if (!fields) co_return body_error_from(fields.error());
        for (auto& [k, v] : fields->items()) {
            k = normalize(opts, std::move(k));
            v = normalize(opts, std::move(v));
        }
        req.set_form(std::move(*fields));
    } else {
        req.set_body(std::move(body));
    }
    co_return std::nullopt;
}

net::awaitable<std::optional<std::size_t>> write_response(beast::tcp_stream& stream, Response& res,
                                                          bool head, unsigned version,
                                                          bool keep_alive,
                                                          std::chrono::milliseconds write_timeout) {
    const bool no_body = res.status() == Status::not_modified ||
                         res.status() == Status::no_content ||
                         static_cast<unsigned>(res.status()) < 200;
    std::uint64_t length = res.body().size();
    std::optional<bhttp::file_body::value_type> file;
    if (res.file_path() && !no_body) {
        beast::error_code ec;
        file.emplace();
        file->open(res.file_path()->c_str(), beast::file_mode::scan, ec);
        if (ec) {
            spdlog::warn("http: cannot open {}: {}", res.file_path()->string(), ec.message());
            // Stat'ed by the handler but gone now: answer as if it never existed.
            res = Response::text("404 Không tìm thấy / Not Found\n", Status::not_found);
            file.reset();
            length = res.body().size();
        } else {
            length = file->size();
        }
    }
    stream.expires_after(write_timeout);
    if (head || no_body) {
        bhttp::response<bhttp::empty_body> msg{res.status(), version};
        copy_headers(msg, res);
        msg.keep_alive(keep_alive);
        if (!no_body) msg.content_length(length);
        beast::error_code ec;
        std::size_t n =
            co_await bhttp::async_write(stream, msg, net::redirect_error(net::use_awaitable, ec));
        if (ec) co_return std::nullopt;
        co_return n;
    }
    if (file) {
        bhttp::response<bhttp::file_body> msg{res.status(), version};
        copy_headers(msg, res);
        msg.body() = std::move(*file);
        msg.keep_alive(keep_alive);
        msg.prepare_payload();
        beast::error_code ec;
        std::size_t n =
            co_await bhttp::async_write(stream, msg, net::redirect_error(net::use_awaitable, ec));
        if (ec) co_return std::nullopt;
        co_return n;
    }
    bhttp::response<bhttp::string_body> msg{res.status(), version};
    copy_headers(msg, res);
    msg.body() = std::move(res.body());
    msg.keep_alive(keep_alive);
    msg.prepare_payload();
    beast::error_code ec;
    std::size_t n =
        co_await bhttp::async_write(stream, msg, net::redirect_error(net::use_awaitable, ec));
    if (ec) co_return std::nullopt;
    co_return n;
}

net::awaitable<void> drain(beast::tcp_stream& stream) {
    std::vector<char> sink(kChunk);
    std::uint64_t total = 0;
    stream.expires_after(kDrainTime);
    while (total < kDrainBytes) {
        beast::error_code ec;
        std::size_t n = co_await stream.async_read_some(
            net::buffer(sink), net::redirect_error(net::use_awaitable, ec));
        if (ec) break;
        total += n;
    }
}

}  // namespace danchu::http::detail
