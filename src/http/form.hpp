#pragma once
// Form fields from application/x-www-form-urlencoded bodies and query strings. Repeated keys
// are kept in order (checkbox groups, multi-selects), so fields are a list, not a map. The
// parser is pure and allocation-bounded by its input; it is a fuzz target
// (tests/fuzz/form_fuzz.cpp).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace danchu::http {

class FormFields final {
  public:
    using Item = std::pair<std::string, std::string>;

    void add(std::string key, std::string value) {
        items_.emplace_back(std::move(key), std::move(value));
    }
    /// The first value for `key`, or nullopt.
    [[nodiscard]] std::optional<std::string_view> get(std::string_view key) const;
    /// Every value for `key`, in the order received.
    [[nodiscard]] std::vector<std::string_view> get_all(std::string_view key) const;
    [[nodiscard]] bool contains(std::string_view key) const { return get(key).has_value(); }
    [[nodiscard]] std::size_t size() const { return items_.size(); }
    [[nodiscard]] bool empty() const { return items_.empty(); }
    [[nodiscard]] auto begin() const { return items_.begin(); }
    [[nodiscard]] auto end() const { return items_.end(); }
    [[nodiscard]] std::vector<Item>& items() { return items_; }

  private:
    std::vector<Item> items_;
};

/// Parses "a=1&b=x+y&a=%C3%A2". '+' is a space, %XX is decoded, a key without '=' has an empty
/// value, empty pairs ("a=1&&b=2") are skipped. Fails with InvalidInput
/// ("http.error.bad_escape") on a bad escape and ("http.error.bad_utf8") when a decoded key or
/// value is not UTF-8.
[[nodiscard]] Result<FormFields> parse_urlencoded(std::string_view body);

/// Serialises fields back to urlencoded form (used by url_for queries and the test client).
[[nodiscard]] std::string to_urlencoded(const std::vector<FormFields::Item>& fields);

}  // namespace danchu::http
