#pragma once
// What every page needs to know about the person in front of it, and the middleware that
// works it out once per request: the session cookie → Actor, the interface language, the
// CSRF token for forms (checked on every unsafe method), the second-factor gate. Module
// routes read it with `context(req)` and render through `page()`, so the layout, language
// switch, account menu and CSRF field are the same everywhere.
//
// CSRF: a signed-in person's token lives in their session row; an anonymous visitor gets a
// random token in a SameSite=Strict, HttpOnly cookie and the same value in each form
// (double submit). Either way a POST without the matching `csrf` field is refused with 403.

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "identity/api.hpp"
#include "web/page_cache.hpp"
#include "web/pagination.hpp"
#include "web/render.hpp"

namespace danchu::identity {

inline constexpr std::string_view kSessionCookie = "danchu_session";
inline constexpr std::string_view kCsrfCookie = "danchu_csrf";
inline constexpr std::string_view kLangCookie = "danchu_lang";
inline constexpr std::string_view kFlashCookie = "danchu_flash";

struct WebConfig {
    bool secure_cookies = false;  // http.secure_cookies: set when served over TLS
    web::PageLimits page_limits;  // web.page_size, web.max_page_size
};

// A tab in an organisation's navigation bar, added by a module at start-up (app/serve.cpp).
// `visible` decides per visitor; it gets the organisation's ancestors (parent first).
struct OrgNavEntry {
    std::string label_key;
    std::string route;  // a route with one parameter, {slug}
    std::function<bool(const Actor&, const Organisation&, std::span<const OrgId>)> visible;
};

struct WebServices {
    IdentityServices& identity;
    const web::Renderer& renderer;
    const http::Router& router;
    WebConfig config;
    std::vector<OrgNavEntry> org_nav = {};
    // Rendered public pages for anonymous visitors (see web/page_cache.hpp); may be null.
    web::PageCache* page_cache = nullptr;
};

// Whether this request sees the page every anonymous visitor sees: a GET with no session,
// no one-time message and no language switch in the URL.
[[nodiscard]] bool is_shared_view(const http::Request& req);
// The cache key of a shared view: language and request target.
[[nodiscard]] std::string shared_view_key(const http::Request& req);

struct RequestContext {
    web::Locale locale = web::Locale::Vi;
    std::optional<ResolvedSession> session;
    Actor actor;
    std::string csrf;                            // the token forms must carry
    std::optional<std::string> set_csrf_cookie;  // a new anonymous token to send
    std::optional<std::string> set_lang_cookie;
    std::optional<std::string> flash_key;  // message to show once, then cleared
};

// Middleware for http::Server::use_before / use_after.
[[nodiscard]] std::optional<http::Response> before_request(WebServices& s, http::Request& req);
void after_request(WebServices& s, http::Request& req, http::Response& res);

// The interface language for a visitor without a session (query, cookie, Accept-Language);
// touches no database, so I/O-thread fast paths may call it.
[[nodiscard]] web::Locale anonymous_locale(const http::Request& req);

// The context attached by before_request. Routes always run after it.
[[nodiscard]] RequestContext& context(http::Request& req);

// A navigation bar for pages about one organisation.
struct OrgNavItem {
    std::string label_key;
    std::string href;
    bool current = false;
};

// The organisation's navigation bar for this visitor: the home tab, the member list for
// record keepers, then every module's tabs in registration order. `current` is the route
// name of the page being shown.
[[nodiscard]] std::vector<OrgNavItem> org_navigation(WebServices& s, http::Request& req,
                                                     const Organisation& org,
                                                     std::string_view current);

struct PageOptions {
    http::Status status = http::Status::ok;
    std::vector<OrgNavItem> org_nav = {};
};

// Renders template `name` inside the layout with `title` (already translated text).
[[nodiscard]] http::Response page(WebServices& s, http::Request& req, std::string_view name,
                                  const web::Data& data, const std::string& title,
                                  const PageOptions& options = {});
// A 303 to `url`, with a one-time message (an i18n key) shown on the next page.
[[nodiscard]] http::Response redirect_with_flash(const std::string& url,
                                                 std::string_view flash_key);
// The HTML error page for an Error returned by a command or query.
[[nodiscard]] http::Response error_page(WebServices& s, http::Request& req, const Error& error);
// The renderer for http::ServerOptions::render_error (404, 405, 413, 431, 400, 500, 503),
// which may run before or without the middleware.
[[nodiscard]] http::Response render_error(WebServices& s, const http::Request* req,
                                          http::Status status, std::string_view message_key);

// A route URL, or "/" if the route table is miswired (logged).
[[nodiscard]] std::string url(const WebServices& s, std::string_view route,
                              const http::Params& params = {}, const http::Params& query = {});
// Translated text for the request's language.
[[nodiscard]] std::string tr(const WebServices& s, const http::Request& req, std::string_view key);
// Form-field errors as {field: message} for templates: data["errors"]["<field>"].
[[nodiscard]] web::Data field_errors(const WebServices& s, const http::Request& req,
                                     const Error& error);

}  // namespace danchu::identity
