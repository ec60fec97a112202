#pragma once
// The feature modules, listed explicitly (no self-registration). Adding a module means one
// entry in each function of modules.cpp: its embedded files (migrations, templates,
// i18n), its routes and navigation tabs, its demo data. The order here is the order of
// migrations, navigation tabs and demo data.

#include <memory>
#include <span>
#include <vector>

#include "core/embedded.hpp"
#include "core/result.hpp"

namespace danchu::reports {
struct ReportServices;
}

namespace danchu::app {

struct Runtime;
struct Site;
struct DemoLogin;

// Every layer's and module's embedded files, identity first.
[[nodiscard]] std::vector<std::span<const EmbeddedFile>> all_embedded_files();

// Registers each module's routes and navigation tabs on a site being built. Module
// services that must live as long as the site are kept in `site.module_state`.
[[nodiscard]] Status wire_modules(Runtime& rt, Site& site);

// Registers every module's section of the annual report (reports' built-in sources plus
// each module's `report_contribution`) in `rs`. The returned object holds what the sources
// use; keep it alive as long as `rs`.
[[nodiscard]] Result<std::shared_ptr<void>> add_report_sources(Runtime& rt,
                                                               reports::ReportServices& rs);

// Loads each module's demo data after the identity demo (organisations and people exist).
[[nodiscard]] Status load_module_demos(Runtime& rt, std::vector<DemoLogin>& logins);

}  // namespace danchu::app
