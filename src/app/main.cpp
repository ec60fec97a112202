// danchu: one binary, many subcommands. This file only wires the command line to the
// layers and modules (see runtime.cpp for the module list).

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "app/config.hpp"
#include "app/demo.hpp"
#include "app/modules.hpp"
#include "app/runtime.hpp"
#include "app/serve.hpp"
#include "app/vn_cli.hpp"
#include "identity/api.hpp"
#include "modules/disclosures/verify_cli.hpp"
#include "modules/reports/cli.hpp"

namespace {

using namespace danchu;

struct CommonOptions {
    std::string config_path;
    std::string db;
    std::string listen;
};

void add_common(CLI::App* cmd, CommonOptions& o, bool with_listen) {
    cmd->add_option("--config", o.config_path,
                    "TOML configuration file (default config/danchu.toml)");
    cmd->add_option("--db", o.db,
                    "Database: sqlite:PATH (default sqlite:data/danchu.db) or postgresql://… "
                    "(also DANCHU_DB)");
    if (with_listen)
        cmd->add_option("--listen", o.listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
}

// Prints one clear line and returns 2 for a user's mistake, 1 for broken infrastructure.
int report(const Error& e) {
    std::cerr << "danchu: " << (e.detail.empty() ? e.message_key : e.detail) << "\n";
    return e.code == ErrorCode::InvalidInput || e.code == ErrorCode::Conflict ||
                   e.code == ErrorCode::NotFound
               ? 2
               : 1;
}

Result<std::unique_ptr<app::Runtime>> open(const CommonOptions& o) {
    auto config = app::load_config(
        o.config_path.empty() ? std::nullopt : std::optional<std::filesystem::path>(o.config_path));
    if (!config) return config.error();
    if (!o.db.empty()) config->db_url = o.db;
    if (!o.listen.empty())
        if (auto st = app::apply_listen(*config, o.listen); !st) return st.error();
    spdlog::set_level(spdlog::level::from_str(config->log_level));
    return app::open_runtime(std::move(*config));
}

// Opens the runtime and applies pending migrations: what every data command but `migrate`
// (which reports what it applied) starts with.
Result<std::unique_ptr<app::Runtime>> open_migrated(const CommonOptions& o) {
    auto rt = open(o);
    if (!rt) return rt.error();
    if (auto applied = app::migrate(*(*rt)->db, (*rt)->clock); !applied) return applied.error();
    return rt;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"danchu — phần mềm thực hiện dân chủ ở cơ sở (grassroots democracy platform)"};
    app.require_subcommand(1);
    int exit_code = 0;

    CommonOptions serve_opts, migrate_opts, demo_opts, admin_opts, config_opts;

    auto* serve = app.add_subcommand("serve", "Serve the web site (migrates first)");
    add_common(serve, serve_opts, true);
    serve->callback([&] {
        auto rt = open_migrated(serve_opts);
        if (!rt) {
            exit_code = report(rt.error());
            return;
        }
        exit_code = app::serve(**rt);
    });

    auto* migrate = app.add_subcommand("migrate", "Apply pending database migrations");
    add_common(migrate, migrate_opts, false);
    migrate->callback([&] {
        auto rt = open(migrate_opts);
        if (!rt) {
            exit_code = report(rt.error());
            return;
        }
        auto applied = app::migrate(*(*rt)->db, (*rt)->clock);
        if (!applied) {
            exit_code = report(applied.error());
            return;
        }
        std::cout << "migrate: " << applied->size() << " migration(s) applied\n";
        for (const auto& label : *applied) std::cout << "  " << label << "\n";
    });

    auto* demo = app.add_subcommand("demo", "Load the fictional demo data into a new database");
    add_common(demo, demo_opts, false);
    demo->callback([&] {
        auto rt = open_migrated(demo_opts);
        if (!rt) {
            exit_code = report(rt.error());
            return;
        }
        bool already = false;
        auto logins = app::load_demo(**rt, &already);
        if (!logins) {
            exit_code = report(logins.error());
            return;
        }
        if (already) {
            std::cout << "demo: the database already has organisations; nothing loaded\n";
            return;
        }
        std::cout << "demo: loaded. Demo logins (password \"" << app::kDemoPassword << "\"):\n";
        for (const auto& l : *logins)
            std::cout << "  " << l.username << "  (" << l.role << ", " << l.org_slug << ")\n";
    });

    auto* admin = app.add_subcommand("admin", "Bootstrap accounts from the shell");
    admin->require_subcommand(1);
    auto* create_user =
        admin->add_subcommand("create-user", "Create a person, optionally with a role");
    add_common(create_user, admin_opts, false);
    std::string username, full_name, password, org_slug, role_name = "member", title;
    bool password_stdin = false;
    create_user->add_option("--username", username, "Login name (a-z 0-9 . _ -)")->required();
    create_user->add_option("--name", full_name, "Full name, e.g. \"Nguyễn Văn An\"")->required();
    create_user->add_option("--password", password, "Password (prefer --password-stdin)");
    create_user->add_flag("--password-stdin", password_stdin,
                          "Read the password from standard input");
    create_user->add_option("--org", org_slug, "Organisation slug to grant a role in");
    create_user->add_option("--role", role_name,
                            "member, officer, secretary, head, inspector, union, admin, reviewer");
    create_user->add_option("--title", title, "Position shown in member lists");
    create_user->callback([&] {
        if (password_stdin) std::getline(std::cin, password);
        auto role = identity::parse_role(role_name);
        if (!role) {
            exit_code =
                report(fail(ErrorCode::InvalidInput, "", {}, "unknown role '" + role_name + "'"));
            return;
        }
        auto rt = open_migrated(admin_opts);
        if (!rt) {
            exit_code = report(rt.error());
            return;
        }
        auto& ids = *(*rt)->identity;
        std::optional<identity::Organisation> org;
        if (!org_slug.empty()) {
            org = identity::find_organisation(ids, org_slug);
            if (!org) {
                exit_code =
                    report(fail(ErrorCode::NotFound, "", {}, "no organisation '" + org_slug + "'"));
                return;
            }
        }
        const auto sys = identity::Actor::system("danchu admin");
        auto id = identity::create_person(ids, sys, {username, full_name, password});
        if (!id) {
            std::string fields;
            for (const auto& f : id.error().fields)
                fields += " " + f.field + " (" + f.message_key + ")";
            exit_code = report(fail(
                id.error().code, "", {},
                "cannot create user:" + (fields.empty() ? " " + id.error().message_key : fields)));
            return;
        }
        if (org) {
            if (auto st = identity::grant_role(ids, sys, *id, org->id, *role, title); !st) {
                exit_code = report(st.error());
                return;
            }
        }
        std::cout << "created user " << username << " (id " << id->value << ")\n";
    });

    auto* config_cmd = app.add_subcommand("config", "Print the effective configuration");
    add_common(config_cmd, config_opts, true);
    config_cmd->callback([&] {
        auto config =
            app::load_config(config_opts.config_path.empty()
                                 ? std::nullopt
                                 : std::optional<std::filesystem::path>(config_opts.config_path));
        if (!config) {
            exit_code = report(config.error());
            return;
        }
        if (!config_opts.db.empty()) config->db_url = config_opts.db;
        if (!config_opts.listen.empty())
            if (auto st = app::apply_listen(*config, config_opts.listen); !st) {
                exit_code = report(st.error());
                return;
            }
        std::cout << app::describe(*config);
    });

    // danchu report annual: the annual grassroots-democracy report as DOCX, PDF or Markdown.
    CommonOptions report_opts;
    reports::AnnualCommand annual_cmd;
    std::string report_date;
    auto* report_cmd = app.add_subcommand("report", "Build official reports from the data");
    report_cmd->require_subcommand(1);
    auto* annual =
        report_cmd->add_subcommand("annual", "Annual report on implementing grassroots democracy");
    add_common(annual, report_opts, false);
    annual->add_option("--org", annual_cmd.org_slug, "Organisation slug")->required();
    annual->add_option("--year", annual_cmd.year, "Report year, e.g. 2021")->required();
    annual->add_option("--format", annual_cmd.format, "docx, pdf, md or xlsx (default pdf)");
    annual->add_option("--out", annual_cmd.out, "Output file")->required();
    annual->add_option("--date", report_date,
                       "Date line YYYY-MM-DD (default: left for the records office)");
    annual->add_flag("--issue", annual_cmd.issue, "Take a number from the register, dated today");
    annual->callback([&] {
        if (!report_date.empty()) {
            annual_cmd.date = parse_iso_date(report_date);
            if (!annual_cmd.date) {
                exit_code = report(
                    fail(ErrorCode::InvalidInput, "", {}, "bad --date '" + report_date + "'"));
                return;
            }
        }
        auto rt = open_migrated(report_opts);
        if (!rt) {
            exit_code = report(rt.error());
            return;
        }
        auto table = vn::AbbreviationTable::load();
        if (!table) {
            exit_code = report(table.error());
            return;
        }
        reports::ReportServices rs{*(*rt)->identity, (*rt)->clock, *table, {}};
        auto sources = app::add_report_sources(**rt, rs);
        if (!sources) {
            exit_code = report(sources.error());
            return;
        }
        if (auto st = reports::run_annual(rs, annual_cmd, std::cerr); !st)
            exit_code = report(st.error());
    });

    app::add_vn_commands(app, exit_code);
    disclosures::add_verify_ledger_command(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    } catch (const std::exception& e) {
        std::cerr << "danchu: " << e.what() << "\n";
        return 1;
    }
    return exit_code;
}
