#include "modules/cases/model.hpp"

#include <array>
#include <utility>

namespace danchu::cases {

namespace {

constexpr std::array<std::pair<CaseKind, std::string_view>, 8> kKinds{{
    {CaseKind::Feedback, "feedback"},
    {CaseKind::Recommendation, "recommendation"},
    {CaseKind::Complaint, "complaint"},
    {CaseKind::DisciplineComplaint, "discipline_complaint"},
    {CaseKind::Denunciation, "denunciation"},
    {CaseKind::AnonymousReport, "anonymous_report"},
    {CaseKind::InfoRequest, "info_request"},
    {CaseKind::Unclassified, "unclassified"},
}};
constexpr std::array<std::pair<Channel, std::string_view>, 5> kChannels{{
    {Channel::Web, "web"},
    {Channel::Letter, "letter"},
    {Channel::InPerson, "in_person"},
    {Channel::Hotline, "hotline"},
    {Channel::Reception, "reception"},
}};
constexpr std::array<std::pair<CaseStatus, std::string_view>, 9> kStatuses{{
    {CaseStatus::Received, "received"},
    {CaseStatus::Accepted, "accepted"},
    {CaseStatus::Refused, "refused"},
    {CaseStatus::Forwarded, "forwarded"},
    {CaseStatus::Assigned, "assigned"},
    {CaseStatus::Verifying, "verifying"},
    {CaseStatus::Concluded, "concluded"},
    {CaseStatus::Published, "published"},
    {CaseStatus::Closed, "closed"},
}};

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
    for (const auto& [v, n] : table)
        if (v == e) return n;
    return "?";
}
template <class E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& table,
                          std::string_view s) {
    for (const auto& [v, n] : table)
        if (n == s) return v;
    return std::nullopt;
}

}  // namespace

std::string_view to_string(CaseKind k) { return name_of(kKinds, k); }
std::string_view to_string(Channel c) { return name_of(kChannels, c); }
std::string_view to_string(CaseStatus s) { return name_of(kStatuses, s); }
std::optional<CaseKind> parse_kind(std::string_view s) { return value_of(kKinds, s); }
std::optional<Channel> parse_channel(std::string_view s) { return value_of(kChannels, s); }
std::optional<CaseStatus> parse_status(std::string_view s) { return value_of(kStatuses, s); }

bool identity_is_protected(CaseKind k) {
    return k == CaseKind::Denunciation || k == CaseKind::AnonymousReport ||
           k == CaseKind::Unclassified;
}

bool is_open(CaseStatus s) {
    return s != CaseStatus::Closed && s != CaseStatus::Refused && s != CaseStatus::Forwarded &&
           s != CaseStatus::Published;
}

}  // namespace danchu::cases
