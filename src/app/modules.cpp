#include "app/modules.hpp"

#include "app/demo.hpp"
#include "app/serve.hpp"
#include "identity/files.hpp"
#include "modules/cases/files.hpp"
#include "modules/cases/report_source.hpp"
#include "modules/cases/routes.hpp"
#include "modules/disclosures/demo.hpp"
#include "modules/disclosures/files.hpp"
#include "modules/disclosures/report_source.hpp"
#include "modules/disclosures/routes.hpp"
#include "modules/reports/api.hpp"
#include "modules/reports/demo.hpp"
#include "modules/reports/files.hpp"
#include "modules/reports/routes.hpp"
#include "web/i18n.hpp"

namespace danchu::app {

namespace {

// The disclosures module's reference data and services, alive as long as the site.
struct DisclosuresState {
    vn::RuleTable rules;
    vn::WorkCalendar calendar;
    disclosures::CategoryTable categories;
    disclosures::DisclosureServices domain;
    disclosures::WebServices web;
    DisclosuresState(vn::RuleTable r, vn::WorkCalendar c, disclosures::CategoryTable t,
                     identity::IdentityServices& ids, identity::WebServices& w,
                     const disclosures::DisclosuresConfig& config)
        : rules(std::move(r)),
          calendar(std::move(c)),
          categories(std::move(t)),
          domain{ids,
                 categories,
                 rules,
                 calendar,
                 config.max_attachment_bytes,
                 config.max_attachments,
                 config.attachment_types},
          web{w, domain} {}
};

Result<std::shared_ptr<DisclosuresState>> disclosures_state(Runtime& rt,
                                                            identity::WebServices& web) {
    auto rules = vn::RuleTable::load();
    if (!rules) return rules.error();
    auto calendar = vn::WorkCalendar::load();
    if (!calendar) return calendar.error();
    auto categories = disclosures::CategoryTable::load();
    if (!categories) return categories.error();
    return std::make_shared<DisclosuresState>(std::move(*rules), std::move(*calendar),
                                              std::move(*categories), *rt.identity, web,
                                              rt.config.disclosures);
}

// What the report sources of the other modules read through.
struct ReportSourcesState {
    std::shared_ptr<const cases::LegalData> cases_legal;
    std::unique_ptr<cases::CasesServices> cases;
    std::unique_ptr<disclosures::CategoryTable> categories;
    std::unique_ptr<disclosures::DisclosureServices> disclosures;
};

}  // namespace

Result<std::shared_ptr<void>> add_report_sources(Runtime& rt, reports::ReportServices& rs) {
    reports::register_builtin_sources(rs);
    auto state = std::make_shared<ReportSourcesState>();
    auto legal = cases::load_legal_data();
    if (!legal) return legal.error();
    state->cases_legal = *legal;
    auto categories = disclosures::CategoryTable::load();
    if (!categories) return categories.error();
    state->categories = std::make_unique<disclosures::CategoryTable>(std::move(*categories));
    state->disclosures = std::make_unique<disclosures::DisclosureServices>(
        disclosures::DisclosureServices{*rt.identity, *state->categories, state->cases_legal->rules,
                                        state->cases_legal->calendar});
    state->cases = std::make_unique<cases::CasesServices>(cases::CasesServices{
        *rt.identity, rt.clock, state->cases_legal->rules, state->cases_legal->calendar});
    auto* raw = state.get();
    rs.sources.add(reports::Topic::Disclosures, [raw](const reports::SourceRequest& r) {
        return disclosures::report_contribution(*raw->disclosures, r);
    });
    rs.sources.add(reports::Topic::Cases, [raw](const reports::SourceRequest& r) {
        return cases::report_contribution(*raw->cases, r);
    });
    return std::shared_ptr<void>(state);
}

std::vector<std::span<const EmbeddedFile>> all_embedded_files() {
    return {
        web::embedded_files(),
        identity::embedded_files(),
        // Modules: one line each, in module order.
        disclosures::embedded_files(),
        cases::embedded_files(),
        reports::embedded_files(),
    };
}

Status wire_modules(Runtime& rt, Site& site) {
    {
        auto state = disclosures_state(rt, *site.web);
        if (!state) return state.error();
        disclosures::register_routes(site.server->router(), (*state)->web);
        disclosures::add_navigation(*site.web);
        site.module_state.push_back(*state);
    }
    {
        auto state = cases::wire(site.server->router(), *site.web, rt.clock, rt.config.cases);
        if (!state) return state.error();
        site.module_state.push_back(*state);
    }
    {
        auto reports_module = reports::make_module(*site.web, rt.clock);
        if (!reports_module) return reports_module.error();
        auto sources = add_report_sources(rt, *(*reports_module)->reports);
        if (!sources) return sources.error();
        site.module_state.push_back(*sources);
        reports::register_routes(site.server->router(), *(*reports_module)->web);
        reports::add_navigation(*site.web);
        site.module_state.push_back(*reports_module);
    }
    return {};
}

Status load_module_demos(Runtime& rt, std::vector<DemoLogin>& logins) {
    (void)logins;
    // Modules: one call each, in module order.
    {
        auto rules = vn::RuleTable::load();
        if (!rules) return rules.error();
        auto calendar = vn::WorkCalendar::load();
        if (!calendar) return calendar.error();
        auto categories = disclosures::CategoryTable::load();
        if (!categories) return categories.error();
        disclosures::DisclosureServices s{*rt.identity, *categories, *rules, *calendar};
        if (auto st = disclosures::load_demo(s); !st) return st;
    }
    {
        // The seed's department; the anonymous report's receipt code is printed.
        auto code = cases::load_demo(*rt.identity, rt.clock, "so-tttt-tra-vinh");
        if (!code) return code.error();
        logins.push_back({"/track", "mã tra cứu tin tố cáo nặc danh " + *code, "so-tttt-tra-vinh"});
    }
    if (auto st = reports::load_demo(*rt.identity, rt.clock); !st) return st.error();
    return {};
}

}  // namespace danchu::app
