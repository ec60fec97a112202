#include "app/serve.hpp"

#include <spdlog/spdlog.h>

#include "app/modules.hpp"
#include "http/static_files.hpp"
#include "identity/routes.hpp"
#include "vn/text.hpp"

namespace danchu::app {

Result<std::unique_ptr<Site>> build_site(Runtime& rt) {
    auto site = std::make_unique<Site>();
    const auto files = all_embedded_files();
    auto catalog = web::Catalog::load_all(files);
    if (!catalog) return catalog.error();
    site->catalog = std::make_unique<web::Catalog>(std::move(*catalog));
    site->renderer = std::make_unique<web::Renderer>(*site->catalog);
    for (auto set : files)
        if (auto st = site->renderer->add_templates(set); !st) return st.error();

    http::ServerOptions options = rt.config.http;
    options.normalize_text = [](std::string_view text) { return vn::nfc(text); };
    // The session reports 404/413/431/… through the same Vietnamese error page as the
    // handlers. The page needs the router (inside the server), so the renderer reaches the
    // web services through the site, which outlives the server.
    Site* holder = site.get();
    options.render_error = [holder](const http::Request* req, http::Status status,
                                    std::string_view key) {
        return identity::render_error(*holder->web, req, status, key);
    };
    site->server = std::make_unique<http::Server>(options);
    auto& router = site->server->router();
    site->web = std::make_unique<identity::WebServices>(
        identity::WebServices{*rt.identity, *site->renderer, router, rt.config.web});
    auto* web = site->web.get();
    site->stamps = std::make_unique<identity::VersionStamps>(*rt.db, rt.clock, rt.config.stamp_ttl);
    rt.identity->stamps = site->stamps.get();
    if (rt.config.page_cache.max_entries > 0) {
        site->page_cache = std::make_unique<web::PageCache>(rt.config.page_cache);
        web->page_cache = site->page_cache.get();
    }
    site->server->use_before([web](http::Request& r) { return identity::before_request(*web, r); });
    site->server->use_after(
        [web](http::Request& r, http::Response& res) { identity::after_request(*web, r, res); });

    auto* db = rt.db;
    router.get("/healthz", "healthz", [db](http::Request&) {
        if (db->ping()) return http::Response::text("ok\n");
        return http::Response::text("database unreachable\n", http::Status::service_unavailable);
    });
    auto& metrics = site->server->metrics();
    metrics.add_gauge("danchu_db_pool_in_use", "Database connections lent out",
                      [db] { return static_cast<double>(db->pool_stats().in_use); });
    metrics.add_gauge("danchu_db_pool_size", "Database connections the pool may hold",
                      [db] { return static_cast<double>(db->pool_stats().size); });
    metrics.add_gauge("danchu_db_pool_waits_total", "Acquisitions that found the pool busy",
                      [db] { return static_cast<double>(db->pool_stats().waits); });
    if (auto* cache = site->page_cache.get()) {
        metrics.add_gauge("danchu_page_cache_hits_total", "Public pages served from memory",
                          [cache] { return static_cast<double>(cache->stats().hits); });
        metrics.add_gauge("danchu_page_cache_misses_total", "Public pages rendered",
                          [cache] { return static_cast<double>(cache->stats().misses); });
        metrics.add_gauge("danchu_page_cache_bytes", "Bytes of cached pages",
                          [cache] { return static_cast<double>(cache->stats().bytes); });
    }
    router.get("/metrics", "metrics",
               [&metrics](http::Request&) {
                   auto res = http::Response::text(metrics.render_prometheus());
                   res.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                   return res;
               },
               {.run_on = http::RunOn::Io});
    http::StaticFiles static_files(rt.config.static_dir, {.max_age = rt.config.static_max_age});
    router.get("/static/{path:path}", "static", static_files.handler(),
               {.run_on = http::RunOn::Io});

    identity::register_routes(router, *site->web);
    if (auto st = wire_modules(rt, *site); !st) return st.error();
    return site;
}

int serve(Runtime& rt) {
    auto site = build_site(rt);
    if (!site) {
        spdlog::critical("cannot start: {} {}", site.error().message_key, site.error().detail);
        return 1;
    }
    auto& server = *(*site)->server;
    try {
        server.start();
    } catch (const std::exception& e) {
        spdlog::critical("cannot listen on {}:{}: {}", rt.config.http.address, rt.config.http.port,
                         e.what());
        return 1;
    }
    spdlog::info("danchu serving http://{}:{}/ (database {})", rt.config.http.address,
                 server.port(),
                 rt.db->dialect() == storage::Dialect::Sqlite ? "SQLite" : "PostgreSQL");
    server.wait();
    spdlog::info("danchu stopped");
    return 0;
}

}  // namespace danchu::app
