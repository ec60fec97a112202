// Pure rules of the reports module: the topics of the annual report and the law a report
// period falls under. Law 10/2022/QH15 took effect on 01/7/2023 and ended Pháp lệnh
// 34/2007/PL-UBTVQH11 (R-SRC-01); agencies had been reporting under Nghị định 04/2015/NĐ-CP,
// whose content Chapter III of the Law took over (R-SRC-04); employers follow Bộ luật Lao
// động 2019 and Nghị định 145/2020/NĐ-CP (R-SRC-06). A period that straddles 01/7/2023 cites
// both, each with its dates.

#include <array>

#include "modules/reports/api.hpp"

namespace danchu::reports {

namespace {

struct TopicRow {
    Topic topic;
    const char* name;
    const char* title;
};
constexpr std::array<TopicRow, 8> kTopics{{
    {Topic::Organisation, "organisation", "Tổ chức bộ máy, nhân sự"},
    {Topic::Steering, "steering", "Ban Chỉ đạo thực hiện dân chủ ở cơ sở"},
    {Topic::Disclosures, "disclosures", "Công khai thông tin"},
    {Topic::Cases, "cases",
     "Tiếp công dân; tiếp nhận, giải quyết phản ánh, kiến nghị, khiếu nại, tố cáo"},
    {Topic::Consultations, "consultations", "Lấy ý kiến, bàn và quyết định"},
    {Topic::Conferences, "conferences", "Hội nghị cán bộ, công chức, viên chức; đối thoại"},
    {Topic::Documents, "documents", "Văn bản đã ban hành"},
    {Topic::Funds, "funds", "Vận động, đóng góp các quỹ"},
}};

// One row per instrument: what it governs and when (R-GEN-01: rules as dated data).
struct Instrument {
    identity::Setting setting;
    const char* citation;
    int from_year, from_month;  // first month in force
    int to_year, to_month;      // last month in force (9999 = still in force)
};
constexpr Instrument kInstruments[] = {
    {identity::Setting::Commune,
     "Pháp lệnh số 34/2007/PL-UBTVQH11 ngày 20/4/2007 của Ủy ban Thường vụ Quốc hội về thực hiện "
     "dân chủ ở "
     "xã, phường, thị trấn",
     2007, 7, 2023, 6},
    {identity::Setting::Agency,
     "Nghị định số 04/2015/NĐ-CP ngày 09/01/2015 của Chính phủ về thực hiện dân chủ trong hoạt "
     "động của cơ "
     "quan hành chính nhà nước và đơn vị sự nghiệp công lập",
     2015, 3, 2023, 6},
    {identity::Setting::Commune,
     "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 (Chương II) và Nghị định số 59/2023/NĐ-CP "
     "ngày 14/8/2023 "
     "của Chính phủ",
     2023, 7, 9999, 12},
    {identity::Setting::Agency, "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 (Chương III)", 2023,
     7, 9999, 12},
    {identity::Setting::Enterprise,
     "Bộ luật Lao động năm 2019 và Nghị định số 145/2020/NĐ-CP ngày 14/12/2020 của Chính phủ (dân "
     "chủ ở cơ sở "
     "tại nơi làm việc)",
     2021, 2, 9999, 12},
    {identity::Setting::Enterprise, "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 (Chương IV)",
     2023, 7, 9999, 12},
};

int month_index(int y, int m) { return y * 12 + (m - 1); }

}  // namespace

std::string_view to_string(Topic t) {
    for (const auto& r : kTopics)
        if (r.topic == t) return r.name;
    return "";
}

std::optional<Topic> parse_topic(std::string_view s) {
    for (const auto& r : kTopics)
        if (s == r.name) return r.topic;
    return std::nullopt;
}

std::string topic_title(Topic t) {
    for (const auto& r : kTopics)
        if (r.topic == t) return r.title;
    return "";
}

bool is_narrative_section(std::string_view section) {
    for (const char* s : kNarrativeSections)
        if (section == s) return true;
    return false;
}

std::optional<Format> parse_format(std::string_view s) {
    if (s == "docx") return Format::Docx;
    if (s == "pdf") return Format::Pdf;
    if (s == "md" || s == "markdown") return Format::Markdown;
    if (s == "xlsx") return Format::Xlsx;
    return std::nullopt;
}

LegalFramework legal_framework(const identity::Organisation& org, int year) {
    LegalFramework f;
    const identity::Setting setting = org.setting.value_or(identity::Setting::Agency);
    switch (setting) {
        case identity::Setting::Commune:
            f.setting_title = "xã, phường, thị trấn";
            break;
        case identity::Setting::Agency:
            f.setting_title = "cơ quan hành chính nhà nước, đơn vị sự nghiệp công lập";
            break;
        case identity::Setting::Enterprise:
            f.setting_title = "doanh nghiệp và nơi làm việc";
            break;
    }
    const int first = month_index(year, 1), last = month_index(year, 12);
    for (const auto& i : kInstruments) {
        if (i.setting != setting) continue;
        const int from = month_index(i.from_year, i.from_month),
                  to = month_index(i.to_year, i.to_month);
        if (to < first || from > last) continue;
        std::string c = i.citation;
        // A year that straddles a change of law says which part of the year each covers.
        if (from > first)
            c += " (từ tháng " + std::to_string(i.from_month) + "/" + std::to_string(i.from_year) +
                 ")";
        if (to < last)
            c += " (đến hết tháng " + std::to_string(i.to_month) + "/" + std::to_string(i.to_year) +
                 ")";
        f.instruments.push_back(c);
    }
    f.abstract_text = year >= 2024
                          ? "Kết quả thực hiện dân chủ ở cơ sở năm " + std::to_string(year) +
                                " theo Luật Thực hiện dân chủ ở cơ sở và nhiệm vụ trọng tâm năm " +
                                std::to_string(year + 1)
                          : "Kết quả thực hiện dân chủ ở cơ sở năm " + std::to_string(year) +
                                " và nhiệm vụ trọng tâm năm " + std::to_string(year + 1);
    return f;
}

}  // namespace danchu::reports
