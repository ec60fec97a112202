#include "app/vn_cli.hpp"

#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "vn/calendar.hpp"
#include "vn/cite.hpp"
#include "vn/data.hpp"
#include "vn/dates.hpp"
#include "vn/deadline.hpp"
#include "vn/format.hpp"
#include "vn/lunar.hpp"
#include "vn/text.hpp"

namespace danchu::app {

namespace {

using nlohmann::json;

constexpr int kBadInput = 2;
// A range of `vn lunar` longer than this is almost certainly a typo in a year.
constexpr int kMaxLunarRangeDays = 100 * 366;

int report(const Error& e) {
    std::cerr << "danchu vn: " << (e.detail.empty() ? e.message_key : e.detail) << '\n';
    return e.code == ErrorCode::Internal ? 1 : kBadInput;
}

int bad_input(const std::string& message) {
    std::cerr << "danchu vn: " << message << '\n';
    return kBadInput;
}

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

// Accepts "1710000", "-5" and the Vietnamese grouped form "1.710.000" (R-FMT-01): 1–3 digits,
// then groups of exactly 3 after each dot.
Result<long long> parse_amount(const std::string& text) {
    if (text.find('.') == std::string::npos) return vn::parse_integer(text);
    const std::size_t sign = (!text.empty() && text[0] == '-') ? 1 : 0;
    std::vector<std::string> groups;
    std::stringstream in{text.substr(sign)};
    for (std::string group; std::getline(in, group, '.');) groups.push_back(group);
    bool ok = !text.empty() && text.back() != '.' && !groups.empty() && !groups[0].empty() &&
              groups[0].size() <= 3;
    for (std::size_t i = 1; ok && i < groups.size(); ++i) ok = groups[i].size() == 3;
    if (!ok) {
        return fail(ErrorCode::InvalidInput, "vn.error.bad_number", {},
                    "'" + text + "' is not a whole number");
    }
    std::string plain = text.substr(0, sign);
    for (const auto& g : groups) plain += g;
    return vn::parse_integer(plain);
}

// The calendar is validated for 1900–2199 and tabulated for 1800–2300; outside that, dates are
// refused rather than computed with a drifting ΔT.
constexpr int kFirstYear = 1800;
constexpr int kLastYear = 2300;

Result<Date> parse_date(const std::string& text) {
    auto date = vn::parse_iso_date(text);
    if (!date) return date;
    const int year = static_cast<int>(date->year());
    if (year < kFirstYear || year > kLastYear) {
        return fail(ErrorCode::InvalidInput, "vn.error.date_range", {},
                    text + " is outside the supported years " + std::to_string(kFirstYear) + "–" +
                        std::to_string(kLastYear));
    }
    return date;
}

// "D/M/YYYY" for `vn solar`.
Result<vn::LunarDate> parse_lunar(const std::string& text, bool leap) {
    std::vector<std::string> parts;
    std::stringstream in{text};
    for (std::string part; std::getline(in, part, '/');) parts.push_back(part);
    const auto bad = [&] {
        return fail(ErrorCode::InvalidInput, "vn.error.bad_lunar_date", {},
                    "'" + text + "' is not a lunar date D/M/YYYY");
    };
    if (parts.size() != 3) return bad();
    std::vector<long long> values;
    for (const auto& p : parts) {
        if (p.empty() || p[0] == '-') return bad();
        auto v = vn::parse_integer(p);
        if (!v) return bad();
        values.push_back(*v);
    }
    if (values[1] > 12 || values[0] > 31) return bad();
    if (values[2] < kFirstYear || values[2] > kLastYear) {
        return fail(ErrorCode::InvalidInput, "vn.error.date_range", {},
                    "lunar year " + std::to_string(values[2]) + " is outside the supported years " +
                        std::to_string(kFirstYear) + "–" + std::to_string(kLastYear));
    }
    return vn::LunarDate{static_cast<int>(values[0]), static_cast<int>(values[1]),
                         static_cast<int>(values[2]), leap};
}

json lunar_json(Date solar) {
    const auto l = vn::to_lunar(solar);
    const auto year_name = vn::year_can_chi(l.year).name();
    return json{{"solar", vn::iso(solar)},
                {"day", l.day},
                {"month", l.month},
                {"year", l.year},
                {"leap", l.leap},
                {"can_chi",
                 {{"year", year_name},
                  {"month", vn::month_can_chi(l).name()},
                  {"day", vn::day_can_chi(solar).name()}}},
                {"year_name", "năm " + year_name}};
}

struct Options {
    std::string data_dir;
    vn::DataSource data() const {
        if (!data_dir.empty()) return vn::DataSource{std::filesystem::path{data_dir}};
        return vn::DataSource::from_environment();
    }
};

int run_lunar(const std::vector<std::string>& dates, bool as_json) {
    auto from = parse_date(dates.at(0));
    if (!from) return report(from.error());
    Date to = *from;
    if (dates.size() > 1) {
        auto parsed = parse_date(dates[1]);
        if (!parsed) return report(parsed.error());
        to = *parsed;
    }
    const int first = vn::day_number(*from), last = vn::day_number(to);
    if (last < first) return bad_input("the end date is before the start date");
    if (last - first > kMaxLunarRangeDays) return bad_input("the range is longer than 100 years");
    for (int n = first; n <= last; ++n) {
        const Date d = vn::from_day_number(n);
        if (as_json) {
            std::cout << lunar_json(d).dump() << '\n';
            continue;
        }
        const auto l = vn::to_lunar(d);
        std::cout << vn::iso(d) << '\t' << l.day << '\t' << l.month << '\t' << l.year << '\t'
                  << (l.leap ? 1 : 0) << '\n';
    }
    return 0;
}

int run_solar(const std::string& text, bool leap) {
    auto lunar = parse_lunar(text, leap);
    if (!lunar) return report(lunar.error());
    auto solar = vn::to_solar(*lunar);
    if (!solar) return report(solar.error());
    std::cout << vn::iso(*solar) << '\n';
    return 0;
}

int run_holidays(const Options& o, const std::string& year_text, bool as_json) {
    auto year = vn::parse_integer(year_text);
    if (!year || *year < 1900 || *year > 2199) {
        return bad_input("'" + year_text + "' is not a year between 1900 and 2199");
    }
    auto calendar = vn::WorkCalendar::load(o.data());
    if (!calendar) return report(calendar.error());
    const auto h = calendar->holidays(static_cast<int>(*year));
    if (as_json) {
        json days = json::array();
        for (const auto& d : h.days) {
            days.push_back({{"date", vn::iso(d.date)},
                            {"kind", vn::to_string(d.kind)},
                            {"name_vi", d.name_vi},
                            {"name_en", d.name_en},
                            {"source", d.source},
                            {"estimated", d.estimated}});
        }
        std::cout << json{{"year", h.year},
                          {"status", vn::to_string(h.status)},
                          {"decision", h.decision},
                          {"note", h.note},
                          {"days", days}}
                         .dump(2)
                  << '\n';
        return 0;
    }
    for (const auto& d : h.days) {
        std::cout << vn::iso(d.date) << '\t' << vn::to_string(d.kind) << '\t'
                  << (d.estimated ? 1 : 0) << '\t' << d.name_vi << '\t' << d.source << '\n';
    }
    return 0;
}

struct DeadlineArgs {
    std::string from;
    std::string days;
    std::string unit;
    std::string rule;
    bool json = false;
};

int run_deadline(const Options& o, const DeadlineArgs& a) {
    auto from = parse_date(a.from);
    if (!from) return report(from.error());
    auto calendar = vn::WorkCalendar::load(o.data());
    if (!calendar) return report(calendar.error());
    vn::Deadline result;
    json extra = json::object();
    if (!a.rule.empty()) {
        if (!a.days.empty() || !a.unit.empty()) {
            return bad_input("--rule takes its length from the rule table; drop --days/--unit");
        }
        auto table = vn::RuleTable::load(o.data());
        if (!table) return report(table.error());
        auto rule = table->find(a.rule, *from);
        if (!rule) return report(rule.error());
        result = vn::apply(**rule, *from, *calendar);
        extra = {{"rule", (*rule)->name},
                 {"days", (*rule)->amount},
                 {"unit", vn::to_string((*rule)->unit)},
                 {"direction", (*rule)->direction == vn::Direction::Before ? "before" : "after"},
                 {"requirement", (*rule)->requirement},
                 {"title_vi", (*rule)->title_vi}};
    } else {
        if (a.days.empty() || a.unit.empty()) {
            return bad_input("give --days N and --unit wd|cd, or --rule NAME");
        }
        auto n = vn::parse_integer(a.days);
        if (!n || *n < 0 || *n > 100000) {
            return bad_input("--days '" + a.days + "' is not a whole number between 0 and 100000");
        }
        const auto unit = vn::parse_unit(a.unit);
        if (!unit || *unit == vn::Unit::Months) {
            return bad_input("--unit '" + a.unit +
                             "' must be wd (working days) or cd (calendar days)");
        }
        result = vn::deadline(*from, static_cast<int>(*n), *unit, *calendar);
        extra = {{"days", *n}, {"unit", a.unit}};
    }
    if (!a.json) {
        std::cout << vn::iso(result.date) << '\n';
        return 0;
    }
    json skipped = json::array();
    for (const auto& d : result.skipped) skipped.push_back(vn::iso(d));
    json out = {{"from", vn::iso(*from)},
                {"date", vn::iso(result.date)},
                {"nominal", vn::iso(result.nominal)},
                {"basis", result.basis},
                {"counting", vn::kCountingBasis},
                {"skipped", skipped}};
    out.update(extra);
    std::cout << out.dump() << '\n';
    return 0;
}

int run_rules(const Options& o) {
    auto table = vn::RuleTable::load(o.data());
    if (!table) return report(table.error());
    for (const auto& r : table->rules()) {
        std::cout << r.name << '\t' << r.amount << '\t' << vn::to_string(r.unit) << '\t'
                  << (r.direction == vn::Direction::Before ? "before" : "after") << '\t'
                  << r.basis() << '\t' << vn::iso(r.effective_from) << '\n';
    }
    return 0;
}

int run_number(const std::string& text, bool money) {
    auto n = parse_amount(text);
    if (!n) return report(n.error());
    std::cout << (money ? vn::format_money(*n) : vn::money_in_words(*n)) << '\n';
    return 0;
}

int run_cite(const std::vector<std::string>& words, const std::string& file) {
    std::string text;
    if (!file.empty()) {
        if (!words.empty()) return bad_input("give TEXT or --file, not both");
        std::ifstream in{file, std::ios::binary};
        if (!in) return bad_input("cannot read '" + file + "'");
        std::ostringstream content;
        content << in.rdbuf();
        text = content.str();
    } else {
        if (words.empty()) return bad_input("give TEXT or --file F");
        text = join(words);
    }
    for (const auto& c : vn::find_citations(vn::nfc(text))) std::cout << vn::to_json(c) << '\n';
    return 0;
}

// Runs a leaf and turns any escaping exception into exit status 1 with one line, so that no
// input can crash the command.
template <class F>
std::function<void()> leaf(int& exit_code, F f) {
    return [&exit_code, f] {
        try {
            exit_code = f();
        } catch (const std::exception& e) {
            std::cerr << "danchu vn: internal error: " << e.what() << '\n';
            exit_code = 1;
        }
    };
}

}  // namespace

void add_vn_commands(CLI::App& app, int& exit_code) {
    auto* vn = app.add_subcommand("vn", "Vietnamese calendar, deadlines, formatting, citations");
    vn->require_subcommand(1);
    auto options = std::make_shared<Options>();
    vn->add_option("--data-dir", options->data_dir,
                   "Directory searched before the built-in data (holidays/, rules/, vn/); "
                   "default $DANCHU_DATA_DIR");

    {
        auto* cmd = vn->add_subcommand("lunar", "Solar → lunar: one line per day of the range");
        auto dates = std::make_shared<std::vector<std::string>>();
        auto as_json = std::make_shared<bool>(false);
        cmd->add_option("dates", *dates, "YYYY-MM-DD [YYYY-MM-DD]")->required()->expected(1, 2);
        cmd->add_flag("--json", *as_json, "JSON with can-chi names");
        cmd->callback(leaf(exit_code, [=] { return run_lunar(*dates, *as_json); }));
    }
    {
        auto* cmd = vn->add_subcommand("solar", "Lunar → solar: prints YYYY-MM-DD");
        auto date = std::make_shared<std::string>();
        auto leap = std::make_shared<bool>(false);
        cmd->add_option("date", *date, "D/M/YYYY (lunar)")->required();
        cmd->add_flag("--leap", *leap, "the leap month (tháng nhuận)");
        cmd->callback(leaf(exit_code, [=] { return run_solar(*date, *leap); }));
    }
    {
        auto* cmd = vn->add_subcommand("holidays", "Days off of a year, with names and sources");
        auto year = std::make_shared<std::string>();
        auto as_json = std::make_shared<bool>(false);
        cmd->add_option("year", *year, "YYYY")->required();
        cmd->add_flag("--json", *as_json, "JSON with the year's status and decision");
        cmd->callback(leaf(exit_code, [=] { return run_holidays(*options, *year, *as_json); }));
    }
    {
        auto* cmd = vn->add_subcommand("deadline", "End of a legal period (BLDS 2015 Art 147–148)");
        auto args = std::make_shared<DeadlineArgs>();
        cmd->add_option("--from", args->from, "event date YYYY-MM-DD (not counted)")->required();
        cmd->add_option("--days", args->days, "length N");
        cmd->add_option("--unit", args->unit, "wd (working days) or cd (calendar days)");
        cmd->add_option("--rule", args->rule, "a rule of `danchu vn rules`");
        cmd->add_flag("--json", args->json, "JSON with the legal basis and the skipped days");
        cmd->callback(leaf(exit_code, [=] { return run_deadline(*options, *args); }));
    }
    {
        auto* cmd = vn->add_subcommand("rules", "Deadline rules with their legal basis");
        cmd->callback(leaf(exit_code, [=] { return run_rules(*options); }));
    }
    {
        auto* cmd = vn->add_subcommand("fold", "Search key: no marks, đ → d, lower case");
        auto words = std::make_shared<std::vector<std::string>>();
        cmd->add_option("text", *words, "TEXT")->required();
        cmd->callback(leaf(exit_code, [=] {
            std::cout << vn::fold(vn::nfc(join(*words))) << '\n';
            return 0;
        }));
    }
    {
        auto* cmd = vn->add_subcommand("money", "Amount in đồng: 1.710.000 đồng");
        auto n = std::make_shared<std::string>();
        cmd->add_option("amount", *n, "N (đồng)")->required();
        cmd->callback(leaf(exit_code, [=] { return run_number(*n, true); }));
    }
    {
        auto* cmd = vn->add_subcommand("words", "Amount in words: Một triệu … đồng");
        auto n = std::make_shared<std::string>();
        cmd->add_option("amount", *n, "N (đồng)")->required();
        cmd->callback(leaf(exit_code, [=] { return run_number(*n, false); }));
    }
    {
        auto* cmd = vn->add_subcommand("date", "Official date: ngày 04 tháng 11 năm 2021");
        auto date = std::make_shared<std::string>();
        cmd->add_option("date", *date, "YYYY-MM-DD")->required();
        cmd->callback(leaf(exit_code, [=] {
            auto d = vn::parse_iso_date(*date);
            if (!d) return report(d.error());
            std::cout << vn::format_date(*d) << '\n';
            return 0;
        }));
    }
    {
        auto* cmd = vn->add_subcommand("cite", "Document citations in text, as JSON Lines");
        auto words = std::make_shared<std::vector<std::string>>();
        auto file = std::make_shared<std::string>();
        cmd->add_option("text", *words, "TEXT");
        cmd->add_option("--file", *file, "read the text from a file");
        cmd->callback(leaf(exit_code, [=] { return run_cite(*words, *file); }));
    }
}

}  // namespace danchu::app
