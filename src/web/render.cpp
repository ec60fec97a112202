#include "web/render.hpp"

#include <atomic>

namespace danchu::web {

namespace {

std::atomic<std::uint64_t> next_generation{1};

int index_of(Locale l) { return l == Locale::Vi ? 0 : 1; }

// "identity/templates/login.mustache" → "identity/login"; "templates/layout.mustache" →
// "layout". Returns empty for files that are not templates.
std::string template_name(std::string_view path) {
    constexpr std::string_view kExt = ".mustache";
    if (!path.ends_with(kExt)) return {};
    path.remove_suffix(kExt.size());
    const auto pos = path.rfind("templates/");
    if (pos == std::string_view::npos) return {};
    std::string_view dir = path.substr(0, pos);
    std::string_view base = path.substr(pos + std::string_view("templates/").size());
    // Strip a leading "src/" or "src/modules/" so names read "cases/form".
    for (std::string_view prefix : {"src/modules/", "src/"})
        if (dir.starts_with(prefix)) dir.remove_prefix(prefix.size());
    if (dir.ends_with('/')) dir.remove_suffix(1);
    return dir.empty() ? std::string(base) : std::string(dir) + "/" + std::string(base);
}

}  // namespace

Result<std::string> translate_template(const Catalog& catalog, Locale locale,
                                       std::string_view source) {
    std::string out;
    out.reserve(source.size());
    constexpr std::string_view kOpen = "{{t:";
    std::size_t pos = 0;
    while (true) {
        const auto start = source.find(kOpen, pos);
        if (start == std::string_view::npos) break;
        const auto end = source.find("}}", start);
        if (end == std::string_view::npos)
            return fail(ErrorCode::InvalidInput, "web.error.template", {}, "unclosed {{t:");
        out.append(source.substr(pos, start - pos));
        const std::string_view key =
            source.substr(start + kOpen.size(), end - start - kOpen.size());
        const std::string* text = catalog.find(locale, key);
        if (!text)
            return fail(ErrorCode::InvalidInput, "web.error.template", {},
                        "unknown message key " + std::string(key));
        out.append(kainjow::mustache::html_escape(*text));
        pos = end + 2;
    }
    out.append(source.substr(pos));
    return out;
}

Renderer::Renderer(const Catalog& catalog)
    : catalog_(catalog), generation_(next_generation.fetch_add(1)) {}

Status Renderer::add_templates(std::span<const EmbeddedFile> files) {
    std::unordered_map<std::string, std::string> staged[2];
    for (const auto& f : files) {
        std::string name = template_name(f.path);
        if (name.empty()) continue;
        for (Locale l : kLocales) {
            auto translated = translate_template(catalog_, l, f.content);
            if (!translated) {
                auto e = translated.error();
                e.detail = std::string(f.path) + ": " + e.detail;
                return e;
            }
            kainjow::mustache::mustache check{*translated};
            if (!check.is_valid())
                return fail(ErrorCode::InvalidInput, "web.error.template", {},
                            std::string(f.path) + ": " + check.error_message());
            staged[index_of(l)][name] = std::move(*translated);
        }
    }
    for (int i = 0; i < 2; ++i)
        for (auto& [k, v] : staged[i]) sources_[i][k] = std::move(v);
    generation_ = next_generation.fetch_add(1);
    return {};
}

bool Renderer::has(std::string_view name) const { return sources_[0].contains(std::string(name)); }

const kainjow::mustache::mustache* Renderer::compiled(Locale locale, std::string_view name) const {
    struct Cache {
        std::uint64_t generation = 0;
        std::unordered_map<std::string, std::unique_ptr<kainjow::mustache::mustache>> items[2];
    };
    thread_local std::unordered_map<const Renderer*, Cache> caches;
    Cache& cache = caches[this];
    if (cache.generation != generation_) {
        cache.items[0].clear();
        cache.items[1].clear();
        cache.generation = generation_;
    }
    auto& items = cache.items[index_of(locale)];
    const std::string key(name);
    if (auto it = items.find(key); it != items.end()) return it->second.get();
    const auto& sources = sources_[index_of(locale)];
    auto src = sources.find(key);
    if (src == sources.end()) return nullptr;
    auto [it, _] = items.emplace(key, std::make_unique<kainjow::mustache::mustache>(src->second));
    return it->second.get();
}

Result<std::string> Renderer::render(Locale locale, std::string_view name, const Data& data) const {
    return render_layers(locale, name, data, nullptr);
}

Result<std::string> Renderer::render_layers(Locale locale, std::string_view name, const Data& data,
                                            const Data* beneath) const {
    const auto* tmpl = compiled(locale, name);
    if (!tmpl)
        return fail(ErrorCode::Internal, "web.error.template", {},
                    "no template " + std::string(name));
    // render() is logically const; kainjow only writes its error message on failure.
    auto* mutable_tmpl = const_cast<kainjow::mustache::mustache*>(tmpl);
    // A lookup tries the most recently pushed data first.
    kainjow::mustache::context<std::string> layers;
    if (beneath != nullptr) layers.push(beneath);
    layers.push(&data);
    std::string out = mutable_tmpl->render(layers);
    if (!mutable_tmpl->is_valid())
        return fail(ErrorCode::Internal, "web.error.template", {},
                    std::string(name) + ": " + mutable_tmpl->error_message());
    return out;
}

Result<std::string> Renderer::render_page(Locale locale, std::string_view name, const Data& data,
                                          Data layout, const Data* beneath) const {
    auto content = render_layers(locale, name, data, beneath);
    if (!content) return content.error();
    layout.set("content", std::move(*content));
    return render(locale, "layout", layout);
}

}  // namespace danchu::web
