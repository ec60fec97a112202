#pragma once
// The reports module's embedded files: migrations, templates and i18n catalogs.

#include <span>

#include "core/embedded.hpp"

namespace danchu::reports {

[[nodiscard]] std::span<const EmbeddedFile> embedded_files();

}  // namespace danchu::reports
