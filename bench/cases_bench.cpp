// cases bench: public intake and the officer board, side by side with a raw SQLite insert
// loop in the same run and on the same disk.
//
//   cases_bench [--seconds S] [--cases N] [--intake-clients C] [--board-clients K] [--dir D]
//
// 1. raw:    sqlite3 C API, WAL, synchronous=FULL, one INSERT + COMMIT per row (a durable
//            commit each, like a filed case), for S seconds.
// 2. intake: the real site (identity middleware, CSRF double submit, cases routes) on
//            SQLite; C clients each GET the form once, then POST complete denunciations
//            (validation, deadline from the rule table, sealed identity, receipt hash, board
//            counter, history, audit, durable commit) for S seconds.
// 3. board:  the organisation is filled to N cases with a bulk insert, then K signed-in
//            clients GET the officer board (/o/{slug}/cases: counters, due-soon and overdue
//            counts, first page) for S seconds; latency percentiles are reported.

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "http/server.hpp"
#include "http/test_client.hpp"
#include "identity/files.hpp"
#include "identity/routes.hpp"
#include "modules/cases/files.hpp"
#include "modules/cases/routes.hpp"
#include "storage/migrations.hpp"
#include "storage/transaction.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

using namespace danchu;
using Clk = std::chrono::steady_clock;

namespace {

std::string csrf_from(const std::string& body) {
    std::smatch m;
    static const std::regex re(R"re(name="csrf" value="([^"]+)")re");
    if (std::regex_search(body, m, re)) return m[1];
    return {};
}

double raw_inserts(const std::filesystem::path& file, int seconds) {
    sqlite3* db = nullptr;
    if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) throw std::runtime_error("sqlite open");
    auto exec = [&](const char* sql) {
        if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            throw std::runtime_error(sqlite3_errmsg(db));
    };
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = FULL");
    exec(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, org_id INTEGER, kind TEXT, channel TEXT, "
        "status TEXT, subject TEXT, body TEXT, received_on TEXT, due_on TEXT, "
        "receipt_hash TEXT UNIQUE, created_at INTEGER)");
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO t (org_id, kind, channel, status, subject, body, received_on, "
                       "due_on, receipt_hash, created_at) VALUES (1, 'denunciation', 'web', "
                       "'received', 'Tố cáo', 'Nội dung tố cáo của công dân.', '2026-03-06', "
                       "'2026-03-17', ?, 0)",
                       -1, &st, nullptr);
    long long n = 0;
    const auto end = Clk::now() + std::chrono::seconds(seconds);
    const auto start = Clk::now();
    while (Clk::now() < end) {
        exec("BEGIN IMMEDIATE");
        const std::string h = "hash-" + std::to_string(n);
        sqlite3_bind_text(st, 1, h.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_step(st);
        sqlite3_reset(st);
        exec("COMMIT");
        ++n;
    }
    const double secs = std::chrono::duration<double>(Clk::now() - start).count();
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n / secs;
}

}  // namespace

int main(int argc, char** argv) {
    int seconds = 10, intake_clients = 8, board_clients = 32;
    long long total_cases = 1'000'000;
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "danchu-cases-bench";
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--seconds")
            seconds = std::stoi(argv[i + 1]);
        else if (a == "--cases")
            total_cases = std::stoll(argv[i + 1]);
        else if (a == "--intake-clients")
            intake_clients = std::stoi(argv[i + 1]);
        else if (a == "--board-clients")
            board_clients = std::stoi(argv[i + 1]);
        else if (a == "--dir")
            dir = argv[i + 1];
    }
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    spdlog::set_level(spdlog::level::warn);

    // The disk's fsync rate drifts on a shared machine: the raw loop runs before and after
    // the intake and the mean is the reference.
    const double raw_before = raw_inserts(dir / "raw1.db", std::max(1, seconds / 2));

    // The site.
    storage::Options options;
    options.pool_size = 8;
    auto db = *storage::Database::open("sqlite:" + (dir / "site.db").string(), options);
    SystemClock clock;
    {
        storage::Migrator m(*db);
        (void)m.add(*storage::migrations_from_files(identity::embedded_files()));
        (void)m.add(*storage::migrations_from_files(cases::embedded_files()));
        if (!m.run(clock)) return 1;
    }
    identity::PasswordHasher hasher({.min_length = 10, .opslimit = 1, .memlimit_kib = 8 * 1024});
    auto key = *identity::ServerKey::from_hex(std::string(64, '9'));
    identity::IdentityServices ids{*db, clock, hasher, key, {}};
    auto sys = identity::Actor::system("bench");
    identity::Organisation o;
    o.slug = "so-bench";
    o.name = "Sở Thử tải";
    o.kind = identity::OrgKind::Agency;
    o.setting = identity::Setting::Agency;
    o.id = *identity::create_organisation(ids, sys, o);
    auto officer = *identity::create_person(ids, sys, {"canbo", "Cán Bộ", "mật-khẩu-thử-tải"});
    (void)identity::grant_role(ids, sys, officer, o.id, identity::Role::Officer, "");

    auto catalog = *web::Catalog::load_all(
        {web::embedded_files(), identity::embedded_files(), cases::embedded_files()});
    web::Renderer renderer(catalog);
    for (auto set : {web::embedded_files(), identity::embedded_files(), cases::embedded_files()})
        (void)renderer.add_templates(set);
    http::ServerOptions so;
    so.port = 0;
    so.handle_signals = false;
    so.access_log = false;
    http::Server server(so);
    identity::WebServices web{ids, renderer, server.router(), {}};
    server.use_before([&web](http::Request& r) { return identity::before_request(web, r); });
    server.use_after(
        [&web](http::Request& r, http::Response& res) { identity::after_request(web, r, res); });
    identity::register_routes(server.router(), web);
    cases::CasesConfig config;
    config.track_max_failures_per_ip = 1'000'000;
    auto state = cases::wire(server.router(), web, clock, config);
    if (!state) return 1;
    server.start();
    const auto port = server.port();

    // Intake.
    std::atomic<long long> filed{0}, failed{0};
    {
        std::vector<std::thread> threads;
        const auto end = Clk::now() + std::chrono::seconds(seconds);
        const auto start = Clk::now();
        for (int t = 0; t < intake_clients; ++t)
            threads.emplace_back([&, t] {
                http::HttpTestClient c(port);
                const std::string csrf = csrf_from(c.get("/o/so-bench/cases/new").body);
                long long i = 0;
                while (Clk::now() < end) {
                    auto r = c.post_form(
                        "/o/so-bench/cases/new",
                        {{"csrf", csrf},
                         {"kind", "denunciation"},
                         {"subject", "Tố cáo nhận tiền"},
                         {"body", "Cán bộ nhận tiền khi giải quyết hồ sơ."},
                         {"respondent", "Cán bộ một cửa"},
                         {"name", "Người tố cáo " + std::to_string(t) + "-" + std::to_string(i++)},
                         {"address", "Phú Hòa"},
                         {"contact", "0912345678"}});
                    (r.status == 200 ? filed : failed) += 1;
                }
            });
        for (auto& th : threads) th.join();
        const double secs = std::chrono::duration<double>(Clk::now() - start).count();
        const double raw_after = raw_inserts(dir / "raw2.db", std::max(1, seconds / 2));
        const double raw = (raw_before + raw_after) / 2;
        std::cout << "raw SQLite insert+commit (WAL, synchronous=FULL, one writer): "
                  << static_cast<long long>(raw_before) << " and "
                  << static_cast<long long>(raw_after) << " rows/s (before/after intake)\n";
        const double rate = filed / secs;
        std::cout << "public intake (POST with CSRF, durable commit, deadline, sealed identity): "
                  << static_cast<long long>(rate) << " cases/s with " << intake_clients
                  << " clients (" << failed << " failed) = " << static_cast<int>(100 * rate / raw)
                  << "% of raw\n";
    }

    // Fill to N cases for the board.
    {
        long long have = 0;
        {
            auto tx = db->begin(storage::Access::Read);
            have = tx.scalar<std::int64_t>("SELECT COUNT(*) FROM cases").value_or(0);
        }
        std::mt19937 rng(42);
        const auto today = std::chrono::sys_days{clock.today()};
        std::int64_t org = o.id.value;
        std::string kind, status, received, due;
        int open = 1;
        long long added = 0;
        const auto fill_start = Clk::now();
        while (have + added < total_cases) {
            auto tx = db->begin(storage::Access::Write);
            auto ins = tx.prepare(
                "INSERT INTO cases (org_id, kind, channel, status, is_open, subject, body, "
                "received_on, due_on, due_rule, due_basis, created_at, updated_at) VALUES (:org, "
                ":kind, 'letter', :status, :open, 'Đơn thư', 'Nội dung', :received, :due, "
                "'denunciation.resolution', 'Luật Tố cáo 2018', 0, 0)",
                storage::use(org, "org"), storage::use(kind, "kind"),
                storage::use(status, "status"), storage::use(open, "open"),
                storage::use(received, "received"), storage::use(due, "due"));
            for (int i = 0; i < 50'000 && have + added < total_cases; ++i, ++added) {
                const int r = static_cast<int>(rng() % 100);
                kind = r < 40 ? "feedback" : r < 70 ? "complaint" : "denunciation";
                open = r < 97 ? 0 : 1;  // most of a year's cases are closed
                status = open ? "verifying" : "closed";
                const auto recv = today - std::chrono::days{static_cast<int>(rng() % 365)};
                received = iso_date(Date{recv});
                due = iso_date(Date{recv + std::chrono::days{30}});
                (void)ins.execute();
            }
            (void)tx.commit();
        }
        {
            auto tx = db->begin(storage::Access::Write);
            (void)tx.exec("DELETE FROM cases_counters");
            (void)tx.exec(
                "INSERT INTO cases_counters (org_id, status, n) SELECT org_id, status, "
                "COUNT(*) FROM cases GROUP BY org_id, status");
            (void)tx.exec("DELETE FROM cases_due_counters");
            (void)tx.exec(
                "INSERT INTO cases_due_counters (org_id, due_on, n) SELECT org_id, "
                "due_on, COUNT(*) FROM cases WHERE is_open = 1 AND due_on IS NOT NULL "
                "GROUP BY org_id, due_on");
            (void)tx.commit();
        }
        std::cout << "filled to " << total_cases << " cases in "
                  << std::chrono::duration<double>(Clk::now() - fill_start).count() << " s\n";
    }

    // Board.
    {
        http::HttpTestClient login(port);
        const std::string csrf = csrf_from(login.get("/login").body);
        auto r = login.post_form(
            "/login", {{"username", "canbo"}, {"password", "mật-khẩu-thử-tải"}, {"csrf", csrf}});
        if (r.status != 303) {
            std::cerr << "login failed\n";
            return 1;
        }
        const std::string session = login.cookies().at("danchu_session");
        for (const char* path : {"/o/so-bench/cases", "/o/so-bench/cases?view=overdue"}) {
            std::vector<std::vector<double>> lat(board_clients);
            std::atomic<long long> bad{0};
            std::vector<std::thread> threads;
            const auto end = Clk::now() + std::chrono::seconds(seconds);
            for (int t = 0; t < board_clients; ++t)
                threads.emplace_back([&, t] {
                    http::HttpTestClient c(port);
                    c.set_cookie("danchu_session", session);
                    while (Clk::now() < end) {
                        const auto s = Clk::now();
                        auto res = c.get(path);
                        lat[t].push_back(
                            std::chrono::duration<double, std::milli>(Clk::now() - s).count());
                        if (res.status != 200) ++bad;
                    }
                });
            for (auto& th : threads) th.join();
            std::vector<double> all;
            for (auto& v : lat) all.insert(all.end(), v.begin(), v.end());
            std::sort(all.begin(), all.end());
            auto pct = [&](double p) {
                return all.empty() ? 0 : all[static_cast<std::size_t>(p * (all.size() - 1))];
            };
            std::cout << "officer board " << path << " over " << total_cases << " cases, "
                      << board_clients << " connections: " << all.size() / seconds << " req/s, p50 "
                      << pct(0.5) << " ms, p99 " << pct(0.99) << " ms (" << bad << " non-200)\n";
        }
    }
    server.stop();
    return 0;
}
