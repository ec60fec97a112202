#!/usr/bin/env python3
"""Reads a danchu DOCX back with python-docx (Debian's python3-docx, so run /usr/bin/python3) and checks the layout of
NĐ 30/2020 Phụ lục I (R-DOC-06): A4 portrait, margins top/bottom 20-25 mm, left 30-35 mm,
right 15-20 mm, Times New Roman 13-14 for the body, the national title and motto, a header
(page number) that the first page does not show. Prints "ok" or the first problems; exit 1."""
import sys

from docx import Document
from docx.shared import Mm, Pt


def main(path):
    doc = Document(path)
    problems = []
    sec = doc.sections[0]
    if abs(sec.page_width - Mm(210)) > Mm(0.5) or abs(sec.page_height - Mm(297)) > Mm(0.5):
        problems.append("page is not A4: %s x %s mm" % (sec.page_width.mm, sec.page_height.mm))
    for name, value, lo, hi in (("top", sec.top_margin, 20, 25), ("bottom", sec.bottom_margin, 20, 25),
                                ("left", sec.left_margin, 30, 35), ("right", sec.right_margin, 15, 20)):
        if not (Mm(lo) - Mm(0.1) <= value <= Mm(hi) + Mm(0.1)):
            problems.append("%s margin %.1f mm outside %d-%d" % (name, value.mm, lo, hi))
    if not sec.different_first_page_header_footer:
        problems.append("page 1 shows the page number")
    normal = doc.styles["Normal"].font
    if normal.name != "Times New Roman":
        problems.append("Normal font is %r" % normal.name)
    if normal.size is None or not (Pt(13) <= normal.size <= Pt(14)):
        problems.append("Normal size is %s" % (normal.size.pt if normal.size else None))
    body = [p for p in doc.paragraphs if len(p.text) > 80]
    if not body:
        problems.append("no body paragraphs")
    for p in body:
        for r in p.runs:
            size = r.font.size or normal.size
            if r.text.strip() and not (Pt(13) <= size <= Pt(14)):
                problems.append("body run at %.1f pt: %r" % (size.pt, r.text[:40]))
                break
        if p.paragraph_format.alignment is not None and int(p.paragraph_format.alignment) != 3:
            problems.append("body paragraph not justified: %r" % p.text[:40])
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    for needed in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số:", "Nơi nhận:"):
        if needed not in cells:
            problems.append("header or signature lacks %r" % needed)
    if problems:
        print("\n".join(problems[:10]))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
