#include "web/pagination.hpp"

#include <charconv>

namespace danchu::web {

namespace {
constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
}

std::string encode_cursor(std::string_view key) {
    std::string out;
    unsigned int buffer = 0;
    int bits = 0;
    for (unsigned char c : key) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out.push_back(kAlphabet[(buffer >> bits) & 0x3F]);
        }
    }
    if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3F]);
    return out;
}

std::optional<std::string> decode_cursor(std::string_view cursor) {
    std::string out;
    unsigned int buffer = 0;
    int bits = 0;
    for (char c : cursor) {
        const auto pos = kAlphabet.find(c);
        if (pos == std::string_view::npos) return std::nullopt;
        buffer = (buffer << 6) | static_cast<unsigned int>(pos);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
        }
    }
    // Leftover bits must be the zero padding encode_cursor writes.
    if (bits >= 6 || (buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
    return out;
}

Result<PageRequest> parse_page_request(std::string_view after, std::string_view limit,
                                       const PageLimits& limits) {
    PageRequest req;
    req.limit = limits.default_size;
    if (!limit.empty()) {
        int n = 0;
        auto [ptr, ec] = std::from_chars(limit.data(), limit.data() + limit.size(), n);
        if (ec != std::errc{} || ptr != limit.data() + limit.size() || n <= 0)
            return fail(ErrorCode::InvalidInput, "web.error.bad_limit",
                        {{"limit", "web.error.bad_limit"}});
        req.limit = std::min(n, limits.max_size);
    }
    if (!after.empty()) {
        auto key = decode_cursor(after);
        if (!key)
            return fail(ErrorCode::InvalidInput, "web.error.bad_cursor",
                        {{"after", "web.error.bad_cursor"}});
        req.after = std::move(*key);
    }
    return req;
}

}  // namespace danchu::web
