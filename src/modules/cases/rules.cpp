#include "modules/cases/rules.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

namespace danchu::cases {

using days_t = std::chrono::days;

namespace {

using S = CaseStatus;
using K = CaseKind;

// Kinds whose handling needs a verification step with records (R-KN-06 dossier; R-TC
// verification before the conclusion). Feedback and information requests may be answered
// as soon as they are assigned.
bool needs_verification(K k) {
    return k == K::Complaint || k == K::DisciplineComplaint || k == K::Denunciation ||
           k == K::AnonymousReport;
}

bool table_allows(K kind, S from, S to) {
    switch (from) {
        case S::Received:
            return to == S::Accepted || to == S::Refused || to == S::Forwarded;
        case S::Accepted:
            return to == S::Assigned;
        case S::Assigned:
            return to == S::Verifying || (to == S::Concluded && !needs_verification(kind));
        case S::Verifying:
            return to == S::Concluded;
        case S::Concluded:
            // R-TC-06: a denunciation's conclusion is published before the case closes.
            return kind == K::Denunciation ? to == S::Published : to == S::Closed;
        case S::Published:
        case S::Refused:
        case S::Forwarded:
            return to == S::Closed;
        case S::Closed:
            return false;
    }
    return false;
}

}  // namespace

Status check_transition(CaseKind kind, CaseStatus from, CaseStatus to) {
    if (from == S::Closed) return fail(ErrorCode::Conflict, "cases.error.transition.closed");
    if (kind == K::Unclassified)
        return fail(ErrorCode::Conflict, "cases.error.transition.unclassified");
    // R-TC-03: a report with denunciation content is never dropped: it is handled as
    // information or forwarded to whoever can inspect it.
    if (kind == K::AnonymousReport && to == S::Refused)
        return fail(ErrorCode::Conflict, "cases.error.transition.anonymous_refused");
    if (to == S::Published && kind != K::Denunciation)
        return fail(ErrorCode::Conflict, "cases.error.transition.publish_denunciation_only");
    if (kind == K::Denunciation && from == S::Concluded && to == S::Closed)
        return fail(ErrorCode::Conflict, "cases.error.transition.publish_first");
    if (from == S::Assigned && to == S::Concluded && needs_verification(kind))
        return fail(ErrorCode::Conflict, "cases.error.transition.verify_first");
    if (to == S::Assigned && from == S::Accepted)
        return fail(ErrorCode::Conflict, "cases.error.transition.assign_with_person");
    if (!table_allows(kind, from, to))
        return fail(ErrorCode::Conflict, "cases.error.transition.not_allowed", {},
                    std::string(to_string(from)) + "->" + std::string(to_string(to)));
    return {};
}

std::vector<CaseStatus> allowed_transitions(CaseKind kind, CaseStatus from) {
    std::vector<CaseStatus> out;
    for (S to : kAllStatuses)
        if (to != S::Assigned && check_transition(kind, from, to)) out.push_back(to);
    return out;
}

std::optional<std::string> deadline_rule(const DeadlineFacts& f, CaseStatus status) {
    const bool reception = f.channel == Channel::Reception;
    switch (status) {
        case S::Received:
            switch (f.kind) {
                case K::Complaint:
                    return "complaint.acceptance";  // R-KN-02
                case K::DisciplineComplaint:
                    return "discipline_complaint.acceptance";  // R-KN-05
                case K::Denunciation:
                case K::AnonymousReport:
                case K::Unclassified:
                    return "denunciation.intake";  // R-TC-02, strictest intake
                case K::Feedback:
                case K::Recommendation:
                    // R-TCD-03: after a reception the citizen hears within 10 working days;
                    // otherwise out-of-competence feedback is forwarded within 5 (R-PAKN-01).
                    return reception ? "reception.answer" : "feedback.forwarding";
                case K::InfoRequest:
                    if (f.channel == Channel::Web) return "information.electronic.simple";
                    if (f.channel == Channel::Letter) return "information.post.simple";
                    return "information.in_person.complex";
            }
            return std::nullopt;
        case S::Accepted:
        case S::Assigned:
        case S::Verifying:
            switch (f.kind) {
                case K::Complaint: {
                    // R-KN-03 (first instance, Art 28) and R-KN-04 (second, Art 37).
                    std::string base =
                        f.instance >= 2 ? "complaint.second_instance" : "complaint.first_instance";
                    if (f.remote && f.complex) return base + ".remote_complex";
                    if (f.remote) return base + ".remote";
                    if (f.complex) return base + ".complex";
                    return base;
                }
                case K::DisciplineComplaint:
                    return f.complex ? "discipline_complaint.resolution.complex"
                                     : "discipline_complaint.resolution";
                case K::Denunciation:
                case K::AnonymousReport:
                    // R-TC-05. An anonymous report is checked as information (R-TC-03); the
                    // platform holds it to the denunciation period so it cannot be left idle.
                    return "denunciation.resolution";
                case K::InfoRequest:
                    if (!f.complex) return deadline_rule(f, S::Received);
                    if (f.channel == Channel::Web) return "information.electronic.complex";
                    if (f.channel == Channel::Letter) return "information.post.complex";
                    return "information.in_person.complex";
                case K::Feedback:
                case K::Recommendation:
                    if (reception) return "reception.answer";
                    return std::nullopt;  // R-PAKN-01: no processing period in the decree
                case K::Unclassified:
                    return std::nullopt;
            }
            return std::nullopt;
        case S::Concluded:
            if (f.kind == K::Denunciation) return "denunciation.publication";        // R-TC-06
            if (f.kind == K::Complaint) return "complaint.first_decision.delivery";  // Art 32
            return std::nullopt;
        case S::Refused:
        case S::Forwarded:
        case S::Published:
        case S::Closed:
            return std::nullopt;
    }
    return std::nullopt;
}

Result<std::optional<DueDate>> deadline_for(const DeadlineFacts& facts, CaseStatus status,
                                            Date event, const vn::RuleTable& rules,
                                            const vn::WorkCalendar& calendar) {
    auto name = deadline_rule(facts, status);
    if (!name) return std::optional<DueDate>{};
    auto rule = rules.find(*name, event);
    if (!rule) return rule.error();
    auto d = vn::apply(**rule, event, calendar);
    return std::optional<DueDate>{DueDate{d.date, *name, d.basis}};
}

int max_extensions(CaseKind kind) {
    // R-TC-05: particularly complex → two. An anonymous report is held to the same periods.
    if (kind == K::Denunciation || kind == K::AnonymousReport) return 2;
    if (kind == K::InfoRequest) return 1;  // R-INF-01
    return 0;
}

Result<std::string> extension_rule(const DeadlineFacts& f, int extensions_so_far) {
    const int max = max_extensions(f.kind);
    if (max == 0) return fail(ErrorCode::Conflict, "cases.error.extension_not_allowed");
    if (extensions_so_far >= max) return fail(ErrorCode::Conflict, "cases.error.extension_limit");
    if (f.kind == K::Denunciation || f.kind == K::AnonymousReport)
        return std::string("denunciation.extension");
    return std::string(f.channel == Channel::Web ? "information.electronic.extension"
                                                 : "information.in_person.extension");
}

namespace {

std::string trim(std::string s) {
    auto space = [](unsigned char c) { return std::isspace(c) != 0; };
    while (!s.empty() && space(static_cast<unsigned char>(s.back()))) s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && space(static_cast<unsigned char>(s[i]))) ++i;
    return s.substr(i);
}

}  // namespace

NewCase normalise_new_case(NewCase in) {
    in.subject = trim(std::move(in.subject));
    in.body = trim(std::move(in.body));
    in.respondent = trim(std::move(in.respondent));
    in.identity.name = trim(std::move(in.identity.name));
    in.identity.address = trim(std::move(in.identity.address));
    in.identity.contact = trim(std::move(in.identity.contact));
    if (in.anonymous && (in.kind == K::Denunciation || in.kind == K::Unclassified)) {
        // R-TC-03: not processed as a denunciation, but kept on the information track.
        in.kind = K::AnonymousReport;
    }
    if (in.kind == K::AnonymousReport) {
        in.anonymous = true;
        in.identity = {};
    }
    return in;
}

Status validate_new_case(const NewCase& in) {
    std::vector<FieldError> errors;
    auto need = [&](bool ok, const char* field, const char* key) {
        if (!ok) errors.push_back({field, key});
    };
    need(!in.body.empty(), "body", "cases.error.body_required");
    need(in.body.size() <= 20000, "body", "cases.error.body_too_long");
    need(in.subject.size() <= 300, "subject", "cases.error.subject_too_long");
    const bool has_name = !in.identity.name.empty();
    const bool has_address = !in.identity.address.empty();
    const bool has_contact = !in.identity.contact.empty();
    for (const auto* f : {&in.identity.name, &in.identity.address, &in.identity.contact})
        if (f->size() > 500) errors.push_back({"name", "cases.error.field_too_long"});
    switch (in.kind) {
        case K::Denunciation:
            // R-TC-01 (Luật Tố cáo Art 23): date, full name, address, contact, the violation
            // and the person denounced. Without them the sender is told about R-TC-03.
            need(has_name, "name", "cases.error.denunciation_name");
            need(has_address, "address", "cases.error.address_required");
            need(has_contact, "contact", "cases.error.contact_required");
            need(!in.respondent.empty(), "respondent", "cases.error.respondent_required");
            break;
        case K::Complaint:
        case K::DisciplineComplaint:
            // R-KN-05/06: name, address, the decision or act complained about.
            need(has_name, "name", "cases.error.name_required");
            need(has_address, "address", "cases.error.address_required");
            need(!in.respondent.empty(), "respondent", "cases.error.decision_required");
            break;
        case K::Feedback:
        case K::Recommendation:
            // R-PAKN-01: name, address and phone number.
            need(has_name, "name", "cases.error.name_required");
            need(has_address, "address", "cases.error.address_required");
            need(has_contact, "contact", "cases.error.contact_required");
            break;
        case K::InfoRequest:
            need(has_name, "name", "cases.error.name_required");
            need(has_contact, "contact", "cases.error.contact_required");
            break;
        case K::AnonymousReport:
            // R-TC-03 is accepted only when it identifies the violation concretely.
            need(!in.respondent.empty(), "respondent", "cases.error.respondent_required");
            break;
        case K::Unclassified:
            if (!in.anonymous)
                need(has_contact || has_address, "contact", "cases.error.contact_or_anonymous");
            break;
    }
    if (in.attachments.size() > kMaxAttachments)
        errors.push_back({"attachments", "cases.error.too_many_files"});
    for (const auto& a : in.attachments) {
        if (a.length() > static_cast<long long>(kMaxAttachmentBytes))
            errors.push_back({"attachments", "cases.error.file_too_large"});
        else if (sniff_content_type(a.leading()).empty())
            errors.push_back({"attachments", "cases.error.file_type"});
    }
    if (!errors.empty())
        return fail(ErrorCode::InvalidInput, "error.invalid_input", std::move(errors));
    return {};
}

Result<std::vector<ReceptionWarning>> reception_warnings(const std::vector<ReceptionDay>& days,
                                                         bool commune, Date from, Date to,
                                                         const vn::RuleTable& rules,
                                                         const vn::WorkCalendar& calendar) {
    using namespace std::chrono;
    std::vector<ReceptionWarning> out;
    auto has_day_in = [&](sys_days lo, sys_days hi) {
        for (const auto& d : days)
            if (sys_days{d.day} >= lo && sys_days{d.day} < hi) return true;
        return false;
    };
    if (commune) {
        // Weeks from the Monday on or after `from`.
        sys_days monday{from};
        while (weekday{monday} != Monday) monday += days_t{1};
        for (; monday <= sys_days{to}; monday += days_t{7})
            if (!has_day_in(monday, monday + days_t{7}))
                out.push_back({ReceptionWarning::Kind::MissingWeek, Date{monday}, {}});
    } else {
        year_month ym{from.year(), from.month()};
        if (from.day() != day{1}) ym += months{1};
        for (; sys_days{ym / 1} <= sys_days{to}; ym += months{1})
            if (!has_day_in(sys_days{ym / 1}, sys_days{(ym + months{1}) / 1}))
                out.push_back({ReceptionWarning::Kind::MissingMonth, Date{ym / 1}, {}});
    }
    for (const auto& d : days) {
        auto rule = rules.find("reception.schedule_posting", d.day);
        if (!rule) return rule.error();
        const auto latest = vn::apply(**rule, d.day, calendar).date;
        if (sys_days{d.posted_on} > sys_days{latest})
            out.push_back({ReceptionWarning::Kind::LatePosting, d.day, latest});
    }
    return out;
}

std::string sniff_content_type(std::string_view b) {
    if (b.starts_with("%PDF-")) return "application/pdf";
    if (b.starts_with("\xFF\xD8\xFF")) return "image/jpeg";
    if (b.starts_with("\x89PNG\r\n\x1A\n")) return "image/png";
    return {};
}

namespace {
constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
}

std::string format_receipt_code(std::string_view raw) {
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += '-';
        out += raw[i];
    }
    return out;
}

std::string normalise_receipt_code(std::string_view typed) {
    std::string out;
    for (char ch : typed) {
        auto c = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (c == '-' || c == ' ' || c == '\t') continue;
        if (c == 'O') c = '0';
        if (c == 'I' || c == 'L') c = '1';
        if (kCrockford.find(c) == std::string_view::npos) return {};
        out += c;
        if (out.size() > kReceiptChars) return {};
    }
    if (out.size() != kReceiptChars) return {};
    return out;
}

}  // namespace danchu::cases
