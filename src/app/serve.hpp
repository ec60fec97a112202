#pragma once
// `danchu serve`: the HTTP server with every module's routes, /healthz, /metrics and the
// static files, until SIGTERM or SIGINT.

#include "app/runtime.hpp"
#include "http/server.hpp"
#include "identity/stamps.hpp"
#include "identity/web_context.hpp"
#include "web/render.hpp"

namespace danchu::app {

// Everything a running site holds; built by `build_site` so tests can start the same site
// on an ephemeral port.
struct Site {
    std::unique_ptr<web::Catalog> catalog;
    std::unique_ptr<web::Renderer> renderer;
    std::unique_ptr<http::Server> server;
    std::unique_ptr<identity::WebServices> web;
    std::unique_ptr<identity::VersionStamps> stamps;
    std::unique_ptr<web::PageCache> page_cache;
    // Services of feature modules that handlers reference (see modules.cpp).
    std::vector<std::shared_ptr<void>> module_state;
};

[[nodiscard]] Result<std::unique_ptr<Site>> build_site(Runtime& rt);

// Runs until stopped; returns the process exit code.
int serve(Runtime& rt);

}  // namespace danchu::app
