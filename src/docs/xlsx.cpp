#include "docs/xlsx.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>

namespace danchu::docs {

std::optional<CellNumber> parse_cell_number(const std::string& raw) {
    std::string s = raw;
    CellNumber out;
    const std::string dong = " đồng";
    if (s.size() > dong.size() && s.compare(s.size() - dong.size(), dong.size(), dong) == 0) {
        s.resize(s.size() - dong.size());
        out.is_money = true;
    }
    if (!s.empty() && s.back() == '%') {
        s.pop_back();
        out.is_percent = true;
    }
    if (s.empty()) return std::nullopt;
    // Digits in groups of three separated by "." (R-FMT-01), optionally "," and decimals.
    std::string digits;
    bool seen_comma = false;
    std::size_t group = 0, groups = 0;
    bool negative = false;
    std::size_t i = 0;
    if (s[0] == '-') {
        negative = true;
        i = 1;
    }
    if (i >= s.size()) return std::nullopt;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            digits += c;
            ++group;
        } else if (c == '.' && !seen_comma) {
            if (group == 0 || (groups > 0 && group != 3) || (groups == 0 && group > 3))
                return std::nullopt;
            ++groups;
            group = 0;
        } else if (c == ',' && !seen_comma) {
            if (group == 0 || (groups > 0 && group != 3)) return std::nullopt;
            seen_comma = true;
            digits += '.';
            group = 0;
        } else {
            return std::nullopt;
        }
    }
    if (group == 0 || (groups > 0 && !seen_comma && group != 3)) return std::nullopt;
    if (!seen_comma && groups > 0 && group != 3) return std::nullopt;
    out.value = std::stod(digits) * (negative ? -1 : 1);
    if (out.is_percent) out.value /= 100.0;
    return out;
}

namespace {

// Sheet names: at most 31 characters (bytes here, to stay safe), none of []:*?/\.
std::string sheet_name(int n) { return "Bang " + std::to_string(n); }

}  // namespace

Result<int> write_xlsx(const Prepared& doc, const std::filesystem::path& path) {
    lxw_workbook* wb = workbook_new(path.c_str());
    if (wb == nullptr)
        return fail(ErrorCode::Internal, "docs.error.write", {}, "cannot create " + path.string());
    auto font = [&](lxw_format* f) {
        format_set_font_name(f, "Times New Roman");
        format_set_font_size(f, 12);
        return f;
    };
    lxw_format* text = font(workbook_add_format(wb));
    format_set_text_wrap(text);
    format_set_border(text, LXW_BORDER_THIN);
    lxw_format* head = font(workbook_add_format(wb));
    format_set_bold(head);
    format_set_text_wrap(head);
    format_set_align(head, LXW_ALIGN_CENTER);
    format_set_border(head, LXW_BORDER_THIN);
    lxw_format* title = font(workbook_add_format(wb));
    format_set_bold(title);
    lxw_format* integer = font(workbook_add_format(wb));
    format_set_num_format(integer, "#,##0");
    format_set_border(integer, LXW_BORDER_THIN);
    lxw_format* decimal = font(workbook_add_format(wb));
    format_set_num_format(decimal, "#,##0.##");
    format_set_border(decimal, LXW_BORDER_THIN);
    lxw_format* percent = font(workbook_add_format(wb));
    format_set_num_format(percent, "0.##%");
    format_set_border(percent, LXW_BORDER_THIN);

    int sheets = 0;
    std::string heading;  // the nearest heading above a table names it
    for (const auto& b : doc.blocks) {
        if (b.kind == BlockKind::Heading1 || b.kind == BlockKind::Heading2) {
            heading = b.label;
            for (const auto& r : b.runs) heading += " " + r.text;
            continue;
        }
        if (b.kind != BlockKind::Table || b.rows.empty()) continue;
        lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name(++sheets).c_str());
        worksheet_write_string(ws, 0, 0, heading.c_str(), title);
        std::size_t cols = 0;
        for (const auto& row : b.rows) cols = std::max(cols, row.size());
        for (std::size_t c = 0; c < cols; ++c)
            worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                 c == 0 ? 45 : 20, nullptr);
        for (std::size_t r = 0; r < b.rows.size(); ++r) {
            const auto row = static_cast<lxw_row_t>(r + 2);
            for (std::size_t c = 0; c < b.rows[r].size(); ++c) {
                const auto col = static_cast<lxw_col_t>(c);
                const std::string& cell = b.rows[r][c];
                if (r == 0) {
                    worksheet_write_string(ws, row, col, cell.c_str(), head);
                } else if (auto n = parse_cell_number(cell)) {
                    lxw_format* f = n->is_percent                      ? percent
                                    : std::floor(n->value) == n->value ? integer
                                                                       : decimal;
                    worksheet_write_number(ws, row, col, n->value, f);
                } else {
                    worksheet_write_string(ws, row, col, cell.c_str(), text);
                }
            }
        }
    }
    if (sheets == 0) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, "Bang 1");
        worksheet_write_string(ws, 0, 0, "Văn bản không có bảng số liệu.", text);
    }
    const lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR)
        return fail(ErrorCode::Internal, "docs.error.write", {},
                    std::string("xlsx: ") + lxw_strerror(err));
    return sheets;
}

}  // namespace danchu::docs
