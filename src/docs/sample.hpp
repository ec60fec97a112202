#pragma once
// A fixed document shaped like the seed report (two-column header, Roman and Arabic headings,
// "-" and "+" items, a table, footnotes, KT. signature, "Nơi nhận"), used by the golden tests
// and the benchmark. Its content is fictional apart from the legal instruments it cites.

#include "docs/model.hpp"

namespace danchu::docs {

[[nodiscard]] inline Document sample_document() {
    using namespace std::chrono;
    Document d;
    d.type_name = "Báo cáo";
    d.parent_body = "Ủy ban nhân dân tỉnh Trà Vinh";
    d.body = "Sở Thông tin và Truyền thông";
    d.body_abbreviation = "STTTT";
    d.unit_abbreviation = "VP";
    d.number = 5;
    d.place = "Trà Vinh";
    d.date = year{2021} / November / day{4};
    d.abstract_text = "Kết quả thực hiện dân chủ ở cơ sở năm 2021 và nhiệm vụ trọng tâm năm 2022";
    d.recipients = {"Sở Nội vụ tỉnh Trà Vinh"};
    d.legal_bases = {
        "Căn cứ Nghị định số 04/2015/NĐ-CP ngày 09/01/2015 của Chính phủ về thực hiện dân chủ "
        "trong hoạt động của cơ quan hành chính nhà nước và đơn vị sự nghiệp công lập",
        "Căn cứ Công văn số 1753/SNV-XDCQCCTN ngày 04/11/2021 của Sở Nội vụ"};
    auto para = [](std::string t) { return Block{BlockKind::Paragraph, {{std::move(t)}}, {}}; };
    auto dash = [](std::string t) { return Block{BlockKind::Dash, {{std::move(t)}}, {}}; };
    auto plus = [](std::string t) { return Block{BlockKind::Plus, {{std::move(t)}}, {}}; };
    auto h1 = [](std::string t) { return Block{BlockKind::Heading1, {{std::move(t)}}, {}}; };
    auto h2 = [](std::string t) { return Block{BlockKind::Heading2, {{std::move(t)}}, {}}; };
    d.blocks.push_back(
        para("Sở Thông tin và Truyền thông báo cáo kết quả thực hiện dân chủ ở cơ sở năm 2021, "
             "như sau:"));
    d.blocks.push_back(h1("Công tác chỉ đạo, triển khai"));
    d.blocks.push_back(h2("Công tác lãnh đạo, chỉ đạo của cấp ủy, chính quyền"));
    Block planned{BlockKind::Dash, {}, {}};
    planned.runs.push_back(
        {"Trong năm 2021, Đảng ủy, Ban Giám đốc Sở đã kịp thời ban hành các kế hoạch"});
    planned.runs.back().footnote =
        "Kế hoạch số 30/KH-STTTT-VP ngày 07/4/2021 về công tác dân vận chính quyền năm 2021; Kế "
        "hoạch số "
        "12/KH-STTTT-VP ngày 04/02/2021 về việc kiểm tra công vụ năm 2021.";
    planned.runs.push_back(
        {" nhằm tổ chức, triển khai thực hiện có hiệu quả công tác dân vận, quy chế dân chủ ở "
         "cơ sở và phong trào thi đua "});
    planned.runs.push_back({"“Dân vận khéo”", false, true, ""});
    planned.runs.push_back({"."});
    d.blocks.push_back(planned);
    d.blocks.push_back(dash("Về tuyên truyền công tác phòng, chống dịch Covid-19:"));
    d.blocks.push_back(
        plus("Sở đã ban hành Kế hoạch phòng, chống dịch Covid-19 và các phương án xử trí khi có "
             "trường hợp mắc Covid-19 tại cơ quan."));
    d.blocks.push_back(
        plus("Tại trụ sở cơ quan có tạo mã QR Code, trang bị nước rửa tay khô cho công chức, viên "
             "chức, người lao động và người dân đến liên hệ công tác."));
    d.blocks.push_back(h2("Hoạt động của Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở"));
    d.blocks.push_back(
        dash("Ban Chỉ đạo gồm 10 đồng chí, đồng chí Bí thư Đảng ủy làm Trưởng ban."));
    d.blocks.push_back(h1("Kết quả thực hiện dân chủ ở cơ sở"));
    d.blocks.push_back(
        para("Công chức, viên chức và người lao động được biết, được bàn, được kiểm tra, giám sát, "
             "được tham gia ý kiến đóng góp các hoạt động của cơ quan. Thông qua hội nghị công "
             "chức, viên chức hằng năm, cơ quan công khai các khoản thu chi tài chính, kiểm điểm "
             "công tác trong năm và lấy ý kiến về quy chế chi tiêu nội bộ."));
    Block t{BlockKind::Table, {}, {}};
    t.rows = {{"Nội dung", "Số lượng", "Ghi chú"},
              {"Công chức, viên chức, người lao động", "43", ""},
              {"Ủng hộ quỹ phòng, chống thiên tai", "11.652.622 đồng", "Công đoàn cơ sở"},
              {"Tỷ lệ tinh giản biên chế", "12,5%", "Trước lộ trình"}};
    d.blocks.push_back(t);
    for (int i = 0; i < 6; ++i)
        d.blocks.push_back(dash(
            "Những nội dung công chức, viên chức và người lao động được bàn, quyết định, được "
            "tham gia ý kiến và giám sát thường xuyên: nội quy, quy chế hoạt động cơ quan; quy "
            "chế chi tiêu nội bộ; kế hoạch hoạt động hằng năm của đơn vị; các chế độ, quyền lợi "
            "của công chức, viên chức theo quy định."));
    Block reform{BlockKind::Dash, {}, {}};
    reform.runs.push_back({"Hoàn thành việc tinh giản biên chế trước lộ trình"});
    reform.runs.back().footnote = "4 biên chế công chức, 4 biên chế viên chức.";
    reform.runs.push_back({", đạt tỷ lệ 12,5%."});
    d.blocks.push_back(reform);
    d.blocks.push_back(h1("Đánh giá chung"));
    d.blocks.push_back(
        dash("Công tác dân vận, quy chế dân chủ ở cơ sở của cơ quan có chuyển biến tích cực."));
    d.blocks.push_back(h1("Nhiệm vụ trọng tâm năm 2022"));
    d.blocks.push_back(
        para("Tiếp tục thực hiện tốt công tác công khai, dân chủ, minh bạch trong các hoạt động "
             "của cơ quan, đơn vị."));
    d.blocks.push_back(h1("Kiến nghị, đề xuất"));
    d.blocks.push_back(para("Không có."));
    d.signature = {Authority::KT, "Giám đốc", "Phó Giám đốc", "Trần Thị Mẫu"};
    d.distribution = {"Như trên", "Ban Giám đốc Sở", "Trang TTĐT Sở"};
    d.archive = {"VP"};
    return d;
}

}  // namespace danchu::docs
