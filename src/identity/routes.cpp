#include "identity/routes.hpp"

#include <spdlog/spdlog.h>

#include "http/errors.hpp"
#include "identity/stamps.hpp"

namespace danchu::identity {

namespace {

using http::Request;
using http::Response;

std::string date_vi(const std::optional<Date>& d) {
    if (!d) return {};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", static_cast<unsigned>(d->day()),
                  static_cast<unsigned>(d->month()), static_cast<int>(d->year()));
    return buf;
}

// A same-site path to return to after sign-in; anything else becomes "/".
std::string safe_next(std::string_view next) {
    if (next.empty() || next.front() != '/' || next.starts_with("//") ||
        next.find('\\') != std::string_view::npos || next.find("\r") != std::string_view::npos ||
        next.find("\n") != std::string_view::npos)
        return "/";
    return std::string(next);
}

web::Data org_card(WebServices& s, Request& req, const Organisation& o) {
    web::Data d;
    d.set("name", o.name);
    d.set("href", url(s, "org.home", {{"slug", o.slug}}));
    d.set("kind", tr(s, req, "org_kind." + std::string(to_string(o.kind))));
    if (o.valid_to) d.set("valid_to", date_vi(o.valid_to));
    if (o.valid_from) d.set("valid_from", date_vi(o.valid_from));
    return d;
}

// The public pages of this module are the same for every anonymous visitor in a language,
// so they are served from the page cache while the identity stamp is unchanged. The
// I/O-thread fast path answers only when the stamp is known without a database read.
std::optional<Response> cached_shared_view(WebServices& s, Request& req) {
    if (!s.page_cache || !s.identity.stamps || !is_shared_view(req)) return std::nullopt;
    auto version = s.identity.stamps->fresh(kPublicScope);
    if (!version) return std::nullopt;
    auto html = s.page_cache->get(shared_view_key(req), *version);
    if (!html) return std::nullopt;
    return Response::html(*html);
}

// Renders with `render` and keeps the result for other anonymous visitors when allowed.
template <class Render>
Response shared_view(WebServices& s, Request& req, Render&& render) {
    if (auto cached = cached_shared_view(s, req)) return std::move(*cached);
    const bool shared = s.page_cache && s.identity.stamps && is_shared_view(req);
    // Read the stamp before the data: a bump in between leaves a page that no lookup matches.
    const std::uint64_t version = shared ? s.identity.stamps->current(kPublicScope) : 0;
    Response res = render();
    if (shared && res.status() == http::Status::ok && !context(req).set_csrf_cookie)
        s.page_cache->put(shared_view_key(req), version, res.body());
    return res;
}

Response portal_home(WebServices& s, Request& req) {
    web::List provinces;
    for (const auto& entry : portal(s.identity)) {
        web::Data p = org_card(s, req, entry.org);
        if (entry.successor) p.set("successor", org_card(s, req, *entry.successor));
        web::List children;
        for (const auto& c : entry.children) children.push_back(org_card(s, req, c));
        p.set("children", children);
        p.set("has_children", !entry.children.empty());
        provinces.push_back(p);
    }
    web::Data data;
    data.set("provinces", provinces);
    data.set("empty", provinces.empty());
    return page(s, req, "identity/portal", data, tr(s, req, "portal.title"));
}

Response org_home_page(WebServices& s, Request& req) {
    auto home = org_home(s.identity, std::string(req.param("slug")));
    if (!home) return error_page(s, req, fail(ErrorCode::NotFound, "error.not_found"));
    const auto& o = home->org;
    web::Data data;
    data.set("name", o.name);
    data.set("kind", tr(s, req, "org_kind." + std::string(to_string(o.kind))));
    if (o.setting) data.set("setting", tr(s, req, "setting." + std::string(to_string(*o.setting))));
    if (o.place_name.size()) data.set("place_name", o.place_name);
    if (home->parent) data.set("parent", org_card(s, req, *home->parent));
    if (home->successor) data.set("successor", org_card(s, req, *home->successor));
    if (o.valid_to) data.set("valid_to", date_vi(o.valid_to));
    if (o.valid_from) data.set("valid_from", date_vi(o.valid_from));
    web::List units;
    for (const auto& u : home->units) units.push_back(org_card(s, req, u));
    data.set("units", units);
    data.set("has_units", !home->units.empty());
    data.set("member_count", std::to_string(home->member_count));
    PageOptions options;
    options.org_nav = org_navigation(s, req, o, "org.home");
    auto res = page(s, req, "identity/org_home", data, o.name, options);
    return res;
}

Response members_page(WebServices& s, Request& req) {
    auto org = find_organisation(s.identity, std::string(req.param("slug")));
    if (!org) return error_page(s, req, fail(ErrorCode::NotFound, "error.not_found"));
    auto paging = web::parse_page_request(req.query("after").value_or(""),
                                          req.query("limit").value_or(""), s.config.page_limits);
    if (!paging) return error_page(s, req, fail(ErrorCode::InvalidInput, "web.error.bad_cursor"));
    auto result = members(s.identity, context(req).actor, *org, paging->after, paging->limit);
    if (!result) return error_page(s, req, result.error());
    web::List rows;
    for (const auto& m : result->members) {
        web::Data row;
        row.set("name", m.full_name);
        row.set("title", m.title);
        row.set("email", m.email);
        row.set("phone", m.phone);
        std::string roles;
        for (Role r : m.roles) {
            if (!roles.empty()) roles += ", ";
            roles += tr(s, req, "role." + std::string(to_string(r)));
        }
        row.set("roles", roles);
        rows.push_back(row);
    }
    web::Data data;
    data.set("org_name", org->name);
    data.set("members", rows);
    data.set("total", std::to_string(result->total));
    if (result->next_after)
        data.set("next_href", url(s, "org.members", {{"slug", org->slug}},
                                  {{"after", web::encode_cursor(*result->next_after)},
                                   {"limit", std::to_string(paging->limit)}}));
    if (!paging->after.empty())
        data.set("first_href", url(s, "org.members", {{"slug", org->slug}}));
    PageOptions options;
    options.org_nav = org_navigation(s, req, *org, "org.members");
    return page(s, req, "identity/members", data, tr(s, req, "members.title") + " — " + org->name,
                options);
}

Response login_form(WebServices& s, Request& req, const std::string& username,
                    const std::optional<Error>& error, http::Status status = http::Status::ok) {
    web::Data data;
    data.set("username", username);
    data.set("next", safe_next(req.query("next").value_or(req.form("next").value_or(""))));
    data.set("action", url(s, "login.submit"));
    if (error) data.set("error", tr(s, req, error->message_key));
    return page(s, req, "identity/login", data, tr(s, req, "login.title"), {.status = status});
}

Response login_submit(WebServices& s, Request& req) {
    const std::string username(req.form("username").value_or(""));
    LoginInput in{
        username, std::string(req.form("password").value_or("")), std::string(req.remote_address()),
        std::string(req.header("user-agent").value_or("")), std::string(req.request_id())};
    auto out = login(s.identity, in);
    if (!out) return login_form(s, req, username, out.error(), http::status_for(out.error().code));
    const std::string next = safe_next(req.form("next").value_or(""));
    Response res = Response::redirect_see_other(
        out->second_factor == SecondFactor::CodeNeeded        ? url(s, "login.second_factor")
        : out->second_factor == SecondFactor::EnrolmentNeeded ? url(s, "account.two_factor")
                                                              : next);
    http::CookieOptions o;
    o.secure = s.config.secure_cookies;
    res.set_cookie(kSessionCookie, out->session_token, o);
    return res;
}

Response second_factor_form(WebServices& s, Request& req, const std::optional<Error>& error,
                            http::Status status = http::Status::ok) {
    web::Data data;
    data.set("action", url(s, "login.second_factor.submit"));
    if (error) data.set("error", tr(s, req, error->message_key));
    return page(s, req, "identity/second_factor", data, tr(s, req, "second_factor.title"),
                {.status = status});
}

Response second_factor_submit(WebServices& s, Request& req) {
    auto& ctx = context(req);
    if (!ctx.session) return Response::redirect_see_other(url(s, "login"));
    auto st =
        verify_second_factor(s.identity, *ctx.session, std::string(req.form("code").value_or("")));
    if (!st) return second_factor_form(s, req, st.error(), http::status_for(st.error().code));
    return Response::redirect_see_other("/");
}

Response logout_submit(WebServices& s, Request& req) {
    if (auto token = req.cookie(kSessionCookie)) {
        if (auto st = logout(s.identity, std::string(*token)); !st)
            return error_page(s, req, st.error());
    }
    auto res = redirect_with_flash("/", "account.signed_out");
    res.clear_cookie(kSessionCookie);
    return res;
}

Response account_page(WebServices& s, Request& req, const std::optional<Error>& error = {},
                      http::Status status = http::Status::ok) {
    auto& ctx = context(req);
    if (!ctx.session)
        return error_page(s, req, fail(ErrorCode::Unauthenticated, "error.unauthenticated"));
    web::Data data;
    data.set("name", ctx.actor.display_name);
    data.set("password_action", url(s, "account.password"));
    data.set("locale_action", url(s, "account.locale"));
    data.set("two_factor_href", url(s, "account.two_factor"));
    data.set("locale_vi", ctx.session->locale == "vi");
    data.set("locale_en", ctx.session->locale == "en");
    data.set("locale_auto", ctx.session->locale.empty());
    if (error) {
        data.set("error", tr(s, req, error->message_key));
        data.set("errors", field_errors(s, req, *error));
    }
    return page(s, req, "identity/account", data, tr(s, req, "account.title"), {.status = status});
}

Response account_password(WebServices& s, Request& req) {
    auto& ctx = context(req);
    if (!ctx.session)
        return error_page(s, req, fail(ErrorCode::Unauthenticated, "error.unauthenticated"));
    auto st =
        change_password(s.identity, *ctx.session, std::string(req.form("current").value_or("")),
                        std::string(req.form("password").value_or("")));
    if (!st) return account_page(s, req, st.error(), http::status_for(st.error().code));
    return redirect_with_flash(url(s, "account"), "account.password_changed");
}

Response account_locale(WebServices& s, Request& req) {
    auto& ctx = context(req);
    if (!ctx.session)
        return error_page(s, req, fail(ErrorCode::Unauthenticated, "error.unauthenticated"));
    auto st = set_locale(s.identity, *ctx.session, std::string(req.form("locale").value_or("")));
    if (!st) return account_page(s, req, st.error(), http::status_for(st.error().code));
    return redirect_with_flash(url(s, "account"), "account.saved");
}

Response two_factor_page(WebServices& s, Request& req, const std::string& secret,
                         const std::optional<Error>& error,
                         http::Status status = http::Status::ok) {
    auto& ctx = context(req);
    if (!ctx.session)
        return error_page(s, req, fail(ErrorCode::Unauthenticated, "error.unauthenticated"));
    web::Data data;
    data.set("secret", secret);
    data.set("uri", Totp::uri("danchu", ctx.actor.display_name, secret));
    data.set("action", url(s, "account.two_factor.submit"));
    data.set("required", ctx.session->second_factor == SecondFactor::EnrolmentNeeded);
    if (error) data.set("error", tr(s, req, error->message_key));
    return page(s, req, "identity/two_factor", data, tr(s, req, "two_factor.title"),
                {.status = status});
}

Response two_factor_submit(WebServices& s, Request& req) {
    auto& ctx = context(req);
    if (!ctx.session)
        return error_page(s, req, fail(ErrorCode::Unauthenticated, "error.unauthenticated"));
    const std::string secret(req.form("secret").value_or(""));
    auto st = confirm_two_factor(s.identity, *ctx.session, secret,
                                 std::string(req.form("code").value_or("")));
    if (!st) return two_factor_page(s, req, secret, st.error(), http::status_for(st.error().code));
    return redirect_with_flash(url(s, "account"), "two_factor.enabled");
}

}  // namespace

void register_routes(http::Router& router, WebServices& s) {
    http::RouteOptions cached;
    cached.io_fast_path = [&s](Request& r) { return cached_shared_view(s, r); };
    router.get(
        "/", "portal.home",
        [&s](Request& r) { return shared_view(s, r, [&] { return portal_home(s, r); }); }, cached);
    router.get(
        "/o/{slug}", "org.home",
        [&s](Request& r) { return shared_view(s, r, [&] { return org_home_page(s, r); }); },
        cached);
    router.get("/o/{slug}/members", "org.members", [&s](Request& r) { return members_page(s, r); });
    router.get("/login", "login", [&s](Request& r) { return login_form(s, r, "", std::nullopt); });
    router.post("/login", "login.submit", [&s](Request& r) { return login_submit(s, r); });
    router.get("/login/2fa", "login.second_factor",
               [&s](Request& r) { return second_factor_form(s, r, std::nullopt); });
    router.post("/login/2fa", "login.second_factor.submit",
                [&s](Request& r) { return second_factor_submit(s, r); });
    router.post("/logout", "logout", [&s](Request& r) { return logout_submit(s, r); });
    router.get("/account", "account", [&s](Request& r) { return account_page(s, r); });
    router.post("/account/password", "account.password",
                [&s](Request& r) { return account_password(s, r); });
    router.post("/account/locale", "account.locale",
                [&s](Request& r) { return account_locale(s, r); });
    router.get("/account/2fa", "account.two_factor", [&s](Request& r) {
        return two_factor_page(s, r, new_two_factor_secret(), std::nullopt);
    });
    router.post("/account/2fa", "account.two_factor.submit",
                [&s](Request& r) { return two_factor_submit(s, r); });
}

}  // namespace danchu::identity
