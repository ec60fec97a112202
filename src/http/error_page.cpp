#include "http/error_page.hpp"

#include <fmt/format.h>

namespace danchu::http {

namespace {

std::string_view reason_vi(Status s) {
    switch (s) {
        case Status::bad_request:
            return "Yêu cầu không hợp lệ";
        case Status::not_found:
            return "Không tìm thấy";
        case Status::method_not_allowed:
            return "Phương thức không được phép";
        case Status::payload_too_large:
            return "Dữ liệu gửi lên quá lớn";
        case Status::unsupported_media_type:
            return "Kiểu dữ liệu không được hỗ trợ";
        case Status::request_header_fields_too_large:
            return "Phần đầu yêu cầu quá lớn";
        case Status::internal_server_error:
            return "Lỗi máy chủ";
        case Status::service_unavailable:
            return "Máy chủ đang quá tải";
        default:
            return "Lỗi";
    }
}

}  // namespace

Response default_error_renderer(const Request* request, Status status,
                                std::string_view message_key) {
    std::string text = fmt::format("{} {} / {}\n", static_cast<unsigned>(status), reason_vi(status),
                                   boost::beast::http::obsolete_reason(status));
    if (request != nullptr && !request->error_detail().empty())
        text +=
            fmt::format("Giới hạn cấu hình / Configuration limit: {}\n", request->error_detail());
    text += fmt::format("Mã thông báo / Message: {}\n", message_key);
    if (request != nullptr && !request->request_id().empty())
        text += fmt::format("Mã yêu cầu / Request id: {}\n", request->request_id());
    return Response::text(std::move(text), status);
}

}  // namespace danchu::http
