#include "vn/data.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <span>
#include <sstream>

#include "core/embedded.hpp"

namespace danchu::vn::data {
std::span<const danchu::EmbeddedFile> embedded_files();
}  // namespace danchu::vn::data

namespace danchu::vn {

DataSource DataSource::from_environment() {
    const char* dir = std::getenv("DANCHU_DATA_DIR");
    if (dir == nullptr || *dir == '\0') return DataSource{};
    return DataSource{std::filesystem::path{dir}};
}

std::optional<std::string> DataSource::read(std::string_view relative) const {
    if (override_dir_) {
        const auto path = *override_dir_ / std::filesystem::path{std::string{relative}};
        std::ifstream in{path, std::ios::binary};
        if (in) {
            std::ostringstream text;
            text << in.rdbuf();
            return text.str();
        }
    }
    for (const auto& file : data::embedded_files()) {
        if (file.path == relative) return std::string{file.content};
    }
    return std::nullopt;
}

std::vector<std::string> DataSource::list(std::string_view folder) const {
    std::vector<std::string> out;
    const std::string prefix = std::string{folder} + "/";
    for (const auto& file : data::embedded_files()) {
        if (file.path.starts_with(prefix)) out.emplace_back(file.path);
    }
    if (override_dir_) {
        std::error_code ec;
        const auto dir = *override_dir_ / std::filesystem::path{std::string{folder}};
        for (const auto& entry : std::filesystem::directory_iterator{dir, ec}) {
            if (entry.is_regular_file()) out.push_back(prefix + entry.path().filename().string());
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace danchu::vn
