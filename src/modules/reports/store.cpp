#include "modules/reports/store.hpp"

namespace danchu::reports::store {

using storage::into;
using storage::use;

Result<int> next_in_series(storage::Transaction& tx, OrgId org, int year,
                           const std::string& series) {
    const std::int64_t o = org.value;
    // The UPDATE takes the row lock first, so two writers can never read the same value
    // (PostgreSQL re-evaluates the row after the first commits; SQLite writers are serial).
    auto updated = tx.exec(
        "UPDATE reports_number_series SET last_number = last_number + 1 "
        "WHERE org_id = :org AND year = :year AND series = :series",
        use(o, "org"), use(year, "year"), use(series, "series"));
    if (!updated) return updated.error();
    if (*updated == 0) {
        auto inserted = tx.exec(
            "INSERT INTO reports_number_series (org_id, year, series, last_number) "
            "VALUES (:org, :year, :series, 1)",
            use(o, "org"), use(year, "year"), use(series, "series"));
        if (!inserted) return inserted.error();  // Conflict: another writer created it first
        return 1;
    }
    auto last = tx.scalar<int>(
        "SELECT last_number FROM reports_number_series WHERE org_id = :org AND year = :year AND "
        "series = :series",
        use(o, "org"), use(year, "year"), use(series, "series"));
    if (!last) return fail(ErrorCode::Internal, "reports.error.register");
    return *last;
}

Result<std::int64_t> insert_number(storage::Transaction& tx, const NumberRow& r) {
    const std::int64_t o = r.org.value;
    std::optional<std::int64_t> by;
    if (r.created_by) by = r.created_by->value;
    return tx.insert(
        "INSERT INTO reports_numbers (org_id, year, series, number, symbol, type_name, abstract, "
        "issued_on, "
        "created_at, created_by) VALUES (:org, :year, :series, :number, :symbol, :type, :abstract, "
        ":issued_on, "
        ":created_at, :created_by) RETURNING id",
        use(o, "org"), use(r.year, "year"), use(r.series, "series"), use(r.number, "number"),
        use(r.symbol, "symbol"), use(r.type_name, "type"), use(r.abstract_text, "abstract"),
        use(r.issued_on, "issued_on"), use(r.created_at, "created_at"), use(by, "created_by"));
}

std::optional<NumberRow> find_number(storage::Transaction& tx, std::int64_t id) {
    NumberRow r;
    std::int64_t org = 0;
    std::optional<std::int64_t> by;
    if (!tx.find("SELECT org_id, year, series, number, symbol, type_name, abstract, issued_on, "
                 "created_at, "
                 "created_by FROM reports_numbers WHERE id = :id",
                 into(org), into(r.year), into(r.series), into(r.number), into(r.symbol),
                 into(r.type_name), into(r.abstract_text), into(r.issued_on), into(r.created_at),
                 into(by), use(id, "id")))
        return std::nullopt;
    r.org = OrgId{org};
    if (by) r.created_by = PersonId{*by};
    return r;
}

std::vector<std::pair<std::string, long long>> count_numbers(storage::Transaction& tx, OrgId org,
                                                             int year) {
    const std::int64_t o = org.value;
    std::vector<std::pair<std::string, long long>> out;
    tx.each<std::string, std::int64_t>(
        "SELECT type_name, COUNT(*) FROM reports_numbers WHERE org_id = :org AND year = :year "
        "GROUP BY type_name ORDER BY type_name",
        [&](const std::string& type, std::int64_t n) { out.emplace_back(type, n); }, use(o, "org"),
        use(year, "year"));
    return out;
}

std::map<std::string, std::string> narratives(storage::Transaction& tx, OrgId org, int year) {
    const std::int64_t o = org.value;
    std::map<std::string, std::string> out;
    tx.each<std::string, std::string>(
        "SELECT section, body FROM reports_narratives WHERE org_id = :org AND year = :year",
        [&](const std::string& s, const std::string& b) { out[s] = b; }, use(o, "org"),
        use(year, "year"));
    return out;
}

Status put_narrative(storage::Transaction& tx, OrgId org, int year, const std::string& section,
                     const std::string& body, long long now, std::optional<PersonId> by) {
    const std::int64_t o = org.value;
    std::optional<std::int64_t> who;
    if (by) who = by->value;
    auto del = tx.exec(
        "DELETE FROM reports_narratives WHERE org_id = :org AND year = :year AND section = "
        ":section",
        use(o, "org"), use(year, "year"), use(section, "section"));
    if (!del) return del.error();
    if (body.empty()) return {};
    auto ins = tx.exec(
        "INSERT INTO reports_narratives (org_id, year, section, body, updated_at, updated_by) "
        "VALUES (:org, :year, :section, :body, :now, :by)",
        use(o, "org"), use(year, "year"), use(section, "section"), use(body, "body"),
        use(now, "now"), use(who, "by"));
    if (!ins) return ins.error();
    return {};
}

std::optional<SubmissionRow> find_submission(storage::Transaction& tx, OrgId org, int year) {
    const std::int64_t o = org.value;
    SubmissionRow r;
    if (!tx.find("SELECT number_id, submitted_at FROM reports_submissions "
                 "WHERE org_id = :org AND year = :year AND kind = 'annual'",
                 into(r.number_id), into(r.submitted_at), use(o, "org"), use(year, "year")))
        return std::nullopt;
    r.org = org;
    r.year = year;
    return r;
}

Status put_submission(storage::Transaction& tx, OrgId org, int year, std::int64_t number_id,
                      long long now, std::optional<PersonId> by, const std::string& figures_json) {
    const std::int64_t o = org.value;
    std::optional<std::int64_t> who;
    if (by) who = by->value;
    auto ins = tx.exec(
        "INSERT INTO reports_submissions (org_id, year, kind, number_id, submitted_at, "
        "submitted_by, figures_json) "
        "VALUES (:org, :year, 'annual', :number_id, :now, :by, :figures)",
        use(o, "org"), use(year, "year"), use(number_id, "number_id"), use(now, "now"),
        use(who, "by"), use(figures_json, "figures"));
    if (!ins) return ins.error();
    return {};
}

std::vector<SubmissionRow> submissions_for_year(storage::Transaction& tx, int year) {
    std::vector<SubmissionRow> out;
    tx.each<std::int64_t, std::optional<std::int64_t>, std::int64_t>(
        "SELECT org_id, number_id, submitted_at FROM reports_submissions WHERE year = :year AND "
        "kind = 'annual' "
        "ORDER BY org_id",
        [&](std::int64_t org, const std::optional<std::int64_t>& number, std::int64_t at) {
            out.push_back({OrgId{org}, year, number, at});
        },
        use(year, "year"));
    return out;
}

}  // namespace danchu::reports::store
