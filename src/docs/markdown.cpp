#include "docs/markdown.hpp"

namespace danchu::docs {
namespace {

std::string runs_md(const PreparedBlock& b) {
    std::string out;
    for (std::size_t i = 0; i < b.runs.size(); ++i) {
        const Run& r = b.runs[i];
        std::string t = r.text;
        if (r.italic && !t.empty()) t = "*" + t + "*";
        if (r.bold && !t.empty()) t = "**" + t + "**";
        out += t;
        if (b.footnote_numbers[i] > 0) out += "[^" + std::to_string(b.footnote_numbers[i]) + "]";
    }
    return out;
}

std::string cell_md(std::string s) {
    for (std::size_t p = 0; (p = s.find('|', p)) != std::string::npos; p += 2)
        s.replace(p, 1, "\\|");
    return s;
}

}  // namespace

std::string to_markdown(const Prepared& d) {
    std::string m;
    auto one_line = [](std::string s) {
        for (char& c : s)
            if (c == '\n') c = ' ';
        return s;
    };
    if (!d.parent_body.empty()) m += one_line(d.parent_body) + "  \n";
    m += "**" + one_line(d.body) + "**  \n" + d.number_line + "\n";
    if (d.is_cong_van) m += d.abstract_text + "\n";
    m += "\n**" + std::string(kNationalTitle) + "**  \n**" + kMotto + "**\n\n*" + d.date_line +
         "*\n\n";
    for (const auto* mark : {&d.secrecy, &d.urgency, &d.circulation})
        if (!mark->empty()) m += "**" + *mark + "**\n\n";
    if (!d.is_cong_van) m += "## " + d.type_title + "\n\n**" + d.abstract_text + "**\n\n";
    if (d.recipients.size() == 1) {
        m += "Kính gửi: " + d.recipients[0] + "\n\n";
    } else if (!d.recipients.empty()) {
        m += "Kính gửi:\n\n";
        for (const auto& r : d.recipients) m += r + "  \n";
        m += "\n";
    }
    for (const auto& b : d.legal_bases) m += "*" + b + "*\n\n";
    for (const auto& b : d.blocks) {
        switch (b.kind) {
            case BlockKind::Heading1:
                m += "### " + b.label + " " + runs_md(b) + "\n\n";
                break;
            case BlockKind::Heading2:
                m += "#### " + b.label + " " + runs_md(b) + "\n\n";
                break;
            case BlockKind::Paragraph:
                m += runs_md(b) + "\n\n";
                break;
            case BlockKind::Dash:
                m += "\\- " + runs_md(b) + "\n\n";
                break;
            case BlockKind::Plus:
                m += "\\+ " + runs_md(b) + "\n\n";
                break;
            case BlockKind::Table:
                for (std::size_t r = 0; r < b.rows.size(); ++r) {
                    m += "|";
                    for (const auto& c : b.rows[r]) m += " " + cell_md(c) + " |";
                    m += "\n";
                    if (r == 0) {
                        m += "|";
                        for (std::size_t c = 0; c < b.rows[0].size(); ++c) m += "---|";
                        m += "\n";
                    }
                }
                m += "\n";
                break;
        }
    }
    if (!d.signature_authority.empty()) m += "**" + d.signature_authority + "**  \n";
    m += "**" + d.signature_position + "**\n\n**" + d.signature_name + "**\n\n";
    m += "***Nơi nhận:***\n\n";
    for (const auto& item : d.distribution) m += "\\" + item + "  \n";
    if (!d.footnotes.empty()) m += "\n";
    for (std::size_t i = 0; i < d.footnotes.size(); ++i)
        m += "[^" + std::to_string(i + 1) + "]: " + d.footnotes[i] + "\n";
    return m;
}

}  // namespace danchu::docs
