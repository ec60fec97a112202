// The cases module's write use cases: one transaction and one audit event each, the
// permission checked inside. Identity fields are sealed before they reach the database and
// receipt codes are hashed; neither appears in audit details or logs.

#include <sodium.h>

#include <chrono>

#include "modules/cases/api.hpp"
#include "modules/cases/attachment_stream.hpp"
#include "modules/cases/intake.hpp"
#include "modules/cases/store.hpp"

namespace danchu::cases {

namespace {

using identity::Actor;

constexpr std::string_view kSealPurpose = "cases.seal";
constexpr char kSep = '\x1f';  // unit separator between the sealed identity's fields

Identity unpack(const std::string& s) {
    Identity out;
    std::string* fields[] = {&out.name, &out.address, &out.contact};
    std::size_t f = 0;
    for (char ch : s) {
        if (ch == kSep) {
            if (++f > 2) break;
            continue;
        }
        *fields[f] += ch;
    }
    return out;
}

std::string new_receipt_code() {
    static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    std::string raw;
    for (std::size_t i = 0; i < kReceiptChars; ++i) raw += kAlphabet[randombytes_uniform(32)];
    return raw;  // 20 × 5 bits = 100 bits
}

DeadlineFacts facts_of(const Case& c) {
    return {c.kind, c.channel, c.complex, c.remote, c.instance};
}

CaseRef ref_of(const Case& c) { return {c.org, c.kind, c.assignee}; }

Error denied(const Actor& actor) {
    if (!actor.is_signed_in() && !actor.is_system())
        return fail(ErrorCode::Unauthenticated, "error.unauthenticated");
    return fail(ErrorCode::Forbidden, "cases.error.forbidden");
}

Status audit(storage::Transaction& tx, CasesServices& s, const Actor& actor, const Case& c,
             const std::string& action, const std::string& detail) {
    return identity::record_audit(tx, actor, s.clock,
                                  {action, c.org, "case", std::to_string(c.id.value), detail});
}

// Loads the case for a write and checks the policy.
Result<Case> load_for(storage::Transaction& tx, const Actor& actor, CaseId id, CaseAction action) {
    auto c = store::find_case(tx, id);
    if (!c) return fail(ErrorCode::NotFound, "cases.error.not_found");
    if (!can(actor, action, ref_of(*c))) return denied(actor);
    return *c;
}

// Writes `next` over `was`, keeping the board counters and the history in step.
Status save(storage::Transaction& tx, CasesServices& s, const Actor& actor, const Case& was,
            Case next, const std::string& action, const std::string& detail,
            const std::string& document_number) {
    next.updated_at = unix_seconds(s.clock.now());
    auto ok = store::update_case(tx, next, was.status);
    if (!ok) return ok.error();
    if (!*ok) return fail(ErrorCode::Conflict, "cases.error.changed");
    if (auto st = store::move_due_counter(tx, &was, &next); !st) return st;
    if (next.status != was.status) {
        if (auto st = store::bump_counter(tx, was.org, was.status, -1); !st) return st;
        if (auto st = store::bump_counter(tx, next.org, next.status, 1); !st) return st;
    }
    if (auto st = store::insert_event(tx, next.id, next.updated_at, actor, action, detail,
                                      document_number);
        !st)
        return st;
    return audit(tx, s, actor, next, "cases." + action,
                 std::string(to_string(was.status)) + "->" + std::string(to_string(next.status)));
}

}  // namespace

namespace {

// Everything before the write: permission, the law's required fields, the deadline, the
// receipt code (returned in `out`, only its hash goes on).
Result<PreparedCase> prepare_case(CasesServices& s, const Actor& actor,
                                  const identity::Organisation& org, NewCase in, Filed& out) {
    CaseRef ref{org.id, in.kind, std::nullopt};
    if (!can(actor, CaseAction::File, ref)) return denied(actor);
    if (in.channel != Channel::Web && !can(actor, CaseAction::Enter, ref)) return denied(actor);
    in = normalise_new_case(std::move(in));
    if (auto st = validate_new_case(in); !st) return st.error();

    Case c;
    c.org = org.id;
    c.kind = in.kind;
    c.channel = in.channel;
    c.status = CaseStatus::Received;
    c.subject = in.subject.empty() ? in.body.substr(0, 120) : in.subject;
    c.body = in.body;
    c.respondent = in.respondent;
    c.anonymous = in.anonymous;
    c.received_on = in.received_on.value_or(s.clock.today());
    if (in.channel == Channel::Web) c.received_on = s.clock.today();
    if (actor.person && in.channel == Channel::Web) c.filed_by = actor.person;
    c.created_at = c.updated_at = unix_seconds(s.clock.now());
    auto due = deadline_for(facts_of(c), c.status, c.received_on, s.rules, s.calendar);
    if (!due) return due.error();
    c.due = *due;

    out.kind = c.kind;
    out.due = c.due;
    const std::string raw = new_receipt_code();
    out.receipt_code = format_receipt_code(raw);
    return PreparedCase{actor, std::move(c), identity::token_hash(raw), std::move(in.identity),
                        std::move(in.attachments)};
}

}  // namespace

Result<Filed> file_case(CasesServices& s, const Actor& actor, const identity::Organisation& org,
                        NewCase in) {
    Filed out;
    auto p = prepare_case(s, actor, org, std::move(in), out);
    if (!p) return p.error();
    // The web form's cases go through the group committer; attachments (megabytes to seal)
    // and callers without one (the shell, the demo) take their own transaction.
    if (s.intake && p->attachments.empty()) {
        auto row = s.intake->submit(std::move(*p));
        if (!row) return row.error();
        out.id = row->id;
        out.number = row->number;
        return out;
    }
    auto tx = s.identity.db.begin(storage::Access::Write);
    KeyCache keys;
    auto row = write_prepared(s, tx, *p, keys);
    if (!row) return row.error();
    if (auto st = tx.commit(); !st) return st.error();
    out.id = row->id;
    out.number = row->number;
    return out;
}

// ---- Reception log (R-TCD-01/02) ----

namespace {

std::string visitor_context(OrgId org, std::int64_t entry) {
    return "org:" + std::to_string(org.value) + ":reception:" + std::to_string(entry) +
           ":cases.visitor";
}

CaseRef entry_ref(OrgId org, const ReceptionEntry& e) {
    // The visitor is treated like a denouncer until a case says otherwise (R-TC-07): the
    // head and the officer who received them.
    return {org, CaseKind::Unclassified, e.officer};
}

}  // namespace

Result<std::int64_t> log_reception(CasesServices& s, const Actor& actor,
                                   const identity::Organisation& org, const NewReceptionEntry& in) {
    if (!can(actor, CaseAction::ReceptionLog, {org.id, CaseKind::Unclassified, std::nullopt}))
        return denied(actor);
    std::vector<FieldError> errors;
    if (in.subject.empty() || in.subject.size() > 10000)
        errors.push_back({"subject", "cases.error.reception_subject_required"});
    if (in.visitor.name.size() > 500 || in.visitor.address.size() > 1000 ||
        in.visitor.contact.size() > 500)
        errors.push_back({"name", "cases.error.reception_visitor_too_long"});
    if (!errors.empty()) return fail(ErrorCode::InvalidInput, "error.invalid_input", errors);
    ReceptionEntry e;
    e.org = org.id;
    e.received_at = unix_seconds(s.clock.now());
    e.subject = in.subject;
    e.officer = actor.person;
    e.officer_name = actor.display_name;
    auto tx = s.identity.db.begin(storage::Access::Write);
    auto id = store::insert_reception_entry(tx, e);
    if (!id) return id.error();
    if (!in.visitor.empty()) {
        auto key = identity::organisation_key(s.identity, tx, org.id, std::string(kSealPurpose));
        if (!key) return key.error();
        auto sealed = identity::seal(*key, pack_identity(in.visitor), visitor_context(org.id, *id));
        if (auto st = store::set_reception_visitor(tx, *id, sealed); !st) return st.error();
    }
    if (auto st = identity::record_audit(
            tx, actor, s.clock,
            {"cases.reception_logged", org.id, "reception_entry", std::to_string(*id), ""});
        !st)
        return st.error();
    if (auto st = tx.commit(); !st) return st.error();
    return *id;
}

Result<ReceptionLog> reception_log(CasesServices& s, const Actor& actor, OrgId org,
                                   const std::string& after, int limit) {
    if (!can(actor, CaseAction::ReceptionLog, {org, CaseKind::Unclassified, std::nullopt}))
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
    auto rows = store::reception_entries(tx, org, before, limit);
    ReceptionLog out;
    const bool more = static_cast<int>(rows.size()) > limit;
    if (more) rows.resize(static_cast<std::size_t>(limit));
    std::optional<identity::Key> key;
    for (auto& r : rows) {
        if (r.sealed && can(actor, CaseAction::RevealIdentity, entry_ref(org, r.entry))) {
            if (!key) {
                auto k = identity::organisation_key(s.identity, tx, org, std::string(kSealPurpose));
                if (!k) return k.error();
                key = *k;
            }
            auto plain = identity::open_sealed(*key, *r.sealed, visitor_context(org, r.entry.id));
            if (!plain) return plain.error();
            r.entry.visitor = unpack(*plain);
        }
        out.entries.push_back(std::move(r.entry));
    }
    if (more && !out.entries.empty()) out.next_after = std::to_string(out.entries.back().id);
    return out;
}

Result<Filed> case_from_reception(CasesServices& s, const Actor& actor,
                                  const identity::Organisation& org, std::int64_t entry,
                                  NewCase in) {
    if (!can(actor, CaseAction::ReceptionLog, {org.id, CaseKind::Unclassified, std::nullopt}))
        return denied(actor);
    std::optional<store::ReceptionRow> row;
    {
        auto tx = s.identity.db.begin(storage::Access::Read);
        row = store::reception_entry(tx, org.id, entry);
    }
    if (!row) return fail(ErrorCode::NotFound, "cases.error.not_found");
    if (row->entry.case_id) return fail(ErrorCode::Conflict, "cases.error.reception_has_case");
    in.channel = Channel::Reception;
    in.received_on = local_date(from_unix_seconds(row->entry.received_at));
    if (in.body.empty()) in.body = row->entry.subject;
    Filed out;
    auto tx = s.identity.db.begin(storage::Access::Write);
    if (row->sealed && in.identity.empty()) {
        auto key = identity::organisation_key(s.identity, tx, org.id, std::string(kSealPurpose));
        if (!key) return key.error();
        auto plain = identity::open_sealed(*key, *row->sealed, visitor_context(org.id, entry));
        if (!plain) return plain.error();
        in.identity = unpack(*plain);
    }
    auto p = prepare_case(s, actor, org, std::move(in), out);
    if (!p) return p.error();
    KeyCache keys;
    auto written = write_prepared(s, tx, *p, keys);
    if (!written) return written.error();
    auto linked = store::link_reception_case(tx, entry, written->id);
    if (!linked) return linked.error();
    if (!*linked) return fail(ErrorCode::Conflict, "cases.error.reception_has_case");
    if (auto st = tx.commit(); !st) return st.error();
    out.id = written->id;
    out.number = written->number;
    return out;
}

Status transition(CasesServices& s, const Actor& actor, CaseId id, const TransitionInput& in) {
    auto tx = s.identity.db.begin(storage::Access::Write);
    auto c =
        load_for(tx, actor, id,
                 in.to == CaseStatus::Concluded ? CaseAction::Conclude : CaseAction::Transition);
    if (!c) return c.error();
    if (auto st = check_transition(c->kind, c->status, in.to); !st) return st;
    std::vector<FieldError> errors;
    if ((in.to == CaseStatus::Refused || in.to == CaseStatus::Forwarded) && in.reason.empty())
        errors.push_back({"reason", "cases.error.reason_required"});
    if (in.to == CaseStatus::Forwarded && in.forwarded_to.empty())
        errors.push_back({"forwarded_to", "cases.error.forwarded_to_required"});
    if (in.to == CaseStatus::Concluded && in.outcome.empty())
        errors.push_back({"outcome", "cases.error.outcome_required"});
    if (!errors.empty()) return fail(ErrorCode::InvalidInput, "error.invalid_input", errors);

    Case next = *c;
    next.status = in.to;
    const Date today = s.clock.today();
    Date event = today;
    if (in.to == CaseStatus::Accepted) {
        next.complex = in.complex;
        next.remote = in.remote;
        // R-INF-01 periods run from the request, not from the acceptance.
        if (next.kind == CaseKind::InfoRequest) event = next.received_on;
    }
    if (in.to == CaseStatus::Forwarded) next.forwarded_to = in.forwarded_to;
    if (in.to == CaseStatus::Concluded || in.to == CaseStatus::Refused ||
        in.to == CaseStatus::Forwarded)
        next.outcome = in.to == CaseStatus::Concluded ? in.outcome : in.reason;
    if (in.to == CaseStatus::Verifying) {
        next.due = c->due;  // the resolution period keeps running
    } else {
        auto due = deadline_for(facts_of(next), next.status, event, s.rules, s.calendar);
        if (!due) return due.error();
        next.due = *due;
    }
    std::string detail = in.reason;
    if (in.to == CaseStatus::Forwarded) detail = in.forwarded_to + ": " + in.reason;
    if (in.to == CaseStatus::Concluded) detail = in.outcome;
    if (auto st =
            save(tx, s, actor, *c, next, std::string(to_string(in.to)), detail, in.document_number);
        !st)
        return st;
    if (in.to == CaseStatus::Concluded) {
        // Statistics: on time when concluded by the deadline of the resolution period.
        const bool late =
            c->due && std::chrono::sys_days{today} > std::chrono::sys_days{c->due->date};
        if (auto st = store::mark_concluded(tx, id, iso_date(today), late); !st) return st;
        const long long days =
            (std::chrono::sys_days{today} - std::chrono::sys_days{c->received_on}).count();
        if (auto st =
                store::bump_stats(tx, next, {.resolved = 1, .late = late ? 1 : 0, .days = days});
            !st)
            return st;
    }
    if (in.to == CaseStatus::Accepted) {
        if (auto st = store::bump_stats(tx, next, {.accepted = 1}); !st) return st;
    }
    // The sender hears of a refusal or a forwarding in writing (R-KN-02, R-TC-02).
    if (in.to == CaseStatus::Forwarded || in.to == CaseStatus::Refused) {
        Message m{next.updated_at, false, false, actor.display_name, next.outcome};
        if (auto st = store::insert_message(tx, id, m, actor.person); !st) return st;
    }
    return tx.commit();
}

Status classify(CasesServices& s, const Actor& actor, CaseId id, CaseKind kind) {
    if (kind == CaseKind::Unclassified)
        return fail(ErrorCode::InvalidInput, "cases.error.kind_required");
    auto tx = s.identity.db.begin(storage::Access::Write);
    auto c = load_for(tx, actor, id, CaseAction::Classify);
    if (!c) return c.error();
    if (c->status != CaseStatus::Received)
        return fail(ErrorCode::Conflict, "cases.error.classify_received_only");
    Case next = *c;
    next.kind = kind;
    // R-TC-03: a denunciation without a name stays on the information track.
    if (kind == CaseKind::Denunciation && c->anonymous) next.kind = CaseKind::AnonymousReport;
    // Reclassifying a protected case never unseals it for other officers (R-TC-07).
    if (identity_is_protected(c->kind) && !identity_is_protected(next.kind) && !c->anonymous &&
        c->kind != CaseKind::Unclassified)
        return fail(ErrorCode::Conflict, "cases.error.classify_protected");
    auto due = deadline_for(facts_of(next), next.status, next.received_on, s.rules, s.calendar);
    if (!due) return due.error();
    next.due = *due;
    if (auto st = save(tx, s, actor, *c, next, "classified", std::string(to_string(next.kind)), "");
        !st)
        return st;
    // The case counts under its new kind from now on (classification happens before any
    // acceptance or conclusion, so only the received figure moves).
    if (next.kind != c->kind) {
        if (auto st = store::bump_stats(tx, *c, {.received = -1}); !st) return st;
        if (auto st = store::bump_stats(tx, next, {.received = 1}); !st) return st;
    }
    return tx.commit();
}

Status assign(CasesServices& s, const Actor& actor, CaseId id, PersonId person,
              const std::string& reason) {
    auto tx = s.identity.db.begin(storage::Access::Write);
    auto c = load_for(tx, actor, id, CaseAction::Assign);
    if (!c) return c.error();
    bool eligible = false;
    for (const auto& p : resolvers(s, c->org)) eligible = eligible || p.id == person;
    if (!eligible)
        return fail(ErrorCode::InvalidInput, "cases.error.assignee_not_officer",
                    {{"assignee", "cases.error.assignee_not_officer"}});
    if (c->status != CaseStatus::Accepted && c->status != CaseStatus::Assigned &&
        c->status != CaseStatus::Verifying)
        return fail(ErrorCode::Conflict, "cases.error.assign_state");
    if (c->status != CaseStatus::Accepted && reason.empty())
        return fail(ErrorCode::InvalidInput, "cases.error.reassign_reason",
                    {{"reason", "cases.error.reassign_reason"}});
    Case next = *c;
    next.assignee = person;
    if (c->status == CaseStatus::Accepted) next.status = CaseStatus::Assigned;
    const std::string action = c->assignee ? "reassigned" : "assigned";
    std::string detail = "#" + std::to_string(person.value);
    if (!reason.empty()) detail += ": " + reason;
    if (auto st = save(tx, s, actor, *c, next, action, detail, ""); !st) return st;
    return tx.commit();
}

Status extend(CasesServices& s, const Actor& actor, CaseId id, const std::string& reason,
              const std::string& document_number) {
    auto tx = s.identity.db.begin(storage::Access::Write);
    auto c = load_for(tx, actor, id, CaseAction::Extend);
    if (!c) return c.error();
    if (c->status != CaseStatus::Accepted && c->status != CaseStatus::Assigned &&
        c->status != CaseStatus::Verifying)
        return fail(ErrorCode::Conflict, "cases.error.extend_state");
    std::vector<FieldError> errors;
    // R-TC-05: extensions are decided in writing and notified to both parties.
    if (reason.empty()) errors.push_back({"reason", "cases.error.reason_required"});
    if (document_number.empty())
        errors.push_back({"document_number", "cases.error.document_required"});
    if (!errors.empty()) return fail(ErrorCode::InvalidInput, "error.invalid_input", errors);
    auto rule_name = extension_rule(facts_of(*c), c->extensions);
    if (!rule_name) return rule_name.error();
    if (!c->due) return fail(ErrorCode::Conflict, "cases.error.extend_state");
    auto rule = s.rules.find(*rule_name, c->due->date);
    if (!rule) return rule.error();
    auto d = vn::apply(**rule, c->due->date, s.calendar);
    Case next = *c;
    next.extensions += 1;
    next.complex = true;
    next.due = DueDate{d.date, *rule_name, d.basis};
    if (auto st = save(tx, s, actor, *c, next, "extended", reason, document_number); !st) return st;
    Message m{next.updated_at, false, false, actor.display_name, reason};
    if (auto st = store::insert_message(tx, id, m, actor.person); !st) return st;
    return tx.commit();
}

Status add_message(CasesServices& s, const Actor& actor, CaseId id, const std::string& body,
                   bool internal) {
    if (body.empty() || body.size() > 10000)
        return fail(ErrorCode::InvalidInput, "cases.error.message_required",
                    {{"body", "cases.error.message_required"}});
    auto tx = s.identity.db.begin(storage::Access::Write);
    auto c = load_for(tx, actor, id, CaseAction::Note);
    if (!c) return c.error();
    Message m{unix_seconds(s.clock.now()), false, internal, actor.display_name, body};
    if (auto st = store::insert_message(tx, id, m, actor.person); !st) return st;
    if (auto st = audit(tx, s, actor, *c, internal ? "cases.note" : "cases.message", ""); !st)
        return st;
    return tx.commit();
}

Result<Identity> reveal_identity(CasesServices& s, const Actor& actor, CaseId id) {
    auto tx = s.identity.db.begin(storage::Access::Write);
    auto c = load_for(tx, actor, id, CaseAction::RevealIdentity);
    if (!c) return c.error();
    auto sealed = store::sealed_identity(tx, id);
    Identity out;
    if (sealed && !sealed->empty()) {
        auto key = identity::organisation_key(s.identity, tx, c->org, std::string(kSealPurpose));
        if (!key) return key.error();
        auto plain = identity::open_sealed(*key, *sealed, identity_context(c->org, id));
        if (!plain) return plain.error();
        out = unpack(*plain);
    }
    const long long now = unix_seconds(s.clock.now());
    if (auto st = store::insert_event(tx, id, now, actor, "identity_revealed", "", ""); !st)
        return st.error();
    if (auto st =
            audit(tx, s, actor, *c, "cases.identity_revealed", std::string(to_string(c->kind)));
        !st)
        return st.error();
    if (auto st = tx.commit(); !st) return st.error();
    return out;
}

Result<Attachment> open_attachment(CasesServices& s, const Actor& actor, CaseId id,
                                   std::int64_t attachment) {
    auto tx = s.identity.db.begin(storage::Access::Write);
    auto c = store::find_case(tx, id);
    if (!c) return fail(ErrorCode::NotFound, "cases.error.not_found");
    const bool protect = identity_is_protected(c->kind);
    if (!can(actor, protect ? CaseAction::RevealIdentity : CaseAction::View, ref_of(*c)))
        return denied(actor);
    Attachment out;
    auto sealed = store::sealed_attachment(tx, id, attachment, out.info);
    if (!sealed) return fail(ErrorCode::NotFound, "cases.error.not_found");
    auto key = identity::organisation_key(s.identity, tx, c->org, std::string(kSealPurpose));
    if (!key) return key.error();
    const std::string context = attachment_context(c->org, id);
    auto name = identity::open_sealed(*key, sealed->name, context);
    if (!name) return name.error();
    out.filename = std::move(*name);
    if (sealed->header) {
        // Pulled and opened one chunk at a time; a damaged stream opens nothing.
        std::int64_t seq = 0;
        auto st = open_stream(
            *key, *sealed->header, attachment_stream_context(c->org, id, attachment),
            [&]() { return store::attachment_chunk(tx, attachment, seq++); },
            [&out](std::string_view piece) { out.bytes.append(piece); });
        if (!st) {
            sodium_memzero(out.bytes.data(), out.bytes.size());
            return st.error();
        }
    } else {
        auto bytes = identity::open_sealed(*key, sealed->content, context);
        if (!bytes) return bytes.error();
        out.bytes = std::move(*bytes);
    }
    if (protect) {
        const long long now = unix_seconds(s.clock.now());
        if (auto st = store::insert_event(tx, id, now, actor, "attachment_opened", "", ""); !st)
            return st.error();
        if (auto st =
                audit(tx, s, actor, *c, "cases.attachment_opened", std::to_string(attachment));
            !st)
            return st.error();
    }
    if (auto st = tx.commit(); !st) return st.error();
    return out;
}

namespace {

// Looks a receipt code up under the throttle. A miss is recorded (and committed) before
// the error is returned, so guesses count whatever the caller does next.
Result<Case> by_receipt(CasesServices& s, storage::Transaction& tx, const std::string& code,
                        const std::string& ip) {
    const long long now = unix_seconds(s.clock.now());
    const long long since = now - s.config.track_window_seconds;
    if (store::track_failures(tx, ip, since) >= s.config.track_max_failures_per_ip ||
        store::track_failures_total(tx, since) >= s.config.track_max_failures_total)
        return fail(ErrorCode::TooManyRequests, "cases.error.track_throttled");
    const std::string raw = normalise_receipt_code(code);
    std::optional<Case> c;
    if (!raw.empty()) c = store::find_by_receipt(tx, identity::token_hash(raw));
    if (!c) {
        if (auto st = store::record_track_failure(tx, ip, now); !st) return st.error();
        if (auto st = tx.commit(); !st) return st.error();
        return fail(ErrorCode::NotFound, "cases.error.bad_receipt");
    }
    return *c;
}

}  // namespace

Result<TrackView> track(CasesServices& s, const std::string& code, const std::string& ip) {
    auto tx = s.identity.db.begin(storage::Access::Write);
    auto c = by_receipt(s, tx, code, ip);
    if (!c) return c.error();
    TrackView v{*c, store::messages(tx, c->id, false)};
    if (auto st = tx.commit(); !st) return st.error();
    return v;
}

Status citizen_message(CasesServices& s, const std::string& code, const std::string& ip,
                       const std::string& body) {
    if (body.empty() || body.size() > 10000)
        return fail(ErrorCode::InvalidInput, "cases.error.message_required",
                    {{"body", "cases.error.message_required"}});
    auto tx = s.identity.db.begin(storage::Access::Write);
    auto c = by_receipt(s, tx, code, ip);
    if (!c) return c.error();
    Message m{unix_seconds(s.clock.now()), true, false, "", body};
    if (auto st = store::insert_message(tx, c->id, m, std::nullopt); !st) return st;
    auto anon = Actor::anonymous("", ip);
    if (auto st = audit(tx, s, anon, *c, "cases.citizen_message", ""); !st) return st;
    return tx.commit();
}

Result<std::int64_t> schedule_reception(CasesServices& s, const Actor& actor,
                                        const identity::Organisation& org,
                                        const ReceptionDay& day) {
    if (!can(actor, CaseAction::KeepCalendar, {org.id, CaseKind::Unclassified, std::nullopt}))
        return denied(actor);
    const Date today = s.clock.today();
    if (!day.day.ok() || std::chrono::sys_days{day.day} < std::chrono::sys_days{today})
        return fail(ErrorCode::InvalidInput, "cases.error.reception_past",
                    {{"day", "cases.error.reception_past"}});
    ReceptionDay d = day;
    d.posted_on = today;
    auto tx = s.identity.db.begin(storage::Access::Write);
    const long long now = unix_seconds(s.clock.now());
    auto id = store::insert_reception_day(tx, org.id, d, now);
    if (!id) return id.error();
    if (auto st = identity::record_audit(tx, actor, s.clock,
                                         {"cases.reception_scheduled", org.id, "reception_day",
                                          std::to_string(*id), iso_date(d.day)});
        !st)
        return st.error();
    if (auto st = tx.commit(); !st) return st.error();
    return *id;
}

Status set_reception_info(CasesServices& s, const Actor& actor, const identity::Organisation& org,
                          const ReceptionInfo& info) {
    if (!can(actor, CaseAction::KeepCalendar, {org.id, CaseKind::Unclassified, std::nullopt}))
        return denied(actor);
    auto tx = s.identity.db.begin(storage::Access::Write);
    if (auto st = store::upsert_reception_info(tx, org.id, info, unix_seconds(s.clock.now())); !st)
        return st;
    if (auto st = identity::record_audit(
            tx, actor, s.clock,
            {"cases.reception_info", org.id, "organisation", std::to_string(org.id.value), ""});
        !st)
        return st;
    return tx.commit();
}

Status rate(CasesServices& s, const std::string& code, const std::string& ip,
            const Rating& rating) {
    if (rating.score < 1 || rating.score > 5 || rating.comment.size() > 2000)
        return fail(ErrorCode::InvalidInput, "cases.error.bad_rating",
                    {{"score", "cases.error.bad_rating"}});
    auto tx = s.identity.db.begin(storage::Access::Write);
    auto c = by_receipt(s, tx, code, ip);
    if (!c) return c.error();
    // R-SUP-XA-04: the handling is rated once it is over.
    if (c->status != CaseStatus::Closed)
        return fail(ErrorCode::Conflict, "cases.error.rate_after_closure");
    auto st = store::insert_rating(tx, *c, rating, unix_seconds(s.clock.now()));
    if (!st) {
        if (st.error().code == ErrorCode::Conflict)
            return fail(ErrorCode::Conflict, "cases.error.already_rated");
        return st;
    }
    auto anon = Actor::anonymous("", ip);
    if (auto a = audit(tx, s, anon, *c, "cases.rated", std::to_string(rating.score)); !a) return a;
    return tx.commit();
}

// Used by queries.cpp for unprotected kinds.
Result<std::optional<Identity>> open_identity_for_view(CasesServices& s, storage::Transaction& tx,
                                                       const Case& c) {
    auto sealed = store::sealed_identity(tx, c.id);
    if (!sealed || sealed->empty()) return std::optional<Identity>{};
    auto key = identity::organisation_key(s.identity, tx, c.org, std::string(kSealPurpose));
    if (!key) return key.error();
    auto plain = identity::open_sealed(*key, *sealed, identity_context(c.org, c.id));
    if (!plain) return plain.error();
    return std::optional<Identity>{unpack(*plain)};
}

}  // namespace danchu::cases
