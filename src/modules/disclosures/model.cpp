#include "modules/disclosures/model.hpp"

#include <toml++/toml.h>

#include <algorithm>

#include "modules/disclosures/files.hpp"

namespace danchu::disclosures {

namespace {

struct ChannelName {
    Channel c;
    std::string_view name;
};
constexpr ChannelName kChannelNames[] = {
    {Channel::NoticeBoard, "notice_board"},
    {Channel::Website, "website"},
    {Channel::InternalSystem, "internal_system"},
    {Channel::StaffConference, "staff_conference"},
    {Channel::Loudspeaker, "loudspeaker"},
    {Channel::WrittenNotice, "written_notice"},
    {Channel::UnitHeads, "unit_heads"},
    {Channel::VillageHeads, "village_heads"},
    {Channel::UnionNotice, "union_notice"},
    {Channel::SocialNetwork, "social_network"},
    {Channel::Other, "other"},
};

std::optional<Date> toml_date(const toml::node* n) {
    if (!n) return std::nullopt;
    if (auto d = n->as_date()) {
        const auto& v = d->get();
        return Date{std::chrono::year{v.year}, std::chrono::month{v.month},
                    std::chrono::day{v.day}};
    }
    if (auto s = n->value<std::string>()) return parse_iso_date(*s);
    return std::nullopt;
}

Result<std::vector<Channel>> channel_array(const toml::node_view<const toml::node> n,
                                           const std::string& code) {
    std::vector<Channel> out;
    if (!n) return out;
    const auto* arr = n.as_array();
    if (!arr) return fail(ErrorCode::InvalidInput, "disclosures.error.category_data", {}, code);
    for (const auto& e : *arr) {
        auto s = e.value<std::string>();
        auto c = s ? parse_channel(*s) : std::nullopt;
        if (!c) return fail(ErrorCode::InvalidInput, "disclosures.error.category_data", {}, code);
        out.push_back(*c);
    }
    return out;
}

}  // namespace

std::string_view to_string(Channel c) {
    for (const auto& n : kChannelNames) {
        if (n.c == c) return n.name;
    }
    return "other";
}

std::optional<Channel> parse_channel(std::string_view s) {
    for (const auto& n : kChannelNames) {
        if (n.name == s) return n.c;
    }
    return std::nullopt;
}

std::string join_channels(std::span<const Channel> cs) {
    std::string out;
    for (auto c : cs) {
        if (!out.empty()) out += ',';
        out += to_string(c);
    }
    return out;
}

Result<std::vector<Channel>> parse_channels(std::string_view csv) {
    std::vector<Channel> out;
    std::size_t pos = 0;
    while (pos <= csv.size() && !csv.empty()) {
        auto end = csv.find(',', pos);
        if (end == std::string_view::npos) end = csv.size();
        const auto name = csv.substr(pos, end - pos);
        if (!name.empty()) {
            auto c = parse_channel(name);
            if (!c) {
                return fail(ErrorCode::InvalidInput, "disclosures.error.channel",
                            {{"channels", "disclosures.error.channel"}});
            }
            if (std::find(out.begin(), out.end(), *c) == out.end()) out.push_back(*c);
        }
        pos = end + 1;
    }
    return out;
}

std::string_view to_string(Audience a) { return a == Audience::Public ? "public" : "internal"; }
std::optional<Audience> parse_audience(std::string_view s) {
    if (s == "public") return Audience::Public;
    if (s == "internal") return Audience::Internal;
    return std::nullopt;
}

std::string_view to_string(ItemStatus s) {
    switch (s) {
        case ItemStatus::Draft:
            return "draft";
        case ItemStatus::Published:
            return "published";
        case ItemStatus::Withdrawn:
            return "withdrawn";
        case ItemStatus::Expired:
            return "expired";
    }
    return "draft";
}
std::optional<ItemStatus> parse_status(std::string_view s) {
    for (auto v :
         {ItemStatus::Draft, ItemStatus::Published, ItemStatus::Withdrawn, ItemStatus::Expired}) {
        if (to_string(v) == s) return v;
    }
    return std::nullopt;
}

bool Category::in_force_on(Date d) const {
    using std::chrono::sys_days;
    if (sys_days{d} < sys_days{effective_from}) return false;
    return !effective_to || sys_days{d} <= sys_days{*effective_to};
}

std::string Category::basis() const {
    if (article.empty()) return instrument;
    return instrument + ", " + article;
}

std::optional<std::string> sniff_media_type(std::string_view b) {
    if (b.starts_with("%PDF-")) return "application/pdf";
    if (b.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
    if (b.starts_with("\xff\xd8\xff")) return "image/jpeg";
    if (b.starts_with("GIF87a") || b.starts_with("GIF89a")) return "image/gif";
    if (b.size() > 12 && b.starts_with("RIFF") && b.substr(8, 4) == "WEBP") return "image/webp";
    if (b.starts_with(std::string_view("PK\x03\x04", 4))) {
        // Office Open XML: a ZIP whose part names (stored in clear in each local header)
        // include the main document of a word-processing file or a workbook.
        const bool content_types = b.find("[Content_Types].xml") != std::string_view::npos;
        if (content_types && b.find("word/") != std::string_view::npos)
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        if (content_types && b.find("xl/") != std::string_view::npos)
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
    return std::nullopt;
}

namespace {
constexpr std::pair<std::string_view, std::string_view> kAttachmentTypes[] = {
    {"pdf", "application/pdf"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"png", "image/png"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"webp", "image/webp"},
};
}  // namespace

std::vector<std::string> attachment_type_names() {
    std::vector<std::string> out;
    for (const auto& [name, media] : kAttachmentTypes) out.emplace_back(name);
    return out;
}

std::string_view attachment_type_name(std::string_view media_type) {
    for (const auto& [name, media] : kAttachmentTypes)
        if (media == media_type) return name;
    return {};
}

const Version& Item::current() const {
    for (const auto& v : versions) {
        if (v.number == current_version) return v;
    }
    return versions.back();
}

Result<CategoryTable> CategoryTable::load() {
    for (const auto& f : reference::embedded_files()) {
        if (f.path.ends_with("categories.toml")) return parse(f.content);
    }
    return fail(ErrorCode::NotFound, "disclosures.error.category_data", {}, "categories.toml");
}

Result<CategoryTable> CategoryTable::parse(std::string_view toml_text) {
    toml::table doc;
    try {
        doc = toml::parse(toml_text);
    } catch (const toml::parse_error& e) {
        return fail(ErrorCode::InvalidInput, "disclosures.error.category_data", {},
                    std::string(e.description()));
    }
    const std::string default_instrument = doc["instrument"].value_or(std::string{});
    const auto default_from = toml_date(doc.get("effective_from"));
    CategoryTable t;
    const auto* items = doc["item"].as_array();
    if (!items) return fail(ErrorCode::InvalidInput, "disclosures.error.category_data");
    for (const auto& node : *items) {
        const auto* row = node.as_table();
        if (!row) return fail(ErrorCode::InvalidInput, "disclosures.error.category_data");
        const toml::node_view<const toml::node> r{row};
        Category c;
        c.code = r["code"].value_or(std::string{});
        const auto setting = identity::parse_setting(r["setting"].value_or(std::string{}));
        if (c.code.empty() || !setting) {
            return fail(ErrorCode::InvalidInput, "disclosures.error.category_data", {}, c.code);
        }
        c.setting = *setting;
        c.number = r["number"].value_or(0);
        c.title_vi = r["title_vi"].value_or(std::string{});
        c.title_en = r["title_en"].value_or(std::string{});
        c.instrument = r["instrument"].value_or(default_instrument);
        c.article = r["article"].value_or(std::string{});
        c.requirement = r["requirement"].value_or(
            doc["requirement"][identity::to_string(*setting)].value_or(std::string{}));
        auto from = toml_date(row->get("effective_from"));
        if (!from) from = default_from;
        if (!from || c.title_vi.empty() || c.instrument.empty()) {
            return fail(ErrorCode::InvalidInput, "disclosures.error.category_data", {}, c.code);
        }
        c.effective_from = *from;
        c.effective_to = toml_date(row->get("effective_to"));
        c.permanent = r["permanent"].value_or(false);
        c.loudspeaker = r["loudspeaker"].value_or(false);
        auto m = channel_array(r["mandatory"], c.code);
        if (!m) return m.error();
        c.mandatory = *m;
        auto any = channel_array(r["mandatory_any"], c.code);
        if (!any) return any.error();
        c.mandatory_any = *any;
        if (t.find(c.code)) {
            return fail(ErrorCode::InvalidInput, "disclosures.error.category_data", {}, c.code);
        }
        t.rows_.push_back(std::move(c));
    }
    return t;
}

std::vector<const Category*> CategoryTable::for_setting(Setting setting, Date day) const {
    std::vector<const Category*> out;
    for (const auto& c : rows_) {
        if (c.setting == setting && c.in_force_on(day)) out.push_back(&c);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Category* a, const Category* b) { return a->number < b->number; });
    return out;
}

const Category* CategoryTable::find(std::string_view code) const {
    for (const auto& c : rows_) {
        if (c.code == code) return &c;
    }
    return nullptr;
}

}  // namespace danchu::disclosures
