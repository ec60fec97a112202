// Write use cases of the reports module: one transaction and one audit event each, the
// permission checked here.

#include <nlohmann/json.hpp>

#include "modules/reports/api.hpp"
#include "modules/reports/store.hpp"
#include "vn/text.hpp"

namespace danchu::reports {
namespace {

Error forbidden() { return fail(ErrorCode::Forbidden, "reports.error.forbidden"); }

OrgScope scope_of(ReportServices& rs, const identity::Organisation& org,
                  std::vector<OrgId>& ancestors) {
    ancestors = superiors_of(rs, org);
    return OrgScope{org, ancestors};
}

// One attempt at taking a number; Conflict means a concurrent writer won a race and the
// caller tries again with a fresh transaction.
Result<IssuedNumber> try_issue(ReportServices& rs, const identity::Actor& actor,
                               const identity::Organisation& org, const std::string& type_name,
                               const std::string& series, const std::string& symbol,
                               const std::string& abstract_text, Date on) {
    auto tx = rs.identity.db.begin(storage::Access::Write);
    const int year = static_cast<int>(on.year());
    auto number = store::next_in_series(tx, org.id, year, series);
    if (!number) return number.error();
    store::NumberRow row{org.id,        year,         series,
                         *number,       symbol,       type_name,
                         abstract_text, iso_date(on), unix_seconds(rs.clock.now()),
                         actor.person};
    auto id = store::insert_number(tx, row);
    if (!id) return id.error();
    auto line = vn::document_number(*number, symbol);
    if (!line) return line.error();
    if (auto a = identity::record_audit(tx, actor, rs.clock,
                                        {"reports.number_issued", org.id, "reports_number",
                                         std::to_string(*id), *line + " " + abstract_text});
        !a)
        return a.error();
    if (auto c = tx.commit(); !c) return c.error();
    return IssuedNumber{*id, year, *number, symbol, *line, on};
}

}  // namespace

Result<IssuedNumber> issue_number(ReportServices& rs, const identity::Actor& actor,
                                  const identity::Organisation& org, const std::string& type_name,
                                  const std::string& abstract_text, std::optional<Date> on) {
    std::vector<OrgId> ancestors;
    if (!can(actor, ReportAction::IssueNumber, scope_of(rs, org, ancestors))) return forbidden();
    const vn::DocumentType* type = rs.abbreviations.find(type_name);
    if (type == nullptr || type->group != "document") {
        Error e = fail(ErrorCode::InvalidInput, "reports.error.unknown_type");
        e.fields.push_back({"type_name", "reports.error.unknown_type"});
        return e;
    }
    if (org.short_name.empty())
        return fail(ErrorCode::InvalidInput, "reports.error.no_abbreviation");
    // R-DOC-04: named types are numbered in their own series; công văn, which has no
    // abbreviation, in the "CV" series with the body and drafting unit as symbol.
    const std::string series = type->abbreviation.empty() ? "CV" : type->abbreviation;
    auto symbol = type->abbreviation.empty()
                      ? vn::document_symbol(rs.abbreviations, type_name, org.short_name, "VP")
                      : vn::document_symbol(rs.abbreviations, type_name, org.short_name);
    if (!symbol) return symbol.error();
    const Date day = on.value_or(rs.clock.today());
    for (int attempt = 0;; ++attempt) {
        auto issued = try_issue(rs, actor, org, type->name, series, *symbol, abstract_text, day);
        if (issued || issued.error().code != ErrorCode::Conflict || attempt == 8) return issued;
    }
}

Status save_narratives(ReportServices& rs, const identity::Actor& actor,
                       const identity::Organisation& org, int year,
                       const std::map<std::string, std::string>& sections) {
    std::vector<OrgId> ancestors;
    if (!can(actor, ReportAction::EditNarrative, scope_of(rs, org, ancestors))) return forbidden();
    if (year < 2000 || year > 2100) return fail(ErrorCode::InvalidInput, "reports.error.bad_year");
    std::map<std::string, std::string> clean;
    Error invalid = fail(ErrorCode::InvalidInput, "reports.error.too_long");
    for (const auto& [section, text] : sections) {
        if (!is_narrative_section(section))
            return fail(ErrorCode::InvalidInput, "reports.error.unknown_section");
        // NFC, and a browser's CRLF line ends become LF.
        std::string c;
        for (char ch : vn::nfc(text))
            if (ch != '\r') c += ch;
        while (!c.empty() && (c.back() == '\n' || c.back() == ' ')) c.pop_back();
        if (c.size() > 20000) invalid.fields.push_back({section, "reports.error.too_long"});
        clean[section] = std::move(c);
    }
    if (!invalid.fields.empty()) return invalid;
    auto tx = rs.identity.db.begin(storage::Access::Write);
    // What was sent is what the superior reviews: a submitted year's text is closed.
    if (store::find_submission(tx, org.id, year))
        return fail(ErrorCode::Conflict, "reports.error.narrative_locked");
    const long long now = unix_seconds(rs.clock.now());
    std::string detail;
    for (const auto& [section, text] : clean) {
        if (auto st = store::put_narrative(tx, org.id, year, section, text, now, actor.person); !st)
            return st.error();
        detail += (detail.empty() ? "" : ", ") + section;
    }
    if (auto a = identity::record_audit(
            tx, actor, rs.clock,
            {"reports.narrative_saved", org.id, "reports_narrative", std::to_string(year), detail});
        !a)
        return a.error();
    return tx.commit();
}

Status save_narrative(ReportServices& rs, const identity::Actor& actor,
                      const identity::Organisation& org, int year, const std::string& section,
                      const std::string& text) {
    return save_narratives(rs, actor, org, year, {{section, text}});
}

Result<IssuedNumber> submit_annual_report(ReportServices& rs, const identity::Actor& actor,
                                          const identity::Organisation& org, int year) {
    std::vector<OrgId> ancestors;
    if (!can(actor, ReportAction::Submit, scope_of(rs, org, ancestors))) return forbidden();
    {
        auto tx = rs.identity.db.begin(storage::Access::Read);
        if (store::find_submission(tx, org.id, year))
            return fail(ErrorCode::Conflict, "reports.error.already_submitted");
    }
    auto report = annual_report(rs, actor, org, year);
    if (!report) return report.error();
    auto number = issue_number(rs, actor, org, "Báo cáo", report->document.abstract_text);
    if (!number) return number.error();
    // The figures (and text) as they stood when sent: the province roll-up reads these, not
    // live data.
    nlohmann::json figures = nlohmann::json::object();
    figures["year"] = year;
    figures["org"] = org.slug;
    nlohmann::json missing = nlohmann::json::array();
    for (const auto& m : report->missing) missing.push_back(std::string(to_string(m.topic)));
    figures["missing"] = missing;
    nlohmann::json topics = nlohmann::json::object();
    for (const auto& [topic, list] : report->figures) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& f : list)
            items.push_back({{"label", f.label}, {"value", f.value.value_or("")}});
        topics[std::string(to_string(topic))] = items;
    }
    figures["topics"] = topics;
    // The officer's text as sent, beside the figures.
    figures["narratives"] = report->narratives;
    auto tx = rs.identity.db.begin(storage::Access::Write);
    if (auto st = store::put_submission(tx, org.id, year, number->id, unix_seconds(rs.clock.now()),
                                        actor.person, figures.dump());
        !st) {
        if (st.error().code == ErrorCode::Conflict)
            return fail(ErrorCode::Conflict, "reports.error.already_submitted");
        return st.error();
    }
    if (auto a = identity::record_audit(tx, actor, rs.clock,
                                        {"reports.submitted", org.id, "reports_submission",
                                         std::to_string(year), number->number_line});
        !a)
        return a.error();
    if (auto c = tx.commit(); !c) return c.error();
    return number;
}

}  // namespace danchu::reports
