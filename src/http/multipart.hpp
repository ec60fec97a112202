#pragma once
// A streaming multipart/form-data parser (RFC 7578). The server feeds it body chunks as they
// arrive from the socket; file parts go straight to temp files so an upload is never held
// whole in memory, and text fields are capped. Every limit failure names the setting that
// enforces it. Pure apart from writing temp files; a fuzz target
// (tests/fuzz/multipart_fuzz.cpp).
//
// Temp files belong to a TempFiles set that removes them when destroyed; the server moves the
// set into the Request, so uploads disappear when the request ends unless a handler moved
// them elsewhere first.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "http/form.hpp"

namespace danchu::http {

struct UploadedFile {
    std::string field;         // the form field name
    std::string filename;      // as sent by the browser, directory part stripped
    std::string content_type;  // as sent by the browser; never trust it for security
    std::uint64_t size = 0;    // bytes written
    std::filesystem::path temp_path;
};

/// Owns temp files and removes them on destruction. Move-only.
class TempFiles final {
  public:
    TempFiles() = default;
    TempFiles(TempFiles&& other) noexcept : paths_(std::move(other.paths_)) {
        other.paths_.clear();
    }
    TempFiles& operator=(TempFiles&& other) noexcept;
    TempFiles(const TempFiles&) = delete;
    TempFiles& operator=(const TempFiles&) = delete;
    ~TempFiles() { remove_all(); }

    void add(std::filesystem::path p) { paths_.push_back(std::move(p)); }
    void remove_all() noexcept;
    /// Appends another set's files (which then no longer owns them).
    void adopt(TempFiles&& other);

  private:
    std::vector<std::filesystem::path> paths_;
};

/// Limits inside one multipart body. Defaults match ServerOptions.
///
/// | name (config key)             | meaning                                   | default  |
/// |-------------------------------|-------------------------------------------|----------|
/// | max_file_size (http.max_file_size)   | bytes in one uploaded file         | 20 MiB   |
/// | max_total_size (route body limit)    | bytes in the whole body            | 1 MiB    |
/// | max_field_size (http.max_field_size) | bytes in one text field            | 64 KiB   |
/// | max_parts (http.max_parts)           | parts in one body                  | 256      |
/// | max_part_headers                     | header lines in one part           | 16       |
/// | max_header_line                      | bytes in one part header line      | 1024     |
struct MultipartLimits {
    std::uint64_t max_file_size = 20u * 1024 * 1024;
    std::uint64_t max_total_size = 1024 * 1024;
    std::string total_size_key = "http.body_limit";
    std::uint64_t max_field_size = 64 * 1024;
    std::size_t max_parts = 256;
    std::size_t max_part_headers = 16;
    std::size_t max_header_line = 1024;
};

/// Extracts the boundary parameter from a multipart/form-data Content-Type. Fails with
/// InvalidInput ("http.error.multipart_boundary") if the type is not multipart/form-data or
/// the boundary is missing, empty or longer than 70 characters (RFC 2046).
[[nodiscard]] Result<std::string> multipart_boundary(std::string_view content_type);

class MultipartParser final {
  public:
    /// `temp_dir` must exist; files are created there with unique names.
    MultipartParser(std::string boundary, MultipartLimits limits, std::filesystem::path temp_dir);
    ~MultipartParser();
    MultipartParser(const MultipartParser&) = delete;
    MultipartParser& operator=(const MultipartParser&) = delete;

    /// Feeds the next chunk of the body. After an error, further calls return the same error.
    /// Errors: InvalidInput for malformed input, PayloadTooLarge (detail names the config key)
    /// for a limit, Internal if a temp file cannot be written.
    [[nodiscard]] danchu::Status feed(std::string_view chunk);
    /// Declares the end of the body; fails with InvalidInput ("http.error.multipart_truncated")
    /// if the closing boundary was not seen.
    [[nodiscard]] danchu::Status finish();

    [[nodiscard]] FormFields& fields() { return fields_; }
    [[nodiscard]] std::vector<UploadedFile>& files() { return files_; }
    /// Ownership of the temp files written so far.
    [[nodiscard]] TempFiles take_temp_files() { return std::move(temp_files_); }

  private:
    enum class State { Preamble, AfterBoundary, Headers, Body, Done, Failed };

    danchu::Status process();
    danchu::Status fail_with(Error e);
    danchu::Status on_header_line(std::string_view line);
    danchu::Status begin_body();
    danchu::Status emit(std::string_view data);
    danchu::Status end_part();

    std::string delimiter_;  // "\r\n--" + boundary
    MultipartLimits limits_;
    std::filesystem::path temp_dir_;
    State state_ = State::Preamble;
    std::string buf_;
    Error error_;
    std::uint64_t total_ = 0;
    FormFields fields_;
    std::vector<UploadedFile> files_;
    TempFiles temp_files_;

    // The part being read.
    std::size_t header_count_ = 0;
    std::size_t part_count_ = 0;
    bool have_disposition_ = false;
    bool is_file_ = false;
    std::string name_;
    std::string filename_;
    std::string content_type_;
    std::string value_;
    std::uint64_t part_size_ = 0;
    std::FILE* file_ = nullptr;
    std::filesystem::path file_path_;
};

}  // namespace danchu::http
