#include "modules/reports/cli.hpp"

#include <ostream>

namespace danchu::reports {

Status run_annual(ReportServices& rs, const AnnualCommand& cmd, std::ostream& log) {
    auto format = parse_format(cmd.format);
    if (!format)
        return fail(ErrorCode::InvalidInput, "", {},
                    "unknown format '" + cmd.format + "' (docx, pdf, md, xlsx)");
    if (cmd.out.empty()) return fail(ErrorCode::InvalidInput, "", {}, "--out FILE is required");
    auto org = identity::find_organisation(rs.identity, cmd.org_slug);
    if (!org) return fail(ErrorCode::NotFound, "", {}, "no organisation '" + cmd.org_slug + "'");
    const auto sys = identity::Actor::system("danchu report");
    auto report = annual_report(rs, sys, *org, cmd.year);
    if (!report) {
        const auto& e = report.error();
        return fail(e.code, e.message_key, e.fields,
                    e.detail.empty() ? "cannot build the report: " + e.message_key : e.detail);
    }
    if (cmd.issue && !report->number) {
        auto n = issue_number(rs, sys, *org, "Báo cáo", report->document.abstract_text);
        if (!n) return n.error();
        report->number = *n;
        report->document.number = n->number;
        report->document.date = n->issued_on;
        log << "report: " << n->number_line << "\n";
    } else if (cmd.date && !report->number) {
        report->document.date = *cmd.date;
    }
    for (const auto& m : report->missing)
        log << "report: " << kNoData << ": " << topic_title(m.topic) << " (" << m.reason << ")\n";
    if (auto st = export_report(*report, rs.abbreviations, *format, cmd.out); !st)
        return st.error();
    log << "report: wrote " << cmd.out.string() << "\n";
    return {};
}

}  // namespace danchu::reports
