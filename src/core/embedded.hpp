#pragma once
// A file compiled into the binary by cmake/Embed.cmake (reference data, templates,
// migrations), so the binary runs from any working directory. Each embedding target
// defines `std::span<const EmbeddedFile> <namespace>::embedded_files()`, sorted by path.

#include <span>
#include <string_view>

namespace danchu {

struct EmbeddedFile {
    std::string_view path;  // relative to the BASE given to danchu_embed_files
    std::string_view content;
};

}  // namespace danchu
