// The number register (R-DOC-04) and the annual report against a real database (SQLite, or
// PostgreSQL when DANCHU_TEST_PG is set).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "docs/markdown.hpp"
#include "identity/files.hpp"
#include "modules/reports/api.hpp"
#include "modules/reports/files.hpp"
#include "storage/migrations.hpp"
#include "storage/transaction.hpp"
#include "tests/support/fake_clock.hpp"
#include "tests/support/test_db.hpp"

namespace danchu::reports {
namespace {

using namespace std::chrono;
using identity::Role;

std::vector<storage::Migration> all_migrations() {
    auto m = *storage::migrations_from_files(identity::embedded_files());
    auto r = *storage::migrations_from_files(reports::embedded_files());
    m.insert(m.end(), r.begin(), r.end());
    return m;
}

// 00:30 in Vietnam on the given day (17:30 UTC the day before).
TimePoint vietnam_morning(Date d) { return sys_days{d} - hours{7} + minutes{30}; }

class Reports : public ::testing::Test {
  protected:
    Reports()
        : db_(all_migrations()),
          hasher_(
              identity::PasswordPolicy{.min_length = 10, .opslimit = 1, .memlimit_kib = 8 * 1024}),
          key_(*identity::ServerKey::from_hex(std::string(64, '7'))),
          ids_{db_.db(), clock_, hasher_, key_, identity::IdentityConfig{}},
          table_(vn::AbbreviationTable::load().value()),
          rs_{ids_, clock_, table_, {}} {
        register_builtin_sources(rs_);
        clock_.set(vietnam_morning(year{2022} / January / 1));
        const auto sys = identity::Actor::system("test");
        identity::Organisation p;
        p.slug = "tra-vinh";
        p.name = "Tỉnh Trà Vinh";
        p.kind = identity::OrgKind::Province;
        p.place_name = "Trà Vinh";
        province_ = *identity::create_organisation(ids_, sys, p);
        identity::Organisation o;
        o.slug = "so-tttt";
        o.name = "Sở Thông tin và Truyền thông tỉnh Trà Vinh";
        o.short_name = "STTTT";
        o.kind = identity::OrgKind::Agency;
        o.setting = identity::Setting::Agency;
        o.parent = province_;
        o.place_name = "Trà Vinh";
        org_id_ = *identity::create_organisation(ids_, sys, o);
        org_ = *identity::find_organisation(ids_, org_id_);
        identity::Organisation u = o;
        u.slug = "so-tttt-vp";
        u.name = "Văn phòng Sở";
        u.short_name = "VP";
        u.kind = identity::OrgKind::Unit;
        u.parent = org_id_;
        unit_ = *identity::create_organisation(ids_, sys, u);
        u.slug = "so-tttt-bcd";
        u.name = "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở Sở Thông tin và Truyền thông";
        u.short_name = "BCĐ";
        steering_ = *identity::create_organisation(ids_, sys, u);

        head_ = person("giamdoc", "Nguyễn Văn Giám",
                       {{org_id_, Role::Head, "Giám đốc Sở"},
                        {org_id_, Role::Member, "Giám đốc Sở"},
                        {steering_, Role::Head, "Trưởng ban"}});
        secretary_ = person("vanphong", "Trần Thị Văn",
                            {{org_id_, Role::Secretary, "Chánh Văn phòng"},
                             {org_id_, Role::Member, "Chánh Văn phòng"},
                             {unit_, Role::Member, "Chánh Văn phòng"},
                             {steering_, Role::Member, "Thành viên"}});
        member_ =
            person("nhanvien", "Lê Văn Viên",
                   {{org_id_, Role::Member, "Chuyên viên"}, {unit_, Role::Member, "Chuyên viên"}});
        reviewer_ = person("sonoivu", "Phạm Thị Duyệt",
                           {{province_, Role::Reviewer, "Chuyên viên Sở Nội vụ"}});
    }

    PersonId person(const std::string& user, const std::string& name,
                    std::vector<std::tuple<OrgId, Role, std::string>> roles) {
        const auto sys = identity::Actor::system("test");
        PersonId id = *identity::create_person(ids_, sys, {user, name, "mật-khẩu-dài-đủ"});
        for (auto& [org, role, title] : roles)
            EXPECT_TRUE(identity::grant_role(ids_, sys, id, org, role, title));
        return id;
    }

    identity::Actor actor(PersonId p) {
        identity::Actor a;
        a.person = p;
        auto tx = db_.db().begin(storage::Access::Read);
        tx.each<std::int64_t, std::string>(
            "SELECT org_id, role FROM identity_memberships WHERE person_id = :p",
            [&](std::int64_t org, const std::string& role) {
                a.memberships.push_back({p, OrgId{org}, *identity::parse_role(role), ""});
            },
            storage::use(p.value, "p"));
        return a;
    }

    long long audit_count(const std::string& action) {
        auto tx = db_.db().begin(storage::Access::Read);
        return tx
            .scalar<long long>("SELECT COUNT(*) FROM audit_events WHERE action = :a",
                               storage::use(action, "a"))
            .value_or(-1);
    }

    testing::TestDb db_;
    testing::FakeClock clock_;
    identity::PasswordHasher hasher_;
    identity::ServerKey key_;
    identity::IdentityServices ids_;
    vn::AbbreviationTable table_;
    ReportServices rs_;
    OrgId province_, org_id_, unit_, steering_;
    identity::Organisation org_;
    PersonId head_, secretary_, member_, reviewer_;
};

TEST_F(Reports, FirstNumberOnFirstOfJanuaryIs01_R_DOC_04) {
    auto n = issue_number(rs_, actor(secretary_), org_, "Báo cáo", "Kết quả năm 2021");
    ASSERT_TRUE(n) << n.error().message_key;
    EXPECT_EQ(n->number_line, "Số: 01/BC-STTTT");
    EXPECT_EQ(n->year, 2022);
    EXPECT_EQ(iso_date(n->issued_on), "2022-01-01");
    auto second = issue_number(rs_, actor(head_), org_, "Báo cáo", "Thứ hai");
    ASSERT_TRUE(second);
    EXPECT_EQ(second->number_line, "Số: 02/BC-STTTT");
    EXPECT_EQ(audit_count("reports.number_issued"), 2);
}

TEST_F(Reports, NumbersRestartEachYearAndSeriesAreSeparate_R_DOC_04) {
    ASSERT_TRUE(
        issue_number(rs_, actor(secretary_), org_, "Báo cáo", "a", year{2021} / December / 31));
    ASSERT_TRUE(
        issue_number(rs_, actor(secretary_), org_, "Báo cáo", "b", year{2021} / December / 31));
    auto jan = issue_number(rs_, actor(secretary_), org_, "Báo cáo", "c", year{2022} / January / 1);
    ASSERT_TRUE(jan);
    EXPECT_EQ(jan->number, 1);
    auto plan =
        issue_number(rs_, actor(secretary_), org_, "Kế hoạch", "d", year{2022} / January / 2);
    ASSERT_TRUE(plan);
    EXPECT_EQ(plan->number_line, "Số: 01/KH-STTTT");
    auto letter =
        issue_number(rs_, actor(secretary_), org_, "Công văn", "e", year{2022} / January / 2);
    ASSERT_TRUE(letter);
    EXPECT_EQ(letter->number_line, "Số: 01/STTTT-VP");  // công văn: body + drafting unit
}

TEST_F(Reports, RegisterRefusesMembersAndUnknownTypes) {
    auto m = issue_number(rs_, actor(member_), org_, "Báo cáo", "x");
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().code, ErrorCode::Forbidden);
    auto t = issue_number(rs_, actor(secretary_), org_, "Kết luận", "x");
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error().code, ErrorCode::InvalidInput);
}

TEST_F(Reports, ConcurrentRequestsNeverShareANumber_R_DOC_04) {
    constexpr int kThreads = 6, kEach = 8;
    std::vector<std::thread> threads;
    std::vector<std::vector<int>> got(kThreads);
    std::atomic<int> failures{0};
    const auto a = actor(secretary_);
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                auto n = issue_number(rs_, a, org_, "Báo cáo", "song song");
                if (n)
                    got[t].push_back(n->number);
                else
                    ++failures;
            }
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(failures.load(), 0);
    std::set<int> all;
    for (const auto& g : got) all.insert(g.begin(), g.end());
    EXPECT_EQ(all.size(), static_cast<std::size_t>(kThreads * kEach));  // no number twice
    EXPECT_EQ(*all.begin(), 1);
    EXPECT_EQ(*all.rbegin(), kThreads * kEach);  // and no gap
}

TEST_F(Reports, FailedAuditLeavesTheNumberUntaken_R_DOC_04) {
    db_.fail_statement(1, "INSERT INTO audit_events");
    EXPECT_ANY_THROW((void)issue_number(rs_, actor(secretary_), org_, "Báo cáo", "x"));
    db_.clear_faults();
    auto n = issue_number(rs_, actor(secretary_), org_, "Báo cáo", "y");
    ASSERT_TRUE(n);
    EXPECT_EQ(n->number, 1);
}

TEST_F(Reports, AnnualReportFiguresComeFromDataAndMissingOnesSaySo) {
    auto r = annual_report(rs_, actor(secretary_), org_, 2021);
    ASSERT_TRUE(r) << r.error().message_key;
    const auto& d = r->document;
    EXPECT_EQ(d.parent_body, "Ủy ban nhân dân tỉnh Trà Vinh");
    EXPECT_EQ(d.body, "Sở Thông tin và Truyền thông");
    EXPECT_EQ(d.recipients, (std::vector<std::string>{"Sở Nội vụ tỉnh Trà Vinh"}));
    EXPECT_EQ(d.signature.name, "Nguyễn Văn Giám");
    EXPECT_EQ(d.signature.position, "Giám đốc");
    // Identity figures: 3 people hold a role in the department, 1 unit, steering committee of 2.
    std::map<std::string, std::string> fig;
    for (const auto& [topic, list] : r->figures)
        for (const auto& f : list) fig[f.label] = f.value.value_or("");
    EXPECT_EQ(fig["Số cán bộ, công chức, viên chức, người lao động trên hệ thống"], "3");
    EXPECT_EQ(fig["Số phòng, đơn vị trực thuộc"], "1");
    EXPECT_EQ(fig["Số thành viên Ban Chỉ đạo"], "2");
    EXPECT_EQ(fig["Trưởng ban"], "Nguyễn Văn Giám");
    // Every module not built yet is listed as missing, and so is an empty register.
    std::set<Topic> missing;
    for (const auto& m : r->missing) missing.insert(m.topic);
    EXPECT_EQ(missing, (std::set<Topic>{Topic::Disclosures, Topic::Cases, Topic::Consultations,
                                        Topic::Conferences, Topic::Documents, Topic::Funds}));
    auto p = docs::prepare(d, table_);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->number_line, "Số:      /BC-STTTT");
    EXPECT_EQ(p->date_line, "Trà Vinh, ngày     tháng     năm 2022");  // written in January 2022
    clock_.set(vietnam_morning(year{2026} / March / 2));
    auto late = annual_report(rs_, actor(secretary_), org_, 2021);
    ASSERT_TRUE(late);
    EXPECT_EQ(late->document.draft_year, 2021);  // a past year's report is dated as of then
    std::vector<std::string> headings;
    for (const auto& b : p->blocks)
        if (b.kind == docs::BlockKind::Heading1) headings.push_back(b.label + " " + b.runs[0].text);
    ASSERT_EQ(headings.size(), 5u);
    EXPECT_EQ(headings[0], "I. Công tác chỉ đạo, triển khai");
    EXPECT_NE(
        headings[1].find("II. Kết quả thực hiện dân chủ ở cơ sở trong cơ quan hành chính nhà nước"),
        std::string::npos);
    EXPECT_NE(headings[1].find("Nghị định số 04/2015/NĐ-CP"), std::string::npos);
    EXPECT_EQ(headings[3], "IV. Nhiệm vụ trọng tâm năm 2022");
}

TEST_F(Reports, RegisteredSourceFillsItsTopic) {
    rs_.sources.add(
        Topic::Disclosures, [](const SourceRequest& req) -> Result<std::optional<Contribution>> {
            EXPECT_EQ(req.year, 2021);
            EXPECT_EQ(iso_date(req.from), "2021-01-01");
            EXPECT_EQ(iso_date(req.to), "2021-12-31");
            Contribution c;
            c.figures.push_back({"Tỷ lệ công khai đúng hạn", "100%", ""});
            c.figures.push_back(
                {"Tỷ lệ xác nhận đã xem", std::nullopt, "kênh niêm yết không ghi nhận"});
            return std::optional<Contribution>{c};
        });
    auto r = annual_report(rs_, actor(secretary_), org_, 2021);
    ASSERT_TRUE(r);
    for (const auto& m : r->missing) EXPECT_NE(m.topic, Topic::Disclosures);
    auto p = docs::prepare(r->document, table_);
    ASSERT_TRUE(p);
    bool found = false, absent = false;
    for (const auto& b : p->blocks)
        for (std::size_t i = 0; i + 1 < b.runs.size(); ++i) {
            if (b.runs[i].text == "Tỷ lệ công khai đúng hạn: " && b.runs[i + 1].text == "100%")
                found = true;
            if (b.runs[i].text == "Tỷ lệ xác nhận đã xem: " && b.runs[i + 1].text == kNoData)
                absent = true;
        }
    EXPECT_TRUE(found);
    EXPECT_TRUE(absent);
}

TEST_F(Reports, IssuedNumbersAreCountedInTheDocumentsTopic) {
    ASSERT_TRUE(
        issue_number(rs_, actor(secretary_), org_, "Kế hoạch", "a", year{2021} / April / 7));
    ASSERT_TRUE(issue_number(rs_, actor(secretary_), org_, "Kế hoạch", "b", year{2021} / May / 7));
    ASSERT_TRUE(issue_number(rs_, actor(secretary_), org_, "Báo cáo", "c", year{2021} / June / 7));
    auto r = annual_report(rs_, actor(secretary_), org_, 2021);
    ASSERT_TRUE(r);
    for (const auto& [topic, list] : r->figures)
        if (topic == Topic::Documents) {
            ASSERT_FALSE(list.empty());
            EXPECT_EQ(list[0].value, "3");
        }
}

TEST_F(Reports, NarrativeIsSavedAuditedAndPrinted) {
    ASSERT_TRUE(
        save_narrative(rs_, actor(secretary_), org_, 2021, "danh_gia",
                       "- Công tác dân vận có chuyển biến tích cực.\r\n+ Chi tiết.\r\nĐoạn văn."));
    EXPECT_EQ(audit_count("reports.narrative_saved"), 1);
    auto r = annual_report(rs_, actor(head_), org_, 2021);
    ASSERT_TRUE(r);
    bool dash = false, plus = false;
    for (const auto& b : r->document.blocks) {
        dash = dash || (b.kind == docs::BlockKind::Dash &&
                        b.runs[0].text == "Công tác dân vận có chuyển biến tích cực.");
        plus = plus || (b.kind == docs::BlockKind::Plus && b.runs[0].text == "Chi tiết.");
    }
    EXPECT_TRUE(dash);
    EXPECT_TRUE(plus);
    auto bad = save_narrative(rs_, actor(secretary_), org_, 2021, "khong_co", "x");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, ErrorCode::InvalidInput);
    auto member = save_narrative(rs_, actor(member_), org_, 2021, "danh_gia", "x");
    ASSERT_FALSE(member);
    EXPECT_EQ(member.error().code, ErrorCode::Forbidden);
}

TEST_F(Reports, NarrativeIsClosedOnceTheReportIsSubmittedAndKeptWithTheFigures) {
    ASSERT_TRUE(save_narrative(rs_, actor(secretary_), org_, 2021, "danh_gia", "Bản đã gửi."));
    ASSERT_TRUE(submit_annual_report(rs_, actor(head_), org_, 2021));
    auto late = save_narrative(rs_, actor(secretary_), org_, 2021, "danh_gia", "Bản sửa sau.");
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().code, ErrorCode::Conflict);
    EXPECT_EQ(late.error().message_key, "reports.error.narrative_locked");
    EXPECT_EQ(audit_count("reports.narrative_saved"), 1);
    auto seen = annual_report(rs_, actor(head_), org_, 2021);
    ASSERT_TRUE(seen);
    EXPECT_EQ(seen->narratives.at("danh_gia"), "Bản đã gửi.");
    auto tx = db_.db().begin(storage::Access::Read);
    std::int64_t org = org_.id.value;
    const auto json = tx.scalar<std::string>(
        "SELECT figures_json FROM reports_submissions WHERE org_id = :org AND year = 2021",
        storage::use(org, "org"));
    ASSERT_TRUE(json);
    EXPECT_EQ(nlohmann::json::parse(*json).at("narratives").at("danh_gia"), "Bản đã gửi.");
    // Another year stays open.
    EXPECT_TRUE(save_narrative(rs_, actor(secretary_), org_, 2022, "danh_gia", "Năm sau."));
}

TEST_F(Reports, MemberMayNotSeeTheDraftReviewerSeesItOnceSubmitted) {
    auto m = annual_report(rs_, actor(member_), org_, 2021);
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().code, ErrorCode::Forbidden);
    EXPECT_FALSE(annual_report(rs_, actor(reviewer_), org_, 2021));
    auto sent = submit_annual_report(rs_, actor(head_), org_, 2021);
    ASSERT_TRUE(sent) << sent.error().message_key;
    EXPECT_EQ(sent->number_line, "Số: 01/BC-STTTT");
    auto again = submit_annual_report(rs_, actor(head_), org_, 2021);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::Conflict);
    auto seen = annual_report(rs_, actor(reviewer_), org_, 2021);
    ASSERT_TRUE(seen);
    ASSERT_TRUE(seen->number);
    auto p = docs::prepare(seen->document, table_);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->number_line, "Số: 01/BC-STTTT");
    EXPECT_EQ(p->date_line, "Trà Vinh, ngày 01 tháng 01 năm 2022");
    auto province = *identity::find_organisation(ids_, province_);
    auto list = submitted_reports(rs_, actor(reviewer_), province, 2021);
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ((*list)[0].org.slug, "so-tttt");
    EXPECT_FALSE(submitted_reports(rs_, actor(member_), province, 2021));
}

TEST_F(Reports, ReviewerOfTheSuccessorProvinceSeesTheMergedProvincesReports_R_ORG_02) {
    const auto sys = identity::Actor::system("test");
    identity::Organisation p;
    p.slug = "vinh-long";
    p.name = "Tỉnh Vĩnh Long";
    p.kind = identity::OrgKind::Province;
    const OrgId successor = *identity::create_organisation(ids_, sys, p);
    ASSERT_TRUE(identity::set_successor(ids_, sys, province_, successor));
    const PersonId later =
        person("sonoivu.vl", "Võ Văn Duyệt", {{successor, Role::Reviewer, "Chuyên viên"}});
    ASSERT_TRUE(submit_annual_report(rs_, actor(head_), org_, 2021));
    EXPECT_TRUE(annual_report(rs_, actor(later), org_, 2021));
    auto list =
        submitted_reports(rs_, actor(later), *identity::find_organisation(ids_, successor), 2021);
    ASSERT_TRUE(list);
    EXPECT_EQ(list->size(), 1u);
}

// The whole report for the fixture organisation, as Markdown, against
// tests/golden/reports/annual_2021.md (DANCHU_UPDATE_GOLDEN=1 rewrites it).
TEST_F(Reports, AnnualReportMatchesGolden) {
    ASSERT_TRUE(
        save_narratives(rs_, actor(secretary_), org_, 2021,
                        {{"danh_gia", "- Có chuyển biến tích cực."}, {"kien_nghi", "Không có."}}));
    auto r = annual_report(rs_, actor(secretary_), org_, 2021);
    ASSERT_TRUE(r);
    auto p = docs::prepare(r->document, table_);
    ASSERT_TRUE(p);
    const std::string md = docs::to_markdown(*p);
    const std::filesystem::path golden = "tests/golden/reports/annual_2021.md";
    if (std::getenv("DANCHU_UPDATE_GOLDEN")) {
        std::ofstream(golden, std::ios::binary) << md;
        return;
    }
    std::ifstream in(golden, std::ios::binary);
    ASSERT_TRUE(in) << golden << " missing; run with DANCHU_UPDATE_GOLDEN=1";
    std::stringstream expected;
    expected << in.rdbuf();
    EXPECT_EQ(expected.str(), md);
}

TEST_F(Reports, ExportsAllThreeFormats) {
    auto r = annual_report(rs_, actor(secretary_), org_, 2021);
    ASSERT_TRUE(r);
    const auto dir =
        std::filesystem::temp_directory_path() / ("danchu-reports-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    for (auto [f, name] : {std::pair{Format::Docx, "r.docx"},
                           {Format::Pdf, "r.pdf"},
                           {Format::Markdown, "r.md"},
                           {Format::Xlsx, "r.xlsx"}}) {
        ASSERT_TRUE(export_report(*r, table_, f, dir / name)) << name;
        EXPECT_GT(std::filesystem::file_size(dir / name), 1000u) << name;
    }
    // The report's DOCX reads back as NĐ 30 asks (A4, margins, Times New Roman 13 in the body).
    FILE* check =
        popen(("/usr/bin/python3 tests/golden/check_docx.py " + (dir / "r.docx").string() + " 2>&1")
                  .c_str(),
              "r");
    ASSERT_NE(check, nullptr);
    char buf[512] = {};
    const std::string said(buf, fread(buf, 1, sizeof buf - 1, check));
    EXPECT_EQ(pclose(check), 0) << said;
    EXPECT_EQ(said, "ok\n");
    std::ifstream md(dir / "r.md");
    std::stringstream s;
    s << md.rdbuf();
    EXPECT_NE(s.str().find("Công khai thông tin: *chưa có dữ liệu*"), std::string::npos);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace danchu::reports
