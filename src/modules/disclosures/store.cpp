#include "modules/disclosures/store.hpp"

#include <limits>

#include "storage/fulltext.hpp"

namespace danchu::disclosures::store {

using storage::into;
using storage::use;

namespace fulltext = storage::fulltext;

namespace {

// The full-text index of items' current title and body (rowid = item id), migration 0005.
constexpr std::string_view kIndex = "disclosures_fts";

// Drafts have no publication time; they sort before everything on the office's board.
constexpr long long kDraftSortKey = std::numeric_limits<long long>::max() / 2;

std::optional<Date> opt_date(const std::optional<std::string>& s) {
    if (!s) return std::nullopt;
    return parse_iso_date(*s);
}

ItemStatus derive_status(const std::string& stored, const std::optional<std::string>& posting_end,
                         const std::string& today) {
    auto st = parse_status(stored).value_or(ItemStatus::Draft);
    if (st == ItemStatus::Published && posting_end && *posting_end < today)
        return ItemStatus::Expired;
    return st;
}

std::vector<Channel> channels_or_empty(const std::string& csv) {
    auto cs = parse_channels(csv);
    return cs ? *cs : std::vector<Channel>{};
}

}  // namespace

Result<ItemId> insert_item(Transaction& tx, const ItemRow& r) {
    std::int64_t org = r.org.value;
    std::string status(to_string(r.status));
    int version = r.current_version;
    std::optional<std::int64_t> by;
    if (r.created_by) by = r.created_by->value;
    long long now = r.now;
    auto id = tx.insert(
        "INSERT INTO disclosures_items (org_id, status, current_version, category, audience, "
        "title, created_by, created_at, updated_at) VALUES (:org, :status, "
        ":version, :category, :audience, :title, :by, :now, :now2) RETURNING id",
        use(org, "org"), use(status, "status"), use(version, "version"),
        use(r.category, "category"), use(r.audience, "audience"), use(r.title, "title"),
        use(by, "by"), use(now, "now"), use(now, "now2"));
    if (!id) return id.error();
    if (auto st = fulltext::put(tx, kIndex, *id, r.search_doc); !st) return st.error();
    return ItemId{*id};
}

Status insert_version(Transaction& tx, ItemId item, const Version& v) {
    std::int64_t id = item.value;
    int number = v.number;
    std::string audience(to_string(v.audience));
    std::string decision_date = iso_date(v.decision_date);
    std::string channels = join_channels(v.channels);
    std::string start = iso_date(v.posting_start);
    std::optional<std::string> end;
    if (v.posting_end) end = iso_date(*v.posting_end);
    std::optional<long long> at = v.published_at;
    std::optional<std::int64_t> by;
    if (v.published_by) by = v.published_by->value;
    auto n = tx.exec(
        "INSERT INTO disclosures_versions (item_id, version, title, body, category, audience, "
        "decision_ref, decision_date, channels, posting_start, posting_end, late_reason, "
        "short_reason, correction_note, content_sha256, published_at, published_by) VALUES "
        "(:item, :version, :title, :body, :category, :audience, :ref, :ddate, :channels, "
        ":start, :pend, :late, :short, :note, :sha, :at, :by)",
        use(id, "item"), use(number, "version"), use(v.title, "title"), use(v.body, "body"),
        use(v.category, "category"), use(audience, "audience"), use(v.decision_ref, "ref"),
        use(decision_date, "ddate"), use(channels, "channels"), use(start, "start"),
        use(end, "pend"), use(v.late_reason, "late"), use(v.short_reason, "short"),
        use(v.correction_note, "note"), use(v.content_sha256, "sha"), use(at, "at"), use(by, "by"));
    if (!n) return n.error();
    return {};
}

std::optional<Item> load_item(Transaction& tx, OrgId org, ItemId item, Date today) {
    std::int64_t id = item.value, org_id = org.value;
    std::string status, withdrawn;
    int current = 0, late = 0, shortp = 0, chan = 0;
    long long acks = 0;
    std::optional<std::string> posting_end;
    if (!tx.find("SELECT status, current_version, withdrawn_reason, ack_count, flag_late, "
                 "flag_short, flag_channels, posting_end FROM disclosures_items "
                 "WHERE id = :id AND org_id = :org",
                 into(status), into(current), into(withdrawn), into(acks), into(late), into(shortp),
                 into(chan), into(posting_end), use(id, "id"), use(org_id, "org"))) {
        return std::nullopt;
    }
    Item it;
    it.id = item;
    it.org = org;
    it.status = derive_status(status, posting_end, iso_date(today));
    it.current_version = current;
    it.withdrawn_reason = withdrawn;
    it.ack_count = acks;
    it.flag_late = late != 0;
    it.flag_short = shortp != 0;
    it.flag_channels = chan != 0;
    tx.each<int, std::string, std::string, std::string, std::string, std::string, std::string,
            std::string, std::string, std::optional<std::string>, std::string, std::string,
            std::string, std::string, std::optional<long long>, std::optional<std::int64_t>>(
        "SELECT version, title, body, category, audience, decision_ref, decision_date, channels, "
        "posting_start, posting_end, late_reason, short_reason, correction_note, "
        "content_sha256, published_at, published_by FROM disclosures_versions "
        "WHERE item_id = :id ORDER BY version",
        [&](int number, const std::string& title, const std::string& body,
            const std::string& category, const std::string& audience, const std::string& ref,
            const std::string& ddate, const std::string& channels, const std::string& start,
            const std::optional<std::string>& end, const std::string& late_reason,
            const std::string& short_reason, const std::string& note, const std::string& sha,
            const std::optional<long long>& at, const std::optional<std::int64_t>& by) {
            Version v;
            v.number = number;
            v.title = title;
            v.body = body;
            v.category = category;
            v.audience = parse_audience(audience).value_or(Audience::Internal);
            v.decision_ref = ref;
            v.decision_date = parse_iso_date(ddate).value_or(Date{});
            v.channels = channels_or_empty(channels);
            v.posting_start = parse_iso_date(start).value_or(Date{});
            v.posting_end = opt_date(end);
            v.late_reason = late_reason;
            v.short_reason = short_reason;
            v.correction_note = note;
            v.content_sha256 = sha;
            v.published_at = at;
            if (by) v.published_by = PersonId{*by};
            it.versions.push_back(std::move(v));
        },
        use(id, "id"));
    if (it.versions.empty()) return std::nullopt;
    tx.each<std::int64_t, int, std::string, std::string, long long, std::string>(
        "SELECT id, version, name, media_type, size, sha256 FROM disclosures_attachments "
        "WHERE item_id = :id ORDER BY version, id",
        [&](std::int64_t aid, int version, const std::string& name, const std::string& type,
            long long size, const std::string& sha) {
            for (auto& v : it.versions) {
                if (v.number == version) v.attachments.push_back({aid, name, type, size, sha});
            }
        },
        use(id, "id"));
    return it;
}

Status insert_attachment(Transaction& tx, ItemId item, int version, const Attachment& meta,
                         const std::string& bytes) {
    std::int64_t id = item.value;
    long long size = meta.size;
    std::string hex =
        ledger::to_hex(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    auto n = tx.exec(
        "INSERT INTO disclosures_attachments (item_id, version, name, media_type, size, sha256, "
        "content) VALUES (:item, :version, :name, :type, :size, :sha, :content)",
        use(id, "item"), use(version, "version"), use(meta.name, "name"),
        use(meta.media_type, "type"), use(size, "size"), use(meta.sha256, "sha"),
        use(hex, "content"));
    if (!n) return n.error();
    return {};
}

Status copy_attachments(Transaction& tx, ItemId item, int from, int to) {
    std::int64_t id = item.value, id2 = item.value;
    auto n = tx.exec(
        "INSERT INTO disclosures_attachments (item_id, version, name, media_type, size, sha256, "
        "content) SELECT :item, :to, name, media_type, size, sha256, content FROM "
        "disclosures_attachments WHERE item_id = :item2 AND version = :from ORDER BY id",
        use(id, "item"), use(to, "to"), use(id2, "item2"), use(from, "from"));
    if (!n) return n.error();
    return {};
}

std::optional<std::string> attachment_bytes(Transaction& tx, ItemId item, std::int64_t aid) {
    std::int64_t id = item.value;
    auto hex = tx.scalar<std::string>(
        "SELECT content FROM disclosures_attachments WHERE item_id = :item AND id = :id",
        use(id, "item"), use(aid, "id"));
    if (!hex) return std::nullopt;
    auto bytes = ledger::from_hex(*hex);
    if (!bytes) return std::nullopt;
    return std::string(bytes->begin(), bytes->end());
}

Result<long long> mark_published(Transaction& tx, ItemId item, ItemStatus from, int from_version,
                                 const PublishedState& st) {
    std::int64_t id = item.value;
    std::string from_s(to_string(from));
    int version = st.version;
    int late = st.late ? 1 : 0, shortp = st.short_posting ? 1 : 0, chan = st.channels ? 1 : 0;
    long long at = st.published_at, at2 = st.published_at, now = st.now;
    int year = 0;
    if (auto d = parse_iso_date(st.published_on)) year = static_cast<int>(d->year());
    if (auto s = fulltext::put(tx, kIndex, id, st.search_doc); !s) return s.error();
    return tx.exec(
        "UPDATE disclosures_items SET status = 'published', current_version = :version, "
        "category = :category, audience = :audience, title = :title, "
        "published_on = COALESCE(published_on, :pon), published_at = COALESCE(published_at, :pat), "
        "year = COALESCE(year, :year), sort_key = COALESCE(published_at, :pat2), "
        "posting_end = :pend, flag_late = :late, "
        "flag_short = :short, flag_channels = :chan, updated_at = :now "
        "WHERE id = :id AND status = :from AND current_version = :fromv",
        use(version, "version"), use(st.category, "category"), use(st.audience, "audience"),
        use(st.title, "title"), use(st.published_on, "pon"), use(at, "pat"), use(year, "year"),
        use(at2, "pat2"), use(st.posting_end, "pend"), use(late, "late"), use(shortp, "short"),
        use(chan, "chan"), use(now, "now"), use(id, "id"), use(from_s, "from"),
        use(from_version, "fromv"));
}

Status delete_draft_version(Transaction& tx, ItemId item, int version) {
    std::int64_t id = item.value;
    auto n = tx.exec(
        "DELETE FROM disclosures_versions WHERE item_id = :id AND version = :v "
        "AND published_at IS NULL",
        use(id, "id"), use(version, "v"));
    if (!n) return n.error();
    if (*n != 1) return fail(ErrorCode::Conflict, "disclosures.error.changed");
    return {};
}

Status mark_version_published(Transaction& tx, ItemId item, int version, long long at,
                              std::optional<PersonId> by) {
    std::int64_t id = item.value;
    std::optional<std::int64_t> person;
    if (by) person = by->value;
    auto n = tx.exec(
        "UPDATE disclosures_versions SET published_at = :at, published_by = :by "
        "WHERE item_id = :id AND version = :v AND published_at IS NULL",
        use(at, "at"), use(person, "by"), use(id, "id"), use(version, "v"));
    if (!n) return n.error();
    if (*n != 1) return fail(ErrorCode::Conflict, "disclosures.error.changed");
    return {};
}

Result<long long> mark_withdrawn(Transaction& tx, ItemId item, const std::string& reason,
                                 long long now) {
    std::int64_t id = item.value;
    return tx.exec(
        "UPDATE disclosures_items SET status = 'withdrawn', withdrawn_reason = :reason, "
        "updated_at = :now WHERE id = :id AND status = 'published'",
        use(reason, "reason"), use(now, "now"), use(id, "id"));
}

Result<std::int64_t> insert_local_category(Transaction& tx, OrgId org, const LocalCategoryRow& row,
                                           long long now) {
    std::int64_t o = org.value;
    return tx.insert(
        "INSERT INTO disclosures_local_categories (org_id, title_vi, title_en, basis, created_at) "
        "VALUES (:org, :vi, :en, :basis, :now) RETURNING id",
        use(o, "org"), use(row.title_vi, "vi"), use(row.title_en, "en"), use(row.basis, "basis"),
        use(now, "now"));
}

std::vector<LocalCategoryRow> local_categories(Transaction& tx, OrgId org) {
    std::int64_t o = org.value;
    std::vector<LocalCategoryRow> out;
    tx.each<std::int64_t, std::string, std::string, std::string>(
        "SELECT id, title_vi, title_en, basis FROM disclosures_local_categories "
        "WHERE org_id = :org ORDER BY id",
        [&](std::int64_t id, const std::string& vi, const std::string& en, const std::string& b) {
            out.push_back({id, vi, en, b});
        },
        use(o, "org"));
    return out;
}

std::pair<long long, std::string> ledger_head(Transaction& tx, OrgId org) {
    std::int64_t org_id = org.value;
    long long seq = 0;
    std::string hash;
    if (tx.find("SELECT seq, hash FROM disclosures_ledger WHERE org_id = :org "
                "ORDER BY seq DESC LIMIT 1",
                into(seq), into(hash), use(org_id, "org"))) {
        return {seq, hash};
    }
    return {0, std::string(ledger::kGenesis)};
}

Status insert_ledger(Transaction& tx, OrgId org, const ledger::SignedEntry& e) {
    std::int64_t org_id = org.value;
    long long seq = e.seq;
    auto n = tx.exec(
        "INSERT INTO disclosures_ledger (org_id, seq, entry, hash, sig) "
        "VALUES (:org, :seq, :entry, :hash, :sig)",
        use(org_id, "org"), use(seq, "seq"), use(e.entry, "entry"), use(e.hash, "hash"),
        use(e.sig, "sig"));
    if (!n) return n.error();
    return {};
}

Status insert_ledger_private(Transaction& tx, OrgId org, long long seq, const std::string& detail) {
    std::int64_t org_id = org.value;
    auto n = tx.exec(
        "INSERT INTO disclosures_ledger_private (org_id, seq, detail) VALUES (:org, :seq, :d)",
        use(org_id, "org"), use(seq, "seq"), use(detail, "d"));
    if (!n) return n.error();
    return {};
}

std::vector<ledger::SignedEntry> ledger_entries(Transaction& tx, OrgId org) {
    std::int64_t org_id = org.value;
    std::vector<ledger::SignedEntry> out;
    // Served in stored-row order by sequence: a reordered or missing row shows up as a break.
    tx.each<long long, std::string, std::string, std::string>(
        "SELECT seq, entry, hash, sig FROM disclosures_ledger WHERE org_id = :org ORDER BY seq",
        [&](long long seq, const std::string& entry, const std::string& hash,
            const std::string& sig) {
            out.push_back({seq, entry, hash, sig});
        },
        use(org_id, "org"));
    return out;
}

bool has_ack(Transaction& tx, ItemId item, PersonId person) {
    std::int64_t id = item.value, p = person.value;
    return tx
        .scalar<long long>("SELECT 1 FROM disclosures_acks WHERE item_id = :id AND person_id = :p",
                           use(id, "id"), use(p, "p"))
        .has_value();
}

Result<bool> insert_ack(Transaction& tx, ItemId item, PersonId person, int version, long long at) {
    if (has_ack(tx, item, person)) return false;
    std::int64_t id = item.value, p = person.value;
    auto n = tx.exec(
        "INSERT INTO disclosures_acks (item_id, person_id, version, at) "
        "VALUES (:id, :p, :v, :at)",
        use(id, "id"), use(p, "p"), use(version, "v"), use(at, "at"));
    if (!n) return n.error();
    auto c = tx.exec("UPDATE disclosures_items SET ack_count = ack_count + 1 WHERE id = :id",
                     use(id, "id"));
    if (!c) return c.error();
    std::optional<std::int64_t> org = tx.scalar<std::int64_t>(
        "SELECT org_id FROM disclosures_reminders WHERE item_id = :id AND person_id = :p",
        use(id, "id"), use(p, "p"));
    if (!org) return true;
    auto r = tx.exec("DELETE FROM disclosures_reminders WHERE item_id = :id AND person_id = :p",
                     use(id, "id"), use(p, "p"));
    if (!r) return r.error();
    std::int64_t o = *org;
    auto k = tx.exec(
        "UPDATE disclosures_reminder_counts SET pending = pending - 1 "
        "WHERE org_id = :o AND person_id = :p AND pending > 0",
        use(o, "o"), use(p, "p"));
    if (!k) return k.error();
    return true;
}

std::vector<std::int64_t> acked_people(Transaction& tx, ItemId item) {
    std::int64_t id = item.value;
    std::vector<std::int64_t> out;
    tx.each<std::int64_t>(
        "SELECT person_id FROM disclosures_acks WHERE item_id = :id",
        [&](std::int64_t p) { out.push_back(p); }, use(id, "id"));
    return out;
}

Status upsert_reminder(Transaction& tx, ItemId item, PersonId person, OrgId org, long long at) {
    std::int64_t id = item.value, p = person.value, o = org.value;
    auto n =
        tx.exec("UPDATE disclosures_reminders SET at = :at WHERE item_id = :id AND person_id = :p",
                use(at, "at"), use(id, "id"), use(p, "p"));
    if (!n) return n.error();
    if (*n > 0) return {};
    auto i = tx.exec(
        "INSERT INTO disclosures_reminders (item_id, person_id, org_id, at) "
        "VALUES (:id, :p, :o, :at)",
        use(id, "id"), use(p, "p"), use(o, "o"), use(at, "at"));
    if (!i) return i.error();
    auto k = tx.exec(
        "UPDATE disclosures_reminder_counts SET pending = pending + 1 "
        "WHERE org_id = :o AND person_id = :p",
        use(o, "o"), use(p, "p"));
    if (!k) return k.error();
    if (*k > 0) return {};
    auto c = tx.exec(
        "INSERT INTO disclosures_reminder_counts (org_id, person_id, pending) "
        "VALUES (:o, :p, 1)",
        use(o, "o"), use(p, "p"));
    if (!c) return c.error();
    return {};
}

long long reminder_count(Transaction& tx, OrgId org, PersonId person) {
    std::int64_t o = org.value, p = person.value;
    return tx
        .scalar<long long>(
            "SELECT pending FROM disclosures_reminder_counts WHERE org_id = :o AND person_id = :p",
            use(o, "o"), use(p, "p"))
        .value_or(0);
}

namespace {

// A filter that is off keeps its placeholder in a clause that is always true, so every variant
// of the board statement binds the same names; the filters that are on are plain comparisons
// the planner answers from an index (0006_board_indexes.sql).
std::string unused(std::string_view name, std::string_view type) {
    return " AND (CAST(:" + std::string(name) + " AS " + std::string(type) + ") IS NULL OR 1 = 1)";
}

}  // namespace

std::vector<BoardRow> board(Transaction& tx, const BoardQuery& q) {
    // Fixed fragments, chosen by which filters are on; values are only ever bound.
    const auto search = fulltext::parse(q.q);
    // Something typed that holds no word (only "%", quotes, "*"...) finds nothing, rather than
    // turning into no filter at all.
    if (search.empty() && q.q.find_first_not_of(" \t\r\n") != std::string::npos) return {};
    std::string sql =
        "SELECT i.id, i.title, i.category, i.audience, i.status, i.current_version, "
        "i.published_on, i.posting_end, i.flag_late, i.flag_short, i.flag_channels, "
        "i.ack_count, i.sort_key FROM ";
    // A search is driven by the full-text index, newest item first, and stops after a page;
    // the board itself walks the index of its order.
    if (!search.empty()) {
        sql += std::string(kIndex) + " CROSS JOIN disclosures_items i WHERE " +
               fulltext::match_condition(tx.dialect(), kIndex, "q") +
               " AND i.id = " + std::string(kIndex) + ".rowid AND i.org_id = :org";
    } else {
        sql += "disclosures_items i WHERE i.org_id = :org" + unused("q", "TEXT");
    }
    sql += " AND (:internal = 1 OR i.audience = 'public') AND (:drafts = 1 OR i.status <> 'draft')";
    sql += q.category.empty() ? unused("cat", "TEXT") : " AND i.category = :cat";
    sql += q.year ? " AND i.year = :year" : unused("year", "INTEGER");
    // Expired is a published item past its posting end: stored as published.
    std::string stored = q.status ? std::string(to_string(*q.status)) : std::string{};
    if (q.status == ItemStatus::Expired) stored = "published";
    sql += q.status ? " AND i.status = :st" : unused("st", "TEXT");
    if (q.status == ItemStatus::Expired)
        sql += " AND i.posting_end IS NOT NULL AND i.posting_end < :today";
    else if (q.status == ItemStatus::Published)
        sql += " AND (i.posting_end IS NULL OR i.posting_end >= :today)";
    else
        sql += unused("today", "TEXT");
    sql += q.unread_by ? " AND i.audience = 'internal' AND i.status = 'published' AND NOT EXISTS "
                         "(SELECT 1 FROM disclosures_acks a WHERE a.item_id = i.id AND "
                         "a.person_id = :person)"
                       : unused("person", "BIGINT");
    if (!search.empty()) {
        sql += q.after ? " AND i.id < :aid" + unused("akey", "BIGINT")
                       : unused("aid", "BIGINT") + unused("akey", "BIGINT");
        sql += " ORDER BY " + std::string(kIndex) + ".rowid DESC LIMIT :limit";
    } else {
        // A row-value comparison is one range on the index (an OR of two would not be).
        sql += q.after ? " AND (i.sort_key, i.id) < (:akey, :aid)"
                       : unused("akey", "BIGINT") + unused("aid", "BIGINT");
        sql += " ORDER BY i.sort_key DESC, i.id DESC LIMIT :limit";
    }
    std::string fts_q = search.empty() ? std::string{} : fulltext::query_text(tx.dialect(), search);
    std::int64_t org = q.org.value;
    int internal = q.internal ? 1 : 0, drafts = q.drafts ? 1 : 0;
    int year = q.year.value_or(0);
    std::int64_t person = q.unread_by ? q.unread_by->value : 0;
    long long akey = q.after ? q.after->first : 0;
    std::int64_t aid = q.after ? q.after->second : 0;
    int limit = q.limit;
    std::vector<BoardRow> out;
    auto row = [&](std::int64_t id, const std::string& title, const std::string& category,
                   const std::string& audience, const std::string& status, int version,
                   const std::optional<std::string>& published_on,
                   const std::optional<std::string>& posting_end, int late, int shortp, int chan,
                   long long acks, long long sort_key) {
        BoardRow r;
        r.id = ItemId{id};
        r.title = title;
        r.category = category;
        r.audience = parse_audience(audience).value_or(Audience::Internal);
        r.status = derive_status(status, posting_end, q.today);
        r.version = version;
        r.published_on = published_on.value_or("");
        r.posting_end = posting_end.value_or("");
        r.flag_late = late != 0;
        r.flag_short = shortp != 0;
        r.flag_channels = chan != 0;
        r.ack_count = acks;
        r.sort_key = sort_key;
        out.push_back(std::move(r));
    };
    // The same names in every variant (bound by name, in any order).
    tx.each<std::int64_t, std::string, std::string, std::string, std::string, int,
            std::optional<std::string>, std::optional<std::string>, int, int, int, long long,
            long long>(sql, row, use(org, "org"), use(fts_q, "q"), use(internal, "internal"),
                       use(drafts, "drafts"), use(q.category, "cat"), use(year, "year"),
                       use(stored, "st"), use(q.today, "today"), use(person, "person"),
                       use(akey, "akey"), use(aid, "aid"), use(limit, "limit"));
    return out;
}

std::vector<RegisterRow> register_rows(Transaction& tx, OrgId org, long long from, long long to,
                                       bool internal) {
    std::int64_t o = org.value;
    int with_internal = internal ? 1 : 0;
    std::vector<RegisterRow> out;
    tx.each<std::int64_t, int, std::string, std::string, long long, std::optional<std::string>,
            std::string, std::string>(
        "SELECT i.id, v.version, v.title, v.category, v.published_at, v.posting_end, "
        "v.channels, v.audience FROM disclosures_versions v JOIN disclosures_items i ON "
        "i.id = v.item_id WHERE i.org_id = :org AND v.published_at IS NOT NULL "
        "AND v.published_at >= :from AND v.published_at < :to "
        "AND (:internal = 1 OR v.audience = 'public') ORDER BY v.published_at, i.id, v.version",
        [&](std::int64_t id, int version, const std::string& title, const std::string& category,
            long long at, const std::optional<std::string>& end, const std::string& channels,
            const std::string& audience) {
            RegisterRow r;
            r.id = ItemId{id};
            r.version = version;
            r.title = title;
            r.category = category;
            r.published_on = iso_date(local_date(from_unix_seconds(at)));
            r.posting_end = end.value_or("");
            r.channels = channels_or_empty(channels);
            r.audience = parse_audience(audience).value_or(Audience::Internal);
            out.push_back(std::move(r));
        },
        use(o, "org"), use(from, "from"), use(to, "to"), use(with_internal, "internal"));
    return out;
}

}  // namespace danchu::disclosures::store
