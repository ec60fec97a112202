#include "modules/reports/demo.hpp"

namespace danchu::reports {

Status load_demo(identity::IdentityServices& ids, const Clock& clock) {
    auto org = identity::find_organisation(ids, "so-tttt-tra-vinh");
    if (!org) return {};  // another demo set: nothing to add
    auto table = vn::AbbreviationTable::load();
    if (!table) return table.error();
    ReportServices rs{ids, clock, *table, {}};
    const std::map<std::string, std::string> text = {
        {"kinh_gui", "Sở Nội vụ tỉnh Trà Vinh"},
        {"mo_dau",
         "Thực hiện Công văn của Sở Nội vụ về việc báo cáo kết quả xây dựng, thực hiện Quy chế dân "
         "chủ ở cơ sở "
         "năm 2021, Sở Thông tin và Truyền thông báo cáo kết quả thực hiện Quy chế dân chủ ở cơ sở "
         "năm 2021, như "
         "sau:"},
        {"chi_dao",
         "- Thông qua hệ thống văn phòng điện tử, Đảng ủy, Ban Giám đốc triển khai, quán triệt đến "
         "đảng viên, công "
         "chức, viên chức trong cơ quan Chỉ thị số 30-CT/TW của Bộ Chính trị “về xây dựng và thực "
         "hiện Quy chế dân "
         "chủ ở cơ sở” và Nghị định số 04/2015/NĐ-CP ngày 09/01/2015 của Chính phủ.\n"
         "- Trên cơ sở các chương trình, kế hoạch của Tỉnh ủy, Ủy ban nhân dân tỉnh, Đảng ủy, Ban "
         "Giám đốc Sở đã "
         "kịp thời ban hành các kế hoạch nhằm tổ chức, triển khai thực hiện có hiệu quả công tác "
         "dân vận, Quy chế "
         "dân chủ ở cơ sở và Phong trào thi đua “Dân vận khéo”."},
        {"mat_tran",
         "Các đoàn thể trong cơ quan kịp thời triển khai các văn bản của Đảng, Nhà nước và của "
         "đoàn thể cấp trên "
         "đến công chức, viên chức và người lao động trong cơ quan."},
        {"ban_chi_dao",
         "- Hằng năm, Ban Chỉ đạo tham mưu ban hành các kế hoạch triển khai thực hiện Quy chế dân "
         "chủ ở cơ sở và "
         "Phong trào thi đua “Dân vận khéo”; định kỳ sơ kết, tổng kết kết quả thực hiện."},
        {"ket_qua",
         "- Công chức, viên chức và người lao động được biết, được bàn, được kiểm tra, giám sát, "
         "được tham gia ý "
         "kiến đóng góp các hoạt động của cơ quan.\n"
         "- Thông qua hội nghị công chức, viên chức hằng năm, công khai các khoản thu chi tài "
         "chính; kiểm điểm "
         "công tác trong năm; lấy ý kiến về sửa đổi, bổ sung quy chế chi tiêu nội bộ."},
        {"danh_gia",
         "- Công tác dân vận, Quy chế dân chủ ở cơ sở và Phong trào thi đua “Dân vận khéo” của cơ "
         "quan có chuyển "
         "biến tích cực; công chức, viên chức và người lao động tích cực hưởng ứng các phong trào "
         "thi đua."},
        {"nhiem_vu",
         "- Tiếp tục thực hiện tốt công tác công khai, dân chủ, minh bạch trong các hoạt động của "
         "cơ quan; tiếp "
         "nhận và giải quyết đơn thư, khiếu nại, tố cáo của công dân theo quy định; lãnh đạo Sở "
         "tiếp công dân theo "
         "lịch.\n"
         "- Tổ chức tổng kết công tác dân vận, Quy chế dân chủ ở cơ sở và Phong trào thi đua “Dân "
         "vận khéo” năm "
         "2021."},
        {"kien_nghi", "Không có."},
        {"noi_nhan", "Ban Giám đốc Sở\nTrang TTĐT Sở\nLãnh đạo các phòng, trung tâm"},
    };
    return save_narratives(rs, identity::Actor::system("danchu demo"), *org, 2021, text);
}

}  // namespace danchu::reports
