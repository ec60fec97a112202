#include "http/static_files.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <optional>
#include <utility>

namespace danchu::http {

namespace fs = std::filesystem;

namespace {

struct FileInfo {
    fs::path path;
    std::uintmax_t size = 0;
    std::chrono::system_clock::time_point mtime;
    std::int64_t mtime_ns = 0;
};

std::optional<FileInfo> stat_regular(const fs::path& p) {
    std::error_code ec;
    auto st = fs::status(p, ec);
    if (ec || !fs::is_regular_file(st)) return std::nullopt;
    auto size = fs::file_size(p, ec);
    if (ec) return std::nullopt;
    auto ftime = fs::last_write_time(p, ec);
    if (ec) return std::nullopt;
    auto sys = std::chrono::file_clock::to_sys(ftime);
    FileInfo info;
    info.path = p;
    info.size = size;
    info.mtime = std::chrono::time_point_cast<std::chrono::system_clock::duration>(sys);
    info.mtime_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(sys.time_since_epoch()).count();
    return info;
}

std::string make_etag(const FileInfo& f, std::string_view suffix) {
    char buf[80];
    std::snprintf(buf, sizeof buf, "\"%jx-%llx%.*s\"", f.size,
                  static_cast<unsigned long long>(f.mtime_ns), static_cast<int>(suffix.size()),
                  suffix.data());
    return buf;
}

bool etag_matches(std::string_view header, std::string_view etag) {
    while (!header.empty()) {
        auto comma = header.find(',');
        std::string_view item = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (item.starts_with("W/")) item.remove_prefix(2);  // weak comparison (RFC 7232 §3.2)
        if (item == "*" || item == etag) return true;
    }
    return false;
}

bool accepts_gzip(std::string_view header) {
    while (!header.empty()) {
        auto comma = header.find(',');
        std::string_view item = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        auto semi = item.find(';');
        std::string_view coding = item.substr(0, semi);
        while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
        if (!iequals(coding, "gzip")) continue;
        if (semi == std::string_view::npos) return true;
        std::string_view params = item.substr(semi + 1);
        auto q = params.find("q=");
        if (q == std::string_view::npos) return true;
        std::string_view qv = params.substr(q + 2);
        // "q=0", "q=0.0", "q=0.000" refuse the coding.
        bool zero = !qv.empty() && qv.front() == '0';
        for (std::size_t i = 1; zero && i < qv.size(); ++i)
            if (qv[i] != '.' && qv[i] != '0' && qv[i] != ' ') zero = false;
        return !zero;
    }
    return false;
}

bool safe_relative(std::string_view rel) {
    if (rel.empty() || rel.front() == '/') return false;
    if (rel.find('\0') != std::string_view::npos || rel.find('\\') != std::string_view::npos)
        return false;
    while (!rel.empty()) {
        auto slash = rel.find('/');
        std::string_view seg = rel.substr(0, slash);
        rel = slash == std::string_view::npos ? std::string_view{} : rel.substr(slash + 1);
        if (seg.empty() || seg == "." || seg == "..") return false;
    }
    return true;
}

}  // namespace

std::string_view content_type_for(std::string_view filename) {
    auto dot = filename.rfind('.');
    if (dot == std::string_view::npos) return "application/octet-stream";
    std::string ext(filename.substr(dot + 1));
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    static const std::pair<std::string_view, std::string_view> kTypes[] = {
        {"html", "text/html; charset=utf-8"},
        {"htm", "text/html; charset=utf-8"},
        {"css", "text/css; charset=utf-8"},
        {"js", "text/javascript; charset=utf-8"},
        {"mjs", "text/javascript; charset=utf-8"},
        {"json", "application/json"},
        {"txt", "text/plain; charset=utf-8"},
        {"csv", "text/csv; charset=utf-8"},
        {"xml", "application/xml"},
        {"svg", "image/svg+xml"},
        {"png", "image/png"},
        {"jpg", "image/jpeg"},
        {"jpeg", "image/jpeg"},
        {"gif", "image/gif"},
        {"webp", "image/webp"},
        {"ico", "image/x-icon"},
        {"woff", "font/woff"},
        {"woff2", "font/woff2"},
        {"ttf", "font/ttf"},
        {"otf", "font/otf"},
        {"pdf", "application/pdf"},
        {"zip", "application/zip"},
        {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {"map", "application/json"},
        {"wasm", "application/wasm"},
    };
    for (const auto& [e, t] : kTypes)
        if (e == ext) return t;
    return "application/octet-stream";
}

std::string http_date(std::chrono::system_clock::time_point t) {
    std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return buf;
}

std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view s) {
    std::string str(s);
    std::tm tm{};
    const char* end = strptime(str.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (end == nullptr || *end != '\0') return std::nullopt;
    std::time_t tt = timegm(&tm);
    if (tt == static_cast<std::time_t>(-1)) return std::nullopt;
    return std::chrono::system_clock::from_time_t(tt);
}

StaticFiles::StaticFiles(fs::path root, StaticOptions options) : options_(options) {
    std::error_code ec;
    auto canonical = fs::weakly_canonical(fs::absolute(root, ec), ec);
    root_ = ec ? std::move(root) : std::move(canonical);
}

Response StaticFiles::serve(const Request& req, std::string_view relative) const {
    auto not_found = [] {
        return Response::text("404 Không tìm thấy / Not Found\n", Status::not_found);
    };
    if (!safe_relative(relative)) return not_found();
    fs::path candidate = root_ / fs::path(std::string(relative));
    std::error_code ec;
    fs::path real = fs::weakly_canonical(candidate, ec);
    if (ec) return not_found();
    // Symlinks may point anywhere; the resolved path must still be under the root.
    auto [root_end, _] = std::mismatch(root_.begin(), root_.end(), real.begin(), real.end());
    if (root_end != root_.end()) return not_found();

    auto info = stat_regular(real);
    if (!info) return not_found();

    std::string_view encoding;
    auto ae = req.header("Accept-Encoding");
    if (ae && accepts_gzip(*ae)) {
        fs::path gz = real;
        gz += ".gz";
        if (auto gzinfo = stat_regular(gz)) {
            info = std::move(gzinfo);
            encoding = "gzip";
        }
    }

    std::string etag = make_etag(*info, encoding.empty() ? "" : "-gz");
    std::string last_modified = http_date(info->mtime);
    auto decorate = [&](Response& r) {
        r.set_header("ETag", etag);
        r.set_header("Last-Modified", last_modified);
        r.set_header("Cache-Control",
                     "public, max-age=" + std::to_string(options_.max_age.count()));
        r.set_header("Vary", "Accept-Encoding");
    };

    bool not_modified = false;
    if (auto inm = req.header("If-None-Match")) {
        not_modified = etag_matches(*inm, etag);
    } else if (auto ims = req.header("If-Modified-Since")) {
        auto since = parse_http_date(*ims);
        not_modified = since && std::chrono::floor<std::chrono::seconds>(info->mtime) <= *since;
    }
    if (not_modified) {
        Response r(Status::not_modified);
        decorate(r);
        return r;
    }

    Response r = Response::file(info->path, std::string(content_type_for(relative)));
    if (!encoding.empty()) r.set_header("Content-Encoding", std::string(encoding));
    decorate(r);
    return r;
}

Handler StaticFiles::handler(std::string param) const {
    StaticFiles self = *this;
    return [self, param = std::move(param)](Request& req) {
        return self.serve(req, req.param(param));
    };
}

}  // namespace danchu::http
