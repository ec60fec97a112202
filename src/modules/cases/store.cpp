#include "modules/cases/store.hpp"

#include <tuple>

namespace danchu::cases::store {

namespace {

using storage::into;
using storage::use;

constexpr const char* kColumns =
    "c.id, c.org_id, c.kind, c.channel, c.status, c.subject, c.body, c.respondent, c.anonymous, "
    "c.complex, c.remote, c.instance, c.extensions, c.received_on, c.due_on, c.due_rule, "
    "c.due_basis, c.assignee_id, p.full_name, c.filed_by, c.outcome, c.forwarded_to, "
    "c.created_at, c.updated_at, c.number_year, c.year_number";
constexpr const char* kFrom = " FROM cases c LEFT JOIN identity_people p ON p.id = c.assignee_id ";

using Row =
    std::tuple<std::int64_t, std::int64_t, std::string, std::string, std::string, std::string,
               std::string, std::string, int, int, int, int, int, std::string,
               std::optional<std::string>, std::optional<std::string>, std::optional<std::string>,
               std::optional<std::int64_t>, std::optional<std::string>, std::optional<std::int64_t>,
               std::string, std::string, std::int64_t, std::int64_t, std::optional<int>,
               std::optional<int>>;

Case from_row(const Row& r) {
    Case c;
    c.id = CaseId{std::get<0>(r)};
    c.org = OrgId{std::get<1>(r)};
    c.kind = parse_kind(std::get<2>(r)).value_or(CaseKind::Unclassified);
    c.channel = parse_channel(std::get<3>(r)).value_or(Channel::Web);
    c.status = parse_status(std::get<4>(r)).value_or(CaseStatus::Received);
    c.subject = std::get<5>(r);
    c.body = std::get<6>(r);
    c.respondent = std::get<7>(r);
    c.anonymous = std::get<8>(r) != 0;
    c.complex = std::get<9>(r) != 0;
    c.remote = std::get<10>(r) != 0;
    c.instance = std::get<11>(r);
    c.extensions = std::get<12>(r);
    c.received_on = parse_iso_date(std::get<13>(r)).value_or(Date{});
    if (std::get<14>(r)) {
        if (auto d = parse_iso_date(*std::get<14>(r)))
            c.due = DueDate{*d, std::get<15>(r).value_or(""), std::get<16>(r).value_or("")};
    }
    if (std::get<17>(r)) c.assignee = PersonId{*std::get<17>(r)};
    c.assignee_name = std::get<18>(r).value_or("");
    if (std::get<19>(r)) c.filed_by = PersonId{*std::get<19>(r)};
    c.outcome = std::get<20>(r);
    c.forwarded_to = std::get<21>(r);
    c.created_at = std::get<22>(r);
    c.updated_at = std::get<23>(r);
    c.number_year = std::get<24>(r).value_or(0);
    c.year_number = std::get<25>(r).value_or(0);
    c.number = c.year_number > 0
                   ? std::to_string(c.year_number) + "/" + std::to_string(c.number_year)
                   : std::to_string(c.id.value);
    return c;
}

template <class... Binds>
std::vector<Case> select_cases(storage::Transaction& tx, const std::string& sql, Binds&&... binds) {
    std::vector<Case> out;
    tx.each<std::int64_t, std::int64_t, std::string, std::string, std::string, std::string,
            std::string, std::string, int, int, int, int, int, std::string,
            std::optional<std::string>, std::optional<std::string>, std::optional<std::string>,
            std::optional<std::int64_t>, std::optional<std::string>, std::optional<std::int64_t>,
            std::string, std::string, std::int64_t, std::int64_t, std::optional<int>,
            std::optional<int>>(
        sql, [&out](const auto&... cols) { out.push_back(from_row(Row{cols...})); }, binds...);
    return out;
}

// A list row reads only what the lists show (SOCI converts every column of every row).
constexpr const char* kListColumns =
    "SELECT c.id, c.org_id, c.kind, c.channel, c.status, c.subject, c.received_on, c.due_on, "
    "c.assignee_id, p.full_name, c.number_year, c.year_number";

template <class... Binds>
std::vector<Case> select_list_rows(storage::Transaction& tx, const std::string& sql,
                                   Binds&&... binds) {
    std::vector<Case> out;
    tx.each<std::int64_t, std::int64_t, std::string, std::string, std::string, std::string,
            std::string, std::optional<std::string>, std::optional<std::int64_t>,
            std::optional<std::string>, std::optional<int>, std::optional<int>>(
        sql,
        [&out](std::int64_t id, std::int64_t org, const std::string& kind,
               const std::string& channel, const std::string& status, const std::string& subject,
               const std::string& received, const std::optional<std::string>& due,
               const std::optional<std::int64_t>& assignee,
               const std::optional<std::string>& assignee_name,
               const std::optional<int>& number_year, const std::optional<int>& year_number) {
            Case& c = out.emplace_back();
            c.id = CaseId{id};
            c.org = OrgId{org};
            c.kind = parse_kind(kind).value_or(CaseKind::Unclassified);
            c.channel = parse_channel(channel).value_or(Channel::Web);
            c.status = parse_status(status).value_or(CaseStatus::Received);
            c.subject = subject;
            c.received_on = parse_iso_date(received).value_or(Date{});
            if (due)
                if (auto d = parse_iso_date(*due)) c.due = DueDate{*d, "", ""};
            if (assignee) c.assignee = PersonId{*assignee};
            c.assignee_name = assignee_name.value_or("");
            c.number_year = number_year.value_or(0);
            c.year_number = year_number.value_or(0);
            c.number = c.year_number > 0
                           ? std::to_string(c.year_number) + "/" + std::to_string(c.number_year)
                           : std::to_string(c.id.value);
        },
        binds...);
    return out;
}

std::optional<std::string> due_iso(const Case& c) {
    if (!c.due) return std::nullopt;
    return iso_date(c.due->date);
}

}  // namespace

Result<CaseId> insert_case(storage::Transaction& tx, const Case& c,
                           const std::optional<std::string>& receipt_hash) {
    std::int64_t org = c.org.value;
    std::string kind(to_string(c.kind)), channel(to_string(c.channel)), status(to_string(c.status));
    int open = is_open(c.status) ? 1 : 0, anonymous = c.anonymous ? 1 : 0;
    std::string received = iso_date(c.received_on);
    std::optional<std::string> due = due_iso(c);
    std::optional<std::string> rule, basis;
    if (c.due) {
        rule = c.due->rule;
        basis = c.due->basis;
    }
    std::optional<std::int64_t> filed;
    if (c.filed_by) filed = c.filed_by->value;
    std::int64_t at = c.created_at;
    std::optional<int> nyear, nnum;
    if (c.year_number > 0) {
        nyear = c.number_year;
        nnum = c.year_number;
    }
    auto id = tx.insert(
        "INSERT INTO cases (org_id, kind, channel, status, is_open, subject, body, respondent, "
        "anonymous, received_on, due_on, due_rule, due_basis, filed_by, receipt_hash, "
        "created_at, updated_at, number_year, year_number) VALUES (:org, :kind, :channel, "
        ":status, :open, :subject, :body, :respondent, :anonymous, :received, :due, :rule, "
        ":basis, :filed, :receipt, :at, :at2, :nyear, :nnum) RETURNING id",
        use(org, "org"), use(kind, "kind"), use(channel, "channel"), use(status, "status"),
        use(open, "open"), use(c.subject, "subject"), use(c.body, "body"),
        use(c.respondent, "respondent"), use(anonymous, "anonymous"), use(received, "received"),
        use(due, "due"), use(rule, "rule"), use(basis, "basis"), use(filed, "filed"),
        use(receipt_hash, "receipt"), use(at, "at"), use(at, "at2"), use(nyear, "nyear"),
        use(nnum, "nnum"));
    if (!id) return id.error();
    return CaseId{*id};
}

Result<int> next_case_number(storage::Transaction& tx, OrgId org, int year) {
    std::int64_t o = org.value;
    auto updated = tx.exec(
        "UPDATE cases_number_series SET last_number = last_number + 1 WHERE org_id = :org AND "
        "year = :year",
        use(o, "org"), use(year, "year"));
    if (!updated) return updated.error();
    if (*updated == 0) {
        auto inserted = tx.exec(
            "INSERT INTO cases_number_series (org_id, year, last_number) VALUES (:org, :year, 1)",
            use(o, "org"), use(year, "year"));
        if (!inserted) return inserted.error();  // Conflict: another writer created it first
        return 1;
    }
    auto last = tx.scalar<int>(
        "SELECT last_number FROM cases_number_series WHERE org_id = :org AND year = :year",
        use(o, "org"), use(year, "year"));
    if (!last) return fail(ErrorCode::Internal, "error.internal");
    return *last;
}

Status set_identity(storage::Transaction& tx, CaseId id, const std::string& sealed) {
    std::int64_t cid = id.value;
    auto n = tx.exec("UPDATE cases SET identity_sealed = :sealed WHERE id = :id",
                     use(sealed, "sealed"), use(cid, "id"));
    if (!n) return n.error();
    return {};
}

std::optional<Case> find_case(storage::Transaction& tx, CaseId id) {
    std::int64_t cid = id.value;
    auto rows = select_cases(tx, std::string("SELECT ") + kColumns + kFrom + "WHERE c.id = :id",
                             use(cid, "id"));
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::optional<Case> find_by_receipt(storage::Transaction& tx, const std::string& receipt_hash) {
    auto rows =
        select_cases(tx, std::string("SELECT ") + kColumns + kFrom + "WHERE c.receipt_hash = :h",
                     use(receipt_hash, "h"));
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::optional<std::string> sealed_identity(storage::Transaction& tx, CaseId id) {
    std::int64_t cid = id.value;
    return tx.scalar<std::string>("SELECT identity_sealed FROM cases WHERE id = :id",
                                  use(cid, "id"));
}

Result<bool> update_case(storage::Transaction& tx, const Case& c, CaseStatus from) {
    std::int64_t cid = c.id.value;
    std::string kind(to_string(c.kind)), status(to_string(c.status)), was(to_string(from));
    int open = is_open(c.status) ? 1 : 0, complex = c.complex ? 1 : 0, remote = c.remote ? 1 : 0;
    int instance = c.instance, extensions = c.extensions;
    std::optional<std::string> due = due_iso(c), rule, basis;
    if (c.due) {
        rule = c.due->rule;
        basis = c.due->basis;
    }
    std::optional<std::int64_t> assignee;
    if (c.assignee) assignee = c.assignee->value;
    std::int64_t at = c.updated_at;
    auto n = tx.exec(
        "UPDATE cases SET kind = :kind, status = :status, is_open = :open, complex = :complex, "
        "remote = :remote, instance = :instance, extensions = :extensions, due_on = :due, "
        "due_rule = :rule, due_basis = :basis, assignee_id = :assignee, outcome = :outcome, "
        "forwarded_to = :fwd, updated_at = :at WHERE id = :id AND status = :was",
        use(kind, "kind"), use(status, "status"), use(open, "open"), use(complex, "complex"),
        use(remote, "remote"), use(instance, "instance"), use(extensions, "extensions"),
        use(due, "due"), use(rule, "rule"), use(basis, "basis"), use(assignee, "assignee"),
        use(c.outcome, "outcome"), use(c.forwarded_to, "fwd"), use(at, "at"), use(cid, "id"),
        use(was, "was"));
    if (!n) return n.error();
    return *n == 1;
}

Status bump_counter(storage::Transaction& tx, OrgId org, CaseStatus status, long long delta) {
    std::int64_t o = org.value, d = delta;
    std::string st(to_string(status));
    auto n = tx.exec(
        "INSERT INTO cases_counters (org_id, status, n) VALUES (:org, :status, :d) "
        "ON CONFLICT (org_id, status) DO UPDATE SET n = cases_counters.n + :d2",
        use(o, "org"), use(st, "status"), use(d, "d"), use(d, "d2"));
    if (!n) return n.error();
    return {};
}

Status insert_event(storage::Transaction& tx, CaseId id, long long at, const identity::Actor& actor,
                    const std::string& action, const std::string& detail,
                    const std::string& document_number) {
    std::int64_t cid = id.value, when = at;
    std::optional<std::int64_t> who;
    if (actor.person) who = actor.person->value;
    auto n = tx.exec(
        "INSERT INTO cases_events (case_id, at, actor_id, actor_name, action, detail, "
        "document_number) VALUES (:id, :at, :who, :name, :action, :detail, :doc)",
        use(cid, "id"), use(when, "at"), use(who, "who"), use(actor.display_name, "name"),
        use(action, "action"), use(detail, "detail"), use(document_number, "doc"));
    if (!n) return n.error();
    return {};
}

Status insert_message(storage::Transaction& tx, CaseId id, const Message& m,
                      std::optional<PersonId> author) {
    std::int64_t cid = id.value, at = m.at;
    int citizen = m.from_citizen ? 1 : 0, internal = m.internal ? 1 : 0;
    std::optional<std::int64_t> who;
    if (author) who = author->value;
    auto n = tx.exec(
        "INSERT INTO cases_messages (case_id, at, from_citizen, internal, author_id, "
        "author_name, body) VALUES (:id, :at, :citizen, :internal, :who, :name, :body)",
        use(cid, "id"), use(at, "at"), use(citizen, "citizen"), use(internal, "internal"),
        use(who, "who"), use(m.author_name, "name"), use(m.body, "body"));
    if (!n) return n.error();
    return {};
}

std::vector<CaseEvent> events(storage::Transaction& tx, CaseId id) {
    std::int64_t cid = id.value;
    std::vector<CaseEvent> out;
    tx.each<std::int64_t, std::string, std::string, std::string, std::string>(
        "SELECT at, action, actor_name, detail, document_number FROM cases_events "
        "WHERE case_id = :id ORDER BY id",
        [&out](std::int64_t at, const std::string& action, const std::string& who,
               const std::string& detail, const std::string& doc) {
            out.push_back({at, action, who, detail, doc});
        },
        use(cid, "id"));
    return out;
}

std::vector<Message> messages(storage::Transaction& tx, CaseId id, bool include_internal) {
    std::int64_t cid = id.value;
    int max_internal = include_internal ? 1 : 0;
    std::vector<Message> out;
    tx.each<std::int64_t, int, int, std::string, std::string>(
        "SELECT at, from_citizen, internal, author_name, body FROM cases_messages "
        "WHERE case_id = :id AND internal <= :max ORDER BY id",
        [&out](std::int64_t at, int citizen, int internal, const std::string& who,
               const std::string& body) {
            out.push_back({at, citizen != 0, internal != 0, who, body});
        },
        use(cid, "id"), use(max_internal, "max"));
    return out;
}

std::vector<Case> list(storage::Transaction& tx, const ListQuery& q) {
    std::int64_t org = q.org.value;
    std::int64_t me = q.me ? q.me->value : 0;
    std::int64_t after_id = q.after_id.value_or(0);
    int limit = q.limit + 1;
    // Only the filters asked for are in the SQL, so the planner can take the index that
    // matches each list's WHERE and ORDER BY (0005_list_indexes.sql) and stop after one
    // page; the long texts a list does not show (body, outcome, the deadline's legal basis)
    // are not read.
    std::string sql = kListColumns;
    sql += kFrom;
    sql += "WHERE c.org_id = :org";
    if (q.view == 1) sql += " AND c.assignee_id = :me";
    if (!q.kind.empty()) sql += " AND c.kind = :kind";
    if (!q.status.empty()) sql += " AND c.status = :status";
    if (!q.channel.empty()) sql += " AND c.channel = :channel";
    std::string lo = q.view == 2 ? q.today : std::string("0000-00-00");
    std::string hi = q.view == 2 ? q.soon : q.today;
    const bool due_view = q.view == 2 || q.view == 3;
    if (due_view) {
        // Due views: open cases by deadline, oldest first; cursor "due|id".
        sql += std::string(" AND c.is_open = 1 AND c.due_on >= :lo AND c.due_on ") +
               (q.view == 2 ? "<=" : "<") + " :hi";
        if (q.after_id)
            sql += " AND (c.due_on > :after_due OR (c.due_on = :after_due2 AND c.id > :after))";
        sql += " ORDER BY c.due_on, c.id LIMIT :limit";
    } else {
        if (q.after_id) sql += " AND c.id < :after";
        sql += " ORDER BY c.id DESC LIMIT :limit";
    }
    // Every placeholder in the text is bound, and only those: SOCI binds by name.
    std::vector<Case> out;
    auto run = [&](auto&&... binds) { out = select_list_rows(tx, sql, binds...); };
    auto with_filters = [&](auto&&... binds) {
        auto with_me = [&](auto&&... b1) {
            if (q.view == 1)
                run(b1..., use(me, "me"));
            else
                run(b1...);
        };
        auto with_kind = [&](auto&&... b2) {
            if (!q.kind.empty())
                with_me(b2..., use(q.kind, "kind"));
            else
                with_me(b2...);
        };
        auto with_status = [&](auto&&... b3) {
            if (!q.status.empty())
                with_kind(b3..., use(q.status, "status"));
            else
                with_kind(b3...);
        };
        if (!q.channel.empty())
            with_status(binds..., use(q.channel, "channel"));
        else
            with_status(binds...);
    };
    if (due_view) {
        if (q.after_id)
            with_filters(use(org, "org"), use(lo, "lo"), use(hi, "hi"),
                         use(q.after_due, "after_due"), use(q.after_due, "after_due2"),
                         use(after_id, "after"), use(limit, "limit"));
        else
            with_filters(use(org, "org"), use(lo, "lo"), use(hi, "hi"), use(limit, "limit"));
    } else {
        if (q.after_id)
            with_filters(use(org, "org"), use(after_id, "after"), use(limit, "limit"));
        else
            with_filters(use(org, "org"), use(limit, "limit"));
    }
    return out;
}

std::vector<Case> list_unit(storage::Transaction& tx, OrgId org, OrgId unit,
                            std::optional<std::int64_t> before_id, int limit) {
    std::int64_t o = org.value, u = unit.value, before = before_id.value_or(0);
    int n = limit + 1;
    // A unit has a handful of people: the IN list is small, and each of them is read through
    // cases_org_assignee (org_id, assignee_id, id).
    std::string sql = std::string(kListColumns) + kFrom +
                      "WHERE c.org_id = :org AND c.assignee_id IN (SELECT DISTINCT person_id "
                      "FROM identity_memberships WHERE org_id = :unit)";
    if (before_id) {
        sql += " AND c.id < :before ORDER BY c.id DESC LIMIT :n";
        return select_list_rows(tx, sql, use(o, "org"), use(u, "unit"), use(before, "before"),
                                use(n, "n"));
    }
    sql += " ORDER BY c.id DESC LIMIT :n";
    return select_list_rows(tx, sql, use(o, "org"), use(u, "unit"), use(n, "n"));
}

std::map<CaseStatus, long long> counters(storage::Transaction& tx, OrgId org) {
    std::int64_t o = org.value;
    std::map<CaseStatus, long long> out;
    tx.each<std::string, std::int64_t>(
        "SELECT status, n FROM cases_counters WHERE org_id = :org",
        [&out](const std::string& st, std::int64_t n) {
            if (auto s = parse_status(st)) out[*s] = n;
        },
        use(o, "org"));
    return out;
}

Status move_due_counter(storage::Transaction& tx, const Case* was, const Case* now) {
    auto bump = [&tx](const Case& c, std::int64_t delta) -> Status {
        if (!is_open(c.status) || !c.due) return {};
        std::int64_t o = c.org.value, d = delta;
        std::string day = iso_date(c.due->date);
        auto n = tx.exec(
            "INSERT INTO cases_due_counters (org_id, due_on, n) VALUES (:org, :day, :d) "
            "ON CONFLICT (org_id, due_on) DO UPDATE SET n = cases_due_counters.n + :d2",
            use(o, "org"), use(day, "day"), use(d, "d"), use(d, "d2"));
        if (!n) return n.error();
        return {};
    };
    if (was && now && is_open(was->status) == is_open(now->status) && was->due && now->due &&
        was->due->date == now->due->date)
        return {};
    if (was)
        if (auto st = bump(*was, -1); !st) return st;
    if (now)
        if (auto st = bump(*now, 1); !st) return st;
    return {};
}

long long count_due(storage::Transaction& tx, OrgId org, const std::string& from,
                    const std::string& to) {
    std::int64_t o = org.value;
    std::string lo = from.empty() ? std::string("0000-00-00") : from;
    auto n = tx.scalar<std::int64_t>(
        "SELECT SUM(n) FROM cases_due_counters WHERE org_id = :org AND due_on >= :lo "
        "AND due_on <= :hi",
        use(o, "org"), use(lo, "lo"), use(to, "hi"));
    return n.value_or(0);
}

std::pair<long long, long long> count_overdue_and_soon(storage::Transaction& tx, OrgId org,
                                                       const std::string& yesterday,
                                                       const std::string& today,
                                                       const std::string& soon) {
    std::int64_t o = org.value;
    std::optional<std::int64_t> overdue, due_soon;
    (void)tx.find(
        "SELECT SUM(CASE WHEN due_on <= :y THEN n ELSE 0 END), "
        "SUM(CASE WHEN due_on >= :t THEN n ELSE 0 END) FROM cases_due_counters "
        "WHERE org_id = :org AND due_on <= :s",
        into(overdue), into(due_soon), use(yesterday, "y"), use(today, "t"), use(o, "org"),
        use(soon, "s"));
    return {overdue.value_or(0), due_soon.value_or(0)};
}

std::vector<Case> filed_by(storage::Transaction& tx, PersonId person, int limit) {
    std::int64_t p = person.value;
    return select_cases(tx,
                        std::string("SELECT ") + kColumns + kFrom +
                            "WHERE c.filed_by = :p ORDER BY c.id DESC LIMIT :limit",
                        use(p, "p"), use(limit, "limit"));
}

Status record_track_failure(storage::Transaction& tx, const std::string& ip, long long at) {
    std::int64_t when = at;
    auto n = tx.exec("INSERT INTO cases_track_failures (ip, at) VALUES (:ip, :at)", use(ip, "ip"),
                     use(when, "at"));
    if (!n) return n.error();
    return {};
}

long long track_failures(storage::Transaction& tx, const std::string& ip, long long since) {
    std::int64_t s = since;
    return tx
        .scalar<std::int64_t>(
            "SELECT COUNT(*) FROM cases_track_failures WHERE ip = :ip AND at >= :since",
            use(ip, "ip"), use(s, "since"))
        .value_or(0);
}

long long track_failures_total(storage::Transaction& tx, long long since) {
    std::int64_t s = since;
    return tx
        .scalar<std::int64_t>("SELECT COUNT(*) FROM cases_track_failures WHERE at >= :since",
                              use(s, "since"))
        .value_or(0);
}

}  // namespace danchu::cases::store

namespace danchu::cases::store {

using storage::use;

Status mark_concluded(storage::Transaction& tx, CaseId id, const std::string& day, bool late) {
    std::int64_t cid = id.value;
    int l = late ? 1 : 0;
    auto n = tx.exec("UPDATE cases SET concluded_on = :day, late = :late WHERE id = :id",
                     use(day, "day"), use(l, "late"), use(cid, "id"));
    if (!n) return n.error();
    return {};
}

Result<std::int64_t> insert_reception_day(storage::Transaction& tx, OrgId org,
                                          const ReceptionDay& d, long long at) {
    std::int64_t o = org.value, when = at;
    std::string day = iso_date(d.day), posted = iso_date(d.posted_on);
    return tx.insert(
        "INSERT INTO cases_reception_days (org_id, day, hours, place, host, topics, posted_on, "
        "created_at) VALUES (:org, :day, :hours, :place, :host, :topics, :posted, :at) "
        "RETURNING id",
        use(o, "org"), use(day, "day"), use(d.hours, "hours"), use(d.place, "place"),
        use(d.host, "host"), use(d.topics, "topics"), use(posted, "posted"), use(when, "at"));
}

std::vector<ReceptionDay> reception_days(storage::Transaction& tx, OrgId org,
                                         const std::string& from, const std::string& to) {
    std::int64_t o = org.value;
    std::vector<ReceptionDay> out;
    tx.each<std::int64_t, std::string, std::string, std::string, std::string, std::string,
            std::string>(
        "SELECT id, day, hours, place, host, topics, posted_on FROM cases_reception_days "
        "WHERE org_id = :org AND day >= :from AND day <= :to ORDER BY day, id",
        [&out](std::int64_t id, const std::string& day, const std::string& hours,
               const std::string& place, const std::string& host, const std::string& topics,
               const std::string& posted) {
            out.push_back({id, parse_iso_date(day).value_or(Date{}), hours, place, host, topics,
                           parse_iso_date(posted).value_or(Date{})});
        },
        use(o, "org"), use(from, "from"), use(to, "to"));
    return out;
}

Status upsert_reception_info(storage::Transaction& tx, OrgId org, const ReceptionInfo& info,
                             long long at) {
    std::int64_t o = org.value, when = at;
    auto n = tx.exec(
        "INSERT INTO cases_reception_info (org_id, place, hours, hotline, rules, updated_at) "
        "VALUES (:org, :place, :hours, :hotline, :rules, :at) ON CONFLICT (org_id) DO UPDATE "
        "SET place = :place2, hours = :hours2, hotline = :hotline2, rules = :rules2, "
        "updated_at = :at2",
        use(o, "org"), use(info.place, "place"), use(info.hours, "hours"),
        use(info.hotline, "hotline"), use(info.rules, "rules"), use(when, "at"),
        use(info.place, "place2"), use(info.hours, "hours2"), use(info.hotline, "hotline2"),
        use(info.rules, "rules2"), use(when, "at2"));
    if (!n) return n.error();
    return {};
}

std::optional<ReceptionInfo> reception_info(storage::Transaction& tx, OrgId org) {
    std::int64_t o = org.value;
    ReceptionInfo info;
    if (!tx.find(
            "SELECT place, hours, hotline, rules FROM cases_reception_info WHERE org_id = :org",
            storage::into(info.place), storage::into(info.hours), storage::into(info.hotline),
            storage::into(info.rules), use(o, "org")))
        return std::nullopt;
    return info;
}

Result<std::int64_t> insert_reception_entry(storage::Transaction& tx, const ReceptionEntry& e) {
    std::int64_t org = e.org.value, at = e.received_at;
    std::optional<std::int64_t> officer;
    if (e.officer) officer = e.officer->value;
    return tx.insert(
        "INSERT INTO cases_reception_log (org_id, received_at, subject, officer_id, "
        "officer_name) VALUES (:org, :at, :subject, :officer, :name) RETURNING id",
        use(org, "org"), use(at, "at"), use(e.subject, "subject"), use(officer, "officer"),
        use(e.officer_name, "name"));
}

Status set_reception_visitor(storage::Transaction& tx, std::int64_t entry,
                             const std::string& sealed) {
    auto n = tx.exec("UPDATE cases_reception_log SET visitor_sealed = :s WHERE id = :id",
                     use(sealed, "s"), use(entry, "id"));
    if (!n) return n.error();
    return {};
}

namespace {

constexpr const char* kReceptionColumns =
    "SELECT id, org_id, received_at, subject, officer_id, officer_name, case_id, visitor_sealed "
    "FROM cases_reception_log ";

template <class... Binds>
std::vector<ReceptionRow> select_reception(storage::Transaction& tx, const std::string& sql,
                                           Binds&&... binds) {
    std::vector<ReceptionRow> out;
    tx.each<std::int64_t, std::int64_t, std::int64_t, std::string, std::optional<std::int64_t>,
            std::string, std::optional<std::int64_t>, std::optional<std::string>>(
        sql,
        [&out](std::int64_t id, std::int64_t org, std::int64_t at, const std::string& subject,
               const std::optional<std::int64_t>& officer, const std::string& officer_name,
               const std::optional<std::int64_t>& case_id,
               const std::optional<std::string>& sealed) {
            ReceptionRow r;
            r.entry.id = id;
            r.entry.org = OrgId{org};
            r.entry.received_at = at;
            r.entry.subject = subject;
            if (officer) r.entry.officer = PersonId{*officer};
            r.entry.officer_name = officer_name;
            if (case_id) r.entry.case_id = CaseId{*case_id};
            r.sealed = sealed;
            out.push_back(std::move(r));
        },
        binds...);
    return out;
}

}  // namespace

std::vector<ReceptionRow> reception_entries(storage::Transaction& tx, OrgId org,
                                            std::optional<std::int64_t> before_id, int limit) {
    std::int64_t o = org.value;
    int n = limit + 1;
    if (before_id) {
        std::int64_t before = *before_id;
        return select_reception(
            tx,
            std::string(kReceptionColumns) +
                "WHERE org_id = :org AND id < :before ORDER BY id DESC LIMIT :n",
            use(o, "org"), use(before, "before"), use(n, "n"));
    }
    return select_reception(
        tx, std::string(kReceptionColumns) + "WHERE org_id = :org ORDER BY id DESC LIMIT :n",
        use(o, "org"), use(n, "n"));
}

std::optional<ReceptionRow> reception_entry(storage::Transaction& tx, OrgId org,
                                            std::int64_t entry) {
    std::int64_t o = org.value;
    auto rows =
        select_reception(tx, std::string(kReceptionColumns) + "WHERE org_id = :org AND id = :id",
                         use(o, "org"), use(entry, "id"));
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

Result<bool> link_reception_case(storage::Transaction& tx, std::int64_t entry, CaseId id) {
    std::int64_t cid = id.value;
    auto n =
        tx.exec("UPDATE cases_reception_log SET case_id = :c WHERE id = :id AND case_id IS NULL",
                use(cid, "c"), use(entry, "id"));
    if (!n) return n.error();
    if (*n != 1) return false;
    auto m = tx.exec("UPDATE cases SET reception_entry_id = :e WHERE id = :c", use(entry, "e"),
                     use(cid, "c"));
    if (!m) return m.error();
    return *m == 1;
}

std::optional<std::int64_t> reception_entry_of_case(storage::Transaction& tx, CaseId id) {
    std::int64_t cid = id.value;
    return tx.scalar<std::int64_t>("SELECT reception_entry_id FROM cases WHERE id = :id",
                                   use(cid, "id"));
}

Status insert_rating(storage::Transaction& tx, const Case& c, const Rating& r, long long at) {
    std::int64_t cid = c.id.value, o = c.org.value, when = at;
    std::optional<std::int64_t> assignee;
    if (c.assignee) assignee = c.assignee->value;
    int score = r.score;
    auto n = tx.exec(
        "INSERT INTO cases_ratings (case_id, org_id, assignee_id, score, comment, at) VALUES "
        "(:id, :org, :assignee, :score, :comment, :at)",
        use(cid, "id"), use(o, "org"), use(assignee, "assignee"), use(score, "score"),
        use(r.comment, "comment"), use(when, "at"));
    if (!n) return n.error();
    return {};
}

namespace {

void ratings(storage::Transaction& tx, std::int64_t o, const std::string& from,
             const std::string& to, Statistics& out) {
    long long score_sum = 0;
    std::map<std::string, std::pair<long long, long long>> officers;
    tx.each<int, std::optional<std::string>>(
        "SELECT r.score, p.full_name FROM cases_ratings r JOIN cases c ON c.id = r.case_id "
        "LEFT JOIN identity_people p ON p.id = r.assignee_id WHERE r.org_id = :org AND "
        "c.received_on >= :from AND c.received_on <= :to",
        [&](int score, const std::optional<std::string>& name) {
            ++out.ratings;
            score_sum += score;
            auto& o = officers[name.value_or("")];
            o.first += 1;
            o.second += score;
        },
        use(o, "org"), use(from, "from"), use(to, "to"));
    if (out.ratings) out.average_rating = static_cast<double>(score_sum) / out.ratings;
    for (const auto& [name, v] : officers)
        if (!name.empty())
            out.by_officer.push_back({name, v.first, static_cast<double>(v.second) / v.first});
}

}  // namespace

Status bump_stats(storage::Transaction& tx, const Case& c, const StatsDelta& d) {
    std::int64_t o = c.org.value, received = d.received, accepted = d.accepted,
                 resolved = d.resolved, late = d.late, days = d.days;
    std::string day = iso_date(c.received_on), kind(to_string(c.kind)),
                channel(to_string(c.channel));
    auto n = tx.exec(
        "INSERT INTO cases_stats (org_id, received_on, kind, channel, received, accepted, "
        "resolved, late, days_total) VALUES (:org, :day, :kind, :channel, :r, :a, :s, :l, :d) "
        "ON CONFLICT (org_id, received_on, kind, channel) DO UPDATE SET "
        "received = cases_stats.received + :r2, accepted = cases_stats.accepted + :a2, "
        "resolved = cases_stats.resolved + :s2, late = cases_stats.late + :l2, "
        "days_total = cases_stats.days_total + :d2",
        use(o, "org"), use(day, "day"), use(kind, "kind"), use(channel, "channel"),
        use(received, "r"), use(accepted, "a"), use(resolved, "s"), use(late, "l"), use(days, "d"),
        use(received, "r2"), use(accepted, "a2"), use(resolved, "s2"), use(late, "l2"),
        use(days, "d2"));
    if (!n) return n.error();
    return {};
}

void statistics(storage::Transaction& tx, OrgId org, const std::string& from, const std::string& to,
                Statistics& out) {
    std::int64_t o = org.value;
    long long total_days = 0;
    tx.each<std::string, std::string, std::int64_t, std::int64_t, std::int64_t, std::int64_t,
            std::int64_t>(
        "SELECT kind, channel, SUM(received), SUM(accepted), SUM(resolved), SUM(late), "
        "SUM(days_total) FROM cases_stats WHERE org_id = :org AND received_on >= :from AND "
        "received_on <= :to GROUP BY kind, channel",
        [&](const std::string& k, const std::string& ch, std::int64_t received,
            std::int64_t accepted, std::int64_t resolved, std::int64_t late, std::int64_t days) {
            if (received != 0) {
                if (auto kind = parse_kind(k)) out.by_kind[*kind] += received;
                if (auto c = parse_channel(ch)) out.by_channel[*c] += received;
            }
            out.received += received;
            out.accepted += accepted;
            out.resolved += resolved;
            out.late += late;
            total_days += days;
        },
        use(o, "org"), use(from, "from"), use(to, "to"));
    out.on_time = out.resolved - out.late;
    if (out.resolved) out.average_days = static_cast<double>(total_days) / out.resolved;
    ratings(tx, o, from, to, out);
}

void statistics_counted(storage::Transaction& tx, OrgId org, const std::string& from,
                        const std::string& to, Statistics& out) {
    std::int64_t o = org.value;
    tx.each<std::string, std::int64_t>(
        "SELECT kind, COUNT(*) FROM cases WHERE org_id = :org AND received_on >= :from AND "
        "received_on <= :to GROUP BY kind",
        [&out](const std::string& k, std::int64_t n) {
            if (auto kind = parse_kind(k)) out.by_kind[*kind] = n;
            out.received += n;
        },
        use(o, "org"), use(from, "from"), use(to, "to"));
    tx.each<std::string, std::int64_t>(
        "SELECT channel, COUNT(*) FROM cases WHERE org_id = :org AND received_on >= :from AND "
        "received_on <= :to GROUP BY channel",
        [&out](const std::string& c, std::int64_t n) {
            if (auto ch = parse_channel(c)) out.by_channel[*ch] = n;
        },
        use(o, "org"), use(from, "from"), use(to, "to"));
    out.accepted = tx.scalar<std::int64_t>(
                         "SELECT COUNT(DISTINCT e.case_id) FROM cases_events e JOIN cases c ON "
                         "c.id = e.case_id WHERE c.org_id = :org AND c.received_on >= :from AND "
                         "c.received_on <= :to AND e.action = 'accepted'",
                         use(o, "org"), use(from, "from"), use(to, "to"))
                       .value_or(0);
    long long total_days = 0;
    tx.each<std::string, std::string, int>(
        "SELECT received_on, concluded_on, late FROM cases WHERE org_id = :org AND "
        "received_on >= :from AND received_on <= :to AND concluded_on IS NOT NULL",
        [&](const std::string& received, const std::string& concluded, int late) {
            ++out.resolved;
            (late ? out.late : out.on_time) += 1;
            auto r = parse_iso_date(received), c = parse_iso_date(concluded);
            if (r && c)
                total_days += (std::chrono::sys_days{*c} - std::chrono::sys_days{*r}).count();
        },
        use(o, "org"), use(from, "from"), use(to, "to"));
    if (out.resolved) out.average_days = static_cast<double>(total_days) / out.resolved;
    ratings(tx, o, from, to, out);
}

}  // namespace danchu::cases::store

namespace danchu::cases::store {

Result<std::int64_t> insert_attachment(storage::Transaction& tx, CaseId id,
                                       const std::string& content_type, long long size,
                                       const std::string& name_sealed, long long at) {
    std::int64_t cid = id.value, sz = size, when = at;
    return tx.insert(
        "INSERT INTO cases_attachments (case_id, content_type, size, name_sealed, "
        "content_sealed, created_at) VALUES (:id, :type, :size, :name, '', :at) RETURNING id",
        storage::use(cid, "id"), storage::use(content_type, "type"), storage::use(sz, "size"),
        storage::use(name_sealed, "name"), storage::use(when, "at"));
}

Status insert_attachment_chunk(storage::Transaction& tx, std::int64_t attachment, std::int64_t seq,
                               const std::string& sealed) {
    auto n = tx.exec(
        "INSERT INTO cases_attachment_chunks (attachment_id, seq, sealed) VALUES (:a, :seq, :s)",
        storage::use(attachment, "a"), storage::use(seq, "seq"), storage::use(sealed, "s"));
    if (!n) return n.error();
    return {};
}

Status set_attachment_header(storage::Transaction& tx, std::int64_t attachment,
                             const std::string& header) {
    auto n = tx.exec("UPDATE cases_attachments SET stream_header = :h WHERE id = :a",
                     storage::use(header, "h"), storage::use(attachment, "a"));
    if (!n) return n.error();
    return {};
}

std::optional<std::string> attachment_chunk(storage::Transaction& tx, std::int64_t attachment,
                                            std::int64_t seq) {
    return tx.scalar<std::string>(
        "SELECT sealed FROM cases_attachment_chunks WHERE attachment_id = :a AND seq = :seq",
        storage::use(attachment, "a"), storage::use(seq, "seq"));
}

std::vector<AttachmentInfo> attachments(storage::Transaction& tx, CaseId id) {
    std::int64_t cid = id.value;
    std::vector<AttachmentInfo> out;
    tx.each<std::int64_t, std::string, std::int64_t>(
        "SELECT id, content_type, size FROM cases_attachments WHERE case_id = :id ORDER BY id",
        [&out](std::int64_t aid, const std::string& type, std::int64_t size) {
            out.push_back({aid, type, size});
        },
        storage::use(cid, "id"));
    return out;
}

std::optional<SealedAttachment> sealed_attachment(storage::Transaction& tx, CaseId id,
                                                  std::int64_t attachment, AttachmentInfo& info) {
    std::int64_t cid = id.value, aid = attachment;
    std::string type;
    SealedAttachment out;
    std::int64_t size = 0;
    if (!tx.find("SELECT content_type, size, name_sealed, content_sealed, stream_header FROM "
                 "cases_attachments WHERE id = :aid AND case_id = :id",
                 storage::into(type), storage::into(size), storage::into(out.name),
                 storage::into(out.content), storage::into(out.header), storage::use(aid, "aid"),
                 storage::use(cid, "id")))
        return std::nullopt;
    info = {aid, type, size};
    return out;
}

}  // namespace danchu::cases::store
