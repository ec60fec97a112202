#include "core/clock.hpp"

namespace danchu {

Date local_date(TimePoint t) {
    return Date{std::chrono::floor<std::chrono::days>(t + kVietnamOffset)};
}

Date Clock::today() const { return local_date(now()); }

}  // namespace danchu
