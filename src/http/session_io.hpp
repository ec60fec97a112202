#pragma once
// Socket I/O for one server session, kept apart from the session's control flow: reading a
// request body (streamed into the multipart parser, a bounded string or form fields),
// writing a response (string, file or header-only), and draining a body left unread.
// Internal to server.cpp; nothing outside the http layer includes it.

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace danchu::http::detail {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

/// Bytes read from the socket per step (and the size of a session's body buffer).
inline constexpr std::size_t kChunk = 64 * 1024;

// Outcome of reading a body, mapped to a status by the caller.
struct BodyError {
    Status status;
    std::string key;
    std::string detail;
};

/// True for Beast's HTTP parse errors (malformed request → 400), as opposed to socket errors.
[[nodiscard]] bool is_http_parse_error(const beast::error_code& ec);

/// Reads the rest of the request body according to its content type and fills `req`: form
/// fields (urlencoded, multipart), uploaded files (streamed to temp files owned by `req`), or
/// the raw body, all bounded by `limit` (named `limit_key` in errors) and by the multipart
/// limits in `opts`. Text passes through opts.normalize_text. nullopt on success;
/// Status::request_timeout in the error means the connection broke and must be dropped.
net::awaitable<std::optional<BodyError>> read_request_body(
    beast::tcp_stream& stream, beast::flat_buffer& buffer,
    bhttp::request_parser<bhttp::buffer_body>& parser, std::vector<char>& chunk, Request& req,
    const Route& route, std::uint64_t limit, const std::string& limit_key,
    const ServerOptions& opts);

/// Writes `res` (its body dropped for HEAD, 1xx, 204 and 304). Returns the bytes written, or
/// nullopt if the write failed and the connection must be dropped.
net::awaitable<std::optional<std::size_t>> write_response(beast::tcp_stream& stream, Response& res,
                                                          bool head, unsigned version,
                                                          bool keep_alive,
                                                          std::chrono::milliseconds write_timeout);

// How long and how much a closing connection keeps reading to let the client finish sending.
inline constexpr auto kDrainTime = std::chrono::seconds(2);
inline constexpr std::uint64_t kDrainBytes = 16 * 1024 * 1024;

/// Reads and discards what the client is still sending, within kDrainTime and kDrainBytes.
net::awaitable<void> drain(beast::tcp_stream& stream);

}  // namespace danchu::http::detail
