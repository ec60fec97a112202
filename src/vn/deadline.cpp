#include "vn/deadline.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>

#include "vn/dates.hpp"

namespace danchu::vn {

std::string_view to_string(Unit unit) {
    switch (unit) {
        case Unit::CalendarDays:
            return "cd";
        case Unit::WorkingDays:
            return "wd";
        case Unit::Months:
            return "mo";
    }
    return "cd";
}

std::optional<Unit> parse_unit(std::string_view text) {
    for (auto u : {Unit::CalendarDays, Unit::WorkingDays, Unit::Months}) {
        if (to_string(u) == text) return u;
    }
    return std::nullopt;
}

namespace {

Date add_months(Date d, int n) {
    using namespace std::chrono;
    const year_month ym = year_month{d.year(), d.month()} + months{n};
    const year_month_day_last last{ym.year(), month_day_last{ym.month()}};
    const day dd = std::min(d.day(), last.day());
    return year_month_day{ym.year(), ym.month(), dd};
}

}  // namespace

Deadline deadline(Date event, int n, Unit unit, const WorkCalendar& calendar, Roll roll) {
    Deadline out;
    out.basis = std::string{kCountingBasis};
    if (unit == Unit::WorkingDays) {
        int day = day_number(event);
        int counted = 0;
        while (counted < n) {
            ++day;
            if (calendar.is_working_day(from_day_number(day))) {
                ++counted;
            } else {
                out.skipped.push_back(from_day_number(day));
            }
        }
        out.date = out.nominal = from_day_number(day);
        return out;
    }
    out.nominal = unit == Unit::Months ? add_months(event, n) : add_days(event, n);
    int day = day_number(out.nominal);
    if (roll == Roll::ToWorkingDay) {
        while (!calendar.is_working_day(from_day_number(day))) {
            out.skipped.push_back(from_day_number(day));
            ++day;
        }
    }
    out.date = from_day_number(day);
    return out;
}

Deadline latest_before(Date event, int n, Unit unit, const WorkCalendar& calendar) {
    Deadline out;
    out.basis = std::string{kCountingBasis};
    int day = day_number(event);
    if (unit == Unit::WorkingDays) {
        int counted = 0;
        while (counted < n) {
            --day;
            if (calendar.is_working_day(from_day_number(day))) {
                ++counted;
            } else {
                out.skipped.push_back(from_day_number(day));
            }
        }
        out.date = out.nominal = from_day_number(day);
        return out;
    }
    out.nominal = unit == Unit::Months ? add_months(event, -n) : add_days(event, -n);
    day = day_number(out.nominal);
    while (!calendar.is_working_day(from_day_number(day))) {
        out.skipped.push_back(from_day_number(day));
        --day;
    }
    out.date = from_day_number(day);
    return out;
}

std::string Rule::basis() const { return fmt::format("{}, {}", instrument, article); }

Result<RuleTable> RuleTable::parse(std::string_view toml_text) {
    const auto bad = [](std::string detail) {
        return fail(ErrorCode::InvalidInput, "vn.error.rule_data", {}, std::move(detail));
    };
    toml::table doc;
    try {
        doc = toml::parse(toml_text);
    } catch (const toml::parse_error& e) {
        return bad(fmt::format("TOML: {}", e.description()));
    }
    const auto* rows = doc["rule"].as_array();
    if (rows == nullptr) return bad("no [[rule]] rows");
    RuleTable table;
    for (const auto& node : *rows) {
        const auto* t = node.as_table();
        if (t == nullptr) return bad("[[rule]] must be a table");
        Rule r;
        r.name = (*t)["name"].value_or(std::string{});
        if (r.name.empty()) return bad("a rule without a name");
        const auto fail_row = [&](std::string_view what) {
            return bad(fmt::format("rule '{}': {}", r.name, what));
        };
        r.title_vi = (*t)["title_vi"].value_or(std::string{});
        r.title_en = (*t)["title_en"].value_or(std::string{});
        const auto amount = (*t)["amount"].value<std::int64_t>();
        if (!amount || *amount < 0) return fail_row("'amount' must be a whole number ≥ 0");
        r.amount = static_cast<int>(*amount);
        const auto unit = parse_unit((*t)["unit"].value_or(std::string{}));
        if (!unit) return fail_row("'unit' must be cd, wd or mo");
        r.unit = *unit;
        const std::string direction = (*t)["direction"].value_or(std::string{"after"});
        if (direction == "after")
            r.direction = Direction::After;
        else if (direction == "before")
            r.direction = Direction::Before;
        else
            return fail_row("'direction' must be after or before");
        r.kind = (*t)["kind"].value_or(std::string{"deadline"});
        r.roll = (r.kind == "minimum") ? Roll::None : Roll::ToWorkingDay;
        r.instrument = (*t)["instrument"].value_or(std::string{});
        r.article = (*t)["article"].value_or(std::string{});
        r.requirement = (*t)["requirement"].value_or(std::string{});
        r.note = (*t)["note"].value_or(std::string{});
        if (r.instrument.empty() || r.article.empty()) return fail_row("instrument and article");
        const auto from = (*t)["effective_from"].value<toml::date>();
        if (!from) return fail_row("'effective_from' is required");
        r.effective_from = make_date(from->year, from->month, from->day);
        if (const auto to = (*t)["effective_to"].value<toml::date>()) {
            r.effective_to = make_date(to->year, to->month, to->day);
        }
        table.rules_.push_back(std::move(r));
    }
    return table;
}

Result<RuleTable> RuleTable::load(const DataSource& data) {
    const auto text = data.read("rules/deadlines.toml");
    if (!text) {
        return fail(ErrorCode::Internal, "vn.error.rule_data", {}, "rules/deadlines.toml missing");
    }
    return parse(*text);
}

Result<const Rule*> RuleTable::find(std::string_view name, Date event) const {
    bool known = false;
    for (const auto& r : rules_) {
        if (r.name != name) continue;
        known = true;
        if (day_number(event) < day_number(r.effective_from)) continue;
        if (r.effective_to && day_number(event) > day_number(*r.effective_to)) continue;
        return &r;
    }
    if (!known) {
        return fail(ErrorCode::NotFound, "vn.error.unknown_rule", {},
                    fmt::format("no deadline rule named '{}' (see `danchu vn rules`)", name));
    }
    return fail(ErrorCode::NotFound, "vn.error.rule_not_in_force", {},
                fmt::format("rule '{}' is not in force on {}", name, iso(event)));
}

Deadline apply(const Rule& rule, Date event, const WorkCalendar& calendar) {
    Deadline d = rule.direction == Direction::Before
                     ? latest_before(event, rule.amount, rule.unit, calendar)
                     : deadline(event, rule.amount, rule.unit, calendar, rule.roll);
    d.basis = rule.basis();
    return d;
}

}  // namespace danchu::vn
