#include "http/multipart.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <random>

#include "http/url_codec.hpp"

namespace danchu::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Splits `type; a=b; c="d"` parameters. Returns false on an unterminated quoted string.
template <class F>
bool for_each_param(std::string_view header, F&& on_param) {
    auto semi = header.find(';');
    if (semi == std::string_view::npos) return true;
    std::string_view rest = header.substr(semi + 1);
    while (!rest.empty()) {
        rest = trim(rest);
        auto eq = rest.find('=');
        if (eq == std::string_view::npos) return true;
        std::string_view name = trim(rest.substr(0, eq));
        rest = trim(rest.substr(eq + 1));
        std::string value;
        if (!rest.empty() && rest.front() == '"') {
            std::size_t i = 1;
            bool closed = false;
            for (; i < rest.size(); ++i) {
                if (rest[i] == '\\' && i + 1 < rest.size()) {
                    value.push_back(rest[++i]);
                } else if (rest[i] == '"') {
                    closed = true;
                    break;
                } else {
                    value.push_back(rest[i]);
                }
            }
            if (!closed) return false;
            rest = rest.substr(i + 1);
            auto next = rest.find(';');
            rest = next == std::string_view::npos ? std::string_view{} : rest.substr(next + 1);
        } else {
            auto next = rest.find(';');
            value = std::string(trim(rest.substr(0, next)));
            rest = next == std::string_view::npos ? std::string_view{} : rest.substr(next + 1);
        }
        on_param(name, std::move(value));
    }
    return true;
}

std::string unique_name() {
    static std::atomic<std::uint64_t> counter{0};
    thread_local std::mt19937_64 rng{std::random_device{}()};
    char buf[64];
    std::snprintf(buf, sizeof buf, "danchu-upload-%016llx-%llu",
                  static_cast<unsigned long long>(rng()),
                  static_cast<unsigned long long>(counter.fetch_add(1)));
    return buf;
}

Error too_large(std::string key) {
    return fail(ErrorCode::PayloadTooLarge, "http.error.payload_too_large", {}, std::move(key));
}

Error malformed(std::string key) { return fail(ErrorCode::InvalidInput, std::move(key)); }

}  // namespace

TempFiles& TempFiles::operator=(TempFiles&& other) noexcept {
    if (this != &other) {
        remove_all();
        paths_ = std::move(other.paths_);
        other.paths_.clear();
    }
    return *this;
}

void TempFiles::remove_all() noexcept {
    for (const auto& p : paths_) {
        std::error_code ec;
        std::filesystem::remove(p, ec);
    }
    paths_.clear();
}

void TempFiles::adopt(TempFiles&& other) {
    for (auto& p : other.paths_) paths_.push_back(std::move(p));
    other.paths_.clear();
}

Result<std::string> multipart_boundary(std::string_view content_type) {
    auto semi = content_type.find(';');
    if (!iequals(trim(content_type.substr(0, semi)), "multipart/form-data"))
        return malformed("http.error.multipart_boundary");
    std::string boundary;
    bool ok = for_each_param(content_type, [&](std::string_view name, std::string value) {
        if (iequals(name, "boundary") && boundary.empty()) boundary = std::move(value);
    });
    if (!ok || boundary.empty() || boundary.size() > 70)
        return malformed("http.error.multipart_boundary");
    return boundary;
}

MultipartParser::MultipartParser(std::string boundary, MultipartLimits limits,
                                 std::filesystem::path temp_dir)
    : delimiter_("\r\n--" + boundary), limits_(std::move(limits)), temp_dir_(std::move(temp_dir)) {
    // The first boundary may start the body without a preceding CRLF; pretend it had one so a
    // single delimiter search covers both cases.
    buf_ = "\r\n";
}

MultipartParser::~MultipartParser() {
    if (file_ != nullptr) std::fclose(file_);
}

danchu::Status MultipartParser::fail_with(Error e) {
    if (file_ != nullptr) {
        std::fclose(file_);
        file_ = nullptr;
    }
    state_ = State::Failed;
    error_ = e;
    return e;
}

danchu::Status MultipartParser::feed(std::string_view chunk) {
    if (state_ == State::Failed) return error_;
    if (state_ == State::Done) return {};  // The epilogue is ignored (RFC 2046).
    total_ += chunk.size();
    if (total_ > limits_.max_total_size) return fail_with(too_large(limits_.total_size_key));
    buf_.append(chunk);
    return process();
}

danchu::Status MultipartParser::finish() {
    if (state_ == State::Failed) return error_;
    if (state_ != State::Done) return fail_with(malformed("http.error.multipart_truncated"));
    return {};
}

danchu::Status MultipartParser::process() {
    std::size_t pos = 0;  // bytes of buf_ consumed in this call
    auto consumed = [&] { buf_.erase(0, pos); };
    for (;;) {
        std::string_view rest = std::string_view(buf_).substr(pos);
        switch (state_) {
            case State::Preamble: {
                auto at = rest.find(delimiter_);
                if (at == std::string_view::npos) {
                    // Keep only what could still be the start of the delimiter.
                    if (rest.size() >= delimiter_.size())
                        pos += rest.size() - delimiter_.size() + 1;
                    consumed();
                    return {};
                }
                pos += at + delimiter_.size();
                state_ = State::AfterBoundary;
                break;
            }
            case State::AfterBoundary: {
                if (rest.size() < 2) {
                    consumed();
                    return {};
                }
                if (rest.substr(0, 2) == "--") {
                    pos += 2;
                    state_ = State::Done;
                    buf_.clear();
                    return {};
                }
                if (rest.substr(0, 2) != "\r\n")
                    return fail_with(malformed("http.error.multipart_syntax"));
                pos += 2;
                if (++part_count_ > limits_.max_parts)
                    return fail_with(too_large("http.max_parts"));
                header_count_ = 0;
                have_disposition_ = false;
                is_file_ = false;
                name_.clear();
                filename_.clear();
                content_type_.clear();
                value_.clear();
                part_size_ = 0;
                state_ = State::Headers;
                break;
            }
            case State::Headers: {
                auto eol = rest.find("\r\n");
                if (eol == std::string_view::npos) {
                    // Incomplete line: too long only if it can no longer end within the limit
                    // (a line of exactly max_header_line bytes may be waiting for its "\n").
                    const std::size_t max = limits_.max_header_line;
                    if (rest.size() > max + 1 || (rest.size() == max + 1 && rest.back() != '\r'))
                        return fail_with(malformed("http.error.multipart_header_too_long"));
                    consumed();
                    return {};
                }
                if (eol > limits_.max_header_line)
                    return fail_with(malformed("http.error.multipart_header_too_long"));
                std::string_view line = rest.substr(0, eol);
                pos += eol + 2;
                if (line.empty()) {
                    if (auto s = begin_body(); !s) return s;
                    state_ = State::Body;
                } else if (auto s = on_header_line(line); !s) {
                    return s;
                }
                break;
            }
            case State::Body: {
                auto at = rest.find(delimiter_);
                if (at == std::string_view::npos) {
                    // Emit everything that cannot be the start of a delimiter.
                    if (rest.size() >= delimiter_.size()) {
                        std::size_t safe = rest.size() - delimiter_.size() + 1;
                        if (auto s = emit(rest.substr(0, safe)); !s) return s;
                        pos += safe;
                    }
                    consumed();
                    return {};
                }
                if (auto s = emit(rest.substr(0, at)); !s) return s;
                pos += at + delimiter_.size();
                if (auto s = end_part(); !s) return s;
                state_ = State::AfterBoundary;
                break;
            }
            case State::Done:
            case State::Failed:
                consumed();
                return {};
        }
    }
}

danchu::Status MultipartParser::on_header_line(std::string_view line) {
    if (++header_count_ > limits_.max_part_headers)
        return fail_with(malformed("http.error.multipart_too_many_headers"));
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return fail_with(malformed("http.error.multipart_syntax"));
    std::string_view name = trim(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));
    if (iequals(name, "Content-Disposition")) {
        auto semi = value.find(';');
        if (!iequals(trim(value.substr(0, semi)), "form-data"))
            return fail_with(malformed("http.error.multipart_syntax"));
        bool has_filename = false;
        bool ok = for_each_param(value, [&](std::string_view pname, std::string pvalue) {
            if (iequals(pname, "name")) {
                name_ = std::move(pvalue);
            } else if (iequals(pname, "filename")) {
                has_filename = true;
                // Some browsers send the client's full path; keep only the last component.
                auto slash = pvalue.find_last_of("/\\");
                filename_ =
                    slash == std::string::npos ? std::move(pvalue) : pvalue.substr(slash + 1);
            }
        });
        if (!ok || name_.empty()) return fail_with(malformed("http.error.multipart_syntax"));
        if (!is_valid_utf8(name_) || !is_valid_utf8(filename_))
            return fail_with(malformed("http.error.bad_utf8"));
        have_disposition_ = true;
        is_file_ = has_filename;
    } else if (iequals(name, "Content-Type")) {
        content_type_ = std::string(value);
    }
    return {};
}

danchu::Status MultipartParser::begin_body() {
    if (!have_disposition_) return fail_with(malformed("http.error.multipart_syntax"));
    if (!is_file_) return {};
    file_path_ = temp_dir_ / unique_name();
    file_ = std::fopen(file_path_.c_str(), "wbx");
    if (file_ == nullptr)
        return fail_with(
            fail(ErrorCode::Internal, "http.error.upload_failed", {}, file_path_.string()));
    temp_files_.add(file_path_);
    return {};
}

danchu::Status MultipartParser::emit(std::string_view data) {
    if (data.empty()) return {};
    part_size_ += data.size();
    if (is_file_) {
        if (part_size_ > limits_.max_file_size) return fail_with(too_large("http.max_file_size"));
        if (std::fwrite(data.data(), 1, data.size(), file_) != data.size())
            return fail_with(
                fail(ErrorCode::Internal, "http.error.upload_failed", {}, file_path_.string()));
        return {};
    }
    if (part_size_ > limits_.max_field_size) return fail_with(too_large("http.max_field_size"));
    value_.append(data);
    return {};
}

danchu::Status MultipartParser::end_part() {
    if (!is_file_) {
        if (!is_valid_utf8(value_)) return fail_with(malformed("http.error.bad_utf8"));
        fields_.add(std::move(name_), std::move(value_));
        name_.clear();
        value_.clear();
        return {};
    }
    bool ok = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!ok)
        return fail_with(
            fail(ErrorCode::Internal, "http.error.upload_failed", {}, file_path_.string()));
    // An empty file input is sent as a part with filename="" and no content: not an upload.
    if (filename_.empty() && part_size_ == 0) return {};
    files_.push_back(UploadedFile{std::move(name_), std::move(filename_), std::move(content_type_),
                                  part_size_, file_path_});
    name_.clear();
    filename_.clear();
    content_type_.clear();
    return {};
}

}  // namespace danchu::http
