#include "app/modules.hpp"

#include "app/demo.hpp"
#include "app/serve.hpp"
#include "identity/files.hpp"
#include "web/i18n.hpp"

namespace danchu::app {

std::vector<std::span<const EmbeddedFile>> all_embedded_files() {
    return {
        web::embedded_files(),
        identity::embedded_files(),
        // Modules: one line each, in module order.
    };
}

Status wire_modules(Runtime& rt, Site& site) {
    (void)rt;
    (void)site;
    // Modules: one block each, in module order, e.g.
    //   auto services = std::make_shared<disclosures::WebServices>(...);
    //   disclosures::register_routes(site.server->router(), *services);
    //   site.web->org_nav.push_back({...});
    //   site.module_state.push_back(services);
    return {};
}

Status load_module_demos(Runtime& rt, std::vector<DemoLogin>& logins) {
    (void)rt;
    (void)logins;
    // Modules: one call each, in module order.
    return {};
}

}  // namespace danchu::app
