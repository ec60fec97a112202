// Disclosure read models. Every query applies the audience rule itself: an item the actor
// may not see is NotFound, and lists simply do not contain it.

#include <algorithm>
#include <chrono>
#include <set>

#include "modules/disclosures/api.hpp"
#include "modules/disclosures/store.hpp"
#include "vn/text.hpp"

namespace danchu::disclosures {

namespace {

using identity::Actor;
using identity::Organisation;
using storage::Access;

std::optional<std::pair<long long, std::int64_t>> parse_cursor(const std::string& c) {
    const auto dot = c.find('.');
    if (dot == std::string::npos) return std::nullopt;
    try {
        std::size_t used = 0;
        const long long key = std::stoll(c.substr(0, dot), &used);
        if (used != dot) return std::nullopt;
        const auto rest = c.substr(dot + 1);
        const long long id = std::stoll(rest, &used);
        if (used != rest.size() || id <= 0) return std::nullopt;
        return std::make_pair(key, static_cast<std::int64_t>(id));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace

namespace {
Category local_category(const Organisation& org, const store::LocalCategoryRow& row) {
    Category c;
    c.code = "local." + std::to_string(row.id);
    c.setting = *org.setting;
    c.title_vi = row.title_vi;
    c.title_en = row.title_en.empty() ? row.title_vi : row.title_en;
    c.instrument = row.basis;
    c.requirement = "R-GEN-06";
    c.effective_from = Date{std::chrono::year{2000}, std::chrono::month{1}, std::chrono::day{1}};
    c.local_org = org.id;
    // The law's channel floor for the setting applies to local items too.
    if (org.setting == Setting::Commune)
        c.mandatory = {Channel::NoticeBoard};
    else
        c.mandatory_any = {Channel::InternalSystem, Channel::NoticeBoard, Channel::WrittenNotice};
    return c;
}
}  // namespace

namespace {
std::vector<Category> categories_in(DisclosureServices& s, storage::Transaction& tx,
                                    const Organisation& org, Date day) {
    std::vector<Category> out;
    if (!org.setting) return out;
    for (const auto* c : s.categories.for_setting(*org.setting, day)) out.push_back(*c);
    for (const auto& row : store::local_categories(tx, org.id))
        out.push_back(local_category(org, row));
    return out;
}
}  // namespace

std::vector<Category> categories_for(DisclosureServices& s, const Organisation& org, Date day) {
    if (!org.setting) return {};
    auto tx = s.identity.db.begin(Access::Read);
    return categories_in(s, tx, org, day);
}

std::optional<Category> category_for(DisclosureServices& s, const Organisation& org,
                                     const std::string& code, Date day) {
    if (!org.setting) return std::nullopt;
    if (code.starts_with("local.")) {
        auto tx = s.identity.db.begin(Access::Read);
        for (const auto& row : store::local_categories(tx, org.id)) {
            if ("local." + std::to_string(row.id) == code) return local_category(org, row);
        }
        return std::nullopt;
    }
    const Category* c = s.categories.find(code);
    if (!c || c->setting != *org.setting) return std::nullopt;
    if (c->in_force_on(day)) return *c;
    // A decision from before the item list took effect (a 2021 disclosure under the former
    // regime) is filed under the item as the list names it now; check_disclosure then finds no
    // rule in force and judges nothing.
    if (std::chrono::sys_days{day} < std::chrono::sys_days{c->effective_from}) return *c;
    return std::nullopt;
}

namespace {
Result<store::BoardQuery> board_query(DisclosureServices& s, const Actor& actor,
                                      const Organisation& org, const BoardFilter& f) {
    store::BoardQuery q;
    q.org = org.id;
    q.internal = can(actor, DisclosureAction::ViewInternal, org.id);
    q.drafts = can(actor, DisclosureAction::ViewDrafts, org.id);
    q.category = f.category;
    q.year = f.year;
    q.status = f.status;
    // Bounded: a search longer than any title is not a search (storage/fulltext.hpp also
    // keeps at most a few words of it).
    q.q = f.q.substr(0, std::min<std::size_t>(f.q.size(), 1000));
    if (!f.after.empty()) {
        q.after = parse_cursor(f.after);
        if (!q.after) return fail(ErrorCode::InvalidInput, "disclosures.error.cursor");
    }
    q.limit = std::clamp(f.limit, 1, 100) + 1;
    q.today = iso_date(s.identity.clock.today());
    return q;
}

BoardPage board_in(storage::Transaction& tx, const store::BoardQuery& q) {
    BoardPage page;
    page.rows = store::board(tx, q);
    if (static_cast<int>(page.rows.size()) == q.limit) {
        page.rows.pop_back();
        const auto& last = page.rows.back();
        page.next_after = std::to_string(last.sort_key) + "." + std::to_string(last.id.value);
    }
    return page;
}

std::optional<store::BoardQuery> unread_query(DisclosureServices& s, const Actor& actor,
                                              const Organisation& org) {
    if (!actor.person || !can(actor, DisclosureAction::ViewInternal, org.id)) return std::nullopt;
    store::BoardQuery q;
    q.org = org.id;
    q.internal = true;
    q.unread_by = *actor.person;
    q.limit = 20;  // the newest unread; the board lists the rest
    q.today = iso_date(s.identity.clock.today());
    return q;
}
}  // namespace

Result<BoardPage> board(DisclosureServices& s, const Actor& actor, const Organisation& org,
                        const BoardFilter& f) {
    auto q = board_query(s, actor, org, f);
    if (!q) return q.error();
    auto tx = s.identity.db.begin(Access::Read);
    return board_in(tx, *q);
}

Result<BoardView> board_view(DisclosureServices& s, const Actor& actor, const Organisation& org,
                             const BoardFilter& f) {
    auto q = board_query(s, actor, org, f);
    if (!q) return q.error();
    const auto uq = unread_query(s, actor, org);
    // One read transaction for everything the page shows: each transaction costs statements
    // of its own (BEGIN, the read-only switch, COMMIT).
    auto tx = s.identity.db.begin(Access::Read);
    BoardView v;
    v.page = board_in(tx, *q);
    if (uq) v.unread = store::board(tx, *uq);
    if (actor.person) v.reminders = store::reminder_count(tx, org.id, *actor.person);
    v.categories = categories_in(s, tx, org, s.identity.clock.today());
    return v;
}

Result<ItemDetail> find_item(DisclosureServices& s, const Actor& actor, const Organisation& org,
                             ItemId id) {
    const Date today = s.identity.clock.today();
    auto tx = s.identity.db.begin(Access::Read);
    auto item = store::load_item(tx, org.id, id, today);
    if (!item || !can_view(actor, org.id, item->current().audience, item->status))
        return fail(ErrorCode::NotFound, "disclosures.error.not_found");
    // Older versions that were internal stay hidden from those who may not see internal items.
    if (!can(actor, DisclosureAction::ViewInternal, org.id)) {
        std::erase_if(item->versions,
                      [](const Version& v) { return v.audience == Audience::Internal; });
    }
    // Drafts' unpublished rows are for the office only.
    if (!can(actor, DisclosureAction::ViewDrafts, org.id)) {
        std::erase_if(item->versions, [](const Version& v) { return !v.published_at; });
    }
    if (item->versions.empty()) return fail(ErrorCode::NotFound, "disclosures.error.not_found");
    ItemDetail d;
    const Version& cur = item->current();
    d.category = category_for(s, org, cur.category, cur.decision_date);
    if (d.category && org.setting && cur.published_at) {
        const Date published_on = local_date(from_unix_seconds(*cur.published_at));
        auto check =
            check_disclosure(s.rules, s.calendar, *org.setting, *d.category, cur.decision_date,
                             published_on, cur.posting_start, cur.posting_end, cur.channels);
        if (check) {
            check->late = item->flag_late;  // judged when first published
            d.check = *check;
        }
    }
    if (actor.person) d.acknowledged = store::has_ack(tx, id, *actor.person);
    d.item = std::move(*item);
    return d;
}

Result<AttachmentFile> attachment(DisclosureServices& s, const Actor& actor,
                                  const Organisation& org, ItemId id, std::int64_t attachment_id) {
    // Only files of versions this actor may see (find_item applies the audience rules).
    auto d = find_item(s, actor, org, id);
    if (!d) return d.error();
    for (const auto& v : d->item.versions) {
        for (const auto& a : v.attachments) {
            if (a.id != attachment_id) continue;
            auto tx = s.identity.db.begin(Access::Read);
            auto bytes = store::attachment_bytes(tx, id, attachment_id);
            if (!bytes) break;
            return AttachmentFile{a, std::move(*bytes)};
        }
    }
    return fail(ErrorCode::NotFound, "disclosures.error.not_found");
}

Result<std::vector<BoardRow>> unread(DisclosureServices& s, const Actor& actor,
                                     const Organisation& org) {
    const auto q = unread_query(s, actor, org);
    if (!q) return std::vector<BoardRow>{};
    auto tx = s.identity.db.begin(Access::Read);
    return store::board(tx, *q);
}

Result<AckReport> ack_report(DisclosureServices& s, const Actor& actor, const Organisation& org,
                             ItemId id) {
    if (!can(actor, DisclosureAction::ViewDrafts, org.id))
        return fail(actor.is_signed_in() ? ErrorCode::Forbidden : ErrorCode::Unauthenticated,
                    "disclosures.error.forbidden");
    std::set<std::int64_t> acked;
    {
        auto tx = s.identity.db.begin(Access::Read);
        if (!store::load_item(tx, org.id, id, s.identity.clock.today()))
            return fail(ErrorCode::NotFound, "disclosures.error.not_found");
        for (auto p : store::acked_people(tx, id)) acked.insert(p);
    }
    AckReport r;
    std::set<std::int64_t> seen;
    auto count = [&](const std::vector<identity::Person>& people, UnitRate& rate) {
        for (const auto& p : people) {
            ++rate.members;
            const bool did = acked.contains(p.id.value);
            if (did) ++rate.acknowledged;
            if (seen.insert(p.id.value).second) {
                ++r.members;
                if (did)
                    ++r.acknowledged;
                else
                    r.missing.push_back(p);
            }
        }
    };
    UnitRate own;
    count(identity::people_with_role(s.identity, org.id, identity::Role::Member), own);
    if (own.members > 0) r.units.push_back(own);
    if (auto home = identity::org_home(s.identity, org.slug)) {
        for (const auto& unit : home->units) {
            UnitRate u;
            u.unit = unit.name;
            count(identity::people_with_role(s.identity, unit.id, identity::Role::Member), u);
            r.units.push_back(u);
        }
    }
    std::sort(r.missing.begin(), r.missing.end(), [](const auto& a, const auto& b) {
        return vn::compare_person_names(a.full_name, b.full_name) < 0;
    });
    return r;
}

long long reminders_for(DisclosureServices& s, const Actor& actor, const Organisation& org) {
    if (!actor.person) return 0;
    auto tx = s.identity.db.begin(Access::Read);
    return store::reminder_count(tx, org.id, *actor.person);
}

std::string ledger_jsonl(DisclosureServices& s, const Organisation& org) {
    auto tx = s.identity.db.begin(Access::Read);
    std::string out;
    for (const auto& e : store::ledger_entries(tx, org.id)) {
        out += ledger::to_line(e);
        out += '\n';
    }
    return out;
}

Result<ledger::PublicKey> ledger_key(DisclosureServices& s, const Organisation& org) {
    // Write: the key is created on first use.
    auto tx = s.identity.db.begin(Access::Write);
    auto seed = identity::organisation_key(s.identity, tx, org.id, "disclosures.ledger");
    if (!seed) return seed.error();
    if (auto st = tx.commit(); !st) return st.error();
    return ledger::key_pair(*seed).public_key;
}

Result<std::vector<RegisterRow>> quarterly_register(DisclosureServices& s, const Actor& actor,
                                                    const Organisation& org, int year,
                                                    int quarter) {
    if (quarter < 1 || quarter > 4 || year < 2000 || year > 2200)
        return fail(ErrorCode::InvalidInput, "disclosures.error.quarter");
    using namespace std::chrono;
    const auto first = sys_days{std::chrono::year{year} / month{unsigned(3 * quarter - 2)} / 1};
    const auto next =
        sys_days{(std::chrono::year{year} / month{unsigned(3 * quarter - 2)} / 1) + months{3}};
    // Local dates (UTC+7) bound the quarter.
    const long long from = unix_seconds(TimePoint{first} - kVietnamOffset);
    const long long to = unix_seconds(TimePoint{next} - kVietnamOffset);
    auto tx = s.identity.db.begin(Access::Read);
    return store::register_rows(tx, org.id, from, to,
                                can(actor, DisclosureAction::ViewInternal, org.id));
}

}  // namespace danchu::disclosures
