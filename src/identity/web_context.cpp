#include "identity/web_context.hpp"

#include <spdlog/spdlog.h>

#include "http/errors.hpp"
#include "http/server.hpp"

namespace danchu::identity {

namespace {

bool is_unsafe(http::Method m) {
    return m != http::Method::get && m != http::Method::head && m != http::Method::options;
}

// Routes a person may reach while a second factor is pending.
bool allowed_while_pending(SecondFactor sf, std::string_view route) {
    if (route == "logout" || route == "static" || route == "healthz") return true;
    if (sf == SecondFactor::CodeNeeded)
        return route == "login.second_factor" || route == "login.second_factor.submit";
    if (sf == SecondFactor::EnrolmentNeeded)
        return route == "account.two_factor" || route == "account.two_factor.submit";
    return true;
}

web::Locale locale_for(const http::Request& req, std::optional<web::Locale> preference) {
    std::string_view query = req.query("lang").value_or("");
    if (!web::parse_locale(query)) query = req.cookie(kLangCookie).value_or("");
    return web::negotiate(preference, query, req.header("accept-language").value_or(""));
}

}  // namespace

web::Locale anonymous_locale(const http::Request& req) { return locale_for(req, std::nullopt); }

namespace {

http::CookieOptions cookie_options(const WebServices& s, http::SameSite same_site,
                                   std::optional<std::chrono::seconds> max_age = std::nullopt) {
    http::CookieOptions o;
    o.http_only = true;
    o.same_site = same_site;
    o.secure = s.config.secure_cookies;
    o.max_age = max_age;
    return o;
}

std::string heading_key(http::Status status) {
    switch (status) {
        case http::Status::not_found:
            return "error.heading_not_found";
        case http::Status::forbidden:
            return "error.heading_forbidden";
        case http::Status::bad_request:
        case http::Status::method_not_allowed:
        case http::Status::unprocessable_entity:
            return "error.heading_bad_request";
        case http::Status::payload_too_large:
        case http::Status::request_header_fields_too_large:
            return "error.heading_too_large";
        case http::Status::too_many_requests:
            return "error.heading_too_many";
        case http::Status::service_unavailable:
            return "error.heading_unavailable";
        default:
            return "error.title";
    }
}

}  // namespace

bool is_shared_view(const http::Request& req) {
    return (req.method() == http::Method::get || req.method() == http::Method::head) &&
           !req.cookie(kSessionCookie) && !req.cookie(kFlashCookie) && !req.query("lang");
}

std::string shared_view_key(const http::Request& req) {
    return std::string(web::code(anonymous_locale(req))) + " " + std::string(req.target());
}

RequestContext& context(http::Request& req) {
    if (auto* c = req.attribute<RequestContext>()) return *c;
    // A route registered without the middleware: treat the visitor as anonymous.
    return req.set_attribute<RequestContext>();
}

// Routes that run on an I/O thread and need no person: no session lookup (a database
// read) may happen there.
bool is_infrastructure_route(std::string_view route) {
    return route == "static" || route == "healthz" || route == "metrics";
}

std::optional<http::Response> before_request(WebServices& s, http::Request& req) {
    if (is_infrastructure_route(req.route_name())) return std::nullopt;
    auto& ctx = req.set_attribute<RequestContext>();
    const std::string request_id(req.request_id());
    const std::string ip(req.remote_address());
    ctx.actor = Actor::anonymous(request_id, ip);

    if (auto token = req.cookie(kSessionCookie)) {
        ctx.session = resolve_session(s.identity, std::string(*token), request_id, ip);
        if (ctx.session) ctx.actor = ctx.session->actor;
    }
    std::optional<web::Locale> preference;
    if (ctx.session) preference = web::parse_locale(ctx.session->locale);
    ctx.locale = locale_for(req, preference);
    if (auto q = req.query("lang"); q && web::parse_locale(*q))
        ctx.set_lang_cookie = std::string(web::code(*web::parse_locale(*q)));
    if (auto f = req.cookie(kFlashCookie); f && s.renderer.catalog().find(ctx.locale, *f))
        ctx.flash_key = std::string(*f);

    if (ctx.session) {
        ctx.csrf = ctx.session->csrf_token;
    } else if (auto c = req.cookie(kCsrfCookie); c && c->size() == 43) {
        ctx.csrf = std::string(*c);
    } else {
        ctx.csrf = random_token();
        ctx.set_csrf_cookie = ctx.csrf;
    }

    if (is_unsafe(req.method())) {
        std::string_view sent = req.form("csrf").value_or(req.header("x-csrf-token").value_or(""));
        if (sent.empty() || ctx.set_csrf_cookie || !equal_constant_time(sent, ctx.csrf)) {
            spdlog::warn("csrf: refused {} {} (request {})", req.method_string(), req.path(),
                         request_id);
            return render_error(s, &req, http::Status::forbidden, "error.csrf");
        }
    }

    if (ctx.session && !allowed_while_pending(ctx.session->second_factor, req.route_name())) {
        const auto route = ctx.session->second_factor == SecondFactor::CodeNeeded
                               ? "login.second_factor"
                               : "account.two_factor";
        return http::Response::redirect_see_other(url(s, route));
    }
    return std::nullopt;
}

void after_request(WebServices& s, http::Request& req, http::Response& res) {
    auto* ctx = req.attribute<RequestContext>();
    if (!ctx) return;
    if (ctx->set_csrf_cookie)
        res.set_cookie(kCsrfCookie, *ctx->set_csrf_cookie,
                       cookie_options(s, http::SameSite::Strict));
    if (ctx->set_lang_cookie)
        res.set_cookie(kLangCookie, *ctx->set_lang_cookie,
                       cookie_options(s, http::SameSite::Lax, std::chrono::seconds(365 * 86400)));
    if (ctx->flash_key && res.status() != http::Status::see_other) res.clear_cookie(kFlashCookie);
    // Pages that show a person's data are never cached by shared caches.
    if (ctx->session) res.set_header_if_absent("Cache-Control", "private, no-store");
}

std::string url(const WebServices& s, std::string_view route, const http::Params& params,
                const http::Params& query) {
    auto u = s.router.url_for(route, params, query);
    if (!u) {
        spdlog::error("url_for({}) failed: {}", route, u.error().detail);
        return "/";
    }
    return *u;
}

std::string tr(const WebServices& s, const http::Request& req, std::string_view key) {
    const auto* ctx = req.attribute<RequestContext>();
    return s.renderer.catalog().text(ctx ? ctx->locale : web::Locale::Vi, key);
}

web::Data field_errors(const WebServices& s, const http::Request& req, const Error& error) {
    web::Data errors{web::Data::type::object};
    for (const auto& f : error.fields) errors.set(f.field, tr(s, req, f.message_key));
    return errors;
}

namespace {

web::Data layout_data(const WebServices& s, const http::Request& req, const RequestContext& ctx,
                      const std::string& title, const PageOptions& options) {
    web::Data layout;
    layout.set("lang", std::string(web::code(ctx.locale)));
    layout.set("title", title);
    if (ctx.session) {
        web::Data user;
        user.set("name", ctx.actor.display_name);
        user.set("csrf", ctx.csrf);
        layout.set("user", user);
    }
    web::List switch_list;
    for (web::Locale l : web::kLocales) {
        if (l == ctx.locale) continue;
        web::Data item;
        item.set("code", std::string(web::code(l)));
        item.set("label",
                 s.renderer.catalog().text(
                     l, l == web::Locale::Vi ? "layout.language_vi" : "layout.language_en"));
        item.set("href", std::string(req.path()) + "?lang=" + std::string(web::code(l)));
        switch_list.push_back(item);
    }
    layout.set("lang_switch", switch_list);
    if (!options.org_nav.empty()) {
        web::List items;
        for (const auto& n : options.org_nav) {
            web::Data item;
            item.set("label", s.renderer.catalog().text(ctx.locale, n.label_key));
            item.set("href", n.href);
            item.set("current", n.current);
            items.push_back(item);
        }
        web::Data nav;
        nav.set("items", items);
        layout.set("org_nav", nav);
    }
    if (ctx.flash_key) layout.set("flash", s.renderer.catalog().text(ctx.locale, *ctx.flash_key));
    return layout;
}

}  // namespace

std::vector<OrgNavItem> org_navigation(WebServices& s, http::Request& req, const Organisation& o,
                                       std::string_view current) {
    std::vector<OrgNavItem> items;
    const http::Params slug{{"slug", o.slug}};
    items.push_back({"org.nav.home", url(s, "org.home", slug), current == "org.home"});
    const Actor& actor = context(req).actor;
    // Anonymous visitors hold no role anywhere: skip the ancestor lookup for them.
    const auto ancestors =
        actor.is_signed_in() ? ancestors_of(s.identity, o) : std::vector<OrgId>{};
    if (can(actor, IdentityAction::ViewMembers, OrgScope{o, ancestors}))
        items.push_back({"org.nav.members", url(s, "org.members", slug), current == "org.members"});
    for (const auto& entry : s.org_nav)
        if (!entry.visible || entry.visible(actor, o, ancestors))
            items.push_back({entry.label_key, url(s, entry.route, slug), current == entry.route});
    return items;
}

http::Response page(WebServices& s, http::Request& req, std::string_view name,
                    const web::Data& data, const std::string& title, const PageOptions& options) {
    auto& ctx = context(req);
    web::Data csrf;
    csrf.set("csrf", ctx.csrf);
    auto html = s.renderer.render_page(ctx.locale, name, data,
                                       layout_data(s, req, ctx, title, options), &csrf);
    if (!html) {
        spdlog::error("render {}: {}", name, html.error().detail);
        return render_error(s, &req, http::Status::internal_server_error, "error.internal");
    }
    // An anonymous visitor gets a CSRF cookie only from a page that has a form using it, so
    // that pages without forms are the same for everyone (and may be cached).
    if (ctx.set_csrf_cookie && html->find(ctx.csrf) == std::string::npos)
        ctx.set_csrf_cookie.reset();
    return http::Response::html(std::move(*html), options.status);
}

http::Response redirect_with_flash(const std::string& url_text, std::string_view flash_key) {
    auto res = http::Response::redirect_see_other(url_text);
    http::CookieOptions o;
    o.max_age = std::chrono::seconds(60);
    res.set_cookie(kFlashCookie, flash_key, o);
    return res;
}

http::Response error_page(WebServices& s, http::Request& req, const Error& error) {
    if (error.code == ErrorCode::Unauthenticated)
        return http::Response::redirect_see_other(
            url(s, "login", {}, {{"next", std::string(req.target())}}));
    return render_error(s, &req, http::status_for(error.code), error.message_key);
}

http::Response render_error(WebServices& s, const http::Request* req, http::Status status,
                            std::string_view message_key) {
    const auto* ctx = req ? req->attribute<RequestContext>() : nullptr;
    const web::Locale locale =
        ctx ? ctx->locale : (req ? locale_for(*req, std::nullopt) : web::Locale::Vi);
    const auto& catalog = s.renderer.catalog();
    std::map<std::string, std::string> args;
    if (req) {
        args["request_id"] = std::string(req->request_id());
        args["setting"] =
            req->error_detail().empty() ? "http.body_limit" : std::string(req->error_detail());
    }
    std::string key(message_key);
    if (!catalog.find(locale, key)) key = "error.internal";
    web::Data data;
    data.set("heading", catalog.text(locale, heading_key(status)));
    data.set("message", catalog.format(locale, key, args));
    if (req) data.set("request_id", std::string(req->request_id()));
    web::Data layout;
    layout.set("lang", std::string(web::code(locale)));
    layout.set("title", catalog.text(locale, heading_key(status)));
    if (ctx) layout = layout_data(s, *req, *ctx, catalog.text(locale, heading_key(status)), {});
    auto html = s.renderer.render_page(locale, "error", data, layout);
    if (!html) return http::default_error_renderer(req, status, message_key);
    auto res = http::Response::html(std::move(*html), status);
    res.set_header("Cache-Control", "no-store");
    return res;
}

}  // namespace danchu::identity
