#include "http/metrics.hpp"

#include <gtest/gtest.h>

namespace danchu::http {
namespace {

TEST(Metrics, CountsByRouteAndCodeAndBucketsLatency) {
    Metrics m;
    m.observe("org.show", 200, std::chrono::microseconds(3000));
    m.observe("org.show", 200, std::chrono::microseconds(700000));
    m.observe("", 404, std::chrono::microseconds(100));
    EXPECT_EQ(m.count("org.show", 200), 2u);
    EXPECT_EQ(m.count("", 404), 1u);
    std::string text = m.render_prometheus();
    EXPECT_NE(text.find("# TYPE danchu_http_requests_total counter"), std::string::npos);
    EXPECT_NE(text.find("danchu_http_requests_total{route=\"org.show\",code=\"200\"} 2\n"),
              std::string::npos);
    EXPECT_NE(text.find("danchu_http_requests_total{route=\"none\",code=\"404\"} 1\n"),
              std::string::npos);
    EXPECT_NE(text.find("danchu_http_request_duration_seconds_bucket{route=\"org.show\",class="
                        "\"2xx\",le=\"0.005\"} 1\n"),
              std::string::npos);
    EXPECT_NE(text.find("danchu_http_request_duration_seconds_bucket{route=\"org.show\",class="
                        "\"2xx\",le=\"1\"} 2\n"),
              std::string::npos);
    EXPECT_NE(text.find("danchu_http_request_duration_seconds_bucket{route=\"org.show\",class="
                        "\"2xx\",le=\"+Inf\"} 2\n"),
              std::string::npos);
    EXPECT_NE(
        text.find(
            "danchu_http_request_duration_seconds_count{route=\"org.show\",class=\"2xx\"} 2\n"),
        std::string::npos);
}

TEST(Metrics, InFlightAndRegisteredGauges) {
    Metrics m;
    m.in_flight_add(3);
    m.in_flight_add(-1);
    double pool = 0.25;
    m.add_gauge("danchu_db_pool_in_use", "Database connections in use.", [&] { return pool; });
    std::string text = m.render_prometheus();
    EXPECT_NE(text.find("danchu_http_requests_in_flight 2\n"), std::string::npos);
    EXPECT_NE(text.find("# TYPE danchu_db_pool_in_use gauge\ndanchu_db_pool_in_use 0.25\n"),
              std::string::npos);
}

TEST(Metrics, HandlerServesPrometheusText) {
    Metrics m;
    Request req;
    auto r = metrics_handler(m)(req);
    EXPECT_EQ(r.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
    EXPECT_NE(r.body().find("danchu_http_requests_in_flight 0"), std::string::npos);
}

}  // namespace
}  // namespace danchu::http
