#pragma once
// The disclosures module's embedded files: migrations, templates and i18n catalogs
// (`embedded_files`, for the app), and its reference data (`reference_files`: the legal item
// list, data/categories.toml), read by the domain library itself.

#include <span>

#include "core/embedded.hpp"

namespace danchu::disclosures {
std::span<const EmbeddedFile> embedded_files();
}
namespace danchu::disclosures::reference {
std::span<const EmbeddedFile> embedded_files();
}
