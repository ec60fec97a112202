#pragma once
// Domain → template data for the report page: the report as HTML-ready blocks (the browser
// preview of the same model the DOCX and PDF writers render).

#include "docs/model.hpp"
#include "web/render.hpp"

namespace danchu::reports {

[[nodiscard]] web::Data preview_data(const docs::Prepared& doc);

}  // namespace danchu::reports
