// libFuzzer target for the streaming multipart parser (src/http/multipart.cpp). The first byte
// picks a chunk size; the rest is the body for boundary "XyZ". Besides "no crash, no sanitizer
// report", it checks a property: feeding the body in chunks must give exactly the result of
// feeding it whole (same outcome, fields and file sizes), because chunk boundaries depend on
// the network, not on the sender.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "http/multipart.hpp"

namespace {

struct Outcome {
    bool ok = false;
    std::vector<danchu::http::FormFields::Item> fields;
    std::vector<std::pair<std::string, std::uint64_t>> files;
};

std::filesystem::path temp_dir() {
    static const std::filesystem::path dir = [] {
        auto d = std::filesystem::temp_directory_path() / "danchu-multipart-fuzz";
        std::filesystem::create_directories(d);
        return d;
    }();
    return dir;
}

Outcome run(std::string_view body, std::size_t chunk) {
    danchu::http::MultipartLimits limits;
    limits.max_total_size = 1 << 20;
    limits.max_file_size = 64 * 1024;
    limits.max_field_size = 4096;
    limits.max_parts = 64;
    danchu::http::MultipartParser parser("XyZ", limits, temp_dir());
    Outcome out;
    bool ok = true;
    for (std::size_t i = 0; i < body.size() && ok; i += chunk)
        ok = static_cast<bool>(parser.feed(body.substr(i, chunk)));
    if (ok) ok = static_cast<bool>(parser.finish());
    out.ok = ok;
    if (ok) {
        out.fields.assign(parser.fields().begin(), parser.fields().end());
        for (const auto& f : parser.files()) {
            if (std::filesystem::file_size(f.temp_path) != f.size) std::abort();
            out.files.emplace_back(f.field + "/" + f.filename, f.size);
        }
    }
    return out;  // the parser's temp files are removed here
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    std::size_t chunk = 1 + data[0] % 64;
    std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
    Outcome whole = run(body, body.size() + 1);
    Outcome split = run(body, chunk);
    if (whole.ok != split.ok || whole.fields != split.fields || whole.files != split.files)
        std::abort();
    return 0;
}
