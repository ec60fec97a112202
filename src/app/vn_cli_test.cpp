// `danchu vn …` (src/app/vn_cli.cpp), run in-process exactly as main() runs it: stable output
// formats, and bad input → one line on stderr and exit status 2.

#include "app/vn_cli.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace danchu::app {
namespace {

struct CliRun {
    int code = 0;
    std::string out;
    std::string err;
};

// Mirrors src/app/main.cpp.
CliRun run(std::vector<std::string> args) {
    args.insert(args.begin(), "danchu");
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    std::ostringstream out, err;
    auto* old_out = std::cout.rdbuf(out.rdbuf());
    auto* old_err = std::cerr.rdbuf(err.rdbuf());
    CliRun r;
    {
        CLI::App app{"danchu"};
        app.require_subcommand(1);
        int exit_code = 0;
        add_vn_commands(app, exit_code);
        try {
            app.parse(static_cast<int>(argv.size()), argv.data());
            r.code = exit_code;
        } catch (const CLI::ParseError& e) {
            const int rc = app.exit(e);
            r.code = rc == 0 ? 0 : 2;
        }
    }
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

void expect_bad_input(const std::vector<std::string>& args) {
    const CliRun r = run(args);
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    EXPECT_EQ(r.code, 2) << joined;
    EXPECT_TRUE(r.out.empty()) << joined << r.out;
    EXPECT_FALSE(r.err.empty()) << joined;
}

void expect_one_line_error(const std::vector<std::string>& args) {
    expect_bad_input(args);
    const CliRun r = run(args);
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("danchu vn: ", 0), 0u) << r.err;
}

TEST(VnCli, LunarOneLinePerDay) {
    EXPECT_EQ(run({"vn", "lunar", "2025-08-19"}).out, "2025-08-19\t26\t6\t2025\t1\n");
    const CliRun r = run({"vn", "lunar", "2025-01-28", "2025-01-30"});
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(
        r.out,
        "2025-01-28\t29\t12\t2024\t0\n2025-01-29\t1\t1\t2025\t0\n2025-01-30\t2\t1\t2025\t0\n");
}

TEST(VnCli, LunarJsonHasCanChi) {
    const CliRun r = run({"vn", "lunar", "2026-02-17", "--json"});
    ASSERT_EQ(r.code, 0);
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["day"], 1);
    EXPECT_EQ(j["month"], 1);
    EXPECT_EQ(j["year"], 2026);
    EXPECT_EQ(j["leap"], false);
    EXPECT_EQ(j["can_chi"]["year"], "Bính Ngọ");
    EXPECT_EQ(j["year_name"], "năm Bính Ngọ");
}

TEST(VnCli, Solar) {
    EXPECT_EQ(run({"vn", "solar", "1/1/2030"}).out, "2030-02-02\n");
    EXPECT_EQ(run({"vn", "solar", "26/6/2025", "--leap"}).out, "2025-08-19\n");
    EXPECT_EQ(run({"vn", "solar", "10/3/2026"}).out, "2026-04-26\n");
}

TEST(VnCli, DeadlinePlainAndJson_R_CAL_05) {
    EXPECT_EQ(run({"vn", "deadline", "--from", "2022-11-04", "--days", "5", "--unit", "wd"}).out,
              "2022-11-11\n");
    const CliRun r =
        run({"vn", "deadline", "--from", "2022-01-03", "--days", "30", "--unit", "cd", "--json"});
    ASSERT_EQ(r.code, 0);
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["date"], "2022-02-07");
    EXPECT_EQ(j["basis"], "Bộ luật Dân sự 2015, Điều 147–148");
    EXPECT_EQ(j["skipped"].size(), 5u);
}

TEST(VnCli, DeadlineByRuleReportsBasis_R_GEN_01) {
    const CliRun r =
        run({"vn", "deadline", "--rule", "denunciation.intake", "--from", "2025-01-24", "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["date"], "2025-02-11");
    EXPECT_EQ(j["basis"], "Luật Tố cáo 2018 (25/2018/QH14), Điều 24");
    EXPECT_EQ(run({"vn", "deadline", "--rule", "denunciation.intake", "--from", "2025-01-24"}).out,
              "2025-02-11\n");
}

TEST(VnCli, RulesListsEveryRuleWithBasis) {
    const CliRun r = run({"vn", "rules"});
    ASSERT_EQ(r.code, 0);
    EXPECT_NE(r.out.find("complaint.first_instance\t30\tcd\tafter\tLuật Khiếu nại 2011 "
                         "(02/2011/QH13), Điều 28\t2012-07-01\n"),
              std::string::npos);
    EXPECT_GE(std::count(r.out.begin(), r.out.end(), '\n'), 80);
}

TEST(VnCli, HolidaysTextAndJson_R_CAL_03) {
    const CliRun r = run({"vn", "holidays", "2025"});
    ASSERT_EQ(r.code, 0);
    EXPECT_NE(r.out.find("2025-01-29\tholiday\t0\tTết Âm lịch\t"), std::string::npos);
    const CliRun j = run({"vn", "holidays", "2031", "--json"});
    ASSERT_EQ(j.code, 0);
    const auto parsed = nlohmann::json::parse(j.out);
    EXPECT_EQ(parsed["status"], "rule-based");
    EXPECT_EQ(parsed["days"][0]["date"], "2031-01-01");
}

TEST(VnCli, TextAndNumbers_R_FMT) {
    EXPECT_EQ(run({"vn", "fold", "Đường Quy chế dân chủ"}).out, "duong quy che dan chu\n");
    EXPECT_EQ(run({"vn", "fold", "Đường", "Quy"}).out, "duong quy\n");
    EXPECT_EQ(run({"vn", "money", "1710000"}).out, "1.710.000 đồng\n");
    EXPECT_EQ(run({"vn", "words", "1710000"}).out, "Một triệu bảy trăm mười nghìn đồng\n");
    EXPECT_EQ(run({"vn", "words", "1.710.000"}).out, "Một triệu bảy trăm mười nghìn đồng\n");
    EXPECT_EQ(run({"vn", "date", "2021-11-04"}).out, "ngày 04 tháng 11 năm 2021\n");
}

TEST(VnCli, CiteTextAsJsonLines) {
    const CliRun r = run({"vn", "cite", "Chỉ thị số 30-CT/TW và Nghị định số 04/2015/NĐ-CP"});
    ASSERT_EQ(r.code, 0);
    std::istringstream lines{r.out};
    std::vector<nlohmann::json> rows;
    for (std::string line; std::getline(lines, line);) rows.push_back(nlohmann::json::parse(line));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0]["reference"], "30-CT/TW");
    EXPECT_EQ(rows[1]["reference"], "04/2015/NĐ-CP");
}

TEST(VnCli, CiteSeedFile) {
    const std::string seed = "../shared/seed/000_c4f4ab40cf23f3eb.txt";
    if (!std::filesystem::exists(seed)) GTEST_SKIP() << "seed file absent";
    const CliRun r = run({"vn", "cite", "--file", seed});
    ASSERT_EQ(r.code, 0);
    EXPECT_NE(r.out.find("\"reference\":\"1753/SNV-XDCQCCTN\""), std::string::npos);
    EXPECT_NE(r.out.find("\"reference\":\"1893-QĐ/TU\""), std::string::npos);
}

TEST(VnCli, BadInputExits2WithOneLine) {
    expect_one_line_error({"vn", "date", "2021-02-31"});  // 31/2
    expect_one_line_error({"vn", "lunar", "2021-13-01"});
    expect_one_line_error({"vn", "lunar", "2025-02-10", "2025-01-01"});
    expect_one_line_error({"vn", "lunar", "1900-01-01", "2199-12-31"});
    expect_one_line_error({"vn", "solar", "30/12/2024"});          // lunar 30 in a 29-day month
    expect_one_line_error({"vn", "solar", "1/2/2024", "--leap"});  // no leap month 2 in 2024
    expect_one_line_error({"vn", "solar", "1/13/2024"});
    expect_one_line_error({"vn", "solar", "tet"});
    expect_one_line_error({"vn", "solar", "1/1/1"});
    expect_one_line_error({"vn", "lunar", "0001-01-01"});
    expect_one_line_error(
        {"vn", "deadline", "--from", "9999-12-30", "--days", "1", "--unit", "cd"});
    expect_one_line_error({"vn", "words", "abc"});  // not a number
    expect_one_line_error({"vn", "money", "12x"});
    expect_one_line_error({"vn", "money", "1.71.000"});
    expect_one_line_error({"vn", "words", "99999999999999999999"});
    expect_one_line_error({"vn", "holidays", "20x5"});
    expect_one_line_error({"vn", "holidays", "1850"});
    expect_one_line_error(
        {"vn", "deadline", "--from", "2025-02-30", "--days", "5", "--unit", "wd"});
    expect_one_line_error(
        {"vn", "deadline", "--from", "2025-01-01", "--days", "-1", "--unit", "cd"});
    expect_one_line_error({"vn", "deadline", "--from", "2025-01-01", "--days", "5", "--unit", "x"});
    expect_one_line_error({"vn", "deadline", "--from", "2025-01-01"});
    expect_one_line_error({"vn", "deadline", "--rule", "no.such", "--from", "2025-01-01"});
    expect_one_line_error(
        {"vn", "deadline", "--rule", "disclosure.commune.timing", "--from", "2020-01-01"});
    expect_one_line_error({"vn", "cite"});
    expect_one_line_error({"vn", "cite", "--file", "/nonexistent/file.txt"});
}

TEST(VnCli, MissingArgumentsExit2) {
    expect_bad_input({"vn", "lunar"});
    expect_bad_input({"vn", "deadline", "--days", "5"});
    expect_bad_input({"vn", "nosuch"});
}

TEST(VnCli, DataDirOverride) {
    const auto dir = std::filesystem::temp_directory_path() / "danchu_vn_cli_data";
    std::filesystem::create_directories(dir / "holidays");
    {
        std::ofstream out{dir / "holidays" / "2027.toml"};
        out << "year = 2027\nstatus = \"decided\"\ndecision = \"QĐ thử\"\n[[day]]\n"
               "date = 2027-01-01\nname_vi = \"Tết Dương lịch\"\nsource = \"thử\"\n";
    }
    const CliRun r = run({"vn", "--data-dir", dir.string(), "holidays", "2027"});
    std::filesystem::remove_all(dir);
    EXPECT_EQ(r.out, "2027-01-01\tholiday\t0\tTết Dương lịch\tthử\n");
}

}  // namespace
}  // namespace danchu::app
