#pragma once
// Reports vocabulary: the figures a module contributes to a report, the report-source
// interface modules register, the number register's entries, and the annual report on
// implementing grassroots democracy (structure of the seed report: I. chỉ đạo, triển khai;
// II. kết quả theo loại hình; III. đánh giá chung; IV. nhiệm vụ năm sau; V. kiến nghị).
//
// A figure is either a value taken from data or absent; an absent figure is printed as
// "chưa có dữ liệu", never as a guess or a zero (issue 6: "never invent a number").

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "docs/model.hpp"
#include "identity/model.hpp"

namespace danchu::reports {

inline constexpr const char* kNoData = "chưa có dữ liệu";

struct Figure {
    std::string label;  // "Số công chức, viên chức, người lao động"
    std::optional<std::string>
        value;         // formatted the official way ("43", "12,5%", "1.710.000 đồng")
    std::string note;  // where it comes from, or why it is partial
};

// What one module says about one topic of a report, for one organisation and year.
struct Contribution {
    std::vector<Figure> figures;      // printed as "- label: value" lines
    std::vector<docs::Block> blocks;  // tables and lists printed after the figures
};

// The topics of the annual report a module may fill. A topic with no registered source
// (its module is not built yet) is printed with the kNoData placeholder.
enum class Topic {
    Organisation,   // identity: staff, units (always available)
    Steering,       // identity: Ban Chỉ đạo thực hiện QCDC membership
    Disclosures,    // disclosures: items by category and channel, on-time and acknowledgement rates
    Cases,          // cases: by kind, channel, outcome; on-time resolution; reception days
    Consultations,  // consultations: drafts put to comment, votes
    Conferences,    // meetings: staff conferences, dialogues
    Documents,      // reports' own number register: documents issued by type
    Funds,          // funds: drives and totals
};
inline constexpr Topic kAllTopics[] = {
    Topic::Organisation,  Topic::Steering,    Topic::Disclosures, Topic::Cases,
    Topic::Consultations, Topic::Conferences, Topic::Documents,   Topic::Funds};
[[nodiscard]] std::string_view to_string(Topic t);
[[nodiscard]] std::optional<Topic> parse_topic(std::string_view s);
// The heading of the topic's subsection in part II ("Công khai thông tin").
[[nodiscard]] std::string topic_title(Topic t);

struct SourceRequest {
    const identity::Organisation& org;
    int year = 0;
    Date from;  // 01/01 of the year
    Date to;    // 31/12 of the year
};

// A module's contribution for a topic. nullopt when the module has no data for this
// organisation and year (printed as kNoData); an error aborts the report.
using ReportSource = std::function<Result<std::optional<Contribution>>(const SourceRequest&)>;

// The sources registered at start-up, one per topic (a second registration for a topic
// replaces the first, so tests can substitute one).
class SourceRegistry {
  public:
    void add(Topic topic, ReportSource source) { sources_[topic] = std::move(source); }
    [[nodiscard]] const ReportSource* find(Topic topic) const {
        auto it = sources_.find(topic);
        return it == sources_.end() ? nullptr : &it->second;
    }

  private:
    std::map<Topic, ReportSource> sources_;
};

// Narrative sections the officer writes (saved drafts).
inline constexpr const char* kNarrativeSections[] = {
    "mo_dau",       // opening paragraph (what the report answers)
    "chi_dao",      // I.1 leadership and direction
    "mat_tran",     // I.2 the Front, unions, political-social organisations
    "ban_chi_dao",  // I.3 steering committee work
    "ket_qua",      // II results, in the officer's words
    "danh_gia",     // III overall assessment
    "nhiem_vu",     // IV next year's tasks
    "kien_nghi",    // V recommendations
    "kinh_gui",     // addressees, one per line (default: the superior body)
    "noi_nhan",     // extra distribution lines, one per line
};
[[nodiscard]] bool is_narrative_section(std::string_view section);

// A number taken from the register (R-DOC-04).
struct IssuedNumber {
    std::int64_t id = 0;
    int year = 0;
    int number = 0;
    std::string symbol;       // "BC-STTTT"
    std::string number_line;  // "Số: 01/BC-STTTT"
    Date issued_on;
};

// The legal framework a report period falls under (R-SRC-01, R-SRC-04, R-SRC-06).
struct LegalFramework {
    std::string setting_title;  // "cơ quan hành chính nhà nước, đơn vị sự nghiệp công lập"
    std::vector<std::string> instruments;  // cited in part II's heading and the legal bases
    std::string abstract_text;             // the report's abstract (trích yếu)
};

struct MissingFigure {
    Topic topic;
    std::string reason;  // "no module", "no data"
};

struct AnnualReport {
    identity::Organisation org;
    int year = 0;
    docs::Document document;
    std::vector<MissingFigure> missing;  // what the report says it has no data for
    std::vector<std::pair<Topic, std::vector<Figure>>> figures;  // what it does have, by topic
    std::map<std::string, std::string> narratives;
    std::optional<IssuedNumber> number;
};

enum class Format { Docx, Pdf, Markdown, Xlsx };
[[nodiscard]] std::optional<Format> parse_format(std::string_view s);

}  // namespace danchu::reports
