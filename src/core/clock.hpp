#pragma once
// The only way code reads the time. Tests inject a FakeClock; production uses
// SystemClock. Legal dates are local dates in Vietnam (UTC+7, no daylight saving since
// 1975), so `today()` is the civil date at +07:00.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace danchu {

using TimePoint = std::chrono::system_clock::time_point;
using Date = std::chrono::year_month_day;

class Clock {
  public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual TimePoint now() const = 0;
    [[nodiscard]] Date today() const;
};

class SystemClock final : public Clock {
  public:
    [[nodiscard]] TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// Vietnam's offset from UTC.
inline constexpr std::chrono::hours kVietnamOffset{7};

[[nodiscard]] Date local_date(TimePoint t);

// "2021-11-04", the form dates take in the database and in URLs.
[[nodiscard]] std::string iso_date(Date d);
// Parses "YYYY-MM-DD"; nullopt when malformed or not a real date (31/02).
[[nodiscard]] std::optional<Date> parse_iso_date(std::string_view s);

// Seconds since the Unix epoch, the form timestamps take in the database.
[[nodiscard]] inline long long unix_seconds(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}
[[nodiscard]] inline TimePoint from_unix_seconds(long long s) {
    return TimePoint{std::chrono::seconds{s}};
}

}  // namespace danchu
