#include "vn/calendar.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>

#include "vn/dates.hpp"
#include "vn/lunar.hpp"

namespace danchu::vn {

namespace {

constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2199;
constexpr std::uint8_t kNormal = 0, kOff = 1, kMakeUp = 2;

constexpr std::string_view kArt112 = "Bộ luật Lao động 2019, Điều 112 khoản 1";
constexpr std::string_view kArt111 = "Bộ luật Lao động 2019, Điều 111 khoản 3";

SpecialDay day(Date d, SpecialDayKind kind, std::string vi, std::string en, std::string_view src) {
    return SpecialDay{d, kind, std::move(vi), std::move(en), std::string{src}, true};
}

}  // namespace

std::string_view to_string(SpecialDayKind kind) {
    switch (kind) {
        case SpecialDayKind::Holiday:
            return "holiday";
        case SpecialDayKind::Compensatory:
            return "compensatory";
        case SpecialDayKind::Swap:
            return "swap";
        case SpecialDayKind::MakeUp:
            return "makeup";
    }
    return "holiday";
}

std::optional<SpecialDayKind> parse_special_day_kind(std::string_view text) {
    for (auto k : {SpecialDayKind::Holiday, SpecialDayKind::Compensatory, SpecialDayKind::Swap,
                   SpecialDayKind::MakeUp}) {
        if (to_string(k) == text) return k;
    }
    return std::nullopt;
}

std::string_view to_string(YearStatus status) {
    switch (status) {
        case YearStatus::Decided:
            return "decided";
        case YearStatus::PartlyEstimated:
            return "partly-estimated";
        case YearStatus::Estimated:
            return "estimated";
        case YearStatus::RuleBased:
            return "rule-based";
    }
    return "rule-based";
}

WeeklyRest WeeklyRest::saturday_sunday() {
    WeeklyRest r;
    r.rest_[0] = r.rest_[6] = true;
    return r;
}

WeeklyRest WeeklyRest::sunday_only() {
    WeeklyRest r;
    r.rest_[0] = true;
    return r;
}

Result<WeeklyRest> WeeklyRest::parse(std::string_view text) {
    static constexpr std::array<std::string_view, 7> kNames{"sun", "mon", "tue", "wed",
                                                            "thu", "fri", "sat"};
    WeeklyRest r;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const auto comma = text.find(',', pos);
        const auto item =
            text.substr(pos, comma == std::string_view::npos ? text.npos : comma - pos);
        const auto it = std::find(kNames.begin(), kNames.end(), item);
        if (it == kNames.end()) {
            return fail(ErrorCode::InvalidInput, "vn.error.weekly_rest", {},
                        fmt::format("'{}' is not a day name (sun, mon, …, sat)", item));
        }
        r.rest_[static_cast<std::size_t>(it - kNames.begin())] = true;
        if (comma == std::string_view::npos) break;
        pos = comma + 1;
    }
    return r;
}

HolidayYear rule_based_holidays(int year, const WeeklyRest& rest) {
    HolidayYear y;
    y.year = year;
    y.status = YearStatus::RuleBased;
    y.note = "Không có quyết định cho năm này: tính theo Bộ luật Lao động 2019 (ước tính).";
    std::vector<SpecialDay> days;
    days.push_back(day(make_date(year, 1, 1), SpecialDayKind::Holiday, "Tết Dương lịch",
                       "New Year's Day", kArt112));
    // Five Tết days: the last day of the old lunar year and days 1–4 of the new one.
    const Date new_year = tet(year);
    for (int i = -1; i <= 3; ++i) {
        days.push_back(day(add_days(new_year, i), SpecialDayKind::Holiday, "Tết Âm lịch",
                           "Lunar New Year", kArt112));
    }
    if (auto hung = to_solar(LunarDate{10, 3, year, false})) {
        days.push_back(day(*hung, SpecialDayKind::Holiday, "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
                           "Hung Kings' Commemoration Day", kArt112));
    }
    days.push_back(day(make_date(year, 4, 30), SpecialDayKind::Holiday, "Ngày Chiến thắng",
                       "Reunification Day", kArt112));
    days.push_back(day(make_date(year, 5, 1), SpecialDayKind::Holiday, "Ngày Quốc tế lao động",
                       "International Workers' Day", kArt112));
    const Date national = make_date(year, 9, 2);
    days.push_back(day(national, SpecialDayKind::Holiday, "Quốc khánh", "National Day", kArt112));
    if (year >= 2021) {
        // The adjacent day (BLLĐ 2019 Art 112.1.đ) is picked to join a weekend where it can, as
        // the yearly decisions 2021–2025 did.
        static constexpr std::array<int, 7> kAfter{1, 1, 0, 0, 1, 0, 0};  // Sun..Sat: 1 = 3/9
        const int wd = weekday_index(national);
        const Date adjacent =
            kAfter[static_cast<std::size_t>(wd)] ? make_date(year, 9, 3) : make_date(year, 9, 1);
        days.push_back(day(adjacent, SpecialDayKind::Holiday, "Quốc khánh (ngày liền kề)",
                           "National Day (adjacent day)", kArt112));
    }
    std::sort(days.begin(), days.end(),
              [](const auto& a, const auto& b) { return day_number(a.date) < day_number(b.date); });
    // A holiday on a weekly rest day gives a compensatory day on the next working day (Art 111.3).
    std::vector<int> taken;
    for (const auto& d : days) taken.push_back(day_number(d.date));
    std::vector<SpecialDay> compensatory;
    for (const auto& d : days) {
        if (!rest.is_rest(weekday_index(d.date))) continue;
        int n = day_number(d.date) + 1;
        while (rest.is_rest(weekday_index(from_day_number(n))) ||
               std::find(taken.begin(), taken.end(), n) != taken.end()) {
            ++n;
        }
        taken.push_back(n);
        compensatory.push_back(day(from_day_number(n), SpecialDayKind::Compensatory,
                                   "Nghỉ bù " + d.name_vi, "Compensatory day: " + d.name_en,
                                   kArt111));
    }
    days.insert(days.end(), compensatory.begin(), compensatory.end());
    std::stable_sort(days.begin(), days.end(), [](const auto& a, const auto& b) {
        return day_number(a.date) < day_number(b.date);
    });
    y.days = std::move(days);
    return y;
}

Result<HolidayYear> parse_holiday_year(std::string_view toml_text) {
    const auto bad = [](std::string detail) {
        return fail(ErrorCode::InvalidInput, "vn.error.holiday_data", {}, std::move(detail));
    };
    toml::table doc;
    try {
        doc = toml::parse(toml_text);
    } catch (const toml::parse_error& e) {
        return bad(fmt::format("TOML: {}", e.description()));
    }
    HolidayYear y;
    const auto year = doc["year"].value<std::int64_t>();
    if (!year) return bad("missing 'year'");
    y.year = static_cast<int>(*year);
    const std::string status = doc["status"].value_or(std::string{"estimated"});
    if (status == "decided")
        y.status = YearStatus::Decided;
    else if (status == "partly-estimated")
        y.status = YearStatus::PartlyEstimated;
    else if (status == "estimated")
        y.status = YearStatus::Estimated;
    else
        return bad(fmt::format("unknown status '{}'", status));
    y.decision = doc["decision"].value_or(std::string{});
    y.note = doc["note"].value_or(std::string{});
    const auto* entries = doc["day"].as_array();
    if (entries == nullptr) return bad("no [[day]] entries");
    for (const auto& node : *entries) {
        const auto* t = node.as_table();
        if (t == nullptr) return bad("[[day]] must be a table");
        const auto date = (*t)["date"].value<toml::date>();
        if (!date) return bad("[[day]] without a date");
        SpecialDay d;
        d.date = make_date(date->year, date->month, date->day);
        if (!d.date.ok() || static_cast<int>(d.date.year()) != y.year) {
            return bad(fmt::format("{} is not a valid day of {}", iso(d.date), y.year));
        }
        const auto kind = parse_special_day_kind((*t)["kind"].value_or(std::string{"holiday"}));
        if (!kind) return bad(fmt::format("{}: unknown kind", iso(d.date)));
        d.kind = *kind;
        d.name_vi = (*t)["name_vi"].value_or(std::string{});
        d.name_en = (*t)["name_en"].value_or(std::string{});
        d.source = (*t)["source"].value_or(std::string{});
        d.estimated = (*t)["estimated"].value_or(y.status == YearStatus::Estimated);
        if (d.name_vi.empty() || d.source.empty()) {
            return bad(fmt::format("{}: name_vi and source are required", iso(d.date)));
        }
        y.days.push_back(std::move(d));
    }
    std::stable_sort(y.days.begin(), y.days.end(), [](const auto& a, const auto& b) {
        return day_number(a.date) < day_number(b.date);
    });
    return y;
}

WorkCalendar::WorkCalendar(std::map<int, HolidayYear> years, WeeklyRest rest)
    : data_years_(std::move(years)), rest_(rest) {
    first_day_ = day_number(make_date(kFirstYear, 1, 1));
    const int end = day_number(make_date(kLastYear + 1, 1, 1));
    flags_.assign(static_cast<std::size_t>(end - first_day_), kNormal);
    for (int y = kFirstYear; y <= kLastYear; ++y) {
        for (const auto& d : holidays(y).days) {
            const int n = day_number(d.date);
            if (n < first_day_ || n >= end) continue;
            flags_[static_cast<std::size_t>(n - first_day_)] =
                d.kind == SpecialDayKind::MakeUp ? kMakeUp : kOff;
        }
    }
}

Result<WorkCalendar> WorkCalendar::load(const DataSource& data, WeeklyRest rest) {
    std::map<int, HolidayYear> years;
    for (const auto& path : data.list("holidays")) {
        if (!path.ends_with(".toml")) continue;
        const auto text = data.read(path);
        if (!text) continue;
        auto year = parse_holiday_year(*text);
        if (!year) {
            auto e = year.error();
            e.detail = path + ": " + e.detail;
            return e;
        }
        const int y = year->year;
        years[y] = std::move(*year);
    }
    return WorkCalendar{std::move(years), rest};
}

WorkCalendar WorkCalendar::from_years(std::vector<HolidayYear> years, WeeklyRest rest) {
    std::map<int, HolidayYear> map;
    for (auto& y : years) {
        const int key = y.year;
        map[key] = std::move(y);
    }
    return WorkCalendar{std::move(map), rest};
}

HolidayYear WorkCalendar::holidays(int year) const {
    const auto it = data_years_.find(year);
    if (it != data_years_.end()) return it->second;
    return rule_based_holidays(year, rest_);
}

std::optional<SpecialDay> WorkCalendar::special_day(Date d) const {
    for (const auto& s : holidays(static_cast<int>(d.year())).days) {
        if (s.date == d) return s;
    }
    return std::nullopt;
}

bool WorkCalendar::is_working_day(Date d) const {
    const int n = day_number(d);
    std::uint8_t flag = kNormal;
    if (n >= first_day_ && n - first_day_ < static_cast<int>(flags_.size())) {
        flag = flags_[static_cast<std::size_t>(n - first_day_)];
    } else if (const auto s = special_day(d)) {
        flag = s->kind == SpecialDayKind::MakeUp ? kMakeUp : kOff;
    }
    if (flag == kOff) return false;
    if (flag == kMakeUp) return true;
    return !rest_.is_rest(weekday_index(d));
}

}  // namespace danchu::vn
