#pragma once
// The disclosures module's whole access policy. Commands and queries call `can` themselves;
// handlers call it only to decide what to show.
//   - Secretaries and heads draft, publish, correct, withdraw, see acknowledgement rates and
//     send reminders (Law 10/2022 Art 14, 47: the head is responsible for disclosure; the
//     office does it).
//   - Members read internal items and acknowledge them; nobody else ever sees an internal
//     item (R-PUB-CQ-01 "công khai trong nội bộ").
//   - Everyone, signed in or not, reads public items.
// Nobody edits a published version: corrections are new versions.

#include <span>

#include "identity/model.hpp"
#include "modules/disclosures/model.hpp"

namespace danchu::disclosures {

enum class DisclosureAction {
    ViewPublic,    // public items and the public ledger
    ViewInternal,  // internal items of the organisation
    ViewDrafts,    // drafts, acknowledgement rates, who is missing
    Publish,       // draft, publish, correct, withdraw, add local items
    Acknowledge,   // "Tôi đã đọc và nắm nội dung"
    Remind,        // remind members who have not acknowledged
};

[[nodiscard]] bool can(const identity::Actor& actor, DisclosureAction action, OrgId org);
// Whether `actor` may see this item at all (audience and draft status).
[[nodiscard]] bool can_view(const identity::Actor& actor, OrgId org, Audience audience,
                            ItemStatus status);

}  // namespace danchu::disclosures
