#pragma once
// Disclosure vocabulary: the legal item list (categories, as data rows with their source),
// the channels of disclosure, an item and its published versions.
//
// Legal background (legal-spec §4.1, §4.5, §4.6): each setting has its own list of what must
// be disclosed (commune Art 11, agency Art 46, SOE Art 64), its channels (Art 12.1, 47.1,
// 65.1), its latest publication date (Art 12.3, 47.2, 65.2) and its minimum posting period
// (Art 13, 48, 66). An organisation may add local items (R-GEN-06) but never drop a statutory one.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "identity/model.hpp"

namespace danchu::disclosures {

using identity::Setting;
using ItemId = Id<struct DisclosureItemTag>;

// Forms of disclosure (hình thức công khai), Art 12.1, 47.1, 65.1.
enum class Channel {
    NoticeBoard,      // niêm yết tại trụ sở (and village points / sub-units)
    Website,          // cổng/trang thông tin điện tử
    InternalSystem,   // hệ thống thông tin nội bộ, văn phòng điện tử
    StaffConference,  // hội nghị cán bộ, công chức, viên chức / người lao động
    Loudspeaker,      // hệ thống truyền thanh cấp xã
    WrittenNotice,    // văn bản thông báo đến từng người
    UnitHeads,        // qua người đứng đầu đơn vị trực thuộc
    VillageHeads,     // qua trưởng thôn, tổ trưởng tổ dân phố
    UnionNotice,      // thông báo bằng văn bản đến tổ chức đảng, công đoàn
    SocialNetwork,    // mạng viễn thông, mạng xã hội
    Other,
};
inline constexpr Channel kAllChannels[] = {
    Channel::NoticeBoard, Channel::Website,       Channel::InternalSystem, Channel::StaffConference,
    Channel::Loudspeaker, Channel::WrittenNotice, Channel::UnitHeads,      Channel::VillageHeads,
    Channel::UnionNotice, Channel::SocialNetwork, Channel::Other};
[[nodiscard]] std::string_view to_string(Channel c);
[[nodiscard]] std::optional<Channel> parse_channel(std::string_view s);
// "notice_board,website" ↔ channels; unknown names are InvalidInput.
[[nodiscard]] std::string join_channels(std::span<const Channel> cs);
[[nodiscard]] Result<std::vector<Channel>> parse_channels(std::string_view csv);

enum class Audience {
    Public,    // anyone, signed in or not
    Internal,  // members of the organisation only (agency/enterprise internal disclosure)
};
[[nodiscard]] std::string_view to_string(Audience a);
[[nodiscard]] std::optional<Audience> parse_audience(std::string_view s);

// Draft → Published → (Withdrawn); Expired is Published past its posting end (derived).
enum class ItemStatus { Draft, Published, Withdrawn, Expired };
[[nodiscard]] std::string_view to_string(ItemStatus s);
[[nodiscard]] std::optional<ItemStatus> parse_status(std::string_view s);

// One item of a setting's legal list, or a local item an organisation added (R-GEN-06).
struct Category {
    std::string code;  // "xa.02", "cq.06", or "local.<id>"
    Setting setting = Setting::Commune;
    int number = 0;  // number in the article (0 for local items)
    std::string title_vi;
    std::string title_en;
    std::string instrument;
    std::string article;
    std::string requirement;
    Date effective_from{};
    std::optional<Date> effective_to;
    bool permanent = false;    // posted permanently (commune items 4, 13: Art 13.2)
    bool loudspeaker = false;  // broadcast ≥ 3 days where a loudspeaker system exists (Art 13.3)
    std::vector<Channel> mandatory;      // every one required
    std::vector<Channel> mandatory_any;  // at least one required
    std::optional<OrgId> local_org;      // set for local items

    [[nodiscard]] bool in_force_on(Date d) const;
    // "Luật Thực hiện dân chủ ở cơ sở 2022 (10/2022/QH15), Điều 11 khoản 2".
    [[nodiscard]] std::string basis() const;
};

// The statutory lists, loaded from data/categories.toml (embedded).
class CategoryTable {
  public:
    [[nodiscard]] static Result<CategoryTable> load();
    [[nodiscard]] static Result<CategoryTable> parse(std::string_view toml_text);
    // Statutory items of `setting` in force on `day`, in article order.
    [[nodiscard]] std::vector<const Category*> for_setting(Setting setting, Date day) const;
    [[nodiscard]] const Category* find(std::string_view code) const;
    [[nodiscard]] std::span<const Category> all() const { return rows_; }

  private:
    std::vector<Category> rows_;
};

// A file attached to a version: PDF, DOCX, XLSX or an image, its type decided by its content.
struct Attachment {
    std::int64_t id = 0;
    std::string name;        // as uploaded, path stripped
    std::string media_type;  // from the content, never from the name or the browser
    long long size = 0;
    std::string sha256;
};
// The media type of a file by its first bytes (and, for DOCX/XLSX, the parts the ZIP
// holds); nullopt for anything else (HTML, scripts, executables, unknown).
[[nodiscard]] std::optional<std::string> sniff_media_type(std::string_view bytes);
// The attachment types sniff_media_type() knows, by short name ("pdf", "docx", "xlsx", "png",
// "jpeg", "gif", "webp"), and the short name of a media type it returns ("" for another).
[[nodiscard]] std::vector<std::string> attachment_type_names();
[[nodiscard]] std::string_view attachment_type_name(std::string_view media_type);

// One published (or draft) version of an item. Published versions are never edited; a
// correction is a new version.
struct Version {
    int number = 1;
    std::string title;
    std::string body;  // plain text / light Markdown, always escaped when shown
    std::string category;
    Audience audience = Audience::Public;
    std::string decision_ref;  // "Quyết định số 12/QĐ-STTTT"
    Date decision_date{};
    std::vector<Channel> channels;
    Date posting_start{};
    std::optional<Date> posting_end;  // nullopt: permanent
    std::string late_reason;          // required when published after the legal latest date
    std::string short_reason;         // required when posted shorter than the legal minimum
    std::string correction_note;      // what changed (versions ≥ 2)
    std::string content_sha256;
    std::vector<Attachment> attachments;
    std::optional<long long> published_at;
    std::optional<PersonId> published_by;
};

struct Item {
    ItemId id;
    OrgId org;
    ItemStatus status = ItemStatus::Draft;
    int current_version = 1;
    std::string withdrawn_reason;
    long long ack_count = 0;  // maintained counter (current version's readers)
    bool flag_late = false;
    bool flag_short = false;
    bool flag_channels = false;
    std::vector<Version> versions;  // oldest first

    [[nodiscard]] const Version& current() const;
};

}  // namespace danchu::disclosures
