#pragma once
// The cases module's whole access policy. Commands and queries call `can` themselves, so a
// route that forgets a check still cannot leak a case.
//
// Denouncer protection (R-TC-07, R-GEN-04): the sender's identity in a protected case is
// readable only by the person assigned to resolve it and by the head of the organisation;
// every other officer works on the redacted copy (verifiers never see the name).

#include "identity/model.hpp"
#include "modules/cases/model.hpp"

namespace danchu::cases {

enum class CaseAction {
    File,            // anyone, signed in or not
    ViewWorkspace,   // the officer list and board of an organisation
    View,            // one case, redacted
    Enter,           // staff entry of a letter, visit or call (channel chosen)
    Classify,        // set the kind of an unclassified case
    Transition,      // accept, refuse, forward, start verifying, publish, close
    Conclude,        // record the conclusion or decision
    Assign,          // assign and reassign the resolver
    Extend,          // extend the resolution period (R-TC-05), in writing
    Note,            // internal notes and messages to the citizen
    RevealIdentity,  // read the sealed identity of a protected case
    KeepCalendar,    // the head's reception calendar and the reception facts
    ViewStatistics,  // statistics of the organisation
    ReceptionLog,    // the reception log: record a visit, read the log, make a case from it
    ViewUnit,        // the cases assigned within a unit (CaseRef::org is the unit)
};

// What the policy needs to know about a case.
struct CaseRef {
    OrgId org;
    CaseKind kind = CaseKind::Unclassified;
    std::optional<PersonId> assignee;
};

[[nodiscard]] bool can(const identity::Actor& actor, CaseAction action, const CaseRef& c);

}  // namespace danchu::cases
