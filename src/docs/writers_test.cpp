// The writers against golden files (tests/golden/docs/) and the tools officers' machines use
// to read them: the DOCX's document.xml, the PDF's extracted text, pdffonts (Liberation Serif
// only, embedded), and python3-docx (A4, margins, Times New Roman 13). Set
// DANCHU_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change, then review
// the diff.
#include <gtest/gtest.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "docs/docx.hpp"
#include "docs/markdown.hpp"
#include "docs/pdf.hpp"
#include "docs/sample.hpp"
#include "docs/xlsx.hpp"

namespace danchu::docs {
namespace {

namespace fs = std::filesystem;

const vn::AbbreviationTable& table() {
    static const vn::AbbreviationTable t = vn::AbbreviationTable::load().value();
    return t;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// One element per line, so a golden diff points at the paragraph that changed.
std::string normalise_xml(std::string x) {
    std::string out;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (x.compare(i, 4, "<w:p") == 0 && (x[i + 4] == '>' || x[i + 4] == ' ')) out += '\n';
        if (x.compare(i, 6, "<w:tbl") == 0 && x[i + 6] == '>') out += '\n';
        if (x.compare(i, 6, "<w:tr>") == 0 || x.compare(i, 8, "<w:sectP") == 0) out += '\n';
        out += x[i];
    }
    return out + "\n";
}

void expect_golden(const std::string& name, const std::string& actual) {
    const fs::path path = fs::path("tests/golden/docs") / name;
    if (std::getenv("DANCHU_UPDATE_GOLDEN")) {
        std::ofstream(path, std::ios::binary) << actual;
        return;
    }
    ASSERT_TRUE(fs::exists(path)) << path << " missing; run with DANCHU_UPDATE_GOLDEN=1";
    EXPECT_EQ(slurp(path), actual) << "differs from " << path;
}

std::string run(const std::string& cmd, int* status = nullptr) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    const int st = pclose(p);
    if (status) *status = st;
    return out;
}

std::string zip_entry(const fs::path& file, const char* name) {
    int err = 0;
    zip_t* z = zip_open(file.c_str(), ZIP_RDONLY, &err);
    if (!z) return {};
    std::string out;
    zip_stat_t st;
    if (zip_stat(z, name, 0, &st) == 0) {
        zip_file_t* f = zip_fopen(z, name, 0);
        out.resize(st.size);
        zip_fread(f, out.data(), st.size);
        zip_fclose(f);
    }
    zip_close(z);
    return out;
}

class Writers : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("danchu-docs-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
        auto p = prepare(sample_document(), table());
        ASSERT_TRUE(p);
        doc_ = *p;
    }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path dir_;
    Prepared doc_;
};

// DANCHU_DOCS_OUT=DIR keeps sample.pdf and sample.docx there, to look at (pdftoppm -png).
TEST_F(Writers, KeepsSamplesWhenAsked) {
    const char* out = std::getenv("DANCHU_DOCS_OUT");
    if (!out) GTEST_SKIP() << "set DANCHU_DOCS_OUT to keep the sample files";
    ASSERT_TRUE(write_pdf(doc_, fs::path(out) / "sample.pdf"));
    ASSERT_TRUE(write_docx(doc_, fs::path(out) / "sample.docx"));
}

TEST_F(Writers, DocumentXmlMatchesGolden) {
    expect_golden("sample_document.xml", normalise_xml(docx_document_xml(doc_)));
}

TEST_F(Writers, DocxPackageHasEveryPart) {
    const fs::path f = dir_ / "sample.docx";
    ASSERT_TRUE(write_docx(doc_, f));
    EXPECT_EQ(zip_entry(f, "word/document.xml"), docx_document_xml(doc_));
    for (const char* part :
         {"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/styles.xml",
          "word/settings.xml", "word/footnotes.xml", "word/header1.xml"})
        EXPECT_FALSE(zip_entry(f, part).empty()) << part;
    EXPECT_NE(zip_entry(f, "word/footnotes.xml").find("4 biên chế công chức"), std::string::npos);
    EXPECT_NE(zip_entry(f, "word/header1.xml").find(" PAGE "), std::string::npos);
}

TEST_F(Writers, MarkdownMatchesGolden) { expect_golden("sample.md", to_markdown(doc_)); }

TEST_F(Writers, PdfTextMatchesGolden) {
    const fs::path f = dir_ / "sample.pdf";
    auto pages = write_pdf(doc_, f);
    ASSERT_TRUE(pages);
    EXPECT_GE(*pages, 2);
    int st = 0;
    const std::string text = run("pdftotext -enc UTF-8 " + f.string() + " -", &st);
    ASSERT_EQ(st, 0) << "pdftotext (poppler-utils) failed";
    expect_golden("sample_pdf.txt", text);
    EXPECT_NE(text.find("Trà Vinh, ngày 04 tháng 11 năm 2021"), std::string::npos);  // R-DOC-05
}

TEST_F(Writers, PageNumbersFromPageTwoCentredAtTop_R_DOC_06) {
    const fs::path f = dir_ / "sample.pdf";
    ASSERT_TRUE(write_pdf(doc_, f));
    const std::string p1 = run("pdftotext -enc UTF-8 -f 1 -l 1 -layout " + f.string() + " -");
    const std::string p2 = run("pdftotext -enc UTF-8 -f 2 -l 2 -layout " + f.string() + " -");
    // Page 1 starts with the header, page 2 with its number alone on the first line.
    EXPECT_NE(p1.substr(0, p1.find('\n')).find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
              std::string::npos);
    const std::string first = p2.substr(0, p2.find('\n'));
    EXPECT_EQ(first.substr(first.find_first_not_of(' ')), "2");
    EXPECT_GT(first.find_first_not_of(' '), 30u);  // centred, not at the margin
}

TEST_F(Writers, PdfEmbedsOnlyLiberationSerif_R_DOC_06) {
    const fs::path f = dir_ / "sample.pdf";
    ASSERT_TRUE(write_pdf(doc_, f));
    int st = 0;
    const std::string fonts = run("pdffonts " + f.string(), &st);
    ASSERT_EQ(st, 0);
    std::istringstream lines(fonts);
    std::string line;
    int n = 0;
    std::getline(lines, line);
    std::getline(lines, line);
    bool bold = false, italic = false;
    while (std::getline(lines, line)) {
        ++n;
        EXPECT_NE(line.find("LiberationSerif"), std::string::npos) << line;
        EXPECT_NE(line.find(" yes yes "), std::string::npos)
            << "not embedded as a subset: " << line;
        bold = bold || line.find("LiberationSerif-Bold") != std::string::npos;
        italic = italic || line.find("Italic") != std::string::npos;
    }
    EXPECT_GE(n, 3);
    EXPECT_TRUE(bold);
    EXPECT_TRUE(italic);
    const std::string info = run("pdfinfo " + f.string());
    EXPECT_NE(info.find("595.276 x 841.89 pts (A4)"), std::string::npos) << info;
}

TEST_F(Writers, PythonDocxReadsA4MarginsAndTimesNewRoman13_R_DOC_06) {
    const fs::path f = dir_ / "sample.docx";
    ASSERT_TRUE(write_docx(doc_, f));
    int st = 0;
    const std::string out =
        run("/usr/bin/python3 tests/golden/check_docx.py " + f.string() + " 2>&1", &st);
    EXPECT_EQ(st, 0) << out;
    EXPECT_NE(out.find("ok"), std::string::npos) << out;
}

TEST(Xlsx, CellNumbersReadTheVietnameseWay_R_FMT_01) {
    EXPECT_EQ(parse_cell_number("1.710.000 đồng")->value, 1710000);
    EXPECT_TRUE(parse_cell_number("1.710.000 đồng")->is_money);
    EXPECT_EQ(parse_cell_number("43")->value, 43);
    EXPECT_DOUBLE_EQ(parse_cell_number("12,5%")->value, 0.125);
    EXPECT_DOUBLE_EQ(parse_cell_number("1.234.567,89")->value, 1234567.89);
    EXPECT_FALSE(parse_cell_number("04/11/2021"));
    EXPECT_FALSE(parse_cell_number("30/KH-STTTT"));
    EXPECT_FALSE(parse_cell_number("1.71"));  // not a group of three
    EXPECT_FALSE(parse_cell_number("Công đoàn cơ sở"));
    EXPECT_FALSE(parse_cell_number(""));
}

TEST_F(Writers, XlsxStoresValuesNotText) {
    const fs::path f = dir_ / "sample.xlsx";
    auto sheets = write_xlsx(doc_, f);
    ASSERT_TRUE(sheets);
    EXPECT_EQ(*sheets, 1);
    const std::string sheet = zip_entry(f, "xl/worksheets/sheet1.xml");
    EXPECT_NE(sheet.find("<v>43</v>"), std::string::npos) << sheet;
    EXPECT_NE(sheet.find("<v>11652622</v>"), std::string::npos);
    EXPECT_NE(sheet.find("<v>0.125</v>"), std::string::npos);
    EXPECT_EQ(sheet.find("<f>"), std::string::npos);  // no formulas
    EXPECT_NE(zip_entry(f, "xl/sharedStrings.xml").find("Công đoàn cơ sở"), std::string::npos);
}

// Officers finish documents in LibreOffice or Word: the DOCX must open and convert cleanly
// (libreoffice-writer-nogui, installed by scripts/install-deps --test).
TEST_F(Writers, LibreOfficeConvertsTheDocxToPdf) {
    const fs::path f = dir_ / "sample.docx";
    ASSERT_TRUE(write_docx(doc_, f));
    const fs::path profile = dir_ / "lo-profile";
    int st = 0;
    const std::string out = run("soffice -env:UserInstallation=file://" + profile.string() +
                                    " --headless --convert-to pdf --outdir " + dir_.string() + " " +
                                    f.string() + " 2>&1",
                                &st);
    ASSERT_EQ(st, 0) << out;
    const fs::path pdf = dir_ / "sample.pdf";
    ASSERT_TRUE(fs::exists(pdf)) << out;
    const std::string info = run("pdfinfo " + pdf.string());
    EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
    const std::string text = run("pdftotext -enc UTF-8 " + pdf.string() + " -");
    EXPECT_NE(text.find("Trà Vinh, ngày 04 tháng 11 năm 2021"), std::string::npos);
    EXPECT_NE(text.find("KT. GIÁM ĐỐC"), std::string::npos);
    EXPECT_NE(text.find("4 biên chế công chức"), std::string::npos);  // the footnote survived
}

}  // namespace
}  // namespace danchu::docs
