#include "app/config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <sstream>

namespace danchu::app {

namespace {

Error config_error(const std::string& where, const std::string& what) {
    return fail(ErrorCode::InvalidInput, "config.error", {}, where + ": " + what);
}

// Reads an integer key into `out` if present; checks the range.
template <class T>
Status read_int(const toml::table& t, std::string_view key, T& out, long long min, long long max,
                const std::string& file) {
    auto node = t.at_path(key);
    if (!node) return {};
    auto v = node.value<long long>();
    if (!v) return config_error(file, std::string(key) + " must be a whole number");
    if (*v < min || *v > max)
        return config_error(file, std::string(key) + " must be between " + std::to_string(min) +
                                      " and " + std::to_string(max));
    out = static_cast<T>(*v);
    return {};
}

Status read_string(const toml::table& t, std::string_view key, std::string& out,
                   const std::string& file) {
    auto node = t.at_path(key);
    if (!node) return {};
    auto v = node.value<std::string>();
    if (!v) return config_error(file, std::string(key) + " must be a string");
    out = *v;
    return {};
}

Status read_bool(const toml::table& t, std::string_view key, bool& out, const std::string& file) {
    auto node = t.at_path(key);
    if (!node) return {};
    auto v = node.value<bool>();
    if (!v) return config_error(file, std::string(key) + " must be true or false");
    out = *v;
    return {};
}

// A list of attachment type names, each one the disclosures module knows.
Status read_attachment_types(const toml::table& t, std::string_view key,
                             std::vector<std::string>& out, const std::string& file) {
    auto node = t.at_path(key);
    if (!node) return {};
    const auto known = disclosures::attachment_type_names();
    std::string names;
    for (const auto& k : known) names += (names.empty() ? "" : ", ") + k;
    const auto* list = node.as_array();
    if (!list) return config_error(file, std::string(key) + " must be a list of: " + names);
    std::vector<std::string> v;
    for (const auto& item : *list) {
        auto s = item.value<std::string>();
        if (!s || std::find(known.begin(), known.end(), *s) == known.end())
            return config_error(file, std::string(key) + " may name only: " + names);
        v.push_back(*s);
    }
    out = std::move(v);
    return {};
}

Status read_ms(const toml::table& t, std::string_view key, std::chrono::milliseconds& out,
               const std::string& file) {
    long long v = out.count();
    if (auto st = read_int(t, key, v, 1, 3'600'000, file); !st) return st;
    out = std::chrono::milliseconds(v);
    return {};
}

Status apply_file(Config& c, const toml::table& t, const std::string& f) {
    std::string listen;
    Status st;
#define DANCHU_READ(expr) \
    if (st = (expr); !st) return st
    DANCHU_READ(read_string(t, "db.url", c.db_url, f));
    DANCHU_READ(read_int(t, "db.pool_size", c.db.pool_size, 1, 256, f));
    DANCHU_READ(read_ms(t, "db.busy_timeout_ms", c.db.busy_timeout, f));
    DANCHU_READ(read_ms(t, "db.acquire_timeout_ms", c.db.acquire_timeout, f));
    DANCHU_READ(read_int(t, "db.statement_cache", c.db.statement_cache, 0, 100'000, f));
    DANCHU_READ(read_string(t, "server.listen", listen, f));
    DANCHU_READ(read_int(t, "server.io_threads", c.http.io_threads, 1, 256, f));
    DANCHU_READ(read_int(t, "server.worker_threads", c.http.worker_threads, 1, 1024, f));
    std::string path_text;
    DANCHU_READ(read_string(t, "server.static_dir", path_text, f));
    if (!path_text.empty()) c.static_dir = path_text;
    path_text.clear();
    DANCHU_READ(read_string(t, "server.key_file", path_text, f));
    if (!path_text.empty()) c.key_file = path_text;
    DANCHU_READ(read_string(t, "server.key_hex", c.key_hex, f));
    DANCHU_READ(read_int(t, "http.header_limit", c.http.header_limit, 1024, 1 << 20, f));
    DANCHU_READ(read_int(t, "http.body_limit", c.http.body_limit, 1024, 1LL << 32, f));
    DANCHU_READ(read_int(t, "http.max_file_size", c.http.max_file_size, 1024, 1LL << 34, f));
    DANCHU_READ(read_int(t, "http.max_in_flight", c.http.max_in_flight, 1, 1 << 20, f));
    DANCHU_READ(read_ms(t, "http.read_timeout_ms", c.http.read_timeout, f));
    DANCHU_READ(read_ms(t, "http.write_timeout_ms", c.http.write_timeout, f));
    DANCHU_READ(read_ms(t, "http.idle_timeout_ms", c.http.idle_timeout, f));
    DANCHU_READ(read_ms(t, "http.shutdown_grace_ms", c.http.shutdown_grace, f));
    DANCHU_READ(read_bool(t, "http.access_log", c.http.access_log, f));
    DANCHU_READ(read_bool(t, "http.secure_cookies", c.web.secure_cookies, f));
    long long max_age = c.static_max_age.count();
    DANCHU_READ(read_int(t, "http.static_max_age_seconds", max_age, 0, 31'536'000, f));
    c.static_max_age = std::chrono::seconds(max_age);
    DANCHU_READ(read_int(t, "web.page_size", c.web.page_limits.default_size, 1, 1000, f));
    DANCHU_READ(read_int(t, "web.max_page_size", c.web.page_limits.max_size, 1, 1000, f));
    DANCHU_READ(read_int(t, "web.page_cache_entries", c.page_cache.max_entries, 0, 10'000'000, f));
    DANCHU_READ(read_int(t, "web.page_cache_bytes", c.page_cache.max_bytes, 0, 1LL << 40, f));
    DANCHU_READ(read_ms(t, "web.stamp_ttl_ms", c.stamp_ttl, f));
    auto& cs = c.cases;
    DANCHU_READ(read_int(t, "cases.track_max_failures_per_ip", cs.track_max_failures_per_ip, 1,
                         1'000'000, f));
    DANCHU_READ(read_int(t, "cases.track_max_failures_total", cs.track_max_failures_total, 1,
                         100'000'000, f));
    DANCHU_READ(
        read_int(t, "cases.track_window_seconds", cs.track_window_seconds, 1, 31'536'000, f));
    DANCHU_READ(read_int(t, "cases.due_soon_days", cs.due_soon_days, 0, 365, f));
    DANCHU_READ(read_int(t, "cases.intake_batch_max", cs.intake_batch_max, 1, 10'000, f));
    DANCHU_READ(read_int(t, "cases.intake_batch_wait_ms", cs.intake_batch_wait_ms, 0, 1000, f));
    DANCHU_READ(
        read_int(t, "cases.max_upload_bytes", cs.max_upload_bytes, 64 * 1024, 1LL << 32, f));
    auto& dc = c.disclosures;
    DANCHU_READ(
        read_int(t, "disclosures.max_attachment_bytes", dc.max_attachment_bytes, 1, 1LL << 32, f));
    DANCHU_READ(read_int(t, "disclosures.max_attachments", dc.max_attachments, 0, 100, f));
    DANCHU_READ(read_attachment_types(t, "disclosures.attachment_types", dc.attachment_types, f));
    auto& id = c.identity;
    DANCHU_READ(
        read_int(t, "identity.session_idle_seconds", id.session_idle_seconds, 60, 31'536'000, f));
    DANCHU_READ(read_int(t, "identity.session_absolute_seconds", id.session_absolute_seconds, 60,
                         31'536'000, f));
    DANCHU_READ(read_int(t, "identity.login_max_failures_per_account",
                         id.login_max_failures_per_account, 1, 1000, f));
    DANCHU_READ(read_int(t, "identity.login_max_failures_per_ip", id.login_max_failures_per_ip, 1,
                         100000, f));
    DANCHU_READ(read_int(t, "identity.login_window_seconds", id.login_window_seconds, 1, 86400, f));
    DANCHU_READ(read_int(t, "identity.password_min_length", id.password.min_length, 8, 1000, f));
    DANCHU_READ(read_int(t, "identity.argon2_opslimit", id.password.opslimit, 1, 100, f));
    DANCHU_READ(
        read_int(t, "identity.argon2_memlimit_kib", id.password.memlimit_kib, 8192, 4 << 20, f));
    DANCHU_READ(
        read_int(t, "identity.password_hash_concurrency", id.password.max_concurrent, 1, 64, f));
    DANCHU_READ(read_string(t, "log.level", c.log_level, f));
#undef DANCHU_READ
    if (!listen.empty())
        if (auto s = apply_listen(c, listen); !s)
            return config_error(f, "server.listen: " + s.error().detail);
    return {};
}

}  // namespace

Status apply_listen(Config& config, std::string_view listen) {
    const auto colon = listen.rfind(':');
    if (colon == std::string_view::npos || colon == 0)
        return fail(ErrorCode::InvalidInput, "config.error", {},
                    "expected HOST:PORT such as 127.0.0.1:8080, got '" + std::string(listen) + "'");
    unsigned port = 0;
    auto p = listen.substr(colon + 1);
    auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), port);
    if (ec != std::errc{} || ptr != p.data() + p.size() || port > 65535)
        return fail(ErrorCode::InvalidInput, "config.error", {},
                    "port must be a number from 0 to 65535 in '" + std::string(listen) + "'");
    std::string host(listen.substr(0, colon));
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    config.http.address = host;
    config.http.port = static_cast<std::uint16_t>(port);
    return {};
}

Result<Config> load_config(const std::optional<std::filesystem::path>& path) {
    Config c;
    std::filesystem::path file = path.value_or("config/danchu.toml");
    if (path || std::filesystem::exists(file)) {
        try {
            auto table = toml::parse_file(file.string());
            if (auto st = apply_file(c, table, file.string()); !st) return st.error();
        } catch (const toml::parse_error& e) {
            std::ostringstream msg;
            msg << e.description() << " (line " << e.source().begin.line << ")";
            return config_error(file.string(), msg.str());
        }
    }
    if (const char* db = std::getenv("DANCHU_DB"); db && *db) c.db_url = db;
    if (const char* key = std::getenv("DANCHU_SERVER_KEY"); key && *key) c.key_hex = key;
    if (const char* listen = std::getenv("DANCHU_LISTEN"); listen && *listen)
        if (auto st = apply_listen(c, listen); !st)
            return config_error("DANCHU_LISTEN", st.error().detail);
    if (const char* port = std::getenv("PORT"); port && *port)
        if (auto st = apply_listen(c, c.http.address + ":" + port); !st)
            return config_error("PORT", st.error().detail);
    return c;
}

std::string describe(const Config& c) {
    std::ostringstream o;
    o << "[db]\nurl = \"" << c.db_url << "\"\npool_size = " << c.db.pool_size
      << "\nbusy_timeout_ms = " << c.db.busy_timeout.count()
      << "\nstatement_cache = " << c.db.statement_cache << "\n\n[server]\nlisten = \""
      << c.http.address << ":" << c.http.port << "\"\nio_threads = " << c.http.io_threads
      << "\nworker_threads = " << c.http.worker_threads << "\nstatic_dir = \""
      << c.static_dir.string() << "\"\nkey_file = \"" << c.key_file.string() << "\"\nkey_hex = \""
      << (c.key_hex.empty() ? "" : "(set)")
      << "\"\n\n[http]\nheader_limit = " << c.http.header_limit
      << "\nbody_limit = " << c.http.body_limit << "\nmax_in_flight = " << c.http.max_in_flight
      << "\nread_timeout_ms = " << c.http.read_timeout.count()
      << "\nwrite_timeout_ms = " << c.http.write_timeout.count()
      << "\nidle_timeout_ms = " << c.http.idle_timeout.count()
      << "\nshutdown_grace_ms = " << c.http.shutdown_grace.count()
      << "\nsecure_cookies = " << (c.web.secure_cookies ? "true" : "false")
      << "\n\n[web]\npage_size = " << c.web.page_limits.default_size
      << "\nmax_page_size = " << c.web.page_limits.max_size
      << "\n\n[cases]\ntrack_max_failures_per_ip = " << c.cases.track_max_failures_per_ip
      << "\ntrack_max_failures_total = " << c.cases.track_max_failures_total
      << "\ntrack_window_seconds = " << c.cases.track_window_seconds
      << "\ndue_soon_days = " << c.cases.due_soon_days
      << "\nintake_batch_max = " << c.cases.intake_batch_max
      << "\nintake_batch_wait_ms = " << c.cases.intake_batch_wait_ms
      << "\nmax_upload_bytes = " << c.cases.max_upload_bytes
      << "\n\n[disclosures]\nmax_attachment_bytes = " << c.disclosures.max_attachment_bytes
      << "\nmax_attachments = " << c.disclosures.max_attachments << "\nattachment_types = [" <<
        [&] {
            std::string list;
            for (const auto& n : c.disclosures.attachment_types)
                list += (list.empty() ? "\"" : ", \"") + n + "\"";
            return list;
        }()
      << "]"
      << "\n\n[identity]\nsession_idle_seconds = " << c.identity.session_idle_seconds
      << "\nsession_absolute_seconds = " << c.identity.session_absolute_seconds
      << "\nlogin_max_failures_per_account = " << c.identity.login_max_failures_per_account
      << "\nlogin_max_failures_per_ip = " << c.identity.login_max_failures_per_ip
      << "\nlogin_window_seconds = " << c.identity.login_window_seconds << "\n";
    return o.str();
}

}  // namespace danchu::app
