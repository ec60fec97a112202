#include "app/vn_cli.hpp"

namespace danchu::app {

void add_vn_commands(CLI::App& app, int& exit_code) {
    auto* vn = app.add_subcommand("vn", "Vietnamese calendar, deadlines, formatting, citations");
    vn->require_subcommand(1);
    (void)exit_code;
}

}  // namespace danchu::app
