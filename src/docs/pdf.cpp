#include "docs/pdf.hpp"

#include <cairo-pdf.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "docs/docx.hpp"

namespace danchu::docs {
namespace {

constexpr double kPt = 72.0 / 25.4;  // points per millimetre
constexpr double kPageW = kPageWidthMm * kPt, kPageH = kPageHeightMm * kPt;
constexpr double kLeft = kMarginLeftMm * kPt, kRight = kPageW - kMarginRightMm * kPt;
constexpr double kTop = kMarginTopMm * kPt, kBottom = kPageH - kMarginBottomMm * kPt;
constexpr double kTextW = kRight - kLeft;
constexpr double kIndent = 10 * kPt;  // first-line indent 1 cm (R-DOC-06)
constexpr double kAfter = 6;          // paragraph spacing 6 pt (R-DOC-06)
constexpr double kFamilyRule = 0.6;   // line width of the header rules

std::string esc(const std::string& s) {
    gchar* e = g_markup_escape_text(s.c_str(), static_cast<gssize>(s.size()));
    std::string out(e);
    g_free(e);
    return out;
}

std::string span(const std::string& text, bool bold, bool italic) {
    std::string t = esc(text);
    if (italic) t = "<i>" + t + "</i>";
    if (bold) t = "<b>" + t + "</b>";
    return t;
}

std::string sup(int n) {
    return "<span rise=\"4500\" size=\"smaller\">" + std::to_string(n) + "</span>";
}

std::string runs_markup(const PreparedBlock& b, bool bold) {
    std::string out;
    for (std::size_t i = 0; i < b.runs.size(); ++i) {
        out += span(b.runs[i].text, bold || b.runs[i].bold, b.runs[i].italic);
        if (b.footnote_numbers[i] > 0) out += sup(b.footnote_numbers[i]);
    }
    return out;
}

struct LayoutDeleter {
    void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

struct Style {
    double size = kBodyPt;
    PangoAlignment align = PANGO_ALIGN_LEFT;
    bool justify = false;
    double indent = 0;
};

class Writer {
  public:
    Writer(cairo_t* cr, PangoContext* ctx, const Prepared& d) : cr_(cr), ctx_(ctx), d_(d) {}

    LayoutPtr layout(const std::string& markup, double width, const Style& st) {
        LayoutPtr l(pango_layout_new(ctx_));
        // The family string of R-DOC-06, comma included; fontconfig maps it to Liberation Serif.
        const std::string font = "Times New Roman, " + std::to_string(static_cast<int>(st.size));
        PangoFontDescription* fd = pango_font_description_from_string(font.c_str());
        if (st.size != static_cast<int>(st.size))
            pango_font_description_set_size(fd, static_cast<int>(st.size * PANGO_SCALE));
        pango_layout_set_font_description(l.get(), fd);
        pango_font_description_free(fd);
        pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(l.get(), st.align);
        pango_layout_set_justify(l.get(), st.justify);
        pango_layout_set_indent(l.get(), static_cast<int>(st.indent * PANGO_SCALE));
        pango_layout_set_markup(l.get(), markup.c_str(), -1);
        return l;
    }

    static double height(PangoLayout* l) {
        int w = 0, h = 0;
        pango_layout_get_size(l, &w, &h);
        return static_cast<double>(h) / PANGO_SCALE;
    }

    void draw(PangoLayout* l, double x, double y) {
        cairo_move_to(cr_, x, y);
        pango_cairo_show_layout(cr_, l);
    }

    void rule(double x0, double x1, double y) {
        cairo_set_line_width(cr_, kFamilyRule);
        cairo_move_to(cr_, x0, y);
        cairo_line_to(cr_, x1, y);
        cairo_stroke(cr_);
    }

    void vrule(double x, double y0, double y1) {
        cairo_set_line_width(cr_, kFamilyRule);
        cairo_move_to(cr_, x, y0);
        cairo_line_to(cr_, x, y1);
        cairo_stroke(cr_);
    }

    // Width of the ink of a single-line layout.
    static double text_width(PangoLayout* l) {
        PangoRectangle ink, logical;
        pango_layout_get_pixel_extents(l, &ink, &logical);
        return logical.width;
    }

    // A paragraph laid out line by line across pages; footnotes go to the page where the
    // paragraph starts, and their space is reserved before its first line is placed.
    void paragraph(const std::string& markup, const Style& st, double x, double width,
                   const std::vector<int>& footnotes = {}, double after = kAfter) {
        LayoutPtr l = layout(markup, width, st);
        std::vector<LayoutPtr> notes;
        double notes_h = 0;
        for (int n : footnotes) {
            notes.push_back(layout(sup(n) + " " + esc(d_.footnotes[n - 1]), kTextW,
                                   {11, PANGO_ALIGN_LEFT, true, 0}));
            notes_h += height(notes.back().get()) + 1;
        }
        PangoLayoutIter* it = pango_layout_get_iter(l.get());
        bool first = true;
        do {
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(it, nullptr, &logical);
            const double line_h = static_cast<double>(logical.height) / PANGO_SCALE;
            const double baseline =
                static_cast<double>(pango_layout_iter_get_baseline(it)) / PANGO_SCALE;
            const double line_top = static_cast<double>(logical.y) / PANGO_SCALE;
            const double extra =
                first && !notes.empty() ? notes_h + (page_notes_.empty() ? 12 : 0) : 0;
            if (y_ + line_h + extra > kBottom - reserved_) new_page();
            if (first) {
                for (auto& n : notes) page_notes_.push_back(std::move(n));
                reserved_ += extra;
            }
            PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
            cairo_move_to(cr_, x + static_cast<double>(logical.x) / PANGO_SCALE,
                          y_ + (baseline - line_top));
            pango_cairo_show_layout_line(cr_, line);
            y_ += line_h;
            first = false;
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
        y_ += after;
    }

    void ensure(double h) {
        if (y_ + h > kBottom - reserved_) new_page();
    }

    void new_page() {
        finish_page();
        cairo_show_page(cr_);
        ++page_;
        y_ = kTop;
        reserved_ = 0;
        // Page numbers from page 2, centred in the top margin (R-DOC-06).
        LayoutPtr n = layout(std::to_string(page_), kTextW, {13, PANGO_ALIGN_CENTER, false, 0});
        draw(n.get(), kLeft, kTop - height(n.get()) - 8);
    }

    void finish_page() {
        if (page_notes_.empty()) return;
        double h = 0;
        for (auto& n : page_notes_) h += height(n.get()) + 1;
        double y = kBottom - h;
        rule(kLeft, kLeft + kTextW / 3, y - 6);
        for (auto& n : page_notes_) {
            draw(n.get(), kLeft, y);
            y += height(n.get()) + 1;
        }
        page_notes_.clear();
    }

    double& y() { return y_; }
    int page() const { return page_; }

  private:
    cairo_t* cr_;
    PangoContext* ctx_;
    const Prepared& d_;
    double y_ = kTop;
    double reserved_ = 0;
    int page_ = 1;
    std::vector<LayoutPtr> page_notes_;
};

void header(Writer& w, const Prepared& d) {
    const double left_w = 70 * kPt;  // the body-name column (names wrap, as on paper)
    const double right_x = kLeft + left_w, right_w = kTextW - left_w;
    double yl = w.y(), yr = w.y();
    const Style c12{12, PANGO_ALIGN_CENTER, false, 0};
    const Style c13{13, PANGO_ALIGN_CENTER, false, 0};
    if (!d.parent_body.empty()) {
        auto l = w.layout(esc(d.parent_body), left_w - 6, c12);
        w.draw(l.get(), kLeft + 3, yl);
        yl += Writer::height(l.get());
    }
    {
        auto l = w.layout("<b>" + esc(d.body) + "</b>", left_w - 6, c12);
        w.draw(l.get(), kLeft + 3, yl);
        yl += Writer::height(l.get()) + 3;
        const double rule_w = left_w / 3;  // 1/3–1/2 of the line (R-DOC-06)
        w.rule(kLeft + (left_w - rule_w) / 2, kLeft + (left_w + rule_w) / 2, yl);
        yl += 6;
    }
    {
        auto t = w.layout(std::string("<b>") + kNationalTitle + "</b>", right_w,
                          {12, PANGO_ALIGN_CENTER, false, 0});
        w.draw(t.get(), right_x, yr);
        yr += Writer::height(t.get());
        auto m = w.layout(std::string("<b>") + kMotto + "</b>", right_w, c13);
        w.draw(m.get(), right_x, yr);
        yr += Writer::height(m.get()) + 1;
        const double mw = Writer::text_width(m.get());  // the rule is as long as the motto
        w.rule(right_x + (right_w - mw) / 2, right_x + (right_w + mw) / 2, yr);
        yr += 6;
    }
    double y = std::max(yl, yr) + 2;
    double yl2 = y;
    {
        auto n = w.layout(esc(d.number_line), left_w, c13);
        w.draw(n.get(), kLeft, yl2);
        yl2 += Writer::height(n.get());
        if (d.is_cong_van) {
            auto v = w.layout(esc(d.abstract_text), left_w, c12);
            w.draw(v.get(), kLeft, yl2 + 6);  // 6 pt below the number (R-DOC-06)
            yl2 += Writer::height(v.get()) + 6;
        }
        for (const std::string* mark : {&d.secrecy, &d.urgency, &d.circulation}) {
            if (mark->empty()) continue;
            auto k = w.layout("<span foreground=\"#C00000\"><b>" + esc(*mark) + "</b></span>",
                              left_w, c13);
            w.draw(k.get(), kLeft, yl2 + 4);
            yl2 += Writer::height(k.get()) + 4;
        }
    }
    auto dl = w.layout("<i>" + esc(d.date_line) + "</i>", right_w, c13);
    w.draw(dl.get(), right_x, y);
    w.y() = std::max(yl2, y + Writer::height(dl.get())) + 14;
}

void table(Writer& w, const PreparedBlock& b) {
    if (b.rows.empty()) return;
    std::size_t cols = 0;
    for (const auto& r : b.rows) cols = std::max(cols, r.size());
    const double cw = kTextW / static_cast<double>(cols), pad = 3;
    auto cells_of = [&](std::size_t r) {
        std::vector<LayoutPtr> cells;
        for (std::size_t c = 0; c < cols; ++c) {
            const std::string text = c < b.rows[r].size() ? b.rows[r][c] : "";
            const PangoAlignment align = r > 0 && c == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER;
            cells.push_back(
                w.layout(span(text, r == 0, false), cw - 2 * pad, {12, align, false, 0}));
        }
        return cells;
    };
    auto height_of = [&](const std::vector<LayoutPtr>& cells) {
        double h = 0;
        for (const auto& c : cells) h = std::max(h, Writer::height(c.get()));
        return h + 2 * pad;
    };
    // One row: its cells, the rules above and below, and every vertical rule.
    auto draw_row = [&](const std::vector<LayoutPtr>& cells) {
        const double h = height_of(cells), y = w.y();
        for (std::size_t c = 0; c < cols; ++c)
            w.draw(cells[c].get(), kLeft + cw * static_cast<double>(c) + pad, y + pad);
        w.rule(kLeft, kLeft + kTextW, y);
        w.rule(kLeft, kLeft + kTextW, y + h);
        for (std::size_t c = 0; c <= cols; ++c) {
            const double x = kLeft + cw * static_cast<double>(c);
            w.vrule(x, y, y + h);
        }
        w.y() += h;
    };
    const auto head = cells_of(0);
    for (std::size_t r = 0; r < b.rows.size(); ++r) {
        auto cells = cells_of(r);
        const int before = w.page();
        // The header row never stands alone at the bottom of a page.
        w.ensure(height_of(cells) + (r == 0 && b.rows.size() > 1 ? height_of(cells_of(1)) : 0));
        if (r > 0 && w.page() != before) draw_row(head);  // repeated on each page
        draw_row(cells);
    }
    w.y() += kAfter * 2;
}

void signature(Writer& w, const Prepared& d) {
    const double left_w = 85 * kPt, right_x = kLeft + left_w, right_w = kTextW - left_w;
    std::vector<LayoutPtr> left, right;
    left.push_back(w.layout("<b><i>Nơi nhận:</i></b>", left_w, {12, PANGO_ALIGN_LEFT, false, 0}));
    for (const auto& item : d.distribution)
        left.push_back(w.layout(esc(item), left_w, {11, PANGO_ALIGN_LEFT, false, 0}));
    const Style c13{13, PANGO_ALIGN_CENTER, false, 0};
    if (!d.signature_authority.empty())
        right.push_back(w.layout("<b>" + esc(d.signature_authority) + "</b>", right_w, c13));
    right.push_back(w.layout("<b>" + esc(d.signature_position) + "</b>", right_w, c13));
    double lh = 0, rh = 70;  // room for the signature and the seal (R-DOC-07)
    for (auto& l : left) lh += Writer::height(l.get());
    for (auto& r : right) rh += Writer::height(r.get());
    auto name = w.layout("<b>" + esc(d.signature_name) + "</b>", right_w, c13);
    rh += Writer::height(name.get());
    w.ensure(std::max(lh, rh));
    double yl = w.y(), yr = w.y();
    for (auto& l : left) {
        w.draw(l.get(), kLeft, yl);
        yl += Writer::height(l.get());
    }
    for (auto& r : right) {
        w.draw(r.get(), right_x, yr);
        yr += Writer::height(r.get());
    }
    w.draw(name.get(), right_x, yr + 70);
    w.y() += std::max(lh, rh);
}

}  // namespace

Result<int> write_pdf(const Prepared& d, const std::filesystem::path& path) {
    cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), kPageW, kPageH);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return fail(ErrorCode::Internal, "docs.error.write", {}, "cannot create " + path.string());
    }
    cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5);
    const std::string title =
        d.type_title.empty() ? d.abstract_text : d.type_title + " " + d.abstract_text;
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "danchu");
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 0, 0, 0);

    PangoFontMap* fm = pango_cairo_font_map_new();
    // Points are points: without this Pango assumes 96 dpi and every size grows by a third.
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fm), 72);
    PangoContext* ctx = pango_font_map_create_context(fm);
    pango_cairo_update_context(cr, ctx);
    {
        // Glyph positions are not rounded to device pixels: this is a vector document.
        cairo_font_options_t* fo = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
        pango_cairo_context_set_font_options(ctx, fo);
        cairo_font_options_destroy(fo);
    }
    int pages = 0;
    {
        Writer w(cr, ctx, d);
        header(w, d);
        const Style body{kBodyPt, PANGO_ALIGN_LEFT, true, kIndent};
        if (!d.is_cong_van) {
            auto t = w.layout("<b>" + esc(d.type_title) + "</b>", kTextW,
                              {14, PANGO_ALIGN_CENTER, false, 0});
            w.draw(t.get(), kLeft, w.y());
            w.y() += Writer::height(t.get());
            auto a = w.layout("<b>" + esc(d.abstract_text) + "</b>", kTextW * 0.8,
                              {14, PANGO_ALIGN_CENTER, false, 0});
            w.draw(a.get(), kLeft + kTextW * 0.1, w.y());
            w.y() += Writer::height(a.get()) + 4;
            const double rw = kTextW / 4;
            w.rule(kLeft + (kTextW - rw) / 2, kLeft + (kTextW + rw) / 2, w.y());
            w.y() += 14;
        }
        if (d.recipients.size() == 1) {
            w.paragraph(esc("Kính gửi: " + d.recipients[0]),
                        {kBodyPt, PANGO_ALIGN_CENTER, false, 0}, kLeft, kTextW);
        } else if (!d.recipients.empty()) {
            w.paragraph("Kính gửi:", {kBodyPt, PANGO_ALIGN_LEFT, false, 0}, kLeft + 20 * kPt,
                        kTextW - 20 * kPt, {}, 0);
            for (const auto& r : d.recipients)
                w.paragraph(esc(r), {kBodyPt, PANGO_ALIGN_LEFT, false, 0}, kLeft + 40 * kPt,
                            kTextW - 40 * kPt, {}, 0);
            w.y() += kAfter;
        }
        for (const auto& b : d.legal_bases)
            w.paragraph("<i>" + esc(b) + "</i>", body, kLeft, kTextW);
        for (const auto& b : d.blocks) {
            std::vector<int> notes;
            for (int n : b.footnote_numbers)
                if (n > 0) notes.push_back(n);
            switch (b.kind) {
                case BlockKind::Heading1:
                case BlockKind::Heading2:
                    w.ensure(3 * kBodyPt * 1.2);  // keep a heading with its first lines
                    w.paragraph("<b>" + esc(b.label) + " </b>" + runs_markup(b, true), body, kLeft,
                                kTextW, notes);
                    break;
                case BlockKind::Paragraph:
                    w.paragraph(runs_markup(b, false), body, kLeft, kTextW, notes);
                    break;
                case BlockKind::Dash:
                case BlockKind::Plus:
                    w.paragraph(esc(b.label) + " " + runs_markup(b, false), body, kLeft, kTextW,
                                notes);
                    break;
                case BlockKind::Table:
                    table(w, b);
                    break;
            }
        }
        w.y() += kAfter;
        signature(w, d);
        w.finish_page();
        pages = w.page();
    }
    g_object_unref(ctx);
    g_object_unref(fm);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (st != CAIRO_STATUS_SUCCESS)
        return fail(ErrorCode::Internal, "docs.error.write", {}, cairo_status_to_string(st));
    return pages;
}

}  // namespace danchu::docs
