#pragma once
// Request metrics in Prometheus text format: a counter and a latency histogram per route name
// and status, an in-flight gauge, and gauges other layers register (database pool use, job
// queue length). Route names rather than raw paths keep the label set bounded. The app
// exposes render_prometheus() at GET /metrics with metrics_handler().

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/router.hpp"

namespace danchu::http {

class Metrics final {
  public:
    Metrics();

    /// Records one finished request. `route` is the route name ("" for unrouted requests,
    /// reported as "none").
    void observe(std::string_view route, unsigned status, std::chrono::microseconds duration);
    void in_flight_add(int delta) { in_flight_.fetch_add(delta, std::memory_order_relaxed); }
    [[nodiscard]] long in_flight() const { return in_flight_.load(std::memory_order_relaxed); }

    /// Registers a gauge sampled at render time. `name` must be a valid Prometheus metric name;
    /// `read` is called without locks held and must be thread-safe.
    void add_gauge(std::string name, std::string help, std::function<double()> read);

    [[nodiscard]] std::string render_prometheus() const;

    /// The total count recorded for (route, status): for tests and health checks.
    [[nodiscard]] std::uint64_t count(std::string_view route, unsigned status) const;

  private:
    struct Histogram {
        std::vector<std::uint64_t> buckets;  // cumulative at render time, per-bucket here
        std::uint64_t count = 0;
        double sum_seconds = 0;
    };
    struct Gauge {
        std::string name, help;
        std::function<double()> read;
    };

    std::vector<double> bounds_;
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, unsigned>, std::uint64_t> counts_;
    std::map<std::pair<std::string, std::string>, Histogram> latency_;  // (route, "2xx")
    std::vector<Gauge> gauges_;
    std::atomic<long> in_flight_{0};
};

/// A handler for GET /metrics (register with RunOn::Io).
[[nodiscard]] Handler metrics_handler(const Metrics& metrics);

}  // namespace danchu::http
