// The report sources this module answers itself: the organisation's staff and units and its
// steering committee (from identity), and the documents registered in its number register.
// Identity holds current memberships, not their history, so these figures are "as on the
// system today" and say so.

#include "identity/api.hpp"
#include "modules/reports/api.hpp"
#include "modules/reports/store.hpp"
#include "vn/format.hpp"

namespace danchu::reports {
namespace {

const identity::Actor& reader() {
    static const identity::Actor a = identity::Actor::system("reports");
    return a;
}

// The Ban Chỉ đạo thực hiện QCDC is kept in identity as a unit of the organisation.
bool is_steering_committee(const identity::Organisation& unit) {
    return unit.kind == identity::OrgKind::Unit && unit.name.rfind("Ban Chỉ đạo", 0) == 0;
}

Result<std::optional<Contribution>> organisation_source(identity::IdentityServices& ids,
                                                        const SourceRequest& r) {
    auto home = identity::org_home(ids, r.org.slug);
    if (!home) return std::optional<Contribution>{};
    Contribution c;
    c.figures.push_back({"Số cán bộ, công chức, viên chức, người lao động trên hệ thống",
                         std::to_string(home->member_count), "số liệu hiện tại trên hệ thống"});
    docs::Block table{docs::BlockKind::Table, {}, {{"Đơn vị", "Số người"}}};
    int units = 0;
    for (const auto& unit : home->units) {
        if (is_steering_committee(unit)) continue;
        auto page = identity::members(ids, reader(), unit, "", 1);
        if (!page) return page.error();
        table.rows.push_back({unit.name, std::to_string(page->total)});
        ++units;
    }
    c.figures.push_back({"Số phòng, đơn vị trực thuộc", std::to_string(units), ""});
    if (units > 0) c.blocks.push_back(std::move(table));
    return std::optional<Contribution>{std::move(c)};
}

Result<std::optional<Contribution>> steering_source(identity::IdentityServices& ids,
                                                    const SourceRequest& r) {
    auto home = identity::org_home(ids, r.org.slug);
    if (!home) return std::optional<Contribution>{};
    for (const auto& unit : home->units) {
        if (!is_steering_committee(unit)) continue;
        auto page = identity::members(ids, reader(), unit, "", 100);
        if (!page) return page.error();
        Contribution c;
        c.figures.push_back({"Số thành viên Ban Chỉ đạo", std::to_string(page->total),
                             "số liệu hiện tại trên hệ thống"});
        docs::Block table{docs::BlockKind::Table, {}, {{"Họ và tên", "Chức vụ trong Ban Chỉ đạo"}}};
        for (const auto& m : page->members) {
            if (std::find(m.roles.begin(), m.roles.end(), identity::Role::Head) != m.roles.end())
                c.figures.push_back({"Trưởng ban", m.full_name, ""});
            table.rows.push_back({m.full_name, m.title});
        }
        c.blocks.push_back(std::move(table));
        return std::optional<Contribution>{std::move(c)};
    }
    return std::optional<Contribution>{};
}

Result<std::optional<Contribution>> documents_source(identity::IdentityServices& ids,
                                                     const SourceRequest& r) {
    auto tx = ids.db.begin(storage::Access::Read);
    const auto counts = store::count_numbers(tx, r.org.id, r.year);
    // An empty register means the office keeps its register elsewhere, not that it issued nothing.
    if (counts.empty()) return std::optional<Contribution>{};
    Contribution c;
    long long total = 0;
    docs::Block table{docs::BlockKind::Table, {}, {{"Loại văn bản", "Số văn bản"}}};
    for (const auto& [type, n] : counts) {
        total += n;
        table.rows.push_back({type, vn::format_integer(n)});
    }
    c.figures.push_back({"Số văn bản đã đăng ký số trên hệ thống", vn::format_integer(total), ""});
    c.blocks.push_back(std::move(table));
    return std::optional<Contribution>{std::move(c)};
}

}  // namespace

void register_builtin_sources(ReportServices& rs) {
    identity::IdentityServices* ids = &rs.identity;
    rs.sources.add(Topic::Organisation,
                   [ids](const SourceRequest& r) { return organisation_source(*ids, r); });
    rs.sources.add(Topic::Steering,
                   [ids](const SourceRequest& r) { return steering_source(*ids, r); });
    rs.sources.add(Topic::Documents,
                   [ids](const SourceRequest& r) { return documents_source(*ids, r); });
}

}  // namespace danchu::reports
