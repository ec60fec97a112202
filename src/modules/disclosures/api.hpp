#pragma once
// The disclosures module's public API: the board of what an organisation disclosed (công
// khai), its signed ledger, and members' read acknowledgements. Commands write (permission
// checked inside, one transaction, one audit event and, for publish/correct/withdraw, one
// ledger entry in that same transaction); queries read and never show an item to someone
// who may not see it (they answer NotFound, so existence does not leak either).

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "identity/api.hpp"
#include "modules/disclosures/ledger.hpp"
#include "modules/disclosures/model.hpp"
#include "modules/disclosures/permissions.hpp"
#include "modules/disclosures/rules.hpp"
#include "vn/calendar.hpp"
#include "vn/deadline.hpp"

namespace danchu::disclosures {

struct DisclosureServices {
    identity::IdentityServices& identity;
    const CategoryTable& categories;
    const vn::RuleTable& rules;
    const vn::WorkCalendar& calendar;
    std::uint64_t max_attachment_bytes = 10u * 1024 * 1024;  // disclosures.max_attachment_bytes
    int max_attachments = 10;                                // disclosures.max_attachments
    // Short names of attachment_type_names() (disclosures.attachment_types).
    std::vector<std::string> attachment_types = attachment_type_names();
};

// The [disclosures] settings, copied into DisclosureServices by the application.
struct DisclosuresConfig {
    std::uint64_t max_attachment_bytes = 10u * 1024 * 1024;
    int max_attachments = 10;
    std::vector<std::string> attachment_types = attachment_type_names();
};

struct AttachmentInput {
    std::string name;
    std::string bytes;
};

// The version-stamp scope of an organisation's public disclosure pages: every publication,
// correction and withdrawal bumps it in its transaction, which invalidates cached pages.
[[nodiscard]] std::string cache_scope(const identity::Organisation& org);

// What a form sends; dates ISO, channels comma-separated names (model.hpp).
struct ItemInput {
    std::string category;
    std::string title;
    std::string body;
    std::string audience = "public";
    std::string decision_ref;
    std::string decision_date;
    std::string channels;
    std::string posting_start;  // empty: the publication day
    std::string posting_end;    // empty: the legal minimum (none for permanent items)
    std::string late_reason;
    std::string short_reason;
    std::string correction_note;  // corrections only
    // New files. A correction without files keeps the previous version's.
    std::vector<AttachmentInput> attachments;
};

// ---- Commands ----

// A new draft (not visible outside the office, not in the ledger).
[[nodiscard]] Result<ItemId> create_draft(DisclosureServices& s, const identity::Actor& actor,
                                          const identity::Organisation& org, const ItemInput& in);
// Publishes the draft's version 1. InvalidInput with field `late_reason` when published after
// the legal latest date without a reason, `short_reason` when posted for less than the legal
// minimum without one.
[[nodiscard]] Status publish(DisclosureServices& s, const identity::Actor& actor,
                             const identity::Organisation& org, ItemId item);
// Draft and publish at once.
[[nodiscard]] Result<ItemId> publish_new(DisclosureServices& s, const identity::Actor& actor,
                                         const identity::Organisation& org, const ItemInput& in);
// A new version of a published item (the old one stays in the history).
[[nodiscard]] Result<int> correct(DisclosureServices& s, const identity::Actor& actor,
                                  const identity::Organisation& org, ItemId item,
                                  const ItemInput& in);
// Withdraws a published item; the reason is required and published in the ledger by hash.
[[nodiscard]] Status withdraw(DisclosureServices& s, const identity::Actor& actor,
                              const identity::Organisation& org, ItemId item,
                              const std::string& reason);
// "Tôi đã đọc và nắm nội dung". Idempotent.
[[nodiscard]] Status acknowledge(DisclosureServices& s, const identity::Actor& actor,
                                 const identity::Organisation& org, ItemId item);
// In-app reminders to every member who has not acknowledged; returns how many were sent.
[[nodiscard]] Result<int> remind(DisclosureServices& s, const identity::Actor& actor,
                                 const identity::Organisation& org, ItemId item);

// ---- Queries ----

struct BoardFilter {
    std::string category;
    std::optional<int> year;
    std::optional<ItemStatus> status;
    std::string q;      // diacritics-insensitive search ("duong giao thong")
    std::string after;  // keyset cursor from the previous page
    int limit = 20;
};
struct BoardRow {
    ItemId id;
    std::string title;
    std::string category;
    Audience audience = Audience::Public;
    ItemStatus status = ItemStatus::Published;
    int version = 1;
    std::string published_on;  // ISO, empty for drafts
    std::string posting_end;   // ISO, empty: permanent or draft
    bool flag_late = false, flag_short = false, flag_channels = false;
    long long ack_count = 0;
    long long sort_key = 0;  // the board's order (first publication time; drafts first)
};
struct BoardPage {
    std::vector<BoardRow> rows;
    std::optional<std::string> next_after;
};
// What this actor may see: public items for everyone; internal items for members; drafts
// for the office. Newest first.
[[nodiscard]] Result<BoardPage> board(DisclosureServices& s, const identity::Actor& actor,
                                      const identity::Organisation& org, const BoardFilter& f);

// Everything the board page shows, read in one transaction: the page of items, the newest
// internal items this member has not acknowledged (empty for others), the reminders waiting
// for them, and the organisation's categories for the filter.
struct BoardView {
    BoardPage page;
    std::vector<BoardRow> unread;
    long long reminders = 0;
    std::vector<Category> categories;
};
[[nodiscard]] Result<BoardView> board_view(DisclosureServices& s, const identity::Actor& actor,
                                           const identity::Organisation& org, const BoardFilter& f);

struct ItemDetail {
    Item item;
    std::optional<Category> category;  // statutory or local
    std::optional<LegalCheck> check;   // of the current version, when published
    bool acknowledged = false;         // by this actor
};
[[nodiscard]] Result<ItemDetail> find_item(DisclosureServices& s, const identity::Actor& actor,
                                           const identity::Organisation& org, ItemId item);

// One attachment of a version the actor may see, with its bytes.
struct AttachmentFile {
    Attachment meta;
    std::string bytes;
};
[[nodiscard]] Result<AttachmentFile> attachment(DisclosureServices& s, const identity::Actor& actor,
                                                const identity::Organisation& org, ItemId item,
                                                std::int64_t attachment_id);

// The newest 20 internal items published and not yet acknowledged by the actor.
[[nodiscard]] Result<std::vector<BoardRow>> unread(DisclosureServices& s,
                                                   const identity::Actor& actor,
                                                   const identity::Organisation& org);

struct UnitRate {
    std::string unit;  // organisation name ("" for the organisation itself)
    long long members = 0;
    long long acknowledged = 0;
};
struct AckReport {
    long long members = 0;
    long long acknowledged = 0;
    std::vector<UnitRate> units;
    std::vector<identity::Person> missing;  // by Vietnamese name order
};
// Rates for one item: the organisation's members, then per unit (child organisations).
[[nodiscard]] Result<AckReport> ack_report(DisclosureServices& s, const identity::Actor& actor,
                                           const identity::Organisation& org, ItemId item);

// In-app reminders waiting for the actor in `org`.
[[nodiscard]] long long reminders_for(DisclosureServices& s, const identity::Actor& actor,
                                      const identity::Organisation& org);

// The served ledger (JSON Lines, oldest first) and the organisation's public key.
[[nodiscard]] std::string ledger_jsonl(DisclosureServices& s, const identity::Organisation& org);
[[nodiscard]] Result<ledger::PublicKey> ledger_key(DisclosureServices& s,
                                                   const identity::Organisation& org);

// The quarterly register (commune Art 13.2): every disclosure made in the quarter with its
// forms and time, oldest first.
struct RegisterRow {
    ItemId id;
    int version = 1;
    std::string title;
    std::string category;
    std::string published_on;
    std::string posting_end;
    std::vector<Channel> channels;
    Audience audience = Audience::Public;
};
[[nodiscard]] Result<std::vector<RegisterRow>> quarterly_register(DisclosureServices& s,
                                                                  const identity::Actor& actor,
                                                                  const identity::Organisation& org,
                                                                  int year, int quarter);

// The categories an organisation chooses from on `day`: the statutory list of its setting,
// then its local items ("local.<id>").
[[nodiscard]] std::vector<Category> categories_for(DisclosureServices& s,
                                                   const identity::Organisation& org, Date day);
// One category by code for the organisation (statutory in force on `day`, or local). For a
// `day` before the statutory list took effect, the item as the list names it (no rule is in
// force then: see LegalCheck::rules_in_force).
[[nodiscard]] std::optional<Category> category_for(DisclosureServices& s,
                                                   const identity::Organisation& org,
                                                   const std::string& code, Date day);
// Adds a local item (R-GEN-06); `basis` cites the organisation's regulation. Secretaries
// and heads only. Local items follow the setting's timing and minimum posting rules.
[[nodiscard]] Result<std::string> add_local_category(
    DisclosureServices& s, const identity::Actor& actor, const identity::Organisation& org,
    const std::string& title_vi, const std::string& title_en, const std::string& basis);

}  // namespace danchu::disclosures
