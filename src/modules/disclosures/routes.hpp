#pragma once
// The disclosures module's pages and open-data endpoints: the board, item pages with their
// history, the publishing forms, acknowledgements and rates, the quarterly register, the
// Atom feed, CSV and JSON, and the public ledger with its key. Handlers parse, call a
// command or query, and render or redirect; the audience rules live in the queries.

#include <memory>

#include "http/router.hpp"
#include "identity/web_context.hpp"
#include "modules/disclosures/api.hpp"

namespace danchu::disclosures {

struct WebServices {
    identity::WebServices& web;
    DisclosureServices domain;
};

void register_routes(http::Router& router, WebServices& services);

// Organisation navigation tab (all visitors see the public board).
void add_navigation(identity::WebServices& web);

}  // namespace danchu::disclosures
