#include "app/demo.hpp"

#include "app/modules.hpp"
#include "identity/store.hpp"

namespace danchu::app {

namespace {

using namespace std::chrono;
using identity::Actor;
using identity::Organisation;
using identity::OrgKind;
using identity::Role;
using identity::Setting;

struct Builder {
    Runtime& rt;
    Actor sys = Actor::system("danchu demo");
    int person_counter = 0;

    Result<OrgId> org(const std::string& slug, const std::string& name,
                      const std::string& short_name, OrgKind kind, std::optional<Setting> setting,
                      std::optional<OrgId> parent, const std::string& place,
                      std::optional<Date> from = std::nullopt,
                      std::optional<Date> to = std::nullopt,
                      std::optional<int> households = std::nullopt) {
        Organisation o;
        o.slug = slug;
        o.name = name;
        o.short_name = short_name;
        o.kind = kind;
        o.setting = setting;
        o.parent = parent;
        o.place_name = place;
        o.valid_from = from;
        o.valid_to = to;
        o.households = households;
        return identity::create_organisation(*rt.identity, sys, o);
    }

    Result<PersonId> person(const std::string& username, const std::string& name,
                            const std::vector<std::tuple<OrgId, Role, std::string>>& roles) {
        identity::NewPerson p{username,
                              name,
                              kDemoPassword,
                              username + "@demo.danchu.invalid",
                              "0294 3" + std::to_string(850000 + ++person_counter),
                              ""};
        auto id = identity::create_person(*rt.identity, sys, p);
        if (!id) return id.error();
        for (const auto& [org, role, title] : roles)
            if (auto st = identity::grant_role(*rt.identity, sys, *id, org, role, title); !st)
                return st.error();
        return *id;
    }
};

// Invented names: family, middle and given names combined deterministically.
const char* kFamily[] = {"Nguyễn", "Trần", "Lê",  "Phạm",  "Huỳnh", "Võ",    "Đặng", "Bùi",
                         "Đỗ",     "Hồ",   "Ngô", "Dương", "Lý",    "Thạch", "Kim",  "Sơn"};
const char* kMiddleMale[] = {"Văn", "Minh", "Quốc", "Hữu", "Thanh", "Đức"};
const char* kMiddleFemale[] = {"Thị", "Ngọc", "Thu", "Kim", "Mỹ", "Thanh"};
const char* kGivenMale[] = {"An",    "Bảo",   "Cường", "Dũng",  "Đạt",   "Hải",
                            "Hiếu",  "Khang", "Lộc",   "Minh",  "Nghĩa", "Phúc",
                            "Quang", "Sang",  "Tài",   "Thắng", "Trí",   "Vinh"};
const char* kGivenFemale[] = {"Anh",    "Châu",  "Diễm", "Giang", "Hạnh",  "Hương",
                              "Lan",    "Linh",  "Mai",  "Ngân",  "Nhung", "Oanh",
                              "Phương", "Quyên", "Thảo", "Trang", "Uyên",  "Yến"};

std::string invented_name(int i) {
    const bool female = i % 2 == 1;
    std::string name = kFamily[(i * 7) % 16];
    name += " ";
    name += female ? kMiddleFemale[(i * 5) % 6] : kMiddleMale[(i * 5) % 6];
    name += " ";
    name += female ? kGivenFemale[(i * 11) % 18] : kGivenMale[(i * 11) % 18];
    return name;
}

}  // namespace

Result<std::vector<DemoLogin>> load_demo(Runtime& rt, bool* already_loaded) {
    {
        auto tx = rt.db->begin(storage::Access::Read);
        if (identity::store::count_orgs(tx) > 0) {
            if (already_loaded) *already_loaded = true;
            return std::vector<DemoLogin>{};
        }
    }
    if (already_loaded) *already_loaded = false;
    Builder b{rt};
    std::vector<DemoLogin> logins;
#define DEMO_TRY(var, expr) \
    auto var = (expr);      \
    if (!var) return var.error()
#define DEMO_DO(expr) \
    if (auto demo_result = (expr); !demo_result) return demo_result.error()

    // Provinces (R-ORG-02: Trà Vinh merged into Vĩnh Long on 01/7/2025).
    DEMO_TRY(tra_vinh, b.org("tra-vinh", "Tỉnh Trà Vinh", "TV", OrgKind::Province, std::nullopt,
                             std::nullopt, "Trà Vinh", std::nullopt, 2025y / June / 30));
    DEMO_TRY(vinh_long, b.org("vinh-long", "Tỉnh Vĩnh Long", "VL", OrgKind::Province, std::nullopt,
                              std::nullopt, "Vĩnh Long", 2025y / July / 1));
    if (auto st = identity::set_successor(*rt.identity, b.sys, *tra_vinh, *vinh_long); !st)
        return st.error();

    // The seed's department and its successor (R-ORG-03).
    DEMO_TRY(sotttt, b.org("so-tttt-tra-vinh", "Sở Thông tin và Truyền thông tỉnh Trà Vinh",
                           "STTTT", OrgKind::Agency, Setting::Agency, *tra_vinh, "Trà Vinh",
                           std::nullopt, 2025y / June / 30));
    DEMO_TRY(sokhcn,
             b.org("so-khcn-vinh-long", "Sở Khoa học và Công nghệ tỉnh Vĩnh Long", "SKHCN",
                   OrgKind::Agency, Setting::Agency, *vinh_long, "Vĩnh Long", 2025y / July / 1));
    if (auto st = identity::set_successor(*rt.identity, b.sys, *sotttt, *sokhcn); !st)
        return st.error();

    struct UnitSpec {
        const char* slug;
        const char* name;
        const char* short_name;
        int staff;
    };
    const UnitSpec units[] = {
        {"so-tttt-van-phong", "Văn phòng Sở", "VP", 10},
        {"so-tttt-phong-ttbcxb", "Phòng Thông tin - Báo chí - Xuất bản", "TTBCXB", 7},
        {"so-tttt-phong-bcvt-cntt", "Phòng Bưu chính, Viễn thông và Công nghệ thông tin",
         "BCVT-CNTT", 8},
        {"so-tttt-thanh-tra", "Thanh tra Sở", "TTra", 5},
        {"so-tttt-trung-tam-cntt", "Trung tâm Công nghệ thông tin và Truyền thông", "TTCNTT", 10},
    };

    // Leadership.
    DEMO_TRY(director, b.person("giamdoc", invented_name(0),
                                {{*sotttt, Role::Head, "Giám đốc Sở"},
                                 {*sotttt, Role::Member, "Giám đốc Sở"}}));
    logins.push_back({"giamdoc", "head", "so-tttt-tra-vinh"});
    DEMO_TRY(deputy, b.person("phogiamdoc", invented_name(2),
                              {{*sotttt, Role::Member, "Phó Giám đốc Sở"}}));
    DEMO_TRY(admin, b.person("quantri", invented_name(4),
                             {{*sotttt, Role::Admin, "Quản trị hệ thống"},
                              {*sotttt, Role::Member, "Chuyên viên"}}));
    logins.push_back({"quantri", "admin", "so-tttt-tra-vinh"});

    int n = 10;
    std::vector<PersonId> staff{*director, *deputy, *admin};
    for (const auto& u : units) {
        DEMO_TRY(unit, b.org(u.slug, u.name, u.short_name, OrgKind::Unit, Setting::Agency, *sotttt,
                             "Trà Vinh", std::nullopt, 2025y / June / 30));
        for (int i = 0; i < u.staff; ++i, ++n) {
            std::vector<std::tuple<OrgId, Role, std::string>> roles{
                {*sotttt, Role::Member, i == 0 ? "Trưởng phòng" : "Chuyên viên"},
                {*unit, Role::Member, i == 0 ? "Trưởng phòng" : "Chuyên viên"}};
            std::string username = "nv" + std::to_string(n);
            if (std::string(u.slug) == "so-tttt-van-phong" && i == 0) {
                username = "vanphong";
                roles = {{*sotttt, Role::Secretary, "Chánh Văn phòng"},
                         {*sotttt, Role::Member, "Chánh Văn phòng"},
                         {*unit, Role::Head, "Chánh Văn phòng"}};
                logins.push_back({"vanphong", "secretary", "so-tttt-tra-vinh"});
            } else if (std::string(u.slug) == "so-tttt-van-phong" && i == 1) {
                username = "nhanvien";
                logins.push_back({"nhanvien", "member", "so-tttt-tra-vinh"});
            } else if (std::string(u.slug) == "so-tttt-thanh-tra" && i == 1) {
                username = "tiepdan";
                roles.push_back({*sotttt, Role::Officer, "Thanh tra viên, tiếp công dân"});
                logins.push_back({"tiepdan", "officer", "so-tttt-tra-vinh"});
            } else if (std::string(u.slug) == "so-tttt-trung-tam-cntt" && i == 2) {
                username = "congdoan";
                roles.push_back({*sotttt, Role::Union, "Chủ tịch Công đoàn cơ sở"});
                logins.push_back({"congdoan", "union", "so-tttt-tra-vinh"});
            } else if (std::string(u.slug) == "so-tttt-phong-ttbcxb" && i == 3) {
                username = "thanhtrand";
                roles.push_back({*sotttt, Role::Inspector, "Trưởng ban Thanh tra nhân dân"});
                logins.push_back({"thanhtrand", "inspector", "so-tttt-tra-vinh"});
            }
            DEMO_TRY(p, b.person(username, invented_name(n), roles));
            staff.push_back(*p);
        }
    }

    // Ban Chỉ đạo thực hiện QCDC: 10 members drawn from the leadership and units.
    DEMO_TRY(steering,
             b.org("so-tttt-ban-chi-dao-qcdc",
                   "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở Sở Thông tin và Truyền thông",
                   "BCĐ", OrgKind::Unit, Setting::Agency, *sotttt, "Trà Vinh", std::nullopt,
                   2025y / June / 30));
    for (std::size_t i = 0; i < 10 && i < staff.size(); ++i) {
        const std::string title = i == 0 ? "Trưởng ban" : i == 1 ? "Phó Trưởng ban" : "Thành viên";
        if (auto st = identity::grant_role(*rt.identity, b.sys, staff[i * 4 % staff.size()],
                                           *steering, i == 0 ? Role::Head : Role::Member, title);
            !st && st.error().code != ErrorCode::Conflict)
            return st.error();
    }

    // The successor department: a reviewer at the province and a few staff.
    DEMO_DO(
        b.person("giamdoc.khcn", invented_name(60),
                 {{*sokhcn, Role::Head, "Giám đốc Sở"}, {*sokhcn, Role::Member, "Giám đốc Sở"}}));
    DEMO_DO(b.person("vanphong.khcn", invented_name(61),
                     {{*sokhcn, Role::Secretary, "Chánh Văn phòng"},
                      {*sokhcn, Role::Member, "Chánh Văn phòng"}}));
    DEMO_DO(b.person("sonoivu", invented_name(62),
                     {{*vinh_long, Role::Reviewer, "Chuyên viên Sở Nội vụ theo dõi QCDC"}}));
    logins.push_back({"sonoivu", "reviewer", "vinh-long"});

    // A commune with its villages (households are the voting unit, R-DEC-XA-07).
    DEMO_TRY(commune, b.org("xa-phu-hoa", "Xã Phú Hòa", "UBND", OrgKind::Commune, Setting::Commune,
                            *vinh_long, "Phú Hòa", 2025y / July / 1));
    struct VillageSpec {
        const char* slug;
        const char* name;
        int households;
    };
    const VillageSpec villages[] = {{"xa-phu-hoa-ap-phu-thanh", "Ấp Phú Thạnh", 312},
                                    {"xa-phu-hoa-ap-hoa-loi", "Ấp Hòa Lợi", 185},
                                    {"xa-phu-hoa-ap-tan-hiep", "Ấp Tân Hiệp", 240},
                                    {"xa-phu-hoa-ap-long-binh", "Ấp Long Bình", 96}};
    std::vector<OrgId> village_ids;
    for (const auto& v : villages) {
        DEMO_TRY(id, b.org(v.slug, v.name, "", OrgKind::Village, Setting::Commune, *commune,
                           "Phú Hòa", 2025y / July / 1, std::nullopt, v.households));
        village_ids.push_back(*id);
    }
    DEMO_DO(b.person("chutich.phuhoa", invented_name(70),
                     {{*commune, Role::Head, "Chủ tịch UBND xã"},
                      {*commune, Role::Member, "Chủ tịch UBND xã"}}));
    DEMO_DO(b.person("vanphong.phuhoa", invented_name(71),
                     {{*commune, Role::Secretary, "Công chức Văn phòng - Thống kê"},
                      {*commune, Role::Member, "Công chức Văn phòng - Thống kê"}}));
    logins.push_back({"vanphong.phuhoa", "secretary", "xa-phu-hoa"});
    for (int i = 0; i < 8; ++i) {
        const OrgId village = village_ids[static_cast<std::size_t>(i) % village_ids.size()];
        std::vector<std::tuple<OrgId, Role, std::string>> roles{
            {village, Role::Member, i < 4 ? "Trưởng ấp" : "Đại diện hộ gia đình"}};
        if (i == 4) roles.push_back({*commune, Role::Inspector, "Trưởng ban Thanh tra nhân dân"});
        DEMO_TRY(p, b.person("dan" + std::to_string(i + 1), invented_name(80 + i), roles));
    }
    logins.push_back({"dan1", "village head", "xa-phu-hoa-ap-phu-thanh"});

    // An enterprise (labour-law track, R-DN-PRIV-01).
    DEMO_TRY(company, b.org("cong-ty-nuoc-phu-hoa", "Công ty TNHH Một thành viên Cấp nước Phú Hòa",
                            "CNPH", OrgKind::Enterprise, Setting::Enterprise, *vinh_long,
                            "Vĩnh Long", 2025y / July / 1));
    DEMO_DO(b.person("giamdoc.cnph", invented_name(90),
                     {{*company, Role::Head, "Giám đốc"}, {*company, Role::Member, "Giám đốc"}}));
    DEMO_DO(b.person("congdoan.cnph", invented_name(91),
                     {{*company, Role::Union, "Chủ tịch Công đoàn"},
                      {*company, Role::Member, "Kỹ thuật viên"}}));
    for (int i = 0; i < 6; ++i)
        if (auto p = b.person("cn" + std::to_string(i + 1), invented_name(92 + i),
                              {{*company, Role::Member, "Công nhân vận hành"}});
            !p)
            return p.error();
    logins.push_back({"giamdoc.cnph", "head", "cong-ty-nuoc-phu-hoa"});

    if (auto st = load_module_demos(rt, logins); !st) return st.error();
#undef DEMO_TRY
#undef DEMO_DO
    return logins;
}

}  // namespace danchu::app
