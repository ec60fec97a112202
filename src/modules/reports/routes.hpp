#pragma once
// The reports module's pages: an organisation's annual report (preview, the officer's
// narrative, export to DOCX and PDF, submission), for its secretaries and heads; the list of
// reports submitted by organisations below, for a reviewer. Handlers parse, call a command
// or query and render or redirect; they hold no rules and no SQL.

#include <memory>

#include "http/router.hpp"
#include "identity/web_context.hpp"
#include "modules/reports/api.hpp"

namespace danchu::reports {

struct WebServices {
    identity::WebServices& web;
    ReportServices& reports;
};

void register_routes(http::Router& router, WebServices& services);

// Whether the organisation's "Báo cáo" tab is shown to this visitor.
[[nodiscard]] bool tab_visible(const identity::Actor& actor, const identity::Organisation& org,
                               std::span<const OrgId> ancestors);

// The module's organisation tabs: "Báo cáo" for those who prepare the report, "Báo cáo cấp
// dưới" on a superior organisation for its reviewers.
void add_navigation(identity::WebServices& web);

// Everything the wiring keeps alive for the site's lifetime.
struct Module {
    std::unique_ptr<vn::AbbreviationTable> abbreviations;
    std::unique_ptr<ReportServices> reports;
    std::unique_ptr<WebServices> web;
};
[[nodiscard]] Result<std::shared_ptr<Module>> make_module(identity::WebServices& web,
                                                          const Clock& clock);

}  // namespace danchu::reports
