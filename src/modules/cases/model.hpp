#pragma once
// The cases module's vocabulary: what a citizen files (phản ánh, kiến nghị, khiếu nại, tố
// cáo, yêu cầu cung cấp thông tin), how it arrived, and where it stands in its legal workflow.
//
// Legal background (legal-spec §4.7): each kind follows its own law — complaints the Luật
// Khiếu nại 2011 (R-KN-*), denunciations the Luật Tố cáo 2018 (R-TC-*), reception the Luật
// Tiếp công dân 2013 (R-TCD-*), feedback NĐ 20/2008 (R-PAKN-01), information requests the
// Luật Tiếp cận thông tin 2016 (R-INF-01). Anonymous or unverifiable reports are not
// denunciations (R-TC-03) but are kept on their own track ("tin có nội dung tố cáo").

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace danchu::cases {

using CaseId = Id<struct CaseTag>;

enum class CaseKind {
    Feedback,             // phản ánh (R-PAKN-01)
    Recommendation,       // kiến nghị (R-PAKN-01)
    Complaint,            // khiếu nại về quyết định, hành vi hành chính (R-KN-01..04)
    DisciplineComplaint,  // khiếu nại quyết định kỷ luật cán bộ, công chức (R-KN-05)
    Denunciation,         // tố cáo (R-TC-01..07)
    AnonymousReport,  // tin có nội dung tố cáo, nặc danh / không xác minh được (R-TC-03)
    InfoRequest,      // yêu cầu cung cấp thông tin (R-INF-01)
    Unclassified,     // chưa phân loại: an officer classifies it first
};
inline constexpr CaseKind kAllKinds[] = {CaseKind::Feedback,     CaseKind::Recommendation,
                                         CaseKind::Complaint,    CaseKind::DisciplineComplaint,
                                         CaseKind::Denunciation, CaseKind::AnonymousReport,
                                         CaseKind::InfoRequest,  CaseKind::Unclassified};

enum class Channel {
    Web,        // the public form
    Letter,     // thư, đơn gửi qua bưu điện hoặc trực tiếp
    InPerson,   // trình bày trực tiếp
    Hotline,    // đường dây nóng
    Reception,  // buổi tiếp công dân (R-TCD-03)
};
inline constexpr Channel kAllChannels[] = {Channel::Web, Channel::Letter, Channel::InPerson,
                                           Channel::Hotline, Channel::Reception};

enum class CaseStatus {
    Received,   // tiếp nhận
    Accepted,   // thụ lý
    Refused,    // không thụ lý (văn bản nêu lý do)
    Forwarded,  // chuyển đến cơ quan có thẩm quyền (thông báo cho người gửi)
    Assigned,   // giao người giải quyết
    Verifying,  // xác minh
    Concluded,  // kết luận / quyết định giải quyết
    Published,  // công khai kết luận (tố cáo, R-TC-06)
    Closed,     // kết thúc, lưu hồ sơ
};
inline constexpr CaseStatus kAllStatuses[] = {
    CaseStatus::Received,  CaseStatus::Accepted,  CaseStatus::Refused,
    CaseStatus::Forwarded, CaseStatus::Assigned,  CaseStatus::Verifying,
    CaseStatus::Concluded, CaseStatus::Published, CaseStatus::Closed};

[[nodiscard]] std::string_view to_string(CaseKind k);
[[nodiscard]] std::string_view to_string(Channel c);
[[nodiscard]] std::string_view to_string(CaseStatus s);
[[nodiscard]] std::optional<CaseKind> parse_kind(std::string_view s);
[[nodiscard]] std::optional<Channel> parse_channel(std::string_view s);
[[nodiscard]] std::optional<CaseStatus> parse_status(std::string_view s);

// True for the kinds whose sender's identity is sealed (R-TC-07): denunciations and
// reports with denunciation content. Other kinds are sealed at rest too, but any officer
// of the organisation reads them without a separate reveal.
[[nodiscard]] bool identity_is_protected(CaseKind k);
// Open = still being handled (counts on the due-soon / overdue board).
[[nodiscard]] bool is_open(CaseStatus s);

// Who filed: the part that is sealed at rest (libsodium, per-organisation key).
struct Identity {
    std::string name;
    std::string address;
    std::string contact;  // phone or e-mail
    [[nodiscard]] bool empty() const { return name.empty() && address.empty() && contact.empty(); }
};

// A file sent with a case: a scan of the letter, a photo, a document (PDF, JPEG or PNG).
struct NewAttachment {
    std::string filename;
    std::string bytes;           // the content in memory (the demo, tests), or else
    std::filesystem::path path;  // the upload's temp file, sealed as it is read
    long long size = 0;          // of `path`
    std::string head;            // the first bytes of `path`, to detect the type

    [[nodiscard]] long long length() const {
        return path.empty() ? static_cast<long long>(bytes.size()) : size;
    }
    [[nodiscard]] std::string_view leading() const { return path.empty() ? bytes : head; }
};
struct AttachmentInfo {
    std::int64_t id = 0;
    std::string content_type;  // detected from the bytes, never taken from the browser
    long long size = 0;
};
struct Attachment {
    AttachmentInfo info;
    std::string filename;
    std::string bytes;
};
inline constexpr std::size_t kMaxAttachments = 3;
inline constexpr std::size_t kMaxAttachmentBytes = 5 * 1024 * 1024;

// What the form or the officer entering a letter/call provides.
struct NewCase {
    CaseKind kind = CaseKind::Unclassified;
    Channel channel = Channel::Web;
    std::string subject;
    std::string body;
    Identity identity;
    bool anonymous = false;  // the sender chose not to give a name (→ R-TC-03 track)
    std::string respondent;  // tố cáo: người bị tố cáo; khiếu nại: quyết định, hành vi bị khiếu nại
    std::optional<Date> received_on;  // staff entry of a letter: the date it arrived
    std::vector<NewAttachment> attachments;
};

// A legal deadline as stored on a case: the date, the rule row and its basis.
struct DueDate {
    Date date;
    std::string rule;   // "denunciation.intake"
    std::string basis;  // "Luật Tố cáo 2018 (25/2018/QH14), Điều 24"
};

// The case as officers see it, without the sender's identity (the "redacted copy").
struct Case {
    CaseId id;
    OrgId org;
    std::string number;   // "15/2026": the year's register number; the row id before numbering
    int number_year = 0;  // year of the register (the year the case was received)
    int year_number = 0;  // number in that year's register, 1, 2, …
    CaseKind kind = CaseKind::Unclassified;
    Channel channel = Channel::Web;
    CaseStatus status = CaseStatus::Received;
    std::string subject;
    std::string body;
    std::string respondent;
    bool anonymous = false;
    bool complex = false;
    bool remote = false;
    int instance = 1;  // khiếu nại lần đầu (1) / lần hai (2)
    int extensions = 0;
    Date received_on;
    std::optional<DueDate> due;
    std::optional<PersonId> assignee;
    std::string assignee_name;
    std::optional<PersonId> filed_by;  // a signed-in citizen
    std::string outcome;               // the answer shown to the citizen
    std::string forwarded_to;
    long long created_at = 0;
    long long updated_at = 0;
};

// One line of a case's history: transitions, assignments, extensions, reveals are all
// recorded documents (số văn bản, lý do).
struct CaseEvent {
    long long at = 0;
    std::string action;  // "accepted", "extended", "assigned", …
    std::string actor_name;
    std::string detail;
    std::string document_number;
};

struct Message {
    long long at = 0;
    bool from_citizen = false;
    bool internal = false;  // an internal note, never shown to the citizen
    std::string author_name;
    std::string body;
};

// Citizen reception (R-TCD-01/02): a day on the head's calendar, and the standing facts
// every organisation publishes (place, hours, hotline, reception rules).
struct ReceptionDay {
    std::int64_t id = 0;
    Date day;
    std::string hours;  // "7 giờ 30 – 11 giờ 00"
    std::string place;
    std::string host;    // the head receiving citizens
    std::string topics;  // expected topics / participants
    Date posted_on;
};
struct ReceptionInfo {
    std::string place;
    std::string hours;
    std::string hotline;
    std::string rules;  // nội quy tiếp công dân
};

// One citizen received at a reception session, from the reception log (sổ tiếp công dân,
// R-TCD-01/02): when, what about, the officer who received them, and the case made from it.
struct ReceptionEntry {
    std::int64_t id = 0;
    OrgId org;
    long long received_at = 0;  // unix seconds
    std::string subject;        // what the citizen came about
    std::optional<PersonId> officer;
    std::string officer_name;
    std::optional<CaseId> case_id;
    std::optional<Identity> visitor;  // opened only for the head and the receiving officer
};

// A calendar problem the head's office must see (R-TCD-01 frequency, R-TCD-02 posting).
struct ReceptionWarning {
    enum class Kind { MissingMonth, MissingWeek, LatePosting } kind = Kind::MissingMonth;
    Date period_start;    // the month, the week's Monday, or the late day itself
    Date latest_posting;  // LatePosting: the last day it could have been posted
};

// Satisfaction (R-SUP-XA-04): 1–5 and a comment, once per closed case.
struct Rating {
    int score = 0;
    std::string comment;
};

// Statistics for an organisation and a period of receipt dates.
struct Statistics {
    Date from, to;
    std::map<CaseKind, long long> by_kind;
    std::map<Channel, long long> by_channel;
    long long received = 0;
    long long accepted = 0;
    long long resolved = 0;
    long long on_time = 0;
    long long late = 0;
    double average_days = 0;  // receipt → conclusion, calendar days
    long long ratings = 0;
    double average_rating = 0;
    struct Officer {
        std::string name;
        long long ratings = 0;
        double average = 0;
    };
    std::vector<Officer> by_officer;
};

}  // namespace danchu::cases
