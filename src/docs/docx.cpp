#include "docs/docx.hpp"

#include <zip.h>

#include <cmath>
#include <memory>
#include <vector>

namespace danchu::docs {
namespace {

int twips(double mm) { return static_cast<int>(std::lround(mm * 1440.0 / 25.4)); }

std::string esc(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

struct RunStyle {
    int half_points = 26;
    bool bold = false;
    bool italic = false;
    bool underline = false;
    const char* color = nullptr;
};

std::string run(const std::string& text, const RunStyle& st);

// Lines of a name kept as the model broke them ("\n" → a line break in the same paragraph).
std::string lines(const std::string& text, const RunStyle& st) {
    std::string out;
    std::size_t start = 0;
    for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
        out += run(text.substr(start, nl - start), st) + "<w:r><w:br/></w:r>";
    return out + run(text.substr(start), st);
}

std::string run(const std::string& text, const RunStyle& st) {
    std::string r = "<w:r><w:rPr>";
    if (st.bold) r += "<w:b/><w:bCs/>";
    if (st.italic) r += "<w:i/><w:iCs/>";
    if (st.underline) r += "<w:u w:val=\"single\"/>";
    if (st.color) r += std::string("<w:color w:val=\"") + st.color + "\"/>";
    r += "<w:sz w:val=\"" + std::to_string(st.half_points) + "\"/><w:szCs w:val=\"" +
         std::to_string(st.half_points) + "\"/></w:rPr><w:t xml:space=\"preserve\">" + esc(text) +
         "</w:t></w:r>";
    return r;
}

std::string footnote_ref(int n) {
    return "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteReference w:id=\"" +
           std::to_string(n) + "\"/></w:r>";
}

struct ParaStyle {
    const char* jc = "both";
    int first_line = 0;  // twips
    int left = 0, right = 0;
    int before = 0, after = 120;  // twentieths of a point (120 = 6 pt, R-DOC-06)
    bool keep_next = false;
};

std::string ppr(const ParaStyle& p) {
    std::string s = "<w:pPr>";
    if (p.keep_next) s += "<w:keepNext/>";
    s += "<w:spacing w:before=\"" + std::to_string(p.before) + "\" w:after=\"" +
         std::to_string(p.after) + "\" w:line=\"276\" w:lineRule=\"auto\"/>";
    if (p.first_line || p.left || p.right)
        s += "<w:ind w:left=\"" + std::to_string(p.left) + "\" w:right=\"" +
             std::to_string(p.right) + "\" w:firstLine=\"" + std::to_string(p.first_line) + "\"/>";
    s += std::string("<w:jc w:val=\"") + p.jc + "\"/></w:pPr>";
    return s;
}

std::string para(const ParaStyle& p, const std::string& runs) {
    return "<w:p>" + ppr(p) + runs + "</w:p>";
}

// A horizontal rule as an empty, one-point-high paragraph with a top border, so the text
// above keeps the full width of its column (R-DOC-06 rules under the body name, the motto
// and the abstract). `indent` on each side sets the rule's length.
std::string rule_para(int indent, int after = 0) {
    return "<w:p><w:pPr><w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"0\" "
           "w:color=\"000000\"/>"
           "</w:pBdr><w:spacing w:before=\"0\" w:after=\"" +
           std::to_string(after) + "\" w:line=\"20\" w:lineRule=\"exact\"/><w:ind w:left=\"" +
           std::to_string(indent) + "\" w:right=\"" + std::to_string(indent) +
           "\"/><w:jc w:val=\"center\"/><w:rPr><w:sz w:val=\"2\"/></w:rPr></w:pPr></w:p>";
}

ParaStyle centred(int after = 0) {
    ParaStyle p;
    p.jc = "center";
    p.after = after;
    return p;
}

std::string cell(int width, const std::string& content) {
    return "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/></w:tcPr>" +
           (content.empty() ? "<w:p/>" : content) + "</w:tc>";
}

std::string table_open(const std::vector<int>& widths, bool borders) {
    int total = 0;
    for (int w : widths) total += w;
    std::string t = "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(total) +
                    "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblLayout w:type=\"fixed\"/>";
    const char* v = borders ? "single" : "nil";
    t += "<w:tblBorders>";
    for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
        t += std::string("<w:") + side + " w:val=\"" + v +
             "\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
    t += "</w:tblBorders><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" "
         "w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>";
    for (int w : widths) t += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
    return t + "</w:tblGrid>";
}

std::string runs_xml(const PreparedBlock& b, RunStyle base) {
    std::string out;
    for (std::size_t i = 0; i < b.runs.size(); ++i) {
        RunStyle st = base;
        st.bold = st.bold || b.runs[i].bold;
        st.italic = st.italic || b.runs[i].italic;
        out += run(b.runs[i].text, st);
        if (b.footnote_numbers[i] > 0) out += footnote_ref(b.footnote_numbers[i]);
    }
    return out;
}

const int kText = twips(kPageWidthMm - kMarginLeftMm - kMarginRightMm);  // 9355
const int kIndent = 567;                                                 // 1 cm (R-DOC-06)

std::string header_block(const Prepared& d) {
    const int left = 3969, right = kText - left;  // 70 mm: the body-name column
    std::string l1, r1, l2, r2;
    if (!d.parent_body.empty()) l1 += para(centred(), lines(d.parent_body, {24}));
    l1 += para(centred(40), lines(d.body, {24, true}));
    l1 += rule_para(1330, 120);  // about 1/3 of the column under the body name
    r1 += para(centred(), run(kNationalTitle, {24, true}));
    r1 += para(centred(40), run(kMotto, {26, true}));
    r1 += rule_para(1000, 120);  // as long as the motto (R-DOC-06)

    l2 += para(centred(), run(d.number_line, {26}));
    if (d.is_cong_van) l2 += para(centred(), run(d.abstract_text, {24}));
    for (const std::string* mark : {&d.secrecy, &d.urgency})
        if (!mark->empty()) l2 += para(centred(), run(*mark, {26, true, false, false, "C00000"}));
    if (!d.circulation.empty()) l2 += para(centred(), run(d.circulation, {24, true}));
    r2 += para(centred(), run(d.date_line, {26, false, true}));

    return table_open({left, right}, false) + "<w:tr>" + cell(left, l1) + cell(right, r1) +
           "</w:tr><w:tr>" + cell(left, l2) + cell(right, r2) + "</w:tr></w:tbl>";
}

std::string signature_block(const Prepared& d) {
    const int left = 4820, right = kText - left;
    std::string l, r;
    ParaStyle lp;
    lp.jc = "left";
    lp.after = 0;
    l += para(lp, run("Nơi nhận:", {24, true, true}));
    for (const auto& item : d.distribution) l += para(lp, run(item, {22}));
    if (!d.signature_authority.empty())
        r += para(centred(), run(d.signature_authority, {26, true}));
    r += para(centred(), run(d.signature_position, {26, true}));
    for (int i = 0; i < 4; ++i) r += para(centred(), "");
    r += para(centred(), run(d.signature_name, {26, true}));
    return table_open({left, right}, false) + "<w:tr>" + cell(left, l) + cell(right, r) +
           "</w:tr></w:tbl>";
}

std::string data_table(const PreparedBlock& b) {
    if (b.rows.empty()) return {};
    std::size_t cols = 0;
    for (const auto& row : b.rows) cols = std::max(cols, row.size());
    std::vector<int> widths(cols, kText / static_cast<int>(cols));
    std::string t = table_open(widths, true);
    for (std::size_t r = 0; r < b.rows.size(); ++r) {
        // The header row repeats on each page.
        t += r == 0 ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>";
        for (std::size_t c = 0; c < cols; ++c) {
            const std::string text = c < b.rows[r].size() ? b.rows[r][c] : "";
            ParaStyle p = centred();
            if (r > 0 && c == 0) p.jc = "left";
            t += cell(widths[c], para(p, run(text, {24, r == 0})));
        }
        t += "</w:tr>";
    }
    return t + "</w:tbl>" + para(centred(), "");
}

constexpr const char* kNs =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

std::string sect_pr() {
    return "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>"
           "<w:footnotePr><w:numFmt w:val=\"decimal\"/></w:footnotePr>"
           "<w:pgSz w:w=\"" +
           std::to_string(twips(kPageWidthMm)) + "\" w:h=\"" +
           std::to_string(twips(kPageHeightMm)) + "\"/><w:pgMar w:top=\"" +
           std::to_string(twips(kMarginTopMm)) + "\" w:right=\"" +
           std::to_string(twips(kMarginRightMm)) + "\" w:bottom=\"" +
           std::to_string(twips(kMarginBottomMm)) + "\" w:left=\"" +
           std::to_string(twips(kMarginLeftMm)) +
           "\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/><w:titlePg/></w:sectPr>";
}

}  // namespace

std::string docx_document_xml(const Prepared& d) {
    std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document ";
    x += kNs;
    x += "><w:body>";
    x += header_block(d);
    if (!d.is_cong_van) {
        x += para(centred(), "");
        x += para(centred(), run(d.type_title, {28, true}));
        ParaStyle ab = centred(40);
        ab.left = ab.right = 850;
        x += para(ab, run(d.abstract_text, {28, true}));
        x += rule_para(3400, 240);  // 1/3–1/2 of the abstract line (R-DOC-06)
    } else {
        x += para(centred(), "");
    }
    if (!d.recipients.empty()) {
        if (d.recipients.size() == 1) {
            x += para(centred(120), run("Kính gửi: ", {26}) + run(d.recipients[0], {26}));
        } else {
            ParaStyle k;
            k.jc = "left";
            k.left = 2268;
            k.after = 0;
            ParaStyle head = k;
            head.left = 1134;
            x += para(head, run("Kính gửi:", {26}));
            for (const auto& r : d.recipients) x += para(k, run(r, {26}));
            x += para(centred(), "");
        }
    }
    ParaStyle body;
    body.first_line = kIndent;
    for (const auto& basis : d.legal_bases) x += para(body, run(basis, {26, false, true}));
    for (const PreparedBlock& b : d.blocks) {
        switch (b.kind) {
            case BlockKind::Heading1:
            case BlockKind::Heading2: {
                ParaStyle h = body;
                h.keep_next = true;
                x += para(h, run(b.label + " ", {26, true}) + runs_xml(b, {26, true}));
                break;
            }
            case BlockKind::Paragraph:
                x += para(body, runs_xml(b, {26}));
                break;
            case BlockKind::Dash:
            case BlockKind::Plus:
                x += para(body, run(b.label + " ", {26}) + runs_xml(b, {26}));
                break;
            case BlockKind::Table:
                x += data_table(b);
                break;
        }
    }
    x += para(centred(), "");
    x += signature_block(d);
    x += sect_pr();
    x += "</w:body></w:document>";
    return x;
}

namespace {

std::string styles_xml() {
    return std::string(
               "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles ") +
           kNs +
           "><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
           "w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
           "<w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/><w:lang "
           "w:val=\"vi-VN\"/></w:rPr></w:rPrDefault>"
           "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"276\" "
           "w:lineRule=\"auto\"/></w:pPr>"
           "</w:pPrDefault></w:docDefaults>"
           "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
           "w:val=\"Normal\"/>"
           "<w:qFormat/><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"Times New "
           "Roman\" "
           "w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
           "<w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr></w:style>"
           "<w:style w:type=\"paragraph\" w:styleId=\"FootnoteText\"><w:name w:val=\"footnote "
           "text\"/>"
           "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" "
           "w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"22\"/><w:szCs "
           "w:val=\"22\"/></w:rPr></w:style>"
           "<w:style w:type=\"character\" w:styleId=\"FootnoteReference\"><w:name w:val=\"footnote "
           "reference\"/><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style>"
           "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/>"
           "<w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:style>"
           "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name "
           "w:val=\"Normal "
           "Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" "
           "w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" "
           "w:type=\"dxa\"/>"
           "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style></w:styles>";
}

std::string footnotes_xml(const Prepared& d) {
    std::string x =
        std::string(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:footnotes ") +
        kNs +
        "><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\"/>"
        "</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"
        "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing "
        "w:after=\"0\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>";
    for (std::size_t i = 0; i < d.footnotes.size(); ++i) {
        x += "<w:footnote w:id=\"" + std::to_string(i + 1) +
             "\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/><w:jc w:val=\"both\"/></w:pPr>"
             "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r>" +
             run(" " + d.footnotes[i], {22}) + "</w:p></w:footnote>";
    }
    return x + "</w:footnotes>";
}

std::string header_xml() {
    // The page number, centred in the top margin; the first page has none (titlePg, R-DOC-06).
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr ") +
           kNs +
           "><w:p><w:pPr><w:pStyle w:val=\"Header\"/><w:jc w:val=\"center\"/></w:pPr>"
           "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText "
           "xml:space=\"preserve\"> PAGE "
           "</w:instrText></w:r><w:r><w:fldChar "
           "w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r>"
           "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>";
}

std::string settings_xml() {
    return std::string(
               "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings ") +
           kNs +
           "><w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>"
           "<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>"
           "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
           "w:uri=\"http://schemas.microsoft.com/office/word\" "
           "w:val=\"15\"/></w:compat></w:settings>";
}

constexpr const char* kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/footnotes.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>"
    "<Override PartName=\"/word/header1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>";

constexpr const char* kRootRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
    "core-properties\" "
    "Target=\"docProps/core.xml\"/></Relationships>";

constexpr const char* kDocumentRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rIdStyles\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/>"
    "<Relationship Id=\"rIdSettings\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" "
    "Target=\"settings.xml\"/>"
    "<Relationship Id=\"rIdFootnotes\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" "
    "Target=\"footnotes.xml\"/>"
    "<Relationship Id=\"rIdHeader\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" "
    "Target=\"header1.xml\"/></Relationships>";

std::string core_xml(const Prepared& d) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
           "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" +
           esc(d.type_title.empty() ? d.abstract_text : d.type_title + " " + d.abstract_text) +
           "</dc:title><dc:language>vi-VN</dc:language></cp:coreProperties>";
}

}  // namespace

Status write_docx(const Prepared& d, const std::filesystem::path& path) {
    // libzip reads the buffers only at zip_close(), so they must outlive the archive.
    const std::vector<std::pair<std::string, std::string>> parts = {
        {"[Content_Types].xml", kContentTypes},
        {"_rels/.rels", kRootRels},
        {"docProps/core.xml", core_xml(d)},
        {"word/document.xml", docx_document_xml(d)},
        {"word/styles.xml", styles_xml()},
        {"word/settings.xml", settings_xml()},
        {"word/footnotes.xml", footnotes_xml(d)},
        {"word/header1.xml", header_xml()},
        {"word/_rels/document.xml.rels", kDocumentRels},
    };
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (z == nullptr)
        return fail(ErrorCode::Internal, "docs.error.write", {},
                    "zip_open failed: " + path.string());
    for (const auto& [name, data] : parts) {
        zip_source_t* src = zip_source_buffer(z, data.data(), data.size(), 0);
        if (src == nullptr ||
            zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
            if (src) zip_source_free(src);
            zip_discard(z);
            return fail(ErrorCode::Internal, "docs.error.write", {},
                        "zip_file_add failed: " + name);
        }
    }
    if (zip_close(z) != 0) {
        std::string why = zip_strerror(z);
        zip_discard(z);
        return fail(ErrorCode::Internal, "docs.error.write", {}, "zip_close failed: " + why);
    }
    return {};
}

}  // namespace danchu::docs
