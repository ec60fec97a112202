#include "http/metrics.hpp"

#include <fmt/format.h>

namespace danchu::http {

namespace {

std::string escape_label(std::string_view v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"') out.push_back('\\');
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out.push_back(c);
    }
    return out;
}

}  // namespace

Metrics::Metrics() : bounds_{0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10} {}

void Metrics::observe(std::string_view route, unsigned status, std::chrono::microseconds duration) {
    std::string r = route.empty() ? "none" : std::string(route);
    std::string klass = fmt::format("{}xx", status / 100);
    double seconds = static_cast<double>(duration.count()) / 1e6;
    std::lock_guard lock(mutex_);
    ++counts_[{r, status}];
    auto& h = latency_[{std::move(r), std::move(klass)}];
    if (h.buckets.empty()) h.buckets.assign(bounds_.size(), 0);
    for (std::size_t i = 0; i < bounds_.size(); ++i)
        if (seconds <= bounds_[i]) {
            ++h.buckets[i];
            break;
        }
    ++h.count;
    h.sum_seconds += seconds;
}

void Metrics::add_gauge(std::string name, std::string help, std::function<double()> read) {
    std::lock_guard lock(mutex_);
    gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::uint64_t Metrics::count(std::string_view route, unsigned status) const {
    std::lock_guard lock(mutex_);
    auto it = counts_.find({std::string(route.empty() ? "none" : route), status});
    return it == counts_.end() ? 0 : it->second;
}

std::string Metrics::render_prometheus() const {
    std::vector<Gauge> gauges;
    std::string out;
    {
        std::lock_guard lock(mutex_);
        gauges = gauges_;
        out += "# HELP danchu_http_requests_total HTTP requests by route name and status code.\n";
        out += "# TYPE danchu_http_requests_total counter\n";
        for (const auto& [key, n] : counts_)
            out += fmt::format("danchu_http_requests_total{{route=\"{}\",code=\"{}\"}} {}\n",
                               escape_label(key.first), key.second, n);
        out +=
            "# HELP danchu_http_request_duration_seconds HTTP request latency by route name "
            "and status class.\n";
        out += "# TYPE danchu_http_request_duration_seconds histogram\n";
        for (const auto& [key, h] : latency_) {
            std::string labels =
                fmt::format("route=\"{}\",class=\"{}\"", escape_label(key.first), key.second);
            std::uint64_t cumulative = 0;
            for (std::size_t i = 0; i < bounds_.size(); ++i) {
                cumulative += h.buckets[i];
                out +=
                    fmt::format("danchu_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                                labels, bounds_[i], cumulative);
            }
            out += fmt::format("danchu_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                               labels, h.count);
            out += fmt::format("danchu_http_request_duration_seconds_sum{{{}}} {}\n", labels,
                               h.sum_seconds);
            out += fmt::format("danchu_http_request_duration_seconds_count{{{}}} {}\n", labels,
                               h.count);
        }
    }
    out += "# HELP danchu_http_requests_in_flight HTTP requests being handled now.\n";
    out += "# TYPE danchu_http_requests_in_flight gauge\n";
    out += fmt::format("danchu_http_requests_in_flight {}\n", in_flight());
    for (const auto& g : gauges) {
        out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", g.name, g.help, g.name, g.name,
                           g.read());
    }
    return out;
}

Handler metrics_handler(const Metrics& metrics) {
    return [&metrics](Request&) {
        Response r = Response::text(metrics.render_prometheus());
        r.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        return r;
    };
}

}  // namespace danchu::http
