#pragma once
// Server-side HTML from mustache templates (kainjow), HTML-escaped by default.
//
// Templates are registered by name ("identity/login" for identity/templates/login.mustache)
// and translated once at registration: `{{t:identity.login_title}}` is replaced by the
// HTML-escaped message of each locale, so rendering does no catalog lookups and a
// missing key fails start-up instead of showing up on a page. Compiled templates are
// kept per thread, because a kainjow template object is not safe to render from two
// threads at once and parsing on every request would waste the hot path.

#include <kainjow/mustache.hpp>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/embedded.hpp"
#include "core/result.hpp"
#include "web/i18n.hpp"

namespace danchu::web {

using Data = kainjow::mustache::data;
using List = kainjow::mustache::list;

class Renderer final {
  public:
    explicit Renderer(const Catalog& catalog);

    // Registers every `<dir>/templates/<name>.mustache` in `files` as "<dir>/<name>"
    // ("templates/layout.mustache" becomes "layout"). Fails on a template that does not
    // parse or that names an unknown message key; nothing is registered then.
    [[nodiscard]] Status add_templates(std::span<const EmbeddedFile> files);

    // Renders one registered template. InvalidInput names the template on failure.
    [[nodiscard]] Result<std::string> render(Locale locale, std::string_view name,
                                             const Data& data) const;

    // Renders `name` and then the "layout" template around it, the page HTML available to
    // the layout as {{{content}}}. `layout` holds the title, navigation and account data.
    // `beneath`, if given, answers the names `data` lacks (the CSRF token every form needs),
    // so a caller's data is never copied to add a value.
    [[nodiscard]] Result<std::string> render_page(Locale locale, std::string_view name,
                                                  const Data& data, Data layout,
                                                  const Data* beneath = nullptr) const;

    [[nodiscard]] bool has(std::string_view name) const;
    [[nodiscard]] const Catalog& catalog() const { return catalog_; }

  private:
    const kainjow::mustache::mustache* compiled(Locale locale, std::string_view name) const;
    Result<std::string> render_layers(Locale locale, std::string_view name, const Data& data,
                                      const Data* beneath) const;

    const Catalog& catalog_;
    // Translated template sources, one per locale.
    std::unordered_map<std::string, std::string> sources_[2];
    std::uint64_t generation_;
};

// `{{t:key}}` markers in `source` replaced by the escaped message in `locale`. Fails with
// the unknown key in `detail`.
[[nodiscard]] Result<std::string> translate_template(const Catalog& catalog, Locale locale,
                                                     std::string_view source);

}  // namespace danchu::web
