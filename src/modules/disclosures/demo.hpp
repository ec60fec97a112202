#pragma once
// Demo data: the seed department's disclosures (the seed report's kinds, dated 2024) (budget
// estimate and execution, internal spending rules, salary step raises, evaluation, rewards and
// discipline, asset and income declarations, the democracy regulation, superior directives) with
// its staff's acknowledgements, and a commune's disclosures posted on the notice board and read on
// the loudspeaker. Published through the commands, each on its own historical date.

#include "core/result.hpp"
#include "modules/disclosures/api.hpp"

namespace danchu::disclosures {

// Does nothing for organisations that are missing (a database without the identity demo).
[[nodiscard]] Status load_demo(DisclosureServices& s);

}  // namespace danchu::disclosures
