#pragma once
// Strong ids: an OrgId can never be passed where a PersonId is expected. Each id wraps
// the database's 64-bit key.

#include <compare>
#include <cstdint>
#include <functional>

namespace danchu {

template <class Tag>
struct Id {
    std::int64_t value = 0;
    constexpr auto operator<=>(const Id&) const = default;
    [[nodiscard]] constexpr bool valid() const { return value > 0; }
};

using OrgId = Id<struct OrgTag>;
using PersonId = Id<struct PersonTag>;
using SessionId = Id<struct SessionTag>;

}  // namespace danchu

template <class Tag>
struct std::hash<danchu::Id<Tag>> {
    std::size_t operator()(const danchu::Id<Tag>& id) const noexcept {
        return std::hash<std::int64_t>{}(id.value);
    }
};
