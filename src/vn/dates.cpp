#include "vn/dates.hpp"

#include <fmt/format.h>

#include <charconv>

namespace danchu::vn {

namespace {
bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}
}  // namespace

Result<Date> parse_iso_date(std::string_view text) {
    const auto bad = [&] {
        return fail(ErrorCode::InvalidInput, "vn.error.bad_date", {},
                    fmt::format("'{}' is not a date YYYY-MM-DD", text));
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
    const auto ys = text.substr(0, 4), ms = text.substr(5, 2), ds = text.substr(8, 2);
    if (!all_digits(ys) || !all_digits(ms) || !all_digits(ds)) return bad();
    int y = 0, m = 0, d = 0;
    std::from_chars(ys.data(), ys.data() + ys.size(), y);
    std::from_chars(ms.data(), ms.data() + ms.size(), m);
    std::from_chars(ds.data(), ds.data() + ds.size(), d);
    if (m < 1 || m > 12 || d < 1 || d > 31) return bad();
    const Date date = make_date(y, m, d);
    if (!date.ok()) {
        return fail(ErrorCode::InvalidInput, "vn.error.bad_date", {},
                    fmt::format("{} does not exist (month {} has no day {})", text, m, d));
    }
    return date;
}

std::string iso(Date d) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                       static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

Result<long long> parse_integer(std::string_view text) {
    std::string_view digits = text;
    if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
    if (!all_digits(digits)) {
        return fail(ErrorCode::InvalidInput, "vn.error.bad_number", {},
                    fmt::format("'{}' is not a whole number", text));
    }
    long long value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size()) {
        return fail(ErrorCode::InvalidInput, "vn.error.bad_number", {},
                    fmt::format("'{}' is out of range", text));
    }
    return value;
}

}  // namespace danchu::vn
