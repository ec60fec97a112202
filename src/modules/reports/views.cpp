#include "modules/reports/views.hpp"

namespace danchu::reports {
namespace {

web::List runs_of(const docs::PreparedBlock& b) {
    web::List runs;
    for (std::size_t i = 0; i < b.runs.size(); ++i) {
        web::Data r;
        r.set("text", b.runs[i].text);
        if (b.runs[i].bold) r.set("bold", true);
        if (b.runs[i].italic) r.set("italic", true);
        if (b.footnote_numbers[i] > 0) r.set("note", std::to_string(b.footnote_numbers[i]));
        runs.push_back(r);
    }
    return runs;
}

std::string one_line(std::string s) {
    for (char& c : s)
        if (c == '\n') c = ' ';
    return s;
}

}  // namespace

web::Data preview_data(const docs::Prepared& d) {
    web::Data out;
    out.set("parent_body", one_line(d.parent_body));
    out.set("body", one_line(d.body));
    out.set("number_line", d.number_line);
    out.set("date_line", d.date_line);
    out.set("national_title", docs::kNationalTitle);
    out.set("motto", docs::kMotto);
    out.set("type_title", d.type_title);
    out.set("abstract", d.abstract_text);
    web::List recipients;
    for (const auto& r : d.recipients) recipients.push_back(web::Data("text", r));
    out.set("recipients", recipients);
    web::List blocks;
    for (const auto& b : d.blocks) {
        web::Data x;
        switch (b.kind) {
            case docs::BlockKind::Heading1:
                x.set("h1", true);
                break;
            case docs::BlockKind::Heading2:
                x.set("h2", true);
                break;
            case docs::BlockKind::Paragraph:
                x.set("para", true);
                break;
            case docs::BlockKind::Dash:
            case docs::BlockKind::Plus:
                x.set("item", true);
                break;
            case docs::BlockKind::Table: {
                x.set("table", true);
                web::List rows;
                for (std::size_t r = 1; r < b.rows.size(); ++r) {
                    web::List cells;
                    for (const auto& c : b.rows[r]) cells.push_back(web::Data("text", c));
                    rows.push_back(web::Data("cells", cells));
                }
                web::List head;
                if (!b.rows.empty())
                    for (const auto& c : b.rows[0]) head.push_back(web::Data("text", c));
                x.set("head", head);
                x.set("rows", rows);
                break;
            }
        }
        x.set("label", b.label);
        x.set("runs", runs_of(b));
        blocks.push_back(x);
    }
    out.set("blocks", blocks);
    web::List notes;
    for (std::size_t i = 0; i < d.footnotes.size(); ++i) {
        web::Data n;
        n.set("n", std::to_string(i + 1));
        n.set("text", d.footnotes[i]);
        notes.push_back(n);
    }
    out.set("footnotes", notes);
    out.set("signature_authority", d.signature_authority);
    out.set("signature_position", d.signature_position);
    out.set("signature_name", d.signature_name);
    web::List dist;
    for (const auto& item : d.distribution) dist.push_back(web::Data("text", item));
    out.set("distribution", dist);
    return out;
}

}  // namespace danchu::reports
