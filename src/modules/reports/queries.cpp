// Read models of the reports module; the annual report is assembled here from identity, the
// registered sources and the officer's narrative, into the docs/ model both writers render.

#include <fstream>

#include "docs/docx.hpp"
#include "docs/markdown.hpp"
#include "docs/pdf.hpp"
#include "docs/xlsx.hpp"
#include "modules/reports/api.hpp"
#include "modules/reports/store.hpp"

namespace danchu::reports {
namespace {

using docs::Block;
using docs::BlockKind;

constexpr const char* kNoNarrative =
    "[Chưa có nội dung: cán bộ soạn thảo bổ sung trên trang báo cáo]";

Error forbidden() { return fail(ErrorCode::Forbidden, "reports.error.forbidden"); }

// "Tỉnh Trà Vinh" → "tỉnh Trà Vinh" inside a sentence or a longer name.
std::string lower_unit_word(const std::string& name) {
    static const std::pair<const char*, const char*> words[] = {
        {"Tỉnh ", "tỉnh "},     {"Thành phố ", "thành phố "}, {"Xã ", "xã "},
        {"Phường ", "phường "}, {"Thị trấn ", "thị trấn "},   {"Đặc khu ", "đặc khu "}};
    for (const auto& [upper, lower] : words)
        if (name.rfind(upper, 0) == 0) return lower + name.substr(std::string(upper).size());
    return name;
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        std::string line = text.substr(start, nl - start);
        if (!line.empty() && line.find_first_not_of(' ') != std::string::npos) out.push_back(line);
        start = nl + 1;
    }
    return out;
}

// The officer's text: a line starting with "- " or "+ " is a list item, others paragraphs.
void narrative(std::vector<Block>& blocks, const std::map<std::string, std::string>& n,
               const std::string& key) {
    auto it = n.find(key);
    if (it == n.end() || it->second.empty()) {
        blocks.push_back({BlockKind::Paragraph, {{kNoNarrative, false, true, ""}}, {}});
        return;
    }
    for (const auto& line : split_lines(it->second)) {
        if (line.rfind("- ", 0) == 0)
            blocks.push_back({BlockKind::Dash, {{line.substr(2)}}, {}});
        else if (line.rfind("+ ", 0) == 0)
            blocks.push_back({BlockKind::Plus, {{line.substr(2)}}, {}});
        else
            blocks.push_back({BlockKind::Paragraph, {{line}}, {}});
    }
}

void topic_blocks(std::vector<Block>& blocks, AnnualReport& report, Topic topic,
                  const std::optional<Contribution>& c, bool registered) {
    if (!c) {
        report.missing.push_back({topic, registered ? "no data" : "no module"});
        blocks.push_back({BlockKind::Dash,
                          {{topic_title(topic) + ": "},
                           {kNoData, false, true, ""},
                           {registered ? " (chưa có số liệu trên hệ thống cho năm này)."
                                       : " (chức năng này chưa được triển khai trên hệ thống)."}},
                          {}});
        return;
    }
    report.figures.emplace_back(topic, c->figures);
    for (const auto& f : c->figures) {
        std::vector<docs::Run> runs{{f.label + ": "}};
        if (f.value)
            runs.push_back({*f.value, true, false, f.note});
        else
            runs.push_back({kNoData, false, true, f.note});
        runs.push_back({"."});
        blocks.push_back({BlockKind::Dash, std::move(runs), {}});
    }
    for (const auto& b : c->blocks) blocks.push_back(b);
}

}  // namespace

std::vector<OrgId> superiors_of(ReportServices& rs, const identity::Organisation& org) {
    std::vector<OrgId> out = identity::ancestors_of(rs.identity, org);
    const std::size_t n = out.size();
    for (std::size_t i = 0; i < n; ++i) {
        auto o = identity::find_organisation(rs.identity, out[i]);
        for (int hops = 0; o && o->successor && hops < 8; ++hops) {
            out.push_back(*o->successor);
            o = identity::find_organisation(rs.identity, *o->successor);
        }
    }
    return out;
}

Result<std::map<std::string, std::string>> narratives(ReportServices& rs,
                                                      const identity::Actor& actor,
                                                      const identity::Organisation& org, int year) {
    const auto ancestors = superiors_of(rs, org);
    if (!can(actor, ReportAction::ViewDraft, {org, ancestors})) return forbidden();
    auto tx = rs.identity.db.begin(storage::Access::Read);
    return store::narratives(tx, org.id, year);
}

Result<AnnualReport> annual_report(ReportServices& rs, const identity::Actor& actor,
                                   const identity::Organisation& org, int year) {
    if (year < 2000 || year > 2100) return fail(ErrorCode::InvalidInput, "reports.error.bad_year");
    const auto ancestors = superiors_of(rs, org);
    AnnualReport report;
    report.org = org;
    report.year = year;
    {
        auto tx = rs.identity.db.begin(storage::Access::Read);
        const auto submission = store::find_submission(tx, org.id, year);
        const bool allowed =
            can(actor, ReportAction::ViewDraft, {org, ancestors}) ||
            (submission && can(actor, ReportAction::ReviewSubmitted, {org, ancestors}));
        if (!allowed) return forbidden();
        report.narratives = store::narratives(tx, org.id, year);
        if (submission && submission->number_id)
            if (auto row = store::find_number(tx, *submission->number_id)) {
                auto line = vn::document_number(row->number, row->symbol);
                report.number = IssuedNumber{*submission->number_id,
                                             row->year,
                                             row->number,
                                             row->symbol,
                                             line ? *line : "",
                                             parse_iso_date(row->issued_on).value_or(Date{})};
            }
    }
    std::optional<identity::Organisation> parent;
    if (org.parent) parent = identity::find_organisation(rs.identity, *org.parent);

    const LegalFramework law = legal_framework(org, year);
    docs::Document& d = report.document;
    d.type_name = "Báo cáo";
    // Header names (R-DOC-06): a department under a province shows the provincial people's
    // committee above its own name, without the province repeated; a commune is its people's
    // committee.
    d.body = org.name;
    if (parent && parent->kind == identity::OrgKind::Province) {
        const std::string province = lower_unit_word(parent->name);
        if (org.kind == identity::OrgKind::Commune) {
            d.body = "Ủy ban nhân dân " + lower_unit_word(org.name);
        } else {
            d.parent_body = "Ủy ban nhân dân " + province;
            const std::string suffix = " " + province;
            if (d.body.size() > suffix.size() &&
                d.body.compare(d.body.size() - suffix.size(), suffix.size(), suffix) == 0)
                d.body.resize(d.body.size() - suffix.size());
        }
    } else if (parent) {
        d.parent_body = parent->name;
    }
    d.body_abbreviation = org.short_name.empty() ? "…" : org.short_name;
    d.place =
        org.place_name.empty() ? (parent ? parent->place_name : std::string()) : org.place_name;
    if (d.place.empty()) d.place = "…";
    if (report.number) {
        d.number = report.number->number;
        d.date = report.number->issued_on;
    } else {
        // The year printed on the undated draft: this year while the report is current,
        // otherwise the report year itself (a late report of a past year is dated as of
        // then), and never after the organisation ceased to exist (R-DOC-05, R-ORG-02).
        const int now = static_cast<int>(rs.clock.today().year());
        d.draft_year = now <= year + 1 ? now : year;
        if (org.valid_to)
            d.draft_year = std::min(d.draft_year, static_cast<int>(org.valid_to->year()));
    }
    d.abstract_text = law.abstract_text;

    // Addressees: the officer's list, or the superior's home-affairs department (as the seed
    // sends to Sở Nội vụ) for agencies and the provincial committee for communes.
    if (auto k = report.narratives.find("kinh_gui"); k != report.narratives.end()) {
        d.recipients = split_lines(k->second);
    } else if (parent && parent->kind == identity::OrgKind::Province) {
        d.recipients = {org.kind == identity::OrgKind::Commune
                            ? "Ủy ban nhân dân " + lower_unit_word(parent->name)
                            : "Sở Nội vụ " + lower_unit_word(parent->name)};
    }

    const SourceRequest request{org, year, std::chrono::year{year} / 1 / 1,
                                std::chrono::year{year} / 12 / 31};
    std::map<Topic, std::optional<Contribution>> contributions;
    std::map<Topic, bool> registered;
    for (Topic t : kAllTopics) {
        const ReportSource* source = rs.sources.find(t);
        registered[t] = source != nullptr;
        if (!source) continue;
        auto c = (*source)(request);
        if (!c) return c.error();
        contributions[t] = std::move(*c);
    }
    auto topic = [&](std::vector<Block>& blocks, Topic t) {
        topic_blocks(blocks, report, t, contributions[t], registered[t]);
    };

    auto& b = d.blocks;
    const std::string y = std::to_string(year);
    if (auto it = report.narratives.find("mo_dau");
        it != report.narratives.end() && !it->second.empty()) {
        narrative(b, report.narratives, "mo_dau");
    } else {
        b.push_back(
            {BlockKind::Paragraph,
             {{d.body + " báo cáo kết quả thực hiện dân chủ ở cơ sở năm " + y + ", như sau:"}},
             {}});
    }
    b.push_back({BlockKind::Heading1, {{"Công tác chỉ đạo, triển khai"}}, {}});
    b.push_back(
        {BlockKind::Heading2, {{"Công tác lãnh đạo, chỉ đạo của cấp ủy, chính quyền"}}, {}});
    narrative(b, report.narratives, "chi_dao");
    b.push_back({BlockKind::Heading2,
                 {{"Vai trò của Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội"}},
                 {}});
    narrative(b, report.narratives, "mat_tran");
    b.push_back(
        {BlockKind::Heading2, {{"Hoạt động của Ban Chỉ đạo thực hiện dân chủ ở cơ sở"}}, {}});
    topic(b, Topic::Steering);
    narrative(b, report.narratives, "ban_chi_dao");

    std::string basis;
    for (std::size_t i = 0; i < law.instruments.size(); ++i)
        basis += (i ? "; " : "") + law.instruments[i];
    b.push_back({BlockKind::Heading1,
                 {{"Kết quả thực hiện dân chủ ở cơ sở trong " + law.setting_title +
                   (basis.empty() ? "" : " (theo " + basis + ")")}},
                 {}});
    for (Topic t : {Topic::Organisation, Topic::Disclosures, Topic::Cases, Topic::Consultations,
                    Topic::Conferences, Topic::Documents, Topic::Funds}) {
        b.push_back({BlockKind::Heading2, {{topic_title(t)}}, {}});
        topic(b, t);
    }
    b.push_back({BlockKind::Heading2, {{"Đánh giá của cơ quan về kết quả thực hiện"}}, {}});
    narrative(b, report.narratives, "ket_qua");
    b.push_back({BlockKind::Heading1, {{"Đánh giá chung"}}, {}});
    narrative(b, report.narratives, "danh_gia");
    b.push_back(
        {BlockKind::Heading1, {{"Nhiệm vụ trọng tâm năm " + std::to_string(year + 1)}}, {}});
    narrative(b, report.narratives, "nhiem_vu");
    b.push_back({BlockKind::Heading1, {{"Kiến nghị, đề xuất"}}, {}});
    narrative(b, report.narratives, "kien_nghi");
    b.push_back({BlockKind::Paragraph,
                 {{"Trên đây là báo cáo kết quả thực hiện dân chủ ở cơ sở năm " + y + " của " +
                   d.body + "./."}},
                 {}});

    // Signature (R-DOC-07): the head signs; without one on the system the block names the
    // position only and leaves the name to the office.
    d.signature.authority = docs::Authority::Direct;
    d.signature.position = "Thủ trưởng cơ quan";
    auto page = identity::members(rs.identity, identity::Actor::system("reports"), org, "", 500);
    if (page) {
        for (const auto& m : page->members) {
            if (std::find(m.roles.begin(), m.roles.end(), identity::Role::Head) == m.roles.end())
                continue;
            d.signature.name = m.full_name;
            std::string title = m.title;
            // "Giám đốc Sở" signs as "GIÁM ĐỐC": the body's name is in the header already.
            for (const char* tail : {" Sở", " sở"})
                if (title.size() > 4 && title.compare(title.size() - std::string(tail).size(),
                                                      std::string::npos, tail) == 0)
                    title.resize(title.size() - std::string(tail).size());
            if (!title.empty()) d.signature.position = title;
            break;
        }
    }
    for (const auto& r : d.recipients) d.distribution.push_back(r);
    if (auto it = report.narratives.find("noi_nhan"); it != report.narratives.end())
        for (const auto& line : split_lines(it->second)) d.distribution.push_back(line);
    d.archive = {"VP"};
    d.unit_abbreviation = "";
    return report;
}

Result<std::vector<SubmittedReport>> submitted_reports(ReportServices& rs,
                                                       const identity::Actor& actor,
                                                       const identity::Organisation& superior,
                                                       int year) {
    const bool reviewer =
        actor.is_system() || actor.has_role(superior.id, identity::Role::Reviewer);
    if (!reviewer) return forbidden();
    std::vector<store::SubmissionRow> rows;
    std::vector<std::pair<std::int64_t, std::optional<store::NumberRow>>> numbers;
    {
        auto tx = rs.identity.db.begin(storage::Access::Read);
        rows = store::submissions_for_year(tx, year);
        for (const auto& r : rows)
            numbers.emplace_back(r.org.value,
                                 r.number_id ? store::find_number(tx, *r.number_id) : std::nullopt);
    }
    std::vector<SubmittedReport> out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto org = identity::find_organisation(rs.identity, rows[i].org);
        if (!org) continue;
        const auto chain = superiors_of(rs, *org);
        if (std::find(chain.begin(), chain.end(), superior.id) == chain.end()) continue;
        std::string line;
        if (numbers[i].second)
            if (auto l = vn::document_number(numbers[i].second->number, numbers[i].second->symbol))
                line = *l;
        out.push_back({*org, year, line, rows[i].submitted_at});
    }
    return out;
}

Status export_report(const AnnualReport& report, const vn::AbbreviationTable& table, Format format,
                     const std::filesystem::path& path) {
    auto prepared = docs::prepare(report.document, table);
    if (!prepared) return prepared.error();
    switch (format) {
        case Format::Docx:
            return docs::write_docx(*prepared, path);
        case Format::Pdf: {
            auto pages = docs::write_pdf(*prepared, path);
            if (!pages) return pages.error();
            return {};
        }
        case Format::Xlsx: {
            auto sheets = docs::write_xlsx(*prepared, path);
            if (!sheets) return sheets.error();
            return {};
        }
        case Format::Markdown: {
            std::ofstream out(path, std::ios::binary);
            out << docs::to_markdown(*prepared);
            if (!out)
                return fail(ErrorCode::Internal, "docs.error.write", {},
                            "cannot write " + path.string());
            return {};
        }
    }
    return {};
}

}  // namespace danchu::reports
