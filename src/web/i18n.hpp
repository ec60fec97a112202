#pragma once
// Interface language. Vietnamese is the default; English is the second language. The
// message catalogs are TOML files (data/i18n/vi.toml, en.toml) compiled into the binary:
// one table per module, one key per message, so a key reads "identity.login_title".
//
// Why not gettext: our messages are addressed by stable keys shared with code and tests,
// both catalogs must carry exactly the same keys (a test checks it), and templates are
// translated once at start-up (see render.hpp), so a runtime lookup library buys nothing.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/embedded.hpp"
#include "core/result.hpp"

namespace danchu::web {

enum class Locale { Vi, En };
inline constexpr Locale kLocales[] = {Locale::Vi, Locale::En};

[[nodiscard]] std::string_view code(Locale locale);  // "vi", "en"
[[nodiscard]] std::optional<Locale> parse_locale(std::string_view code);

// Chooses the interface language: the person's saved preference, then `?lang=`, then the
// first supported language in Accept-Language (q-values honoured), then Vietnamese.
[[nodiscard]] Locale negotiate(std::optional<Locale> preference, std::string_view query_lang,
                               std::string_view accept_language);

class Catalog final {
  public:
    // Loads every `i18n/vi.toml` and `i18n/en.toml` in `files` (the shared catalogs in
    // data/i18n/ and each module's own `i18n/` folder) and merges them. Fails when there is
    // no catalog, a file is not valid TOML or holds a non-string value, a key is defined
    // twice, or the Vietnamese and English catalogs differ in keys.
    [[nodiscard]] static Result<Catalog> load(std::span<const EmbeddedFile> files);
    [[nodiscard]] static Result<Catalog> load_all(
        const std::vector<std::span<const EmbeddedFile>>& file_sets);

    // The message, or nullptr when the key is unknown.
    [[nodiscard]] const std::string* find(Locale locale, std::string_view key) const;
    // The message, or the key itself so a missing message is visible but harmless.
    [[nodiscard]] const std::string& text(Locale locale, std::string_view key) const;
    // The message with `{name}` placeholders replaced by `args` (plain text, unescaped).
    [[nodiscard]] std::string format(Locale locale, std::string_view key,
                                     const std::map<std::string, std::string>& args) const;

    [[nodiscard]] std::size_t size() const { return vi_.size(); }
    [[nodiscard]] const std::unordered_map<std::string, std::string>& messages(Locale l) const {
        return l == Locale::Vi ? vi_ : en_;
    }

  private:
    std::unordered_map<std::string, std::string> vi_;
    std::unordered_map<std::string, std::string> en_;
};

// The web layer's own embedded files (data/i18n/*.toml, templates/*.mustache).
std::span<const EmbeddedFile> embedded_files();

}  // namespace danchu::web
