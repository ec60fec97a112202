#pragma once
// The reports module's SQL (the only file with SQL is store.cpp).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "storage/transaction.hpp"

namespace danchu::reports::store {

// Increments the series counter (creating it at 1); the new number. Conflict when a
// concurrent writer created the same series first (the caller retries).
[[nodiscard]] Result<int> next_in_series(storage::Transaction& tx, OrgId org, int year,
                                         const std::string& series);
struct NumberRow {
    OrgId org;
    int year = 0;
    std::string series;
    int number = 0;
    std::string symbol;
    std::string type_name;
    std::string abstract_text;
    std::string issued_on;  // ISO
    long long created_at = 0;
    std::optional<PersonId> created_by;
};
[[nodiscard]] Result<std::int64_t> insert_number(storage::Transaction& tx, const NumberRow& row);
[[nodiscard]] std::optional<NumberRow> find_number(storage::Transaction& tx, std::int64_t id);
// Documents registered by type name for the year.
[[nodiscard]] std::vector<std::pair<std::string, long long>> count_numbers(storage::Transaction& tx,
                                                                           OrgId org, int year);

[[nodiscard]] std::map<std::string, std::string> narratives(storage::Transaction& tx, OrgId org,
                                                            int year);
[[nodiscard]] Status put_narrative(storage::Transaction& tx, OrgId org, int year,
                                   const std::string& section, const std::string& body,
                                   long long now, std::optional<PersonId> by);

struct SubmissionRow {
    OrgId org;
    int year = 0;
    std::optional<std::int64_t> number_id;
    long long submitted_at = 0;
};
[[nodiscard]] std::optional<SubmissionRow> find_submission(storage::Transaction& tx, OrgId org,
                                                           int year);
[[nodiscard]] Status put_submission(storage::Transaction& tx, OrgId org, int year,
                                    std::int64_t number_id, long long now,
                                    std::optional<PersonId> by, const std::string& figures_json);
[[nodiscard]] std::vector<SubmissionRow> submissions_for_year(storage::Transaction& tx, int year);

}  // namespace danchu::reports::store
