// Disclosure write use cases. Each checks permission itself, runs in one transaction, and
// records its audit event and (publish, correct, withdraw) its signed ledger entry in that
// same transaction, so a publication never exists without its trace.

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "identity/stamps.hpp"
#include "modules/disclosures/api.hpp"
#include "modules/disclosures/store.hpp"
#include "vn/text.hpp"

namespace danchu::disclosures {

namespace {

using identity::Actor;
using identity::Organisation;
using nlohmann::json;
using storage::Access;

constexpr std::size_t kMaxTitle = 300;
constexpr std::size_t kMaxBody = 200'000;
constexpr std::size_t kMaxReason = 4'000;

long long now_s(const DisclosureServices& s) { return unix_seconds(s.identity.clock.now()); }

std::string trim(std::string v) {
    const auto b = v.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = v.find_last_not_of(" \t\r\n");
    return v.substr(b, e - b + 1);
}

Error field_error(const std::string& field, const std::string& key) {
    return fail(ErrorCode::InvalidInput, key, {{field, key}});
}

bool before(Date a, Date b) { return std::chrono::sys_days{a} < std::chrono::sys_days{b}; }

std::string content_hash(const Version& v) {
    json j;
    j["title"] = v.title;
    j["body"] = v.body;
    j["category"] = v.category;
    j["audience"] = std::string(to_string(v.audience));
    j["decision_ref"] = v.decision_ref;
    j["decision_date"] = iso_date(v.decision_date);
    j["channels"] = join_channels(v.channels);
    j["posting_start"] = iso_date(v.posting_start);
    j["posting_end"] = v.posting_end ? iso_date(*v.posting_end) : std::string("permanent");
    j["attachments"] = json::array();
    for (const auto& a : v.attachments) j["attachments"].push_back(a.sha256);
    return ledger::sha256_hex(j.dump());
}

// What full-text search reads (storage/fulltext.hpp folds marks, case and đ itself).
std::string search_doc(const Version& v) { return v.title + "\n" + v.body; }

// An uploaded name without directories or control characters, at most 200 bytes.
std::string clean_file_name(const std::string& raw) {
    std::string name = raw;
    if (auto slash = name.find_last_of("/\\"); slash != std::string::npos)
        name = name.substr(slash + 1);
    std::string out;
    for (unsigned char c : name) {
        if (c >= 0x20 && c != 0x7f && c != '"') out.push_back(static_cast<char>(c));
    }
    out = vn::nfc(trim(out));
    if (out.size() > 200) out = out.substr(out.size() - 200);
    return out.empty() ? std::string("tep-dinh-kem") : out;
}

// Form input → a version (not yet checked against the law). `files` receives the bytes of
// the version's new attachments, in the order of `attachments`.
Result<Version> parse_input(DisclosureServices& s, const Organisation& org, const ItemInput& in,
                            Date today, std::vector<std::string>* files = nullptr) {
    if (!org.setting) return fail(ErrorCode::InvalidInput, "disclosures.error.no_setting");
    std::vector<FieldError> errors;
    Version v;
    v.title = vn::nfc(trim(in.title));
    if (v.title.empty() || v.title.size() > kMaxTitle)
        errors.push_back({"title", "disclosures.error.title"});
    v.body = vn::nfc(in.body);
    if (v.body.size() > kMaxBody) errors.push_back({"body", "disclosures.error.body"});
    const auto audience = parse_audience(in.audience);
    if (!audience) errors.push_back({"audience", "disclosures.error.audience"});
    v.audience = audience.value_or(Audience::Public);
    v.decision_ref = vn::nfc(trim(in.decision_ref));
    if (v.decision_ref.size() > kMaxTitle)
        errors.push_back({"decision_ref", "disclosures.error.decision_ref"});
    const auto decision = parse_iso_date(trim(in.decision_date));
    if (!decision || before(today, *decision))
        errors.push_back({"decision_date", "disclosures.error.decision_date"});
    v.decision_date = decision.value_or(today);
    v.category = trim(in.category);
    if (!category_for(s, org, v.category, v.decision_date))
        errors.push_back({"category", "disclosures.error.category"});
    auto channels = parse_channels(in.channels);
    if (!channels || channels->empty()) errors.push_back({"channels", "disclosures.error.channel"});
    if (channels) v.channels = *channels;
    v.posting_start = today;
    if (!trim(in.posting_start).empty()) {
        auto start = parse_iso_date(trim(in.posting_start));
        if (!start)
            errors.push_back({"posting_start", "disclosures.error.posting_start"});
        else
            v.posting_start = *start;
    }
    if (!trim(in.posting_end).empty()) {
        auto end = parse_iso_date(trim(in.posting_end));
        if (!end || before(*end, v.posting_start))
            errors.push_back({"posting_end", "disclosures.error.posting_end"});
        else
            v.posting_end = end;
    }
    v.late_reason = vn::nfc(trim(in.late_reason));
    v.short_reason = vn::nfc(trim(in.short_reason));
    v.correction_note = vn::nfc(trim(in.correction_note));
    if (v.late_reason.size() > kMaxReason || v.short_reason.size() > kMaxReason ||
        v.correction_note.size() > kMaxReason)
        errors.push_back({"late_reason", "disclosures.error.reason_length"});
    if (static_cast<int>(in.attachments.size()) > s.max_attachments)
        errors.push_back({"attachments", "disclosures.error.attachment_count"});
    for (const auto& a : in.attachments) {
        if (a.bytes.size() > s.max_attachment_bytes) {
            errors.push_back({"attachments", "disclosures.error.attachment_size"});
            break;
        }
        auto type = sniff_media_type(a.bytes);
        if (!type || std::find(s.attachment_types.begin(), s.attachment_types.end(),
                               attachment_type_name(*type)) == s.attachment_types.end()) {
            errors.push_back({"attachments", "disclosures.error.attachment_type"});
            break;
        }
        Attachment meta;
        meta.name = clean_file_name(a.name);
        meta.media_type = *type;
        meta.size = static_cast<long long>(a.bytes.size());
        meta.sha256 = ledger::sha256_hex(a.bytes);
        v.attachments.push_back(std::move(meta));
        if (files) files->push_back(a.bytes);
    }
    if (!errors.empty()) {
        auto key = errors.front().message_key;
        return fail(ErrorCode::InvalidInput, key, std::move(errors));
    }
    return v;
}

// Applies the legal checks to a version about to be published today: fills the default
// posting end, and refuses a late or short publication without its reason.
Result<LegalCheck> prepare_for_publication(DisclosureServices& s, const Organisation& org,
                                           Version& v, Date today, bool timely_original = false) {
    if (before(v.posting_start, today)) v.posting_start = today;  // nothing is posted in the past
    const auto c = category_for(s, org, v.category, v.decision_date);
    if (!c) return field_error("category", "disclosures.error.category");
    if (!v.posting_end && !c->permanent) {
        auto probe = check_disclosure(s.rules, s.calendar, *org.setting, *c, v.decision_date, today,
                                      v.posting_start, std::nullopt, v.channels);
        if (!probe) return probe.error();
        v.posting_end = probe->minimum_posting_end;
    }
    auto check = check_disclosure(s.rules, s.calendar, *org.setting, *c, v.decision_date, today,
                                  v.posting_start, v.posting_end, v.channels);
    if (!check) return check.error();
    if (timely_original) check->late = false;
    if (check->late && v.late_reason.empty())
        return field_error("late_reason", "disclosures.error.late_reason_required");
    if (check->short_posting && v.short_reason.empty())
        return field_error("short_reason", "disclosures.error.short_reason_required");
    if (!check->late) v.late_reason.clear();
    if (!check->short_posting) v.short_reason.clear();
    return check;
}

// Appends one signed entry to the organisation's ledger, inside `tx`.
Status append_ledger(DisclosureServices& s, storage::Transaction& tx, OrgId org,
                     const std::string& action, ItemId item, const Version& v,
                     const std::string& extra_hash_name, const std::string& extra_hash,
                     long long at) {
    auto seed = identity::organisation_key(s.identity, tx, org, "disclosures.ledger");
    if (!seed) return seed.error();
    const auto key = ledger::key_pair(*seed);
    json detail;
    detail["item"] = item.value;
    detail["version"] = v.number;
    detail["category"] = v.category;
    detail["content_sha256"] = v.content_sha256;
    detail["attachments"] = json::array();
    for (const auto& a : v.attachments) {
        detail["attachments"].push_back({{"name", a.name}, {"sha256", a.sha256}, {"size", a.size}});
    }
    detail["posting_start"] = iso_date(v.posting_start);
    detail["posting_end"] = v.posting_end ? iso_date(*v.posting_end) : std::string("permanent");
    if (!extra_hash_name.empty()) detail[extra_hash_name] = extra_hash;
    json fields;
    fields["action"] = action;
    fields["at"] = at;
    fields["audience"] = std::string(to_string(v.audience));
    std::string private_detail;
    if (v.audience == Audience::Internal) {
        // A commitment only: the nonce keeps the detail from being guessed from its hash.
        const auto nonce = identity::random_key();
        detail["nonce"] = ledger::to_hex(nonce.data(), nonce.size());
        private_detail = detail.dump();
        fields["detail_sha256"] = ledger::sha256_hex(private_detail);
    } else {
        for (auto& [k, val] : detail.items()) fields[k] = val;
    }
    const auto [seq, prev] = store::ledger_head(tx, org);
    const auto entry = ledger::sign_entry(key, seq + 1, prev, fields.dump());
    if (auto st = store::insert_ledger(tx, org, entry); !st) return st;
    if (!private_detail.empty()) {
        if (auto st = store::insert_ledger_private(tx, org, entry.seq, private_detail); !st)
            return st;
    }
    return {};
}

// Cached public pages of the organisation are stale from this transaction on.
Status invalidate(storage::Transaction& tx, const Organisation& org) {
    return identity::bump_stamp(tx, cache_scope(org));
}
Status committed(DisclosureServices& s, storage::Transaction& tx, const Organisation& org) {
    if (auto st = tx.commit(); !st) return st;
    if (s.identity.stamps) s.identity.stamps->forget(cache_scope(org));
    return {};
}

Status audit(DisclosureServices& s, storage::Transaction& tx, const Actor& actor, OrgId org,
             const std::string& action, ItemId item, const std::string& detail) {
    return identity::record_audit(tx, actor, s.identity.clock,
                                  {action, org, "disclosure", std::to_string(item.value), detail});
}

Result<Item> load_for_write(DisclosureServices& s, storage::Transaction& tx, OrgId org, ItemId id) {
    auto item = store::load_item(tx, org, id, s.identity.clock.today());
    if (!item) return fail(ErrorCode::NotFound, "disclosures.error.not_found");
    return *item;
}

store::PublishedState published_state(const Version& v, const LegalCheck& c, Date today,
                                      long long now) {
    store::PublishedState st;
    st.version = v.number;
    st.category = v.category;
    st.audience = std::string(to_string(v.audience));
    st.title = v.title;
    st.search_doc = search_doc(v);
    st.published_on = iso_date(today);
    st.published_at = now;
    if (v.posting_end) st.posting_end = iso_date(*v.posting_end);
    st.late = c.late;
    st.short_posting = c.short_posting;
    st.channels = c.channels_incomplete();
    st.now = now;
    return st;
}

}  // namespace

std::string cache_scope(const Organisation& org) { return "disclosures:" + org.slug; }

Result<std::string> add_local_category(DisclosureServices& s, const Actor& actor,
                                       const Organisation& org, const std::string& title_vi,
                                       const std::string& title_en, const std::string& basis) {
    if (!can(actor, DisclosureAction::Publish, org.id))
        return fail(actor.is_signed_in() ? ErrorCode::Forbidden : ErrorCode::Unauthenticated,
                    "disclosures.error.forbidden");
    if (!org.setting) return fail(ErrorCode::InvalidInput, "disclosures.error.no_setting");
    store::LocalCategoryRow row;
    row.title_vi = vn::nfc(trim(title_vi));
    row.title_en = vn::nfc(trim(title_en));
    row.basis = vn::nfc(trim(basis));
    if (row.title_vi.empty() || row.title_vi.size() > kMaxTitle || row.title_en.size() > kMaxTitle)
        return field_error("local_title", "disclosures.error.title");
    // The regulation that adds the item is its legal source (R-GEN-01, R-GEN-06).
    if (row.basis.empty() || row.basis.size() > kMaxTitle)
        return field_error("local_basis", "disclosures.error.local_basis");
    auto tx = s.identity.db.begin(Access::Write);
    auto id = store::insert_local_category(tx, org.id, row, now_s(s));
    if (!id) return id.error();
    const std::string code = "local." + std::to_string(*id);
    if (auto st = identity::record_audit(tx, actor, s.identity.clock,
                                         {"disclosures.local_category_added", org.id,
                                          "disclosure_category", code, row.title_vi});
        !st)
        return st.error();
    if (auto st = tx.commit(); !st) return st.error();
    return code;
}

Result<ItemId> create_draft(DisclosureServices& s, const Actor& actor, const Organisation& org,
                            const ItemInput& in) {
    if (!can(actor, DisclosureAction::Publish, org.id))
        return fail(actor.is_signed_in() ? ErrorCode::Forbidden : ErrorCode::Unauthenticated,
                    "disclosures.error.forbidden");
    const Date today = s.identity.clock.today();
    std::vector<std::string> files;
    auto v = parse_input(s, org, in, today, &files);
    if (!v) return v.error();
    v->number = 1;
    v->correction_note.clear();
    v->content_sha256 = content_hash(*v);
    auto tx = s.identity.db.begin(Access::Write);
    store::ItemRow row;
    row.org = org.id;
    row.status = ItemStatus::Draft;
    row.category = v->category;
    row.audience = std::string(to_string(v->audience));
    row.title = v->title;
    row.search_doc = search_doc(*v);
    row.created_by = actor.person;
    row.now = now_s(s);
    auto id = store::insert_item(tx, row);
    if (!id) return id.error();
    if (auto st = store::insert_version(tx, *id, *v); !st) return st.error();
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (auto st = store::insert_attachment(tx, *id, 1, v->attachments[i], files[i]); !st)
            return st.error();
    }
    if (auto st = audit(s, tx, actor, org.id, "disclosures.drafted", *id, v->title); !st)
        return st.error();
    if (auto st = tx.commit(); !st) return st.error();
    return *id;
}

Status publish(DisclosureServices& s, const Actor& actor, const Organisation& org, ItemId id) {
    if (!can(actor, DisclosureAction::Publish, org.id))
        return fail(actor.is_signed_in() ? ErrorCode::Forbidden : ErrorCode::Unauthenticated,
                    "disclosures.error.forbidden");
    const Date today = s.identity.clock.today();
    const long long now = now_s(s);
    auto tx = s.identity.db.begin(Access::Write);
    auto item = load_for_write(s, tx, org.id, id);
    if (!item) return item.error();
    if (item->status != ItemStatus::Draft)
        return fail(ErrorCode::Conflict, "disclosures.error.not_draft");
    Version v = item->current();
    auto check = prepare_for_publication(s, org, v, today);
    if (!check) return check.error();
    v.content_sha256 = content_hash(v);
    v.published_at = now;
    v.published_by = actor.person;
    // The draft's row is replaced by the published version 1, which is never updated again.
    if (auto st = store::delete_draft_version(tx, id, v.number); !st) return st;
    if (auto st = store::insert_version(tx, id, v); !st) return st;
    auto n = store::mark_published(tx, id, ItemStatus::Draft, v.number,
                                   published_state(v, *check, today, now));
    if (!n) return n.error();
    if (*n != 1) return fail(ErrorCode::Conflict, "disclosures.error.changed");
    if (auto st = append_ledger(s, tx, org.id, "publish", id, v, "", "", now); !st) return st;
    if (auto st = audit(s, tx, actor, org.id, "disclosures.published", id, v.title); !st) return st;
    if (auto st = invalidate(tx, org); !st) return st;
    return committed(s, tx, org);
}

Result<ItemId> publish_new(DisclosureServices& s, const Actor& actor, const Organisation& org,
                           const ItemInput& in) {
    // Check the law before writing anything, so a refused publication leaves no draft.
    if (!can(actor, DisclosureAction::Publish, org.id))
        return fail(actor.is_signed_in() ? ErrorCode::Forbidden : ErrorCode::Unauthenticated,
                    "disclosures.error.forbidden");
    const Date today = s.identity.clock.today();
    auto v = parse_input(s, org, in, today);
    if (!v) return v.error();
    if (auto check = prepare_for_publication(s, org, *v, today); !check) return check.error();
    auto id = create_draft(s, actor, org, in);
    if (!id) return id.error();
    if (auto st = publish(s, actor, org, *id); !st) return st.error();
    return *id;
}

Result<int> correct(DisclosureServices& s, const Actor& actor, const Organisation& org, ItemId id,
                    const ItemInput& in) {
    if (!can(actor, DisclosureAction::Publish, org.id))
        return fail(actor.is_signed_in() ? ErrorCode::Forbidden : ErrorCode::Unauthenticated,
                    "disclosures.error.forbidden");
    const Date today = s.identity.clock.today();
    const long long now = now_s(s);
    std::vector<std::string> files;
    auto v = parse_input(s, org, in, today, &files);
    if (!v) return v.error();
    if (v->correction_note.empty())
        return field_error("correction_note", "disclosures.error.correction_note");
    auto tx = s.identity.db.begin(Access::Write);
    auto item = load_for_write(s, tx, org.id, id);
    if (!item) return item.error();
    if (item->status != ItemStatus::Published && item->status != ItemStatus::Expired)
        return fail(ErrorCode::Conflict, "disclosures.error.not_published");
    const Version& prev = item->current();
    // A correction re-discloses (Art 14: changed information is disclosed again); its
    // timing runs from the same decision, so a correction of a timely item is timely.
    v->decision_date = prev.decision_date;
    // A correction is judged on the original's publication: a timely item stays timely.
    if (v->late_reason.empty()) v->late_reason = prev.late_reason;
    auto check = prepare_for_publication(s, org, *v, today, !item->flag_late);
    if (!check) return check.error();
    check->late = item->flag_late;
    v->number = item->current_version + 1;
    const bool keep_files = files.empty();
    if (keep_files) v->attachments = prev.attachments;
    v->content_sha256 = content_hash(*v);
    v->published_at = now;
    v->published_by = actor.person;
    if (auto st = store::insert_version(tx, id, *v); !st) return st.error();
    if (keep_files) {
        if (auto st = store::copy_attachments(tx, id, item->current_version, v->number); !st)
            return st.error();
    } else {
        for (std::size_t i = 0; i < files.size(); ++i) {
            if (auto st = store::insert_attachment(tx, id, v->number, v->attachments[i], files[i]);
                !st)
                return st.error();
        }
    }
    auto st_row = published_state(*v, *check, today, now);
    // Expired items are stored as published; the stored status is what the update checks.
    auto n = store::mark_published(tx, id, ItemStatus::Published, item->current_version, st_row);
    if (!n) return n.error();
    if (*n != 1) return fail(ErrorCode::Conflict, "disclosures.error.changed");
    if (auto st = append_ledger(s, tx, org.id, "correct", id, *v, "", "", now); !st)
        return st.error();
    if (auto st = audit(s, tx, actor, org.id, "disclosures.corrected", id,
                        "v" + std::to_string(v->number) + ": " + v->correction_note);
        !st)
        return st.error();
    if (auto st = invalidate(tx, org); !st) return st.error();
    if (auto st = committed(s, tx, org); !st) return st.error();
    return v->number;
}

Status withdraw(DisclosureServices& s, const Actor& actor, const Organisation& org, ItemId id,
                const std::string& reason_in) {
    if (!can(actor, DisclosureAction::Publish, org.id))
        return fail(actor.is_signed_in() ? ErrorCode::Forbidden : ErrorCode::Unauthenticated,
                    "disclosures.error.forbidden");
    const std::string reason = vn::nfc(trim(reason_in));
    if (reason.empty() || reason.size() > kMaxReason)
        return field_error("reason", "disclosures.error.withdraw_reason");
    const long long now = now_s(s);
    auto tx = s.identity.db.begin(Access::Write);
    auto item = load_for_write(s, tx, org.id, id);
    if (!item) return item.error();
    if (item->status != ItemStatus::Published && item->status != ItemStatus::Expired)
        return fail(ErrorCode::Conflict, "disclosures.error.not_published");
    auto n = store::mark_withdrawn(tx, id, reason, now);
    if (!n) return n.error();
    if (*n != 1) return fail(ErrorCode::Conflict, "disclosures.error.changed");
    if (auto st = append_ledger(s, tx, org.id, "withdraw", id, item->current(), "reason_sha256",
                                ledger::sha256_hex(reason), now);
        !st)
        return st;
    if (auto st = audit(s, tx, actor, org.id, "disclosures.withdrawn", id, reason); !st) return st;
    if (auto st = invalidate(tx, org); !st) return st;
    return committed(s, tx, org);
}

Status acknowledge(DisclosureServices& s, const Actor& actor, const Organisation& org, ItemId id) {
    if (!actor.person) return fail(ErrorCode::Unauthenticated, "disclosures.error.sign_in");
    if (!can(actor, DisclosureAction::Acknowledge, org.id))
        return fail(ErrorCode::Forbidden, "disclosures.error.forbidden");
    auto tx = s.identity.db.begin(Access::Write);
    auto item = load_for_write(s, tx, org.id, id);
    if (!item) return item.error();
    if (item->status != ItemStatus::Published && item->status != ItemStatus::Expired)
        return fail(ErrorCode::Conflict, "disclosures.error.not_published");
    auto added = store::insert_ack(tx, id, *actor.person, item->current_version, now_s(s));
    if (!added) return added.error();
    if (!*added) return {};  // already acknowledged: nothing to record
    if (auto st = audit(s, tx, actor, org.id, "disclosures.acknowledged", id,
                        "v" + std::to_string(item->current_version));
        !st)
        return st;
    return tx.commit();
}

Result<int> remind(DisclosureServices& s, const Actor& actor, const Organisation& org, ItemId id) {
    if (!can(actor, DisclosureAction::Remind, org.id))
        return fail(actor.is_signed_in() ? ErrorCode::Forbidden : ErrorCode::Unauthenticated,
                    "disclosures.error.forbidden");
    auto report = ack_report(s, actor, org, id);
    if (!report) return report.error();
    auto tx = s.identity.db.begin(Access::Write);
    const long long now = now_s(s);
    int sent = 0;
    for (const auto& p : report->missing) {
        if (auto st = store::upsert_reminder(tx, id, p.id, org.id, now); !st) return st.error();
        ++sent;
    }
    if (auto st = audit(s, tx, actor, org.id, "disclosures.reminded", id, std::to_string(sent));
        !st)
        return st.error();
    if (auto st = tx.commit(); !st) return st.error();
    return sent;
}

}  // namespace danchu::disclosures
