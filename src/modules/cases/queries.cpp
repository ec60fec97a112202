// The cases module's read models: the officer's case page (redacted unless the kind is not
// protected), the paginated lists and the board, a citizen's own cases.

#include <chrono>
#include <tuple>

#include "modules/cases/api.hpp"
#include "modules/cases/store.hpp"

namespace danchu::cases {

// commands.cpp: opens the identity of an unprotected case for officers.
Result<std::optional<Identity>> open_identity_for_view(CasesServices& s, storage::Transaction& tx,
                                                       const Case& c);

namespace {

Error denied(const identity::Actor& actor) {
    if (!actor.is_signed_in() && !actor.is_system())
        return fail(ErrorCode::Unauthenticated, "error.unauthenticated");
    return fail(ErrorCode::Forbidden, "cases.error.forbidden");
}

}  // namespace

Result<CaseDetail> case_detail(CasesServices& s, const identity::Actor& actor, OrgId org,
                               CaseId id) {
    auto tx = s.identity.db.begin(storage::Access::Read);
    auto c = store::find_case(tx, id);
    if (!c || c->org != org) return fail(ErrorCode::NotFound, "cases.error.not_found");
    CaseRef ref{c->org, c->kind, c->assignee};
    if (!can(actor, CaseAction::View, ref)) return denied(actor);
    CaseDetail d;
    d.c = *c;
    d.events = store::events(tx, id);
    d.messages = store::messages(tx, id, true);
    const bool may_move = can(actor, CaseAction::Transition, ref);
    const bool may_conclude = can(actor, CaseAction::Conclude, ref);
    for (CaseStatus to : allowed_transitions(c->kind, c->status)) {
        if (to == CaseStatus::Concluded ? may_conclude : may_move) d.next.push_back(to);
    }
    d.identity_protected = identity_is_protected(c->kind);
    d.can_reveal = d.identity_protected && can(actor, CaseAction::RevealIdentity, ref);
    d.can_assign = can(actor, CaseAction::Assign, ref) &&
                   (c->status == CaseStatus::Accepted || c->status == CaseStatus::Assigned ||
                    c->status == CaseStatus::Verifying);
    d.can_extend = can(actor, CaseAction::Extend, ref) && c->extensions < max_extensions(c->kind) &&
                   (c->status == CaseStatus::Accepted || c->status == CaseStatus::Assigned ||
                    c->status == CaseStatus::Verifying);
    d.can_conclude = may_conclude;
    d.attachments = store::attachments(tx, id);
    d.reception_entry = store::reception_entry_of_case(tx, id);
    d.can_open_attachments =
        can(actor, d.identity_protected ? CaseAction::RevealIdentity : CaseAction::View, ref);
    if (!d.identity_protected && can(actor, CaseAction::RevealIdentity, ref)) {
        auto identity = open_identity_for_view(s, tx, *c);
        if (!identity) return identity.error();
        d.identity = *identity;
    }
    return d;
}

namespace {

// The query for a list view, or the error for a malformed cursor.
Result<store::ListQuery> list_query(CasesServices& s, const identity::Actor& actor, OrgId org,
                                    const CaseFilter& f) {
    store::ListQuery q;
    q.org = org;
    q.view = static_cast<int>(f.view);
    q.me = actor.person;
    if (f.kind) q.kind = std::string(to_string(*f.kind));
    if (f.status) q.status = std::string(to_string(*f.status));
    if (f.channel) q.channel = std::string(to_string(*f.channel));
    const Date today = s.clock.today();
    q.today = iso_date(today);
    q.soon = iso_date(std::chrono::sys_days{today} + std::chrono::days{s.config.due_soon_days});
    q.limit = f.limit;
    if (!f.after.empty()) {
        const bool due_view = f.view == ListView::DueSoon || f.view == ListView::Overdue;
        std::string id_part = f.after;
        if (due_view) {
            auto bar = f.after.find('|');
            if (bar == std::string::npos)
                return fail(ErrorCode::InvalidInput, "web.error.bad_cursor");
            q.after_due = f.after.substr(0, bar);
            id_part = f.after.substr(bar + 1);
        }
        try {
            q.after_id = std::stoll(id_part);
        } catch (const std::exception&) {
            return fail(ErrorCode::InvalidInput, "web.error.bad_cursor");
        }
    }
    return q;
}

CaseList run_list(storage::Transaction& tx, const store::ListQuery& q, const CaseFilter& f) {
    CaseList out;
    if (f.view == ListView::Mine && !q.me) return out;
    auto rows = store::list(tx, q);
    const bool more = static_cast<int>(rows.size()) > f.limit;
    if (more) rows.resize(static_cast<std::size_t>(f.limit));
    if (more && !rows.empty()) {
        const auto& last = rows.back();
        out.next_after = (f.view == ListView::DueSoon || f.view == ListView::Overdue)
                             ? (last.due ? iso_date(last.due->date) : std::string()) + "|" +
                                   std::to_string(last.id.value)
                             : std::to_string(last.id.value);
    }
    out.items = std::move(rows);
    return out;
}

// Maintained counters only: a few rows per organisation plus one row per deadline day.
Board read_board(CasesServices& s, storage::Transaction& tx, OrgId org) {
    Board b;
    b.by_status = store::counters(tx, org);
    for (const auto& [st, n] : b.by_status)
        if (is_open(st)) b.open += n;
    const Date today = s.clock.today();
    const Date yesterday = std::chrono::sys_days{today} - std::chrono::days{1};
    const Date soon = std::chrono::sys_days{today} + std::chrono::days{s.config.due_soon_days};
    std::tie(b.overdue, b.due_soon) = store::count_overdue_and_soon(
        tx, org, iso_date(yesterday), iso_date(today), iso_date(soon));
    return b;
}

}  // namespace

Result<CaseList> list_cases(CasesServices& s, const identity::Actor& actor, OrgId org,
                            const CaseFilter& f) {
    if (!can(actor, CaseAction::ViewWorkspace, {org, CaseKind::Unclassified, std::nullopt}))
        return denied(actor);
    auto q = list_query(s, actor, org, f);
    if (!q) return q.error();
    auto tx = s.identity.db.begin(storage::Access::Read);
    return run_list(tx, *q, f);
}

Result<Workspace> workspace(CasesServices& s, const identity::Actor& actor, OrgId org,
                            const CaseFilter& f) {
    if (!can(actor, CaseAction::ViewWorkspace, {org, CaseKind::Unclassified, std::nullopt}))
        return denied(actor);
    auto q = list_query(s, actor, org, f);
    if (!q) return q.error();
    auto tx = s.identity.db.begin(storage::Access::Read);
    Workspace w;
    w.board = read_board(s, tx, org);
    w.list = run_list(tx, *q, f);
    return w;
}

Result<CaseList> unit_cases(CasesServices& s, const identity::Actor& actor,
                            const identity::Organisation& unit, const std::string& after,
                            int limit) {
    if (!actor.is_signed_in() && !actor.is_system())
        return fail(ErrorCode::Unauthenticated, "error.unauthenticated");
    if (unit.kind != identity::OrgKind::Unit || !unit.parent)
        return fail(ErrorCode::NotFound, "cases.error.not_a_unit");
    const OrgId agency = *unit.parent;
    if (!can(actor, CaseAction::ViewUnit, {unit.id, CaseKind::Unclassified, std::nullopt}) &&
        !can(actor, CaseAction::ViewWorkspace, {agency, CaseKind::Unclassified, std::nullopt}))
        return denied(actor);
    std::optional<std::int64_t> before;
    if (!after.empty()) {
        try {
            before = std::stoll(after);
        } catch (const std::exception&) {
            return fail(ErrorCode::InvalidInput, "web.error.bad_cursor");
        }
    }
    auto tx = s.identity.db.begin(storage::Access::Read);
    auto rows = store::list_unit(tx, agency, unit.id, before, limit);
    CaseList out;
    const bool more = static_cast<int>(rows.size()) > limit;
    if (more) rows.resize(static_cast<std::size_t>(limit));
    if (more && !rows.empty()) out.next_after = std::to_string(rows.back().id.value);
    out.items = std::move(rows);
    return out;
}

Result<Board> board(CasesServices& s, const identity::Actor& actor, OrgId org) {
    if (!can(actor, CaseAction::ViewWorkspace, {org, CaseKind::Unclassified, std::nullopt}))
        return denied(actor);
    auto tx = s.identity.db.begin(storage::Access::Read);
    return read_board(s, tx, org);
}

std::vector<Case> cases_filed_by(CasesServices& s, const identity::Actor& actor, int limit) {
    if (!actor.person) return {};
    auto tx = s.identity.db.begin(storage::Access::Read);
    return store::filed_by(tx, *actor.person, limit);
}

Result<ReceptionPage> reception(CasesServices& s, const identity::Actor& actor,
                                const identity::Organisation& org) {
    using namespace std::chrono;
    ReceptionPage page;
    const bool commune = org.kind == identity::OrgKind::Commune;
    const Date today = s.clock.today();
    const Date horizon = sys_days{today} + days{commune ? 7 * 12 : 92};
    auto tx = s.identity.db.begin(storage::Access::Read);
    page.info = store::reception_info(tx, org.id).value_or(ReceptionInfo{});
    page.upcoming = store::reception_days(tx, org.id, iso_date(today), iso_date(horizon));
    page.can_edit =
        can(actor, CaseAction::KeepCalendar, {org.id, CaseKind::Unclassified, std::nullopt});
    if (page.can_edit) {
        auto w = reception_warnings(page.upcoming, commune, today, horizon, s.rules, s.calendar);
        if (!w) return w.error();
        page.warnings = std::move(*w);
    }
    return page;
}

Result<Statistics> statistics(CasesServices& s, const identity::Actor& actor,
                              const identity::Organisation& org, Date from, Date to) {
    if (!can(actor, CaseAction::ViewStatistics, {org.id, CaseKind::Unclassified, std::nullopt}))
        return denied(actor);
    if (std::chrono::sys_days{to} < std::chrono::sys_days{from})
        return fail(ErrorCode::InvalidInput, "cases.error.bad_period");
    Statistics out;
    out.from = from;
    out.to = to;
    auto tx = s.identity.db.begin(storage::Access::Read);
    store::statistics(tx, org.id, iso_date(from), iso_date(to), out);
    return out;
}

std::vector<identity::Person> resolvers(CasesServices& s, OrgId org) {
    auto out = identity::people_with_role(s.identity, org, identity::Role::Officer);
    for (auto& p : identity::people_with_role(s.identity, org, identity::Role::Head)) {
        bool seen = false;
        for (const auto& q : out) seen = seen || q.id == p.id;
        if (!seen) out.push_back(std::move(p));
    }
    return out;
}

}  // namespace danchu::cases
