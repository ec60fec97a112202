#pragma once
// Demo data of the reports module: the narrative drafts of the seed department's 2021
// report, written the way the seed report words them, so `danchu demo` shows a report that
// reads like one. The figures still come from the other demo data only.

#include "core/result.hpp"
#include "modules/reports/api.hpp"

namespace danchu::reports {

[[nodiscard]] Status load_demo(identity::IdentityServices& ids, const Clock& clock);

}  // namespace danchu::reports
