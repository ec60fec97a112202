#pragma once
// The cases module's pages: the public form (works without JavaScript), tracking by
// receipt code, a citizen's own cases, and the officer workspace (board, lists, the case
// page with its actions). Handlers parse, call a command or query, and render or redirect;
// they hold no rules and no SQL.

#include <memory>

#include "http/router.hpp"
#include "identity/web_context.hpp"
#include "modules/cases/api.hpp"

namespace danchu::cases {

struct CasesWeb {
    identity::WebServices& web;
    CasesServices& cases;
};

// Route names: cases.new, cases.create, cases.list, cases.show, cases.transition,
// cases.assign, cases.extend, cases.classify, cases.message, cases.reveal, cases.track,
// cases.track.submit, cases.track.message, cases.mine.
void register_routes(http::Router& router, CasesWeb& s);

// Builds the module's services, registers its routes and tabs. The returned state holds
// everything the handlers reference and must live as long as the router.
[[nodiscard]] Result<std::shared_ptr<void>> wire(http::Router& router, identity::WebServices& web,
                                                 const Clock& clock, CasesConfig config = {});

// The organisation tabs: the public form for everyone, the workspace for officers and heads.
void add_navigation(identity::WebServices& web);

}  // namespace danchu::cases
