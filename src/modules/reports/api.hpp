#pragma once
// The reports module's public API: the number register (R-DOC-04), the report-source
// registry other modules fill, the annual report built from data and the officer's
// narrative, and its export to DOCX, PDF or Markdown through docs/.
//
//     reports::ReportServices rs{ids, clock, abbreviations};
//     rs.sources.add(reports::Topic::Disclosures, [&](const reports::SourceRequest& r) {...});
//     auto report = reports::annual_report(rs, actor, org, 2021);
//     reports::export_report(*report, reports::Format::Pdf, "bao-cao.pdf");

#include <filesystem>

#include "identity/api.hpp"
#include "modules/reports/model.hpp"
#include "modules/reports/permissions.hpp"
#include "vn/format.hpp"

namespace danchu::reports {

struct ReportServices {
    identity::IdentityServices& identity;
    const Clock& clock;
    const vn::AbbreviationTable& abbreviations;
    SourceRegistry sources;
};

// Registers the sources this module can answer itself: Organisation and Steering (from
// identity) and Documents (from the number register).
void register_builtin_sources(ReportServices& rs);

// ---- Commands ----

// Takes the next number of `type_name` (an NĐ 30 type) for `org` in the calendar year of
// `on` (default: today in Vietnam). Numbers start at 1 on 1 January and are never handed out
// twice, also under concurrent requests (R-DOC-04). Forbidden unless IssueNumber;
// InvalidInput for an unknown type or an organisation without an abbreviation.
[[nodiscard]] Result<IssuedNumber> issue_number(ReportServices& rs, const identity::Actor& actor,
                                                const identity::Organisation& org,
                                                const std::string& type_name,
                                                const std::string& abstract_text,
                                                std::optional<Date> on = std::nullopt);

// Saves one narrative section of a year's annual report (empty text deletes it).
[[nodiscard]] Status save_narrative(ReportServices& rs, const identity::Actor& actor,
                                    const identity::Organisation& org, int year,
                                    const std::string& section, const std::string& text);

// Saves several sections at once (the web form): one transaction, one audit event.
// InvalidInput with one field error per section over 20.000 bytes.
[[nodiscard]] Status save_narratives(ReportServices& rs, const identity::Actor& actor,
                                     const identity::Organisation& org, int year,
                                     const std::map<std::string, std::string>& sections);

// Marks the year's report as submitted to the superior organisation, taking a number for it
// if it has none; keeps the figures as JSON for the province roll-up.
[[nodiscard]] Result<IssuedNumber> submit_annual_report(ReportServices& rs,
                                                        const identity::Actor& actor,
                                                        const identity::Organisation& org,
                                                        int year);

// ---- Queries ----

// The organisations above `org` for the reports policy: its ancestors (parent first) and the
// successor of each one that was merged away (R-ORG-02: Tỉnh Trà Vinh continues in Tỉnh Vĩnh
// Long, whose reviewer receives the reports of the former province's departments).
[[nodiscard]] std::vector<OrgId> superiors_of(ReportServices& rs,
                                              const identity::Organisation& org);

// The law the year's report is written under, for the organisation's setting.
[[nodiscard]] LegalFramework legal_framework(const identity::Organisation& org, int year);

// The annual report: identity data, every registered source, the saved narratives.
// Forbidden unless ViewDraft (or ReviewSubmitted for a submitted report); InvalidInput for a
// year outside 2000..2100.
[[nodiscard]] Result<AnnualReport> annual_report(ReportServices& rs, const identity::Actor& actor,
                                                 const identity::Organisation& org, int year);

[[nodiscard]] Result<std::map<std::string, std::string>> narratives(
    ReportServices& rs, const identity::Actor& actor, const identity::Organisation& org, int year);

struct SubmittedReport {
    identity::Organisation org;
    int year = 0;
    std::string number_line;
    long long submitted_at = 0;
};
// Reports submitted by organisations under `superior` (at any depth) for `year`.
[[nodiscard]] Result<std::vector<SubmittedReport>> submitted_reports(
    ReportServices& rs, const identity::Actor& actor, const identity::Organisation& superior,
    int year);

// Writes the report in `format` at `path`.
[[nodiscard]] Status export_report(const AnnualReport& report, const vn::AbbreviationTable& table,
                                   Format format, const std::filesystem::path& path);

}  // namespace danchu::reports
