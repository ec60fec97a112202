#include "http/router.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "http/url_codec.hpp"

namespace danchu::http {

namespace {

bool is_int64(std::string_view s) {
    if (s.empty()) return false;
    std::int64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc{} && ptr == s.data() + s.size();
}

std::vector<Route::Segment> parse_pattern(std::string_view pattern) {
    if (pattern.empty() || pattern.front() != '/')
        throw std::invalid_argument("route template must start with '/': " + std::string(pattern));
    std::vector<Route::Segment> out;
    std::string_view rest = pattern.substr(1);
    while (!rest.empty()) {
        auto slash = rest.find('/');
        std::string_view seg = rest.substr(0, slash);
        rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
        if (seg.empty()) continue;
        if (!out.empty() && out.back().kind == Route::Kind::Path)
            throw std::invalid_argument("{..:path} must be last: " + std::string(pattern));
        if (seg.front() == '{') {
            if (seg.back() != '}' || seg.size() < 3)
                throw std::invalid_argument("bad parameter in " + std::string(pattern));
            std::string_view inner = seg.substr(1, seg.size() - 2);
            auto colon = inner.find(':');
            std::string name(inner.substr(0, colon));
            std::string_view type =
                colon == std::string_view::npos ? std::string_view{} : inner.substr(colon + 1);
            Route::Kind kind;
            if (type.empty())
                kind = Route::Kind::Text;
            else if (type == "int")
                kind = Route::Kind::Int;
            else if (type == "path")
                kind = Route::Kind::Path;
            else
                throw std::invalid_argument("unknown parameter type in " + std::string(pattern));
            if (name.empty())
                throw std::invalid_argument("unnamed parameter in " + std::string(pattern));
            out.push_back({kind, std::move(name)});
        } else {
            out.push_back({Route::Kind::Literal, std::string(seg)});
        }
    }
    return out;
}

bool matches(const Route& r, const std::vector<std::string>& segs, Params* params) {
    std::size_t i = 0;
    for (const auto& s : r.segments) {
        if (s.kind == Route::Kind::Path) {
            if (i >= segs.size()) return false;
            if (params) {
                std::string rest;
                for (std::size_t k = i; k < segs.size(); ++k) {
                    if (k > i) rest.push_back('/');
                    rest += segs[k];
                }
                params->emplace_back(s.text, std::move(rest));
            }
            return true;
        }
        if (i >= segs.size()) return false;
        const std::string& seg = segs[i++];
        switch (s.kind) {
            case Route::Kind::Literal:
                if (seg != s.text) return false;
                break;
            case Route::Kind::Int:
                if (!is_int64(seg)) return false;
                if (params) params->emplace_back(s.text, seg);
                break;
            case Route::Kind::Text:
                if (params) params->emplace_back(s.text, seg);
                break;
            case Route::Kind::Path:
                break;
        }
    }
    return i == segs.size();
}

// Lower is more specific.
bool more_specific(const Route& a, const Route& b) {
    std::size_t n = std::min(a.segments.size(), b.segments.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (a.segments[i].kind != b.segments[i].kind)
            return static_cast<int>(a.segments[i].kind) < static_cast<int>(b.segments[i].kind);
    }
    return a.segments.size() > b.segments.size();
}

}  // namespace

std::string RouteMatch::allow_header() const {
    std::vector<std::string> names;
    for (Method m : allowed) {
        names.emplace_back(boost::beast::http::to_string(m));
        if (m == Method::get) names.emplace_back("HEAD");
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::string out;
    for (const auto& n : names) {
        if (!out.empty()) out += ", ";
        out += n;
    }
    return out;
}

Router& Router::add(Method method, std::string_view pattern, std::string name, Handler handler,
                    RouteOptions options) {
    if (name.empty() || find(name) != nullptr)
        throw std::invalid_argument("route name empty or already used: " + name);
    auto r = std::make_unique<Route>();
    r->method = method;
    r->pattern = std::string(pattern);
    r->name = std::move(name);
    r->handler = std::move(handler);
    r->options = std::move(options);
    r->segments = parse_pattern(pattern);
    routes_.push_back(std::move(r));
    return *this;
}

RouteMatch Router::match(Method method, const std::vector<std::string>& segments) const {
    Method wanted = method == Method::head ? Method::get : method;
    RouteMatch m;
    const Route* best = nullptr;
    for (const auto& r : routes_) {
        if (!matches(*r, segments, nullptr)) continue;
        if (r->method != wanted) {
            if (std::find(m.allowed.begin(), m.allowed.end(), r->method) == m.allowed.end())
                m.allowed.push_back(r->method);
            continue;
        }
        if (best == nullptr || more_specific(*r, *best)) best = r.get();
    }
    if (best != nullptr) {
        m.outcome = RouteMatch::Outcome::Found;
        m.route = best;
        m.allowed.clear();
        matches(*best, segments, &m.params);
        return m;
    }
    m.outcome =
        m.allowed.empty() ? RouteMatch::Outcome::NotFound : RouteMatch::Outcome::MethodNotAllowed;
    return m;
}

const Route* Router::find(std::string_view name) const {
    for (const auto& r : routes_)
        if (r->name == name) return r.get();
    return nullptr;
}

Result<std::string> Router::url_for(std::string_view name, const Params& params,
                                    const Params& query) const {
    const Route* r = find(name);
    if (r == nullptr) return fail(ErrorCode::Internal, "http.error.url_for", {}, std::string(name));
    std::string out;
    for (const auto& s : r->segments) {
        out.push_back('/');
        if (s.kind == Route::Kind::Literal) {
            out += percent_encode(s.text);
            continue;
        }
        auto it = std::find_if(params.begin(), params.end(),
                               [&](const auto& p) { return p.first == s.text; });
        if (it == params.end() || it->second.empty())
            return fail(ErrorCode::Internal, "http.error.url_for", {},
                        std::string(name) + ": missing " + s.text);
        if (s.kind == Route::Kind::Int && !is_int64(it->second))
            return fail(ErrorCode::Internal, "http.error.url_for", {},
                        std::string(name) + ": not an integer " + s.text);
        out += percent_encode(it->second, s.kind == Route::Kind::Path ? "/" : "");
    }
    if (out.empty()) out = "/";
    if (!query.empty()) out += "?" + to_urlencoded(query);
    return out;
}

}  // namespace danchu::http
