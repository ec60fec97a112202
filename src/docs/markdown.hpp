#pragma once
// A Markdown rendering of a document: the same text as the DOCX and PDF, for a quick look in a
// terminal, in e-mail or in a diff (`danchu report … --format md`). Layout is not its job.

#include <string>

#include "docs/model.hpp"

namespace danchu::docs {

[[nodiscard]] std::string to_markdown(const Prepared& doc);

}  // namespace danchu::docs
