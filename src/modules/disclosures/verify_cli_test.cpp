// `danchu verify-ledger --file F --key K` as a user runs it: exit 0 on a good ledger, 1 naming
// the first bad entry after a changed byte, a deleted entry or swapped entries, 2 on misuse.

#include "modules/disclosures/verify_cli.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "modules/disclosures/ledger.hpp"

namespace danchu::disclosures {
namespace {

namespace fs = std::filesystem;

class VerifyLedgerCommand : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("m4-verify-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir_);
        ledger::Seed seed{};
        seed.fill(3);
        const auto k = ledger::key_pair(seed);
        std::string prev(ledger::kGenesis);
        for (int i = 1; i <= 3; ++i) {
            auto e =
                ledger::sign_entry(k, i, prev,
                                   R"({"action":"publish","at":1,"audience":"public","item":)" +
                                       std::to_string(i) + "}");
            prev = e.hash;
            lines_.push_back(ledger::to_line(e));
        }
        key_hex_ = ledger::to_hex(k.public_key.data(), k.public_key.size());
    }
    void TearDown() override { fs::remove_all(dir_); }

    int run(const std::vector<std::string>& lines, const std::string& key) {
        const auto file = dir_ / "ledger.jsonl";
        std::ofstream(file) << [&] {
            std::string s;
            for (const auto& l : lines) s += l + "\n";
            return s;
        }();
        std::ostringstream out, err;
        auto* old_out = std::cout.rdbuf(out.rdbuf());
        auto* old_err = std::cerr.rdbuf(err.rdbuf());
        CLI::App app;
        int exit_code = -1;
        add_verify_ledger_command(app, exit_code);
        std::vector<std::string> args = {key, "--key", file.string(), "--file", "verify-ledger"};
        app.parse(args);  // CLI11 takes the arguments in reverse order
        std::cout.rdbuf(old_out);
        std::cerr.rdbuf(old_err);
        printed_ = out.str();
        return exit_code;
    }

    fs::path dir_;
    std::vector<std::string> lines_;
    std::string key_hex_;
    std::string printed_;
};

TEST_F(VerifyLedgerCommand, GoodLedgerPasses) {
    EXPECT_EQ(run(lines_, key_hex_), 0);
    EXPECT_NE(printed_.find("OK 3 entries"), std::string::npos);
}

TEST_F(VerifyLedgerCommand, ChangedByteFailsNamingTheEntry) {
    auto lines = lines_;
    lines[1].replace(lines[1].find("\"item\":2"), 8, "\"item\":7");
    EXPECT_EQ(run(lines, key_hex_), 1);
    EXPECT_NE(printed_.find("FAIL entry 2"), std::string::npos);
}

TEST_F(VerifyLedgerCommand, DeletedEntryFails) {
    auto lines = lines_;
    lines.erase(lines.begin());
    EXPECT_EQ(run(lines, key_hex_), 1);
    EXPECT_NE(printed_.find("FAIL entry 1"), std::string::npos);
}

TEST_F(VerifyLedgerCommand, SwappedEntriesFail) {
    auto lines = lines_;
    std::swap(lines[1], lines[2]);
    EXPECT_EQ(run(lines, key_hex_), 1);
    EXPECT_NE(printed_.find("FAIL entry 2"), std::string::npos);
}

TEST_F(VerifyLedgerCommand, BadKeyIsAUsageError) { EXPECT_EQ(run(lines_, "not-a-key"), 2); }

}  // namespace
}  // namespace danchu::disclosures
