#pragma once
// The cases module's embedded files: migrations, templates and i18n catalogs.

#include <span>

#include "core/embedded.hpp"

namespace danchu::cases {
std::span<const EmbeddedFile> embedded_files();
}
