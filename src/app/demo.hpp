#pragma once
// `danchu demo`: fictional demonstration data modelled on the seed report's department —
// the province of Trà Vinh (until 30/6/2025) and its successor Vĩnh Long, Sở Thông tin và
// Truyền thông tỉnh Trà Vinh with its units, about forty staff and a ten-member steering
// committee, its successor Sở Khoa học và Công nghệ tỉnh Vĩnh Long, one commune with its
// villages and households, and one enterprise. Every person is invented.

#include <string>
#include <vector>

#include "app/runtime.hpp"

namespace danchu::app {

inline constexpr const char* kDemoPassword = "danchu-demo";

struct DemoLogin {
    std::string username;
    std::string role;  // what the login shows off
    std::string org_slug;
};

// Loads the demo data unless the database already has organisations (then does nothing
// and says so). Returns the logins to print.
[[nodiscard]] Result<std::vector<DemoLogin>> load_demo(Runtime& rt, bool* already_loaded);

}  // namespace danchu::app
