#include "modules/disclosures/qr.hpp"

#include <qrencode.h>

#include <memory>

namespace danchu::disclosures {

std::optional<std::string> qr_svg(std::string_view text) {
    const std::string input(text);
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!code) return std::nullopt;
    const int width = code->width;
    const int size = width + 8;
    std::string path;
    for (int y = 0; y < width; ++y) {
        for (int x = 0; x < width; ++x) {
            if (code->data[y * width + x] & 1) {
                path += "M" + std::to_string(x + 4) + " " + std::to_string(y + 4) + "h1v1h-1z";
            }
        }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(size) + " " +
           std::to_string(size) + "\" width=\"" + std::to_string(size * 4) + "\" height=\"" +
           std::to_string(size * 4) +
           "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" "
           "fill=\"#fff\"/><path fill=\"#000\" d=\"" +
           path + "\"/></svg>\n";
}

}  // namespace danchu::disclosures
