#pragma once
// Keyset pagination for every list page. A page is asked for with `?after=<cursor>&limit=N`;
// the cursor is the sort key of the last row shown, so page N costs the same as page 1
// (no OFFSET scans) and rows inserted meanwhile never shift a page. The cursor is opaque
// to users (base64url text); queries decode it with `decode_cursor`.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace danchu::web {

struct PageLimits {
    int default_size = 50;  // config `web.page_size`
    int max_size = 200;     // config `web.max_page_size`
};

struct PageRequest {
    std::string after;  // decoded sort key of the last row of the previous page; empty = first
    int limit = 50;
};

// Reads `after` and `limit` query values. A limit above the maximum is clamped; a limit
// that is not a positive number or a cursor that does not decode is InvalidInput.
[[nodiscard]] Result<PageRequest> parse_page_request(std::string_view after, std::string_view limit,
                                                     const PageLimits& limits);

[[nodiscard]] std::string encode_cursor(std::string_view key);
[[nodiscard]] std::optional<std::string> decode_cursor(std::string_view cursor);

template <class T>
struct Page {
    std::vector<T> items;
    std::optional<std::string> next_after;  // encoded cursor of the next page, if any
};

// Trims a result fetched with `limit + 1` rows to `limit` and sets the next cursor from
// the last kept row's key.
template <class T, class KeyFn>
Page<T> make_page(std::vector<T> rows, int limit, KeyFn key_of) {
    Page<T> page;
    const bool more = static_cast<int>(rows.size()) > limit;
    if (more) rows.resize(static_cast<std::size_t>(limit));
    if (more && !rows.empty()) page.next_after = encode_cursor(key_of(rows.back()));
    page.items = std::move(rows);
    return page;
}

}  // namespace danchu::web
