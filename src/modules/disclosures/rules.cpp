#include "modules/disclosures/rules.hpp"

#include <algorithm>
#include <chrono>

namespace danchu::disclosures {

namespace {

std::string_view setting_prefix(Setting s) {
    switch (s) {
        case Setting::Commune:
            return "disclosure.commune";
        case Setting::Agency:
            return "disclosure.agency";
        // Art 64–66 bind state-owned enterprises; other employers follow the same periods
        // through their workplace regulation (NĐ 145/2020 Điều 48), the strictest reading.
        case Setting::Enterprise:
            return "disclosure.soe";
    }
    return "disclosure.agency";
}

bool uses(const std::vector<Channel>& cs, Channel c) {
    return std::find(cs.begin(), cs.end(), c) != cs.end();
}

}  // namespace

std::string timing_rule_name(Setting s) { return std::string(setting_prefix(s)) + ".timing"; }
std::string posting_rule_name(Setting s) { return std::string(setting_prefix(s)) + ".posting"; }

Result<LegalCheck> check_disclosure(const vn::RuleTable& rules, const vn::WorkCalendar& calendar,
                                    Setting setting, const Category& category, Date decision_date,
                                    Date published_on, Date posting_start,
                                    std::optional<Date> posting_end,
                                    const std::vector<Channel>& channels) {
    LegalCheck c;
    auto timing = rules.find(timing_rule_name(setting), decision_date);
    if (!timing && timing.error().code == ErrorCode::NotFound &&
        std::chrono::sys_days{decision_date} < std::chrono::sys_days{category.effective_from}) {
        c.rules_in_force = false;
        return c;
    }
    if (!timing) return timing.error();
    const auto due = vn::apply(**timing, decision_date, calendar);
    c.latest_publication = due.date;
    c.timing_basis = due.basis;
    c.timing_skipped = due.skipped;
    c.late = std::chrono::sys_days{published_on} > std::chrono::sys_days{due.date};

    c.permanent = category.permanent;
    if (c.permanent) {
        // Commune items 4 and 13 stay posted "thường xuyên" (Art 13.2): any end is early.
        c.posting_basis = category.instrument + ", Điều 13 khoản 2";
        c.short_posting = posting_end.has_value();
    } else {
        auto posting = rules.find(posting_rule_name(setting), decision_date);
        if (!posting) return posting.error();
        const auto min_end = vn::apply(**posting, posting_start, calendar);
        c.minimum_posting_end = min_end.date;
        c.posting_basis = min_end.basis;
        c.short_posting = posting_end &&
                          std::chrono::sys_days{*posting_end} < std::chrono::sys_days{min_end.date};
    }
    if (setting == Setting::Commune && category.loudspeaker &&
        uses(channels, Channel::Loudspeaker)) {
        auto loud = rules.find("disclosure.commune.loudspeaker", decision_date);
        if (!loud) return loud.error();
        const auto end = vn::apply(**loud, posting_start, calendar);
        c.loudspeaker_minimum_end = end.date;
        c.loudspeaker_basis = end.basis;
    }
    for (auto m : category.mandatory) {
        if (!uses(channels, m)) c.missing_channels.push_back(m);
    }
    if (!category.mandatory_any.empty()) {
        c.missing_any_of =
            std::none_of(category.mandatory_any.begin(), category.mandatory_any.end(),
                         [&](Channel m) { return uses(channels, m); });
    }
    return c;
}

std::vector<Channel> default_channels(const Category& category) {
    std::vector<Channel> out = category.mandatory;
    if (!category.mandatory_any.empty() && !uses(out, category.mandatory_any.front())) {
        out.push_back(category.mandatory_any.front());
    }
    return out;
}

}  // namespace danchu::disclosures
