#pragma once
// `danchu report annual --org SLUG --year YYYY --format docx|pdf|md --out FILE`: the annual
// report from the shell, built exactly as the web page builds it. The shell acts as the
// system (full trust), like `danchu admin`.

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

#include "modules/reports/api.hpp"

namespace danchu::reports {

struct AnnualCommand {
    std::string org_slug;
    int year = 0;
    std::string format = "pdf";
    std::filesystem::path out;
    std::optional<Date>
        date;            // dates the report without taking a number (a draft with a date line)
    bool issue = false;  // takes a number from the register, dated today
};

// Writes the file; prints one line per missing topic on `log`. NotFound for an unknown
// organisation, InvalidInput for a bad format or year.
[[nodiscard]] Status run_annual(ReportServices& rs, const AnnualCommand& cmd, std::ostream& log);

}  // namespace danchu::reports
