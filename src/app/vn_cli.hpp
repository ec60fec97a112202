#pragma once
// `danchu vn …`: the Vietnamese calendar, deadline, number and citation tools, for officers
// and for tests. Output formats are stable (see src/vn/README.md).

#include <CLI/CLI.hpp>

namespace danchu::app {

// Adds the `vn` subcommand tree to `app`. Each leaf sets `exit_code` when it runs:
// 0 on success, 2 on bad input (with one line on stderr).
void add_vn_commands(CLI::App& app, int& exit_code);

}  // namespace danchu::app
