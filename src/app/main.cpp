// danchu: one binary, many subcommands. This file only wires the command line to the
// layers and modules; the order modules are listed in is the order of their migrations.

#include <CLI/CLI.hpp>
#include <iostream>

#include "app/vn_cli.hpp"

int main(int argc, char** argv) {
    CLI::App app{"danchu — grassroots democracy platform (dân chủ ở cơ sở)"};
    app.require_subcommand(1);
    int exit_code = 0;
    danchu::app::add_vn_commands(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    return exit_code;
}
