#pragma once
// The disclosures module's contribution to the annual report (reports module,
// Topic::Disclosures): what was made public in the year, by legal item and by channel, and
// how much was internal to staff — the seed's "công khai … qua hệ thống văn phòng điện tử;
// hội nghị và niêm yết tại trụ sở cơ quan và trang website".

#include "modules/disclosures/api.hpp"
#include "modules/reports/model.hpp"

namespace danchu::disclosures {

// Nothing (the report prints "chưa có dữ liệu") when nothing was published in the year.
[[nodiscard]] Result<std::optional<reports::Contribution>> report_contribution(
    DisclosureServices& s, const reports::SourceRequest& request);

}  // namespace danchu::disclosures
