#pragma once
// Full-text search over Vietnamese text, the same from a module's point of view on both
// engines: a visitor types "duong giao tho" or "đường giao" and finds "Đường giao thông nông
// thôn". Tone and vowel marks are ignored, đ is d, case is ignored, and every word is a prefix.
// The engines differ underneath, so the dialect is chosen here and nowhere else:
//
//   SQLite      an FTS5 table using the tokenizer `danchu` that this file registers on every
//               connection: SQLite's own `unicode61` with `remove_diacritics 2`, plus đ/Đ → d,
//               which unicode61 leaves alone (đ is a letter of its own, not d with a mark).
//   PostgreSQL  a plain table whose `doc` is indexed by GIN over
//               to_tsvector('simple', danchu_fts_fold(doc)); danchu_fts_fold is lower() of
//               the `unaccent` extension (which maps đ → d), wrapped in an IMMUTABLE function
//               because an index expression must be immutable. tsvector's `:*` prefix match
//               uses the GIN index, so "giao tho" needs no trigram index.
//
// An index is a table `<name>(rowid, doc)` created by the owning module's migrations, one per
// dialect (index_ddl() gives the exact statements). Modules write the
// document with put(), delete it with remove(), and filter with the fragment of match_rowids(),
// binding the value of query_text() — never the visitor's raw input:
//
//     auto search = fulltext::parse(raw);            // words only: no operator survives
//     if (!search.empty()) {
//         std::string q = fulltext::query_text(tx.dialect(), search);
//         sql += " AND id IN (" + fulltext::match_rowids(tx.dialect(), "disclosures_fts", "q") +
//         ")";
//         ... use(q, "q") ...
//     }

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "storage/database.hpp"

namespace danchu::storage {
class Transaction;
}

namespace danchu::storage::fulltext {

// The statements that create the index `name` on `dialect`, in order. A module's migrations
// hold the same text (an `NNNN_x.sqlite.sql` and an `NNNN_x.pg.sql` file); tests create
// indexes with it. SQLite: the FTS5 table, with prefixes of 2 to 7 letters indexed (a folded
// Vietnamese syllable has at most 7), so a prefix query reads one doclist lazily, newest first,
// and stops with the LIMIT; an unindexed prefix makes FTS5 merge the doclists of every matching
// term first (measured: 21 ms against 0.1 ms for "muc cong" over 100,000 titles). PostgreSQL: an
// advisory lock that serialises concurrent first migrations of one database (CREATE EXTENSION IF
// NOT EXISTS is not safe against a race), the `unaccent` extension, danchu_fts_fold, the table and
// its GIN index.
[[nodiscard]] std::vector<std::string> index_ddl(Dialect dialect, std::string_view name);

// Bounds on what a search may ask: input beyond them is ignored, not an error.
inline constexpr std::size_t kMaxWords = 12;
inline constexpr std::size_t kMaxWordBytes = 60;

// A visitor's search reduced to words: maximal runs of letters, digits and combining marks
// (Unicode), anything else (quotes, *, -, parentheses, NUL, invalid UTF-8) separates them. Words
// keep their marks and case: the engines fold them exactly as they fold the documents.
struct Search {
    std::vector<std::string> words;
    [[nodiscard]] bool empty() const { return words.empty(); }
};
[[nodiscard]] Search parse(std::string_view input);

// The value to bind for match_condition() on `dialect`: every word must occur in the document, as
// a prefix of one of its words. SQLite: `"w1"* "w2"*`; PostgreSQL: `'w1':* & 'w2':*`.
[[nodiscard]] std::string query_text(Dialect dialect, const Search& search);

// The condition "the document matches :bind" on the index table, which must appear in FROM
// under its own name (no alias: FTS5 matches against the table's name). For a query driven by
// the index, newest first:
//     FROM idx CROSS JOIN items i WHERE <condition> AND i.id = idx.rowid ORDER BY idx.rowid DESC
// (CROSS JOIN makes SQLite read the index first; FTS5 then streams rowids in descending order
// and stops with the LIMIT). `index` and `bind` are identifiers from code ([a-z0-9_]); anything
// else throws std::invalid_argument.
[[nodiscard]] std::string match_condition(Dialect dialect, std::string_view index,
                                          std::string_view bind);

// `SELECT rowid FROM <index> WHERE <match_condition>`, for an IN (...) filter.
[[nodiscard]] std::string match_rowids(Dialect dialect, std::string_view index,
                                       std::string_view bind);

// Writes (or replaces) the document `rowid` of `index`; remove() deletes it (no row: no-op).
[[nodiscard]] Status put(Transaction& tx, std::string_view index, std::int64_t rowid,
                         const std::string& doc);
[[nodiscard]] Status remove(Transaction& tx, std::string_view index, std::int64_t rowid);

namespace native_hook {
// Registers the `danchu` FTS5 tokenizer on a SQLite connection (`sqlite3*`); called by
// native::connect for every new connection. Returns an SQLite result code.
int register_sqlite_tokenizer(void* sqlite3_connection);
}  // namespace native_hook

}  // namespace danchu::storage::fulltext
