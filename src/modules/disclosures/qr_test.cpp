// QR codes for the paper notice: an SVG of dark modules with a quiet zone, deterministic.

#include "modules/disclosures/qr.hpp"

#include <gtest/gtest.h>

namespace danchu::disclosures {
namespace {

TEST(QrCode, LinkBecomesASquareSvgOfModules) {
    auto svg = qr_svg("http://127.0.0.1:8080/o/xa-phu-hoa/disclosures/12");
    ASSERT_TRUE(svg);
    EXPECT_TRUE(svg->starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "));
    // 49 bytes at level M need version 4: 33 modules plus 8 of quiet zone.
    EXPECT_NE(svg->find("viewBox=\"0 0 41 41\""), std::string::npos);
    // The top-left finder pattern's corner module is dark.
    EXPECT_NE(svg->find("M4 4h1v1h-1z"), std::string::npos);
    EXPECT_EQ(*svg, *qr_svg("http://127.0.0.1:8080/o/xa-phu-hoa/disclosures/12"));
    EXPECT_NE(*svg, *qr_svg("http://127.0.0.1:8080/o/xa-phu-hoa/disclosures/13"));
}

TEST(QrCode, TooLongTextHasNoCode) { EXPECT_FALSE(qr_svg(std::string(8000, 'a'))); }

}  // namespace
}  // namespace danchu::disclosures
