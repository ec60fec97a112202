#pragma once
// The cases module's contribution to the annual report (reports module, Topic::Cases):
// feedback, complaints and denunciations received in the year by kind and channel, how
// many were accepted and resolved, resolution on time, average handling time and citizen
// satisfaction — the figures of the seed's "tiếp nhận và giải quyết đơn thư" paragraph.

#include "modules/cases/api.hpp"
#include "modules/reports/model.hpp"

namespace danchu::cases {

// Nothing (the report prints "chưa có dữ liệu") when no case was received in the year.
[[nodiscard]] Result<std::optional<reports::Contribution>> report_contribution(
    CasesServices& s, const reports::SourceRequest& request);

}  // namespace danchu::cases
