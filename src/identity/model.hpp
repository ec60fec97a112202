#pragma once
// Identity vocabulary: organisations (a tree with validity dates and successors),
// people, their roles in each organisation, and the Actor a request runs as.
//
// Legal background (legal-spec R-GEN-02, R-ORG-01..03): every organisation has a *setting*
// — commune, agency or enterprise — that selects which legal rule set applies to it; from
// 01/7/2025 there is no district level (province → commune), and merged provinces and
// departments keep their history through valid_from/valid_to and a successor link.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace danchu::identity {

// What an organisation is in the administrative tree.
enum class OrgKind {
    Province,  // tỉnh, thành phố trực thuộc trung ương
    Agency,  // cơ quan nhà nước, đơn vị sự nghiệp công lập (e.g. a provincial department)
    Commune,     // xã, phường, đặc khu
    Enterprise,  // doanh nghiệp, tổ chức có thuê mướn lao động
    Unit,        // phòng, ban, đơn vị trực thuộc (inside an agency or enterprise)
    Village,     // thôn, tổ dân phố (inside a commune)
};

// Which chapter of Law 10/2022 governs the organisation (R-GEN-02).
enum class Setting {
    Commune,     // Chương II: xã, phường, thị trấn and their communities
    Agency,      // Chương III: cơ quan nhà nước, đơn vị sự nghiệp công lập
    Enterprise,  // Chương IV and labour law: doanh nghiệp nhà nước, other employers
};

// A role a person holds in one organisation. Roles do not inherit from each other:
// a head who also publishes is given both Head and Secretary.
enum class Role {
    Member,     // cán bộ, công chức, viên chức, người lao động; or a resident
    Officer,    // handles cases (cán bộ tiếp nhận, xử lý đơn)
    Secretary,  // văn phòng: publishes, keeps records, manages members
    Head,       // người đứng đầu (or chủ tịch UBND xã)
    Inspector,  // thành viên Ban Thanh tra nhân dân
    Union,      // Ban Chấp hành Công đoàn / tổ chức đại diện người lao động
    Admin,      // administers the organisation's account on the platform
    Reviewer,   // held at a superior organisation: reads subordinate organisations' records
};

inline constexpr Role kAllRoles[] = {Role::Member, Role::Officer,   Role::Secretary,
                                     Role::Head,   Role::Inspector, Role::Union,
                                     Role::Admin,  Role::Reviewer};

[[nodiscard]] std::string_view to_string(OrgKind k);
[[nodiscard]] std::string_view to_string(Setting s);
[[nodiscard]] std::string_view to_string(Role r);
[[nodiscard]] std::optional<OrgKind> parse_org_kind(std::string_view s);
[[nodiscard]] std::optional<Setting> parse_setting(std::string_view s);
[[nodiscard]] std::optional<Role> parse_role(std::string_view s);

struct Organisation {
    OrgId id;
    std::string slug;        // URL name: "so-tttt-tra-vinh"
    std::string name;        // "Sở Thông tin và Truyền thông tỉnh Trà Vinh"
    std::string short_name;  // abbreviation used in document symbols: "STTTT"
    OrgKind kind = OrgKind::Agency;
    std::optional<Setting> setting;  // unset for provinces; units inherit their parent's
    std::optional<OrgId> parent;
    std::optional<OrgId> successor;
    std::optional<Date> valid_from;
    std::optional<Date> valid_to;  // last day the organisation existed
    std::string place_name;        // địa danh for the date line of documents (R-DOC-05)
    bool requires_two_factor = false;
    std::optional<int> households;  // villages: số hộ gia đình (denominator of R-DEC-XA-07)

    // True on `day` when the organisation existed then (valid_from ≤ day ≤ valid_to).
    [[nodiscard]] bool is_valid_on(Date day) const;
};

struct Person {
    PersonId id;
    std::string username;  // lower-case login name
    std::string full_name;
    std::string email;
    std::string phone;
    std::string locale;  // "vi" or "en"; empty = negotiate per request
    bool two_factor_enabled = false;
    bool disabled = false;
};

struct Membership {
    PersonId person;
    OrgId org;
    Role role = Role::Member;
    std::string title;  // chức vụ shown in lists: "Giám đốc", "Chuyên viên"
};

// Who a request or a job acts as. Anonymous visitors have no person; citizens are signed
// in but hold no role. `memberships` are the person's current roles in every organisation.
struct Actor {
    std::optional<PersonId> person;
    std::string display_name;
    std::vector<Membership> memberships;
    std::string request_id;  // ties audit events to the access log
    std::string ip;

    [[nodiscard]] bool is_signed_in() const { return person.has_value(); }
    [[nodiscard]] bool has_role(OrgId org, Role role) const;
    [[nodiscard]] bool is_member_of(OrgId org) const;

    static Actor anonymous(std::string request_id = {}, std::string ip = {});
    // The shell (`danchu admin …`, `danchu demo`): acts with no person and full trust.
    static Actor system(std::string what);
    [[nodiscard]] bool is_system() const { return is_system_; }

  private:
    bool is_system_ = false;
};

}  // namespace danchu::identity
