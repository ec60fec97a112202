#pragma once
// The identity module's pages: the portal, organisation home pages, sign-in with the
// second factor, the account page and the member list. Handlers parse, call a command or
// query, and render or redirect; they hold no rules and no SQL.

#include "http/router.hpp"
#include "identity/web_context.hpp"

namespace danchu::identity {

void register_routes(http::Router& router, WebServices& services);

}  // namespace danchu::identity
