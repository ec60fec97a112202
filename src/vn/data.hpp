#pragma once
// Where the vn layer's reference data comes from: files compiled into the binary (data/holidays,
// data/rules, data/vn), optionally overridden by a directory on disk so an office can add next
// year's holiday decision without a rebuild. The override directory has the same layout as data/.
//
// | source                         | meaning                                   | default |
// |--------------------------------|-------------------------------------------|---------|
// | `DANCHU_DATA_DIR` (environment)| directory searched before the embedded data | unset   |
// | `danchu vn --data-dir DIR`     | same, from the command line (wins)        | unset   |

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace danchu::vn {

class DataSource final {
  public:
    /// Embedded data only.
    DataSource() = default;
    /// Embedded data, with `override_dir` searched first when set.
    explicit DataSource(std::optional<std::filesystem::path> override_dir)
        : override_dir_(std::move(override_dir)) {}
    /// Embedded data, with $DANCHU_DATA_DIR searched first when set and non-empty.
    [[nodiscard]] static DataSource from_environment();

    /// Contents of `relative` ("holidays/2025.toml"), override first; nullopt when absent.
    [[nodiscard]] std::optional<std::string> read(std::string_view relative) const;
    /// Relative paths of all files under `folder` ("holidays"), both sources, sorted, unique.
    [[nodiscard]] std::vector<std::string> list(std::string_view folder) const;

    [[nodiscard]] const std::optional<std::filesystem::path>& override_dir() const {
        return override_dir_;
    }

  private:
    std::optional<std::filesystem::path> override_dir_;
};

}  // namespace danchu::vn
