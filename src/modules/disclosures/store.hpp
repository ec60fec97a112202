#pragma once
// The only SQL of the disclosures module. Commands and queries call these inside their
// transaction; nothing here checks permissions.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "modules/disclosures/api.hpp"
#include "storage/transaction.hpp"

namespace danchu::disclosures::store {

using storage::Transaction;

struct ItemRow {
    OrgId org;
    ItemStatus status = ItemStatus::Draft;
    int current_version = 1;
    std::string category, audience, title;
    std::string search_doc;  // title and body, for the full-text index
    std::optional<PersonId> created_by;
    long long now = 0;
};
[[nodiscard]] Result<ItemId> insert_item(Transaction& tx, const ItemRow& row);
[[nodiscard]] Status insert_version(Transaction& tx, ItemId item, const Version& v);
// The item with all versions, if it belongs to `org`. Status is Expired when published and
// past its posting end on `today`.
[[nodiscard]] std::optional<Item> load_item(Transaction& tx, OrgId org, ItemId item, Date today);

struct PublishedState {
    int version = 1;
    std::string category, audience, title;
    std::string search_doc;  // title and body, for the full-text index
    std::string published_on;
    long long published_at = 0;
    std::optional<std::string> posting_end;
    bool late = false, short_posting = false, channels = false;
    long long now = 0;
};
// Moves the item to `published` at version `st.version` from (status `from`, version
// `st.version - 1` or the same for a first publication). 0 rows: someone changed it first.
[[nodiscard]] Result<long long> mark_published(Transaction& tx, ItemId item, ItemStatus from,
                                               int from_version, const PublishedState& st);
// Removes the unpublished draft row of `version` (publication re-inserts it as final).
[[nodiscard]] Status delete_draft_version(Transaction& tx, ItemId item, int version);
[[nodiscard]] Status mark_version_published(Transaction& tx, ItemId item, int version, long long at,
                                            std::optional<PersonId> by);
[[nodiscard]] Result<long long> mark_withdrawn(Transaction& tx, ItemId item,
                                               const std::string& reason, long long now);

// Attachments (content stored hex-encoded: one portable column type on both engines).
[[nodiscard]] Status insert_attachment(Transaction& tx, ItemId item, int version,
                                       const Attachment& meta, const std::string& bytes);
// Copies version `from`'s attachments to version `to` (a correction without new files).
[[nodiscard]] Status copy_attachments(Transaction& tx, ItemId item, int from, int to);
[[nodiscard]] std::optional<std::string> attachment_bytes(Transaction& tx, ItemId item,
                                                          std::int64_t id);

// Local items (R-GEN-06): (id, title_vi, title_en, basis) of an organisation.
struct LocalCategoryRow {
    std::int64_t id = 0;
    std::string title_vi, title_en, basis;
};
[[nodiscard]] Result<std::int64_t> insert_local_category(Transaction& tx, OrgId org,
                                                         const LocalCategoryRow& row,
                                                         long long now);
[[nodiscard]] std::vector<LocalCategoryRow> local_categories(Transaction& tx, OrgId org);

// Ledger.
[[nodiscard]] std::pair<long long, std::string> ledger_head(Transaction& tx, OrgId org);
[[nodiscard]] Status insert_ledger(Transaction& tx, OrgId org, const ledger::SignedEntry& e);
[[nodiscard]] Status insert_ledger_private(Transaction& tx, OrgId org, long long seq,
                                           const std::string& detail);
[[nodiscard]] std::vector<ledger::SignedEntry> ledger_entries(Transaction& tx, OrgId org);

// Acknowledgements and reminders.
[[nodiscard]] bool has_ack(Transaction& tx, ItemId item, PersonId person);
[[nodiscard]] Result<bool> insert_ack(Transaction& tx, ItemId item, PersonId person, int version,
                                      long long at);
[[nodiscard]] std::vector<std::int64_t> acked_people(Transaction& tx, ItemId item);
[[nodiscard]] Status upsert_reminder(Transaction& tx, ItemId item, PersonId person, OrgId org,
                                     long long at);
[[nodiscard]] long long reminder_count(Transaction& tx, OrgId org, PersonId person);

// Board and register.
struct BoardQuery {
    OrgId org;
    bool internal = false;  // include internal items
    bool drafts = false;    // include drafts
    std::string category;
    std::optional<int> year;
    std::optional<ItemStatus> status;
    std::string q;                                            // the visitor's words, raw
    std::optional<std::pair<long long, std::int64_t>> after;  // (sort key, id)
    int limit = 20;
    std::string today;                  // ISO, for Expired
    std::optional<PersonId> unread_by;  // only internal items this person has not acknowledged
};
// Newest first: by (sort key, id) — the first publication time, drafts before everything —
// or, when searching, by item id (the full-text index's order). `after` is the last row's
// (sort key, id); a search compares the id only.
[[nodiscard]] std::vector<BoardRow> board(Transaction& tx, const BoardQuery& q);

// Versions published in [from, to) (unix seconds).
[[nodiscard]] std::vector<RegisterRow> register_rows(Transaction& tx, OrgId org, long long from,
                                                     long long to, bool internal);

}  // namespace danchu::disclosures::store
