// disclosures_bench_sql DB < statements.sql: runs SQL on a SQLite database through the storage
// layer, in one transaction, so that full-text indexes using the `danchu` tokenizer (which the
// sqlite3 shell does not know) can be written. Used by bench/disclosures.sh to add 100,000
// items to the board; not installed.

#include <iostream>
#include <iterator>
#include <string>

#include "storage/migrations.hpp"
#include "storage/transaction.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: disclosures_bench_sql DB_PATH < statements.sql\n";
        return 2;
    }
    using namespace danchu::storage;
    auto db = Database::open(std::string("sqlite:") + argv[1]);
    if (!db) {
        std::cerr << db.error().detail << "\n";
        return 1;
    }
    const std::string sql{std::istreambuf_iterator<char>(std::cin), {}};
    auto tx = (*db)->begin(Access::Write);
    for (const auto& statement : split_statements(sql)) tx.session() << statement;
    if (auto st = tx.commit(); !st) {
        std::cerr << st.error().detail << "\n";
        return 1;
    }
    return 0;
}
