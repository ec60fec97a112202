#pragma once
// QR codes as SVG (libqrencode), for the paper notice posted at the office: the code links
// to the item's page, so a reader with a phone finds the current version and its history.

#include <optional>
#include <string>
#include <string_view>

namespace danchu::disclosures {

// A square SVG with a 4-module quiet zone, one <path> of dark modules; nullopt when the text
// is too long for a QR code.
[[nodiscard]] std::optional<std::string> qr_svg(std::string_view text);

}  // namespace danchu::disclosures
