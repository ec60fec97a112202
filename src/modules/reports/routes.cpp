#include "modules/reports/routes.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/errors.hpp"
#include "modules/reports/views.hpp"

namespace danchu::reports {
namespace {

using http::Request;
using http::Response;

struct Target {
    identity::Organisation org;
    int year = 0;
};

// The organisation from {slug} and the year from {year} (or ?year=, default last year), or
// the error page to show. Anonymous visitors are sent to sign in.
Result<Target> target(WebServices& s, Request& req, bool year_in_path) {
    if (!identity::context(req).actor.is_signed_in())
        return fail(ErrorCode::Unauthenticated, "error.sign_in");
    auto org = identity::find_organisation(s.web.identity, std::string(req.param("slug")));
    if (!org) return fail(ErrorCode::NotFound, "error.not_found");
    int year = static_cast<int>(s.reports.clock.today().year()) - 1;
    if (year_in_path) {
        auto y = req.param_int("year");
        if (!y) return fail(ErrorCode::NotFound, "error.not_found");
        year = static_cast<int>(*y);
    } else if (auto q = req.query("year"); q && !q->empty()) {
        int v = 0;
        for (char c : *q) {
            if (c < '0' || c > '9' || v > 100000)
                return fail(ErrorCode::InvalidInput, "reports.error.bad_year");
            v = v * 10 + (c - '0');
        }
        year = v;
    }
    if (year < 2000 || year > 2100) return fail(ErrorCode::InvalidInput, "reports.error.bad_year");
    return Target{*org, year};
}

std::string section_label(WebServices& s, Request& req, const std::string& key) {
    return identity::tr(s.web, req, "reports.section_" + key);
}

Response report_page(WebServices& s, Request& req, const Result<Target>& t,
                     const std::optional<Error>& form_error = std::nullopt,
                     const std::map<std::string, std::string>& posted = {}) {
    if (!t) return identity::error_page(s.web, req, t.error());
    auto& ctx = identity::context(req);
    auto report = annual_report(s.reports, ctx.actor, t->org, t->year);
    if (!report) return identity::error_page(s.web, req, report.error());
    auto prepared = docs::prepare(report->document, s.reports.abbreviations);
    if (!prepared) return identity::error_page(s.web, req, prepared.error());

    const auto ancestors = superiors_of(s.reports, t->org);
    const OrgScope scope{t->org, ancestors};
    const bool can_edit = can(ctx.actor, ReportAction::EditNarrative, scope);
    const std::string y = std::to_string(t->year);
    const http::Params path{{"slug", t->org.slug}, {"year", y}};

    web::Data data;
    data.set("org_name", t->org.name);
    data.set("year", y);
    data.set("page_href", identity::url(s.web, "reports.page", {{"slug", t->org.slug}}));
    data.set("docx_href", identity::url(s.web, "reports.export", path, {{"format", "docx"}}));
    data.set("pdf_href", identity::url(s.web, "reports.export", path, {{"format", "pdf"}}));
    data.set("xlsx_href", identity::url(s.web, "reports.export", path, {{"format", "xlsx"}}));
    data.set("narrative_href", identity::url(s.web, "reports.narrative", path));
    data.set("submit_href", identity::url(s.web, "reports.submit", path));
    if (report->number) data.set("number_line", report->number->number_line);
    if (!report->number && can(ctx.actor, ReportAction::Submit, scope))
        data.set("can_submit", true);
    if (can_edit && !report->number) data.set("can_edit", true);
    web::List missing;
    for (const auto& m : report->missing) missing.push_back(web::Data(topic_title(m.topic)));
    if (!report->missing.empty()) data.set("has_missing", true);
    data.set("missing", missing);
    web::List sections;
    for (const char* key : kNarrativeSections) {
        web::Data sec;
        sec.set("key", key);
        sec.set("label", section_label(s, req, key));
        auto p = posted.find(key);
        auto saved = report->narratives.find(key);
        sec.set("text", p != posted.end()                   ? p->second
                        : saved != report->narratives.end() ? saved->second
                                                            : "");
        if (form_error)
            for (const auto& f : form_error->fields)
                if (f.field == key) sec.set("error", identity::tr(s.web, req, f.message_key));
        sections.push_back(sec);
    }
    data.set("sections", sections);
    data.set("doc", preview_data(*prepared));
    identity::PageOptions options;
    options.org_nav = identity::org_navigation(s.web, req, t->org, "reports.page");
    if (form_error) options.status = http::Status::unprocessable_entity;
    return identity::page(s.web, req, "reports/report", data,
                          identity::tr(s.web, req, "reports.title") + " " + y + " — " + t->org.name,
                          options);
}

Response narrative_submit(WebServices& s, Request& req) {
    auto t = target(s, req, true);
    if (!t) return identity::error_page(s.web, req, t.error());
    auto& actor = identity::context(req).actor;
    std::map<std::string, std::string> posted;
    for (const char* key : kNarrativeSections)
        if (auto v = req.form(key)) posted[key] = std::string(*v);
    if (auto st = save_narratives(s.reports, actor, t->org, t->year, posted); !st) {
        if (st.error().code != ErrorCode::InvalidInput)
            return identity::error_page(s.web, req, st.error());
        return report_page(s, req, t, st.error(), posted);
    }
    return identity::redirect_with_flash(
        identity::url(s.web, "reports.page", {{"slug", t->org.slug}},
                      {{"year", std::to_string(t->year)}}),
        "reports.flash_saved");
}

Response submit(WebServices& s, Request& req) {
    auto t = target(s, req, true);
    if (!t) return identity::error_page(s.web, req, t.error());
    auto sent = submit_annual_report(s.reports, identity::context(req).actor, t->org, t->year);
    if (!sent) return identity::error_page(s.web, req, sent.error());
    return identity::redirect_with_flash(
        identity::url(s.web, "reports.page", {{"slug", t->org.slug}},
                      {{"year", std::to_string(t->year)}}),
        "reports.flash_submitted");
}

Response export_file(WebServices& s, Request& req) {
    auto t = target(s, req, true);
    if (!t) return identity::error_page(s.web, req, t.error());
    auto format = parse_format(req.query("format").value_or("pdf"));
    if (!format)
        return identity::error_page(s.web, req, fail(ErrorCode::NotFound, "error.not_found"));
    auto report = annual_report(s.reports, identity::context(req).actor, t->org, t->year);
    if (!report) return identity::error_page(s.web, req, report.error());
    // The writers work on files (libzip, Cairo); a private temporary name per request.
    static std::atomic<unsigned long> counter{0};
    const auto path =
        std::filesystem::temp_directory_path() /
        ("danchu-report-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    auto st = export_report(*report, s.reports.abbreviations, *format, path);
    if (!st) {
        std::filesystem::remove(path);
        return identity::error_page(s.web, req, st.error());
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    in.close();
    std::filesystem::remove(path);
    const char* ext = "md";
    const char* type = "text/markdown; charset=utf-8";
    switch (*format) {
        case Format::Docx:
            ext = "docx";
            type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            break;
        case Format::Pdf:
            ext = "pdf";
            type = "application/pdf";
            break;
        case Format::Xlsx:
            ext = "xlsx";
            type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            break;
        case Format::Markdown:
            break;
    }
    Response r(http::Status::ok);
    r.set_body(bytes.str());
    r.set_header("Content-Type", type);
    r.set_header("Content-Disposition", "attachment; filename=\"bao-cao-" + t->org.slug + "-" +
                                            std::to_string(t->year) + "." + ext + "\"");
    r.set_header("Cache-Control", "private, no-store");
    return r;
}

Response submitted_page(WebServices& s, Request& req) {
    auto t = target(s, req, false);
    if (!t) return identity::error_page(s.web, req, t.error());
    auto list = submitted_reports(s.reports, identity::context(req).actor, t->org, t->year);
    if (!list) return identity::error_page(s.web, req, list.error());
    web::List rows;
    for (const auto& r : *list) {
        const http::Params path{{"slug", r.org.slug}, {"year", std::to_string(r.year)}};
        web::Data row;
        row.set("name", r.org.name);
        row.set("number_line", r.number_line);
        row.set("docx_href", identity::url(s.web, "reports.export", path, {{"format", "docx"}}));
        row.set("pdf_href", identity::url(s.web, "reports.export", path, {{"format", "pdf"}}));
        rows.push_back(row);
    }
    web::Data data;
    data.set("org_name", t->org.name);
    data.set("year", std::to_string(t->year));
    data.set("reports", rows);
    if (!list->empty()) data.set("has_reports", true);
    identity::PageOptions options;
    options.org_nav = identity::org_navigation(s.web, req, t->org, "reports.submitted");
    return identity::page(s.web, req, "reports/submitted", data,
                          identity::tr(s.web, req, "reports.submitted_title") + " — " + t->org.name,
                          options);
}

}  // namespace

bool tab_visible(const identity::Actor& actor, const identity::Organisation& org,
                 std::span<const OrgId> ancestors) {
    return can(actor, ReportAction::ViewDraft, {org, ancestors});
}

void add_navigation(identity::WebServices& web) {
    web.org_nav.push_back({"reports.tab", "reports.page", tab_visible});
    web.org_nav.push_back(
        {"reports.submitted_tab", "reports.submitted",
         [](const identity::Actor& a, const identity::Organisation& org, std::span<const OrgId>) {
             return a.has_role(org.id, identity::Role::Reviewer);
         }});
}

void register_routes(http::Router& router, WebServices& s) {
    // Ten sections of up to 20.000 characters, three bytes each at most.
    http::RouteOptions narrative_limit;
    narrative_limit.body_limit = 1024 * 1024;
    router.get("/o/{slug}/reports", "reports.page",
               [&s](Request& r) { return report_page(s, r, target(s, r, false)); });
    router.get("/o/{slug}/reports/submitted", "reports.submitted",
               [&s](Request& r) { return submitted_page(s, r); });
    router.post(
        "/o/{slug}/reports/{year}/narrative", "reports.narrative",
        [&s](Request& r) { return narrative_submit(s, r); }, narrative_limit);
    router.post("/o/{slug}/reports/{year}/submit", "reports.submit",
                [&s](Request& r) { return submit(s, r); });
    router.get("/o/{slug}/reports/{year}/export", "reports.export",
               [&s](Request& r) { return export_file(s, r); });
}

Result<std::shared_ptr<Module>> make_module(identity::WebServices& web, const Clock& clock) {
    auto table = vn::AbbreviationTable::load();
    if (!table) return table.error();
    auto m = std::make_shared<Module>();
    m->abbreviations = std::make_unique<vn::AbbreviationTable>(std::move(*table));
    m->reports = std::make_unique<ReportServices>(
        ReportServices{web.identity, clock, *m->abbreviations, {}});
    register_builtin_sources(*m->reports);
    m->web = std::make_unique<WebServices>(WebServices{web, *m->reports});
    return m;
}

}  // namespace danchu::reports
