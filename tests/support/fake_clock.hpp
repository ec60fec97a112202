#pragma once
// A clock tests set and advance by hand, so deadlines, expiry and throttling windows are
// tested without sleeping.

#include <atomic>
#include <chrono>

#include "core/clock.hpp"

namespace danchu::testing {

class FakeClock final : public Clock {
  public:
    explicit FakeClock(TimePoint start = TimePoint{std::chrono::sys_days{std::chrono::year{2026} /
                                                                         std::chrono::March / 2}} +
                                         std::chrono::hours{2})
        : now_(start.time_since_epoch().count()) {}
    [[nodiscard]] TimePoint now() const override {
        return TimePoint{TimePoint::duration{now_.load()}};
    }
    void set(TimePoint t) { now_ = t.time_since_epoch().count(); }
    void advance(std::chrono::seconds d) {
        now_ += std::chrono::duration_cast<TimePoint::duration>(d).count();
    }

  private:
    std::atomic<TimePoint::rep> now_;
};

}  // namespace danchu::testing
