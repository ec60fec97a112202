#pragma once
// The reports module's whole access policy. An organisation's annual report is prepared by
// its office (secretary) and its head; a reviewer at a superior organisation reads the
// reports of the organisations under it; plain members and the public do not see drafts.
// Numbers are taken from the register by the records office (secretary) or the head.

#include <span>

#include "identity/model.hpp"

namespace danchu::reports {

enum class ReportAction {
    ViewDraft,        // preview, export
    EditNarrative,    // save the officer's paragraphs
    IssueNumber,      // take a number from the register
    Submit,           // send to the superior organisation
    ReviewSubmitted,  // read submitted reports of subordinate organisations
};

struct OrgScope {
    const identity::Organisation& org;
    std::span<const OrgId> ancestors = {};  // parent first
};

[[nodiscard]] bool can(const identity::Actor& actor, ReportAction action, const OrgScope& scope);

}  // namespace danchu::reports
