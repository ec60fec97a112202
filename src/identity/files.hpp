#pragma once
// The identity module's embedded files: migrations and templates.

#include <span>

#include "core/embedded.hpp"

namespace danchu::identity {
std::span<const EmbeddedFile> embedded_files();
}
